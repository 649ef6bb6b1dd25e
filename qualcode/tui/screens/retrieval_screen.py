"""The retrieval screen: every coded segment of a code, a group or a query, as quotes, with filters and coding.

The segments come from :func:`qualcode.analysis.retrieval.retrieve` in a thread worker that posts
the rows of each document as it reads them, so long results appear progressively; a new query or
filter cancels the running one. Coding from the list goes through the app's store queue, like the
workbench, and reads the results again when it is written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from time import monotonic
from typing import cast

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.worker import get_current_worker

from qualcode.domain.display_text import display_text
from qualcode.domain.code_query import QueryError, parse_query
from qualcode.domain.language import _, ngettext
from qualcode.domain.models import Codebook, Coder, Coding
from qualcode.domain.retrieval import RetrievalFilters, RetrievedSegment
from qualcode.export.report_files import EXPORTS_FOLDER
from qualcode.storage.actions import ActionRecord, redo, undo
from qualcode.storage.cases import list_cases
from qualcode.storage.coding_actions import apply_code, remove_codings, set_coding_memo
from qualcode.storage.codings import list_codings
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.tui.store_tasks import StoreQueue, StoreTask
from qualcode.tui.coding_display import own_codings_at
from qualcode.tui.messages import RetrievalFinished, RowsArrived
from qualcode.tui.retrieval_choices import (
    CONTEXTS, RetrievalState, RowKey, attribute_values, coder_choices, describe_attributes, row_key,
)
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.code_picker import CodePicker, PickedCode
from qualcode.tui.screens.disagreement_screen import TranscriptLocation
from qualcode.tui.screens.help_screen import HelpScreen, HelpSection, binding_sections
from qualcode.tui.screens.memo_editor import MemoEditor
from qualcode.tui.screens.selection_dialog import SelectionDialog
from qualcode.tui.widgets.codebook_tree import code_colour
from qualcode.tui.widgets.retrieval_list import RetrievalList
from qualcode.tui.settings_line import settings_line
from qualcode.tui.undo_messages import REDONE, UNDONE, undo_message

RETRIEVAL_GROUP = "retrieval"
BATCH_SECONDS = 0.15
"""After the first document, rows are posted at most this often, so the list is drawn between batches."""
CODE_HOTKEYS = tuple(str(digit) for digit in range(10)) + tuple(f"f{n}" for n in range(1, 13))


@dataclass(frozen=True)
class RetrievalResult:
    """What the screen dismisses with: its state to come back to, and the span ``enter`` asked to see."""

    state: RetrievalState
    location: TranscriptLocation | None = None


class RetrievalScreen(Screen[RetrievalResult]):
    """Quotes in document order; filters at the top; enter shows one in the workbench."""

    DEFAULT_CSS = """
    RetrievalScreen #retrieval-query { height: 1; border: none; padding: 0 1; background: $boost; }
    RetrievalScreen #retrieval-query:focus { background: $accent 25%; }
    RetrievalScreen #retrieval-error { display: none; height: auto; padding: 0 1; }
    RetrievalScreen #retrieval-error.shown { display: block; }
    RetrievalScreen #retrieval-filters { height: auto; background: $panel; padding: 0 1; }
    RetrievalScreen #retrieval-counts { height: 1; padding: 0 1; color: $text-muted; }
    RetrievalScreen #retrieval-list { height: 1fr; border: none; padding: 0 1; }
    """

    BINDINGS = [
        Binding("slash", "edit_query", _("Query"), id="retrieval.query",
                tooltip=_("Type a query: code ids, globs, AND, OR, NOT, NEAR n, FOLLOWED BY n, TEXT, WHERE, CODER.")),
        Binding("v", "cycle_coders", _("Coders"), id="retrieval.coders",
                tooltip=_("Whose codings: mine, all, the consensus, or one other coder (cycles).")),
        Binding("a", "choose_attributes", _("Cases"), id="retrieval.attributes",
                tooltip=_("Only cases with these attribute values (tick any; values of one attribute are alternatives).")),
        Binding("d", "choose_documents", _("Documents"), show=False, id="retrieval.documents",
                tooltip=_("Only these documents (tick any; none ticked: every document).")),
        Binding("p", "toggle_roles", _("Speakers"), id="retrieval.speakers",
                tooltip=_("What respondents said only, or every speaker, the interviewer too.")),
        Binding("w", "cycle_context", _("Context"), id="retrieval.context",
                tooltip=_("How much context around each quote, greyed: none, about 120 or 300 characters (cycles).")),
        Binding("c", "pick_code", _("Code"), id="retrieval.code",
                tooltip=_("Add a code to the highlighted segment (fuzzy picker), as in the workbench.")),
        Binding("x", "remove_coding", _("Remove"), show=False, id="retrieval.remove",
                tooltip=_("Remove one of your codings on the highlighted segment.")),
        Binding("m", "edit_memo", _("Memo"), id="retrieval.memo",
                tooltip=_("Write or edit the memo of your coding on the highlighted segment.")),
        Binding("u,ctrl+z", "undo", _("Undo"), id="retrieval.undo", tooltip=_("Undo your last action, as in the workbench.")),
        Binding("ctrl+y", "redo", _("Redo"), show=False, id="retrieval.redo", tooltip=_("Redo what you undid.")),
        Binding("e", "export_quotes", _("Export"), show=False, id="retrieval.export",
                tooltip=_("Write these quotes as a quote book (Word or markdown, per code) into the exports folder.")),
        Binding("question_mark", "help", _("Help"), id="retrieval.help", tooltip=_("Every key and what it does.")),
        Binding("escape,f", "close", _("Back"), id="retrieval.close",
                tooltip=_("Back to the workbench (from the query: back to the list).")),
        *(Binding(key, f"apply_hotkey('{key}')", _("Apply code by hotkey"), show=False, id=f"retrieval.hotkey-{key}")
          for key in CODE_HOTKEYS),
    ]

    def __init__(self, store: ProjectStore, coder: Coder, codebook: Codebook, coders: list[str],
                 documents: list[str], state: RetrievalState) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.codebook = codebook
        self.coders = coder_choices(coder.name, coders)
        self.documents = documents
        self.state = state
        self.attributes: dict[str, tuple[str, ...]] = {}
        self._run = 0
        self._arrived = False
        self._running = False
        self._good_query = state.query

    @property
    def qualcode(self) -> StoreQueue:
        return cast("StoreQueue", self.app)

    @property
    def listing(self) -> RetrievalList:
        return self.query_one("#retrieval-list", RetrievalList)

    def compose(self) -> ComposeResult:
        yield Input(self.state.query, placeholder=_("a code id, a group id or a query, e.g. belemmerend/* AND NOT "
                                                  "CODER daan"), id="retrieval-query")
        yield Static(id="retrieval-error")
        yield Static(id="retrieval-filters")
        yield Static(id="retrieval-counts")
        yield RetrievalList(id="retrieval-list")
        yield Footer()

    def on_mount(self) -> None:
        self.listing.focus()
        self._show_filters()
        store = self.store
        self.qualcode.submit(StoreTask(_("read the case attributes"), lambda: attribute_values(list_cases(store)),
                                       self._attributes_read))
        self.rerun()

    def _attributes_read(self, values: dict[str, tuple[str, ...]]) -> None:
        self.attributes = values

    # --- running the query ------------------------------------------------------------------------

    @property
    def shown(self) -> bool:
        """False once the screen is gone (a store call written after escape must not touch it)."""
        return self in self.app.screen_stack

    def rerun(self, row: RowKey | None = None) -> None:
        """Retrieve again with the current state, keeping the highlighted row (or going to ``row``)."""
        if not self.shown:
            return
        if self._arrived and self.listing.current is not None:
            self.state = self.state.at(row or row_key(self.listing.current), self.listing.highlighted)
        self._run += 1
        self._arrived = False
        self._running = True
        self._show_counts()
        self._retrieve(self._run, self.state.query, self.state.filters, self.state.context)

    @work(thread=True, exclusive=True, group=RETRIEVAL_GROUP, exit_on_error=False, name="retrieve the segments")
    def _retrieve(self, run: int, query: str, filters: RetrievalFilters, context: int) -> None:
        from qualcode.analysis.retrieval import retrieve

        worker = get_current_worker()
        batch: list[RetrievedSegment] = []
        posted = None  # the first document's rows go at once, later ones gathered for BATCH_SECONDS
        try:
            for segment in retrieve(self.store, query, filters=filters, context=context):
                if worker.is_cancelled:
                    return
                if batch and segment.document_id != batch[-1].document_id and (
                        posted is None or monotonic() - posted >= BATCH_SECONDS):
                    self.post_message(RowsArrived(run, tuple(batch)))
                    batch, posted = [], monotonic()
                batch.append(segment)
        except (QueryError, ProjectError) as error:
            self.post_message(RetrievalFinished(run, error))
            return
        if batch:
            self.post_message(RowsArrived(run, tuple(batch)))
        self.post_message(RetrievalFinished(run))

    def on_rows_arrived(self, message: RowsArrived) -> None:
        if message.run != self._run:
            return
        listing = self.listing
        if not self._arrived:  # the old rows stay until the new ones come, so nothing flickers
            self._arrived = True
            listing.replace(message.segments, self.codebook, self.state.context)
            listing.go_to(0)
        else:
            listing.append(message.segments)
        wanted = listing.index_of(self.state.row)
        if wanted is not None and self.state.row is not None:
            listing.go_to(wanted)
            self.state = self.state.at(None, wanted)
        self._show_counts()

    def on_retrieval_finished(self, message: RetrievalFinished) -> None:
        if message.run != self._run:
            return
        self._running = False
        if message.error is not None:  # the rows and the query stay what they were
            self._show_error(self.state.query, message.error)
            self.state = replace(self.state, query=self._good_query)
            self._arrived = True
            self._show_counts()
            return
        self._good_query = self.state.query
        self.query_one("#retrieval-error", Static).remove_class("shown")
        if not self._arrived:
            self._arrived = True
            self.listing.replace((), self.codebook, self.state.context)
        elif self.state.row is not None:  # the row that was highlighted is gone: stay at its place
            self.listing.go_to(self.state.row_index)
            self.state = self.state.at(None, self.state.row_index)
        self._show_counts()

    # --- showing ----------------------------------------------------------------------------------

    def _show_filters(self) -> None:
        filters = self.state.filters
        settings = (("v", _("coders"), self.state.coder_label), ("a", _("cases"), describe_attributes(filters.attributes)),
                    ("d", _("documents"), ", ".join(filters.documents) if filters.documents else _("all")),
                    ("p", _("speakers"), _("respondents") if filters.roles else _("everyone")),
                    ("w", _("context"), _("{count} chars").format(count=self.state.context) if self.state.context
                     else _("none")))
        self.query_one("#retrieval-filters", Static).update(settings_line(settings))

    def _show_counts(self) -> None:
        segments, documents, cases, coders = self.listing.counts() if self._arrived else (0, 0, 0, 0)
        counts = " · ".join((
            ngettext("{count:,} segment", "{count:,} segments", segments).format(count=segments),
            ngettext("{count:,} document", "{count:,} documents", documents).format(count=documents),
            ngettext("{count:,} case", "{count:,} cases", cases).format(count=cases),
            ngettext("{count:,} coder", "{count:,} coders", coders).format(count=coders)))
        if self._running:
            counts = _("Retrieving…") + " " + (counts if self._arrived else "")
        elif not segments:
            counts += " · " + _("nothing matches: / changes the query, v a d p the filters")
        self.query_one("#retrieval-counts", Static).update(counts)

    def _show_error(self, query: str, error: QueryError | ProjectError) -> None:
        text = Text()
        if isinstance(error, QueryError):
            text.append(f"  {query}\n", style="bold")
            text.append(" " * (2 + min(error.position, len(query))) + "^ ", style="bold red")
        text.append(str(error), style="red")
        widget = self.query_one("#retrieval-error", Static)
        widget.update(text)
        widget.add_class("shown")

    # --- the query and the filters -----------------------------------------------------------------

    def action_edit_query(self) -> None:
        self.query_one("#retrieval-query", Input).focus()

    @on(Input.Submitted, "#retrieval-query")
    def _query_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        try:
            parse_query(query)
        except QueryError as error:
            self._show_error(query, error)
            return
        self.query_one("#retrieval-error", Static).remove_class("shown")
        self.state = replace(self.state, query=query, row=None, row_index=0)
        self._arrived = False
        self.listing.focus()
        self.rerun()

    def _change(self, **changes) -> None:
        self.state = replace(self.state, **changes)
        self._show_filters()
        self.rerun()

    def _filters(self, **changes) -> RetrievalFilters:
        return replace(self.state.filters, **changes)

    def action_cycle_coders(self) -> None:
        labels = [choice.label for choice in self.coders]
        index = labels.index(self.state.coder_label) + 1 if self.state.coder_label in labels else 0
        choice = self.coders[index % len(self.coders)]
        self._change(coder_label=choice.label, filters=self._filters(coders=choice.coders))

    def action_toggle_roles(self) -> None:
        self._change(filters=self._filters(roles=None if self.state.filters.roles else ("respondent",)))

    def action_cycle_context(self) -> None:
        index = CONTEXTS.index(self.state.context) + 1 if self.state.context in CONTEXTS else 0
        self._change(context=CONTEXTS[index % len(CONTEXTS)])

    def action_choose_attributes(self) -> None:
        if not self.attributes:
            self.notify(_("The cases have no attributes: import a cases CSV (qualcode cases import) first."), timeout=5)
            return
        chosen = {(name, value) for name, values in self.state.filters.attributes for value in values}
        choices = [(f"{name} = {value}", (name, value), (name, value) in chosen)
                   for name, values in self.attributes.items() for value in values]
        self.app.push_screen(SelectionDialog(_("Cases"), _("Only segments of cases with these values:"), choices),
                             self._attributes_chosen)

    def _attributes_chosen(self, ticked: list[tuple[str, str]] | None) -> None:
        if ticked is None:
            return
        by_name: dict[str, list[str]] = {}
        for name, value in ticked:
            by_name.setdefault(name, []).append(value)
        self._change(filters=self._filters(attributes=tuple((name, tuple(values)) for name, values in by_name.items())))

    def action_choose_documents(self) -> None:
        chosen = set(self.state.filters.documents or ())
        choices = [(name, name, name in chosen) for name in self.documents]
        self.app.push_screen(SelectionDialog(_("Documents"), _("Only segments of these documents:"), choices),
                             lambda ticked: ticked is not None and self._change(
                                 filters=self._filters(documents=tuple(ticked) or None)))

    # --- coding from the list -------------------------------------------------------------------------

    def _segment(self) -> RetrievedSegment | None:
        segment = self.listing.current
        if segment is None:
            self.notify(_("No segment here."), timeout=3)
        return segment

    def _submit(self, description: str, run, done=None) -> None:
        """Run a store call in the app's queue, then ``done(result)``, which may name the row to show after."""
        def written(result) -> None:
            self.rerun(done(result) if done is not None else None)

        self.qualcode.submit(StoreTask(description, run, written))

    def action_apply_hotkey(self, key: str) -> None:
        code = next((code for code in self.codebook.codes if code.hotkey == key), None)
        if code is None:
            self.notify(_("No code has the hotkey {key}.").format(key=key), timeout=3)
        else:
            self._apply(code.id)

    def action_pick_code(self) -> None:
        segment = self._segment()
        if segment is not None:
            group = self.codebook.groups[0] if self.codebook.groups else None
            self.app.push_screen(CodePicker(self.codebook, group, _("the segment")), self._code_picked)

    def _code_picked(self, picked: PickedCode | None) -> None:
        if picked is not None and picked.code_id is None:
            self.notify(_("Create new codes in the workbench (c there) or the codebook screen."), timeout=4)
        elif picked is not None:
            self._apply(picked.code_id)

    def _apply(self, code_id: int) -> None:
        segment = self._segment()
        if segment is None:
            return
        store, coder_id = self.store, self.coder.id
        name = self.codebook.code_by_id(code_id).name
        self._submit(_("apply the code"), lambda: apply_code(store, coder_id=coder_id, document_id=segment.document_id,
                                                          code_id=code_id, start=segment.start, end=segment.end),
                     lambda applied: self.notify(f"{name}: " + (_("applied (u undoes).") if applied.created
                                                                else _("already on this segment.")), timeout=3))

    def _with_my_codings(self, then) -> None:
        """Read the highlighted segment's document and call ``then(segment, my codings on it)``."""
        segment = self._segment()
        if segment is None:
            return
        store, coder_id = self.store, self.coder.id
        self.qualcode.submit(StoreTask(_("read the codings"), lambda: own_codings_at(
            list_codings(store, document_id=segment.document_id), coder_id, segment.start, segment.end),
            lambda mine: self.shown and then(segment, mine)))

    def _label(self, coding: Coding, segment: RetrievedSegment) -> Text:
        code = self.codebook.code_by_id(coding.code_id)
        label = Text("▌ ", style=code_colour(self.codebook, code) if code else "")
        label.append(code.name if code else "?")
        if (coding.start, coding.end) != (segment.start, segment.end):
            inside = segment.text[max(0, coding.start - segment.start):max(0, coding.end - segment.start)]
            words = " ".join(inside.split())
            label.append("  " + (_("(part: “{words}”)").format(words=display_text(words[:30]) + (
                "…" if len(words) > 30 else "")) if words else _("(another part of the turn)")), style="dim")
        return label

    def action_remove_coding(self) -> None:
        self._with_my_codings(self._remove_from)

    def _remove_from(self, segment: RetrievedSegment, mine: list[Coding]) -> None:
        if not mine:
            self.notify(_("You have no coding on this segment."), timeout=3)
        elif len(mine) == 1:
            self._remove([mine[0].id])
        else:
            choices = [(self._label(coding, segment), [coding.id]) for coding in mine]
            choices.append((Text(_("all {count} codings").format(count=len(mine)), style="bold"),
                            [coding.id for coding in mine]))
            self.app.push_screen(ChoiceDialog(_("Remove which coding?"), _("Your codings on this segment:"), choices),
                                 lambda ids: ids and self._remove(ids))

    def _remove(self, coding_ids: list[int]) -> None:
        store, coder_id = self.store, self.coder.id
        self._submit(_("remove the coding"), lambda: remove_codings(store, coder_id=coder_id, coding_ids=coding_ids),
                     lambda removed: self.notify(ngettext("Removed {count} coding (u undoes).",
                                                          "Removed {count} codings (u undoes).",
                                                          len(removed)).format(count=len(removed)), timeout=3))

    def action_edit_memo(self) -> None:
        self._with_my_codings(self._memo_on)

    def _memo_on(self, segment: RetrievedSegment, mine: list[Coding]) -> None:
        if not mine:
            self.notify(_("You have no coding on this segment to write a memo on (c codes it)."), timeout=4)
        elif len(mine) == 1:
            self._open_memo(segment, mine[0])
        else:
            self.app.push_screen(ChoiceDialog(_("Memo on which coding?"), "", [
                (self._label(coding, segment), coding) for coding in mine]),
                lambda coding: coding and self._open_memo(segment, coding))

    def _open_memo(self, segment: RetrievedSegment, coding: Coding) -> None:
        code = self.codebook.code_by_id(coding.code_id)
        excerpt = " ".join(segment.text.split())
        context = f"“{excerpt[:200]}{'…' if len(excerpt) > 200 else ''}”"
        store, coder_id = self.store, self.coder.id
        self.app.push_screen(MemoEditor(_("Memo on {code}").format(code=code.name) if code else _("Memo on the coding"),
                                        context, coding.memo),
                             lambda written: written is not None and self._submit(
                                 _("save the memo"),
                                 lambda: set_coding_memo(store, coder_id=coder_id, coding_id=coding.id, memo=written)))

    def action_undo(self) -> None:
        store, coder_id = self.store, self.coder.id
        self._submit(_("undo"), lambda: undo(store, coder_id), partial(self._undone, UNDONE))

    def action_redo(self) -> None:
        store, coder_id = self.store, self.coder.id
        self._submit(_("redo"), lambda: redo(store, coder_id), partial(self._undone, REDONE))

    def _undone(self, verb: str, record: ActionRecord | None) -> RowKey | None:
        """Say what was undone and name its row, so the list shows the segment it was on."""
        self.notify(undo_message(verb, record.description if record else None), timeout=3)
        focus = record.focus if record else None
        return (focus.document_id, focus.start, focus.end, self.coder.name) if focus else None

    # --- the quote book ------------------------------------------------------------------------------

    def action_export_quotes(self) -> None:
        folder = self.store.folder / EXPORTS_FOLDER
        choices = [(_("Word (quotes.docx)"), ("docx", False)), (_("Word, each quote with its memo"), ("docx", True)),
                   (_("Markdown (quotes.md)"), ("md", False)), (_("Markdown, each quote with its memo"), ("md", True))]
        self.app.push_screen(ChoiceDialog(_("Export the quote book"),
                                          _("{query}, with these filters, into {folder}").format(
                                              query=self.state.query, folder=folder), choices), self._export_quotes)

    def _export_quotes(self, choice: tuple[str, bool] | None) -> None:
        if choice is None:
            return
        kind, memos = choice
        store, query, filters = self.store, self.state.query, self.state.filters

        def run() -> tuple[Path, int]:
            from qualcode.analysis.quote_book import quote_book, write_quote_book_docx, write_quote_book_markdown

            book = quote_book(store, query, filters=filters, memos=memos)
            (store.folder / EXPORTS_FOLDER).mkdir(exist_ok=True)
            write = write_quote_book_docx if kind == "docx" else write_quote_book_markdown
            return write(book, store.folder / EXPORTS_FOLDER / f"quotes.{kind}"), sum(
                len(section.quotes) for section in book.sections)

        self.qualcode.submit(StoreTask(_("export the quote book"), run, lambda written: self.notify(
            ngettext("{count} quote in {path}", "{count} quotes in {path}", written[1]).format(
                count=written[1], path=written[0]), title=_("Exported"), timeout=6)))

    # --- leaving -----------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#retrieval-list")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        segment = self.listing.current
        if segment is not None:
            self.dismiss(RetrievalResult(self.current_state,
                                         TranscriptLocation(segment.document_id, segment.start, segment.end)))

    @property
    def current_state(self) -> RetrievalState:
        """The state to come back to: the filters, and the highlighted row."""
        segment = self.listing.current
        return self.state.at(row_key(segment), self.listing.highlighted) if segment else self.state

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {RetrievalScreen: _("Retrieval"), RetrievalList: _("List"),
                                                     App: _("Application")}, ours_only=True)
        sections = [HelpSection(s.title, tuple(row for row in s.rows if row[1] != _("Apply code by hotkey")))
                    for s in sections]
        sections.append(HelpSection(_("In the list"), (
            ("enter", _("Show the segment in the workbench, selected; esc or f there comes back to this row.")),
            ("1-0, F1…", _("Apply the code with that hotkey to the segment.")),
            ("↑ ↓ j k", _("Previous and next segment; pgup, pgdn, home, end.")),
        )))
        self.app.push_screen(HelpScreen(_("Keys: retrieval"), sections))

    def action_close(self) -> None:
        if self.query_one("#retrieval-query", Input).has_focus:
            self.listing.focus()
            return
        self.dismiss(RetrievalResult(self.current_state))
