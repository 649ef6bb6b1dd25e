"""Choose a document's case: type to filter the existing cases, or type a new label; enter links."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from qualcode.domain.display_text import display_text
from qualcode.domain.language import _
from qualcode.tui.screens.dialog_frame import Dialog

NEW_CASE = "new"
NO_CASE = "none"


@dataclass(frozen=True)
class ChosenCase:
    """The case to link the document to (a new or existing label), or None to take it out of its case."""

    label: str | None


class CaseDialog(Dialog[ChosenCase]):
    """The existing cases that match what is typed, a new case with that label, and no case."""

    DEFAULT_CSS = """
    CaseDialog #case-matches { height: auto; max-height: 16; border: none; padding: 0; }
    CaseDialog Input { margin: 0 0 1 0; }
    """

    BINDINGS = [
        Binding("down", "move(1)", "Next case", show=False, id="case.down"),
        Binding("up", "move(-1)", "Previous case", show=False, id="case.up"),
    ]

    def __init__(self, document: str, current: str | None, cases: Sequence[str]) -> None:
        super().__init__()
        self._document = document
        self._current = current
        self._cases = list(cases)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = Text(display_text(_("Case of {document}").format(document=self._document)))
            box.border_subtitle = _("type to filter or name a new case · enter link · esc cancel")
            yield Input(placeholder=_("case label, e.g. R5"), id="case-query")
            yield OptionList(id="case-matches")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    @on(Input.Changed, "#case-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        options = self.query_one("#case-matches", OptionList)
        options.clear_options()
        wanted = " ".join(query.split())
        matches = [label for label in self._cases if wanted.casefold() in label.casefold()]
        for label in matches:
            prompt = Text(display_text(label), no_wrap=True, overflow="ellipsis")
            if label == self._current:
                prompt.append("  " + _("(now)"), style="dim")
            options.add_option(Option(prompt, id=f"case:{label}"))
        if wanted and wanted not in self._cases:
            options.add_option(Option(Text.assemble(("  + ", "bold green"), display_text(
                _("New case “{label}”").format(label=wanted))), id=NEW_CASE))
        if self._current is not None:
            options.add_option(Option(Text(_("No case (take it out of {case})").format(case=display_text(
                self._current)), style="italic"), id=NO_CASE))
        if options.option_count:
            options.highlighted = matches.index(wanted) if wanted in matches else 0

    def action_move(self, step: int) -> None:
        options = self.query_one("#case-matches", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#case-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#case-matches", OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#case-matches")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == NEW_CASE:
            self.dismiss(ChosenCase(" ".join(self.query_one(Input).value.split())))
        elif option_id == NO_CASE:
            self.dismiss(ChosenCase(None))
        elif option_id is not None:
            self.dismiss(ChosenCase(option_id.removeprefix("case:")))
