"""The memo screen: every memo of the project (codings, segments, framework summaries), searchable and filtered.

The memos come from :func:`qualcode.analysis.project_memos.project_memos`, read once through the
app's store queue; searching and filtering happen on what was read, as you type. ``enter`` shows
what a memo belongs to in the workbench.
"""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from qualcode.analysis.project_memos import ProjectMemo, project_memos
from qualcode.domain.models import Codebook, Coder
from qualcode.storage.project_store import ProjectStore
from qualcode.tui.store_tasks import StoreQueue, StoreTask
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.disagreement_screen import TranscriptLocation
from qualcode.tui.screens.help_screen import HelpScreen, binding_sections
from qualcode.tui.widgets.codebook_tree import code_colour
from qualcode.tui.settings_line import settings_line
from qualcode.domain.language import _, ngettext

KIND_LABELS = {"coding": _("coding memo"), "segment": _("segment memo"), "summary": _("framework summary")}


def matches(memo: ProjectMemo, needle: str) -> bool:
    return not needle or needle in memo.text.casefold() or needle in memo.excerpt.casefold()


class MemoScreen(Screen[TranscriptLocation | None]):
    """Memos in document order, summaries last; type to search; enter shows the memo's place."""

    DEFAULT_CSS = """
    MemoScreen #memo-search { height: 1; border: none; padding: 0 1; background: $boost; }
    MemoScreen #memo-search:focus { background: $accent 25%; }
    MemoScreen #memo-filters { height: auto; background: $panel; padding: 0 1; }
    MemoScreen #memo-counts { height: 1; padding: 0 1; color: $text-muted; }
    MemoScreen #memo-list { height: 1fr; border: none; padding: 0 1; }
    """

    BINDINGS = [
        Binding("slash", "search", _("Search"), id="memos.search", tooltip=_("Type words the memo or its text holds.")),
        Binding("v", "cycle_coders", _("Coders"), id="memos.coders",
                tooltip=_("Whose memos: everyone's, mine, or one coder's (cycles).")),
        Binding("c", "choose_code", _("Code"), id="memos.code", tooltip=_("Only the memos on one code's codings.")),
        Binding("question_mark", "help", _("Help"), id="memos.help", tooltip=_("Every key and what it does.")),
        Binding("escape,M", "close", _("Back"), id="memos.close",
                tooltip=_("Back to the workbench (from the search: back to the list).")),
    ]

    def __init__(self, store: ProjectStore, coder: Coder, codebook: Codebook) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.codebook = codebook
        self.memos: list[ProjectMemo] = []
        self.shown_memos: list[ProjectMemo] = []
        self.coder_filter: str | None = None
        self.code_filter: str | None = None

    @property
    def qualcode(self) -> StoreQueue:
        return cast("StoreQueue", self.app)

    @property
    def listing(self) -> OptionList:
        return self.query_one("#memo-list", OptionList)

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_("search the memos and the text they are on"), id="memo-search")
        yield Static(id="memo-filters")
        yield Static(_("Reading the memos…"), id="memo-counts")
        yield OptionList(id="memo-list")
        yield Footer()

    def on_mount(self) -> None:
        self.listing.focus()
        self._show_filters()
        store = self.store
        self.qualcode.submit(StoreTask(_("read the memos"), lambda: project_memos(store), self._read))

    def _read(self, memos: list[ProjectMemo]) -> None:
        self.memos = memos
        self._show()

    # --- showing ----------------------------------------------------------------------------------

    def _show(self) -> None:
        needle = self.query_one("#memo-search", Input).value.strip().casefold()
        self.shown_memos = [memo for memo in self.memos
                            if (self.coder_filter is None or memo.coder == self.coder_filter)
                            and (self.code_filter is None or memo.code == self.code_filter)
                            and matches(memo, needle)]
        listing = self.listing
        listing.clear_options()
        options: list[Option | None] = []
        for memo in self.shown_memos:
            options += [Option(self._prompt(memo)), None]
        listing.add_options(options)
        if self.shown_memos:
            listing.highlighted = 0
        total = len(self.memos)
        self.query_one("#memo-counts", Static).update(
            ngettext("{shown} of {total} memo", "{shown} of {total} memos", total).format(
                shown=len(self.shown_memos), total=total)
            + ("" if self.shown_memos or not total else " · " + _("nothing matches: / v c change the search and filters")))

    def _prompt(self, memo: ProjectMemo) -> Text:
        text = Text()
        where = [KIND_LABELS[memo.kind], memo.document or "", memo.case or "", memo.coder or ""]
        text.append(" · ".join(part for part in where if part), style="dim")
        code = self.codebook.code_by_key(memo.code) if memo.code else None
        if code is not None:
            text.append("  ■ ", style=code_colour(self.codebook, code))
            text.append(code.name, style="dim")
        text.append(f"\n“{memo.excerpt}”", style="dim italic")
        text.append("\n✎ " + " ".join(memo.text.split()))
        return text

    def _show_filters(self) -> None:
        code = self.codebook.code_by_key(self.code_filter) if self.code_filter else None
        self.query_one("#memo-filters", Static).update(settings_line(
            (("v", _("coders"), self.coder_filter or _("all")), ("c", _("code"), code.name if code else _("all")),
             ("/", _("search"), ""))))

    # --- searching and filtering -------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#memo-search", Input).focus()

    @on(Input.Changed, "#memo-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._show()

    @on(Input.Submitted, "#memo-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.listing.focus()

    def action_cycle_coders(self) -> None:
        others = sorted({memo.coder for memo in self.memos if memo.coder} - {self.coder.name})
        choices = [None, self.coder.name, *others]
        index = choices.index(self.coder_filter) + 1 if self.coder_filter in choices else 0
        self.coder_filter = choices[index % len(choices)]
        self._show_filters()
        self._show()

    def action_choose_code(self) -> None:
        used = {memo.code for memo in self.memos if memo.code}
        codes = [code for code in self.codebook.codes if code.key in used]
        choices: list[tuple[Text | str, str]] = [(_("every code"), "")]
        for code in codes:
            label = Text("■ ", style=code_colour(self.codebook, code))
            label.append(code.name)
            choices.append((label, code.key))
        current = next((n for n, (_, key) in enumerate(choices) if key == (self.code_filter or "")), 0)
        self.app.push_screen(ChoiceDialog(_("Memos on which code?"), "", choices, highlighted=current),
                             self._code_chosen)

    def _code_chosen(self, key: str | None) -> None:
        if key is None:  # cancelled
            return
        self.code_filter = key or None
        self._show_filters()
        self._show()

    # --- leaving -----------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#memo-list")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        memo = self.shown_memos[event.option_index]
        if memo.document_id is None or memo.start is None:
            self.notify(_("A framework summary belongs to a code and a case, not to a place in a transcript."),
                        timeout=4)
            return
        self.dismiss(TranscriptLocation(memo.document_id, memo.start, memo.end))

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {MemoScreen: _("Memos"), App: _("Application")}, ours_only=True)
        self.app.push_screen(HelpScreen(_("Keys: memos"), sections))

    def action_close(self) -> None:
        if self.query_one("#memo-search", Input).has_focus:
            self.listing.focus()
            return
        self.dismiss(None)
