"""The workbench: documents, transcript, codebook, segment panel and status line, and every coding action.

Widgets hold view state and post what the researcher wants; this screen turns that into store
calls through :meth:`QualcodeApp.submit` and shows the result when it is committed, so what is
on screen is what is in the project.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from qualcode.domain.display_text import display_text
from qualcode.domain.language import _
from qualcode.domain.models import Coder, Coding, CodingOrigin, Memo, Segment, Unit
from qualcode.domain.retrieval import RetrievalFilters
from qualcode.storage.actions import ActionRecord, Focus, redo, undo
from qualcode.storage.cases import list_cases
from qualcode.storage.change_feed import ChangeFeed
from qualcode.storage.codebook_editing import add_code
from qualcode.storage.coding_actions import AppliedCode, apply_code, remove_codings, set_coding_memo
from qualcode.storage.coding_counts import CodeUsage
from qualcode.storage.document_state import REIMPORT_ACTION
from qualcode.storage.documents import document_segments
from qualcode.storage.memos import set_segment_memo
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.settings import first_showing
from qualcode.storage.speakers import SPEAKERS_ACTION, change_speakers
from qualcode.storage.text_search import TextHit, search_text
from qualcode.tui.store_tasks import StoreQueue, StoreTask, readable_error
from qualcode.tui.coding_display import View, decorations, own_codings_at, segment_details
from qualcode.tui.commands import CodeCommands, DocumentCommands, WorkbenchCommands
from qualcode.tui.retrieval_choices import RetrievalState, attribute_values, query_for_node
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.code_picker import CodePicker, PickedCode
from qualcode.tui.screens.help_screen import HelpScreen, HelpSection, binding_sections
from qualcode.tui.screens.memo_editor import MemoEditor
from qualcode.tui.screens.speakers_dialog import SpeakerEdit, SpeakersDialog
from qualcode.tui.screens.search_dialog import SearchDialog, SearchResult, hit_position
from qualcode.tui.suggestion_source import (
    LoadedSuggester, Span, load_suggester, record_suggestion_decision, relearn, suggest_for_document,
)
from qualcode.tui.terminal_size import set_size_classes
from qualcode.tui.widgets.codebook_tree import CodebookTree, code_colour, hotkey_label
from qualcode.tui.widgets.document_list import DocumentList
from qualcode.tui.widgets.segment_panel import CodingsView, SegmentPanel, SuggestionItem, SuggestionList
from qualcode.tui.widgets.status_line import StatusLine
from qualcode.tui.widgets.transcript_view import TranscriptView
from qualcode.tui.workbench_data import (
    DocumentData, Overview, Position, Start, load_codings, load_document, load_overview, load_start, save_position,
    share_of,
)

if TYPE_CHECKING:
    from qualcode.importers.stored_speakers import SpeakerFigures
    from qualcode.nlp.suggestion import Suggestion
    from qualcode.tui.screens.disagreement_screen import TranscriptLocation
    from qualcode.tui.screens.retrieval_screen import RetrievalResult

UNITS: tuple[Unit, ...] = ("turn", "paragraph", "sentence")
CODE_HOTKEYS = tuple(str(digit) for digit in range(10)) + tuple(f"f{n}" for n in range(1, 13)) + tuple(
    f"shift+f{n}" for n in range(1, 13))
BACK_TO_RESULTS = "Back to the retrieval list you came from, at the same row and filters."
OFFLINE_NOTICE = "offline-nlp"
SIDEBAR_HINT = "p documents and codebook · ? every key"
POSITION_SAVE_DELAY = 1.5
LIVE_UPDATE_SECONDS = 0.5
"""How often the view of all coders asks whether someone else changed the project."""
NLP_START_DELAY = 0.3


class SuggesterReady(Message):
    def __init__(self, loaded: LoadedSuggester) -> None:
        super().__init__()
        self.loaded = loaded


class SuggesterFailed(Message):
    pass


class SuggestionsReady(Message):
    def __init__(self, document_id: int, unit: Unit, by_span: dict[Span, tuple[Suggestion, ...]]) -> None:
        super().__init__()
        self.document_id = document_id
        self.unit = unit
        self.by_span = by_span


class WorkbenchScreen(Screen[None]):
    """Code one document at a time; everything is written to the project at once."""

    BINDINGS = [
        Binding("j", "next_segment", "Next segment", show=False, id="workbench.next-segment",
                tooltip="Next segment (also ↓ in the transcript)."),
        Binding("k", "previous_segment", "Previous segment", show=False, id="workbench.previous-segment",
                tooltip="Previous segment (also ↑ in the transcript)."),
        Binding("J", "next_segment(True)", "Next respondent segment", show=False, id="workbench.next-respondent",
                tooltip="Next segment said by the respondent (skips the interviewer)."),
        Binding("K", "previous_segment(True)", "Previous respondent segment", show=False,
                id="workbench.previous-respondent", tooltip="Previous segment said by the respondent."),
        Binding("s", "cycle_unit", "Unit", id="workbench.unit",
                tooltip="Walk by turn, paragraph or sentence (cycles)."),
        Binding("c", "pick_code", "Code", id="workbench.code",
                tooltip="Pick a code by typing (fuzzy); enter applies it; a new name creates the code."),
        Binding("x", "remove_coding", "Remove", show=False, id="workbench.remove",
                tooltip="Remove one of your codings here (asks which when there are several)."),
        Binding("m", "edit_memo", "Memo", id="workbench.memo",
                tooltip="Write or edit the memo of a coding here or of the segment."),
        Binding("u,ctrl+z", "undo", "Undo", id="workbench.undo",
                tooltip="Undo your last action (coding, memo or codebook change), even after a restart."),
        Binding("ctrl+y", "redo", "Redo", show=False, id="workbench.redo", tooltip="Redo what you undid."),
        Binding("slash", "search", "Search", id="workbench.search", tooltip="Search the text of all documents."),
        Binding("n", "next_hit", "Next hit", show=False, id="workbench.next-hit", tooltip="Go to the next search hit."),
        Binding("N", "previous_hit", "Previous hit", show=False, id="workbench.previous-hit",
                tooltip="Go to the previous search hit."),
        Binding("v", "toggle_view", "View", id="workbench.view",
                tooltip="Show my codings only, or all coders' side by side."),
        Binding("S", "speakers", "Speakers", show=False, id="workbench.speakers",
                tooltip="The document's speakers with turns, words and questions: rename one, set the interviewer."),
        Binding("b", "codebook", "Codebook", id="workbench.codebook",
                tooltip="Edit the codebook: add, rename, move, merge, delete codes and groups."),
        Binding("i", "agreement", "Agreement", id="workbench.agreement",
                tooltip="Inter-coder agreement per code; settle disagreements into the consensus coder."),
        Binding("R", "reports", "Reports", id="workbench.reports",
                tooltip="Code frequencies with bars, codes × documents/cases/attribute, co-occurrence; export."),
        Binding("f", "retrieve", "Retrieve", id="workbench.retrieve",
                tooltip="Every coded segment of the highlighted code or group, or of a query, as quotes; "
                        "after enter there, f or esc goes back to the results."),
        Binding("M", "memos", "Memos", show=False, id="workbench.memos",
                tooltip="Every memo of the project, searchable, by coder and code; enter shows its place."),
        Binding("X", "crosstab", "Crosstab", show=False, id="workbench.crosstab",
                tooltip="Codes × the values of a case attribute: segments and share of cases; enter lists a cell."),
        Binding("F", "framework", "Framework matrix", show=False, id="workbench.framework",
                tooltip="Codes × cases: each cell's segments and your summary (s writes it); enter lists a cell."),
        Binding("escape", "back_to_results", "Back to results", priority=True, id="workbench.back-to-results",
                tooltip=BACK_TO_RESULTS),
        Binding("a", "accept_suggestion", "Accept suggestion", show=False, id="workbench.accept-suggestion",
                tooltip="Apply the top suggested code."),
        Binding("A", "choose_suggestion", "Choose a suggestion", show=False, id="workbench.choose-suggestion",
                tooltip="Go to the suggestions list: 1-9 or enter accept one, r rejects, esc goes back."),
        Binding("r", "reject_suggestion", "Reject suggestion", show=False, id="workbench.reject-suggestion",
                tooltip="Reject the top suggested code for this segment; it is not offered here again."),
        Binding("right_square_bracket", "other_document(1)", "Next document", show=False,
                id="workbench.next-document", tooltip="Open the next document."),
        Binding("left_square_bracket", "other_document(-1)", "Previous document", show=False,
                id="workbench.previous-document", tooltip="Open the previous document."),
        Binding("o", "focus('documents')", "Documents", show=False, id="workbench.documents",
                tooltip="Go to the documents list (enter opens one)."),
        Binding("t", "focus('transcript')", "Transcript", show=False, id="workbench.transcript",
                tooltip="Go back to the transcript."),
        Binding("g", "focus('codebook')", "Codebook tree", show=False, id="workbench.codebook-tree",
                tooltip="Go to the codebook tree (enter applies the highlighted code)."),
        Binding("p", "toggle_sidebar", "Side panel", show=False, id="workbench.side-panel",
                tooltip="Show or hide the documents and the codebook (hidden at first on a narrow terminal)."),
        Binding("question_mark", "help", "Help", id="workbench.help", tooltip="Every key and what it does."),
        Binding("q", "app.quit", "Quit", show=False, id="workbench.quit", tooltip="Quit. Everything is saved already."),
        *(Binding(key, f"apply_hotkey('{key}')", "Apply code by hotkey", show=False, id=f"workbench.hotkey-{key}")
          for key in CODE_HOTKEYS),
    ]

    COMMANDS = {CodeCommands, DocumentCommands, WorkbenchCommands}

    def __init__(self, store: ProjectStore, coder: Coder, *, suggestions: bool = True,
                 start: Start | None = None) -> None:
        super().__init__()
        self._initial = start
        self.store = store
        self.coder = coder
        self.suggestions_enabled = suggestions
        self.overview: Overview | None = None
        self.data: DocumentData | None = None
        self.codings: list[Coding] = []
        self.memos: list[Memo] = []
        self.unit: Unit = "turn"
        self.view: View = "mine"
        self.hits: tuple[TextHit, ...] = ()
        self.hit_index = -1
        self.last_query = ""
        self.suggester: LoadedSuggester | None = None
        self.suggestions: dict[Span, tuple[Suggestion, ...]] | None = None
        self._position_timer: Timer | None = None
        self.retrieval: RetrievalState | None = None
        self.results_open = False
        """True after enter in the retrieval list: f and esc go back to it."""
        self._narrow: bool | None = None

    @property
    def qualcode(self) -> StoreQueue:
        return cast("StoreQueue", self.app)

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="workbench"):
            with Vertical(id="sidebar"):
                yield DocumentList(id="documents")
                yield CodebookTree(id="codebook")
            with Vertical(id="main"):
                yield TranscriptView(id="transcript")
                yield SegmentPanel(id="segment-panel")
        yield StatusLine(id="status")
        yield Footer()

    def on_resize(self) -> None:
        """Classes for the terminal's size (the stylesheet does the rest); the side panel resets at 100 columns."""
        set_size_classes(self, self.size)
        narrow = self.has_class("-narrow")
        self.transcript.set_room("narrow" if narrow else "wide" if self.has_class("-wide") else "normal")
        if narrow != self._narrow:
            self._narrow = narrow
            self.show_sidebar(not narrow)

    @property
    def sidebar_shown(self) -> bool:
        return not self.has_class("-no-sidebar")

    def show_sidebar(self, shown: bool) -> None:
        """Show or hide the documents and the codebook; focus inside the hidden panel moves to the transcript."""
        self.set_class(not shown, "-no-sidebar")
        self.query_one("#segment-panel", SegmentPanel).border_subtitle = "" if shown else SIDEBAR_HINT
        if not shown and self.focused is not None and self.query_one("#sidebar") in self.focused.ancestors:
            self.transcript.focus()

    def action_toggle_sidebar(self) -> None:
        self.show_sidebar(not self.sidebar_shown)

    def on_mount(self) -> None:
        self.query_one("#documents", DocumentList).border_title = "Documents"
        self.query_one("#codebook", CodebookTree).border_title = "Codebook"
        self.query_one("#codebook", CodebookTree).border_subtitle = "mine/all"
        self.query_one("#segment-panel", SegmentPanel).border_title = "Segment"
        self.transcript.focus()
        self.status.set(project=self.store.name, coder=self.coder.name,
                        pipeline="NLP: loading…" if self.suggestions_enabled else "NLP: off")
        if not self.suggestions_enabled:
            self.suggestion_list.show_message("Suggestions are off.")
        store, coder_id = self.store, self.coder.id
        if self._initial is not None:  # read while the app started: show it once the layout has sizes
            self.call_after_refresh(self._started, self._initial)
        else:
            self.qualcode.submit(_task("read the project", lambda: load_start(store, coder_id), self._started))
        if self.suggestions_enabled:
            self.suggestion_list.show_message("Suggestions: loading the Dutch NLP pipeline…")
        self._changes: ChangeFeed | None | bool = None
        self.set_interval(LIVE_UPDATE_SECONDS, self._show_others_changes)

    def _show_others_changes(self) -> None:
        """With all coders shown, read the project again when another coder changed it (live updates)."""
        if self.view != "all" or self._changes is False:
            return
        try:
            if self._changes is None:  # listening starts the first time all coders are shown
                self._changes = ChangeFeed(self.store)
            changed = self._changes.changed()
        except Exception as error:  # the database went away: say so once and keep working without
            self._changes = False
            self.notify(_("No live updates: {reason}").format(reason=readable_error(error)), severity="warning",
                        timeout=10)
            return
        if changed:
            self.reload()

    def on_unmount(self) -> None:
        if isinstance(self._changes, ChangeFeed):
            self._changes.close()

    @property
    def transcript(self) -> TranscriptView:
        return self.query_one("#transcript", TranscriptView)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def tree(self) -> CodebookTree:
        return self.query_one("#codebook", CodebookTree)

    @property
    def document_list(self) -> DocumentList:
        return self.query_one("#documents", DocumentList)

    @property
    def suggestion_list(self) -> SuggestionList:
        return self.query_one("#suggestions", SuggestionList)

    # --- loading -------------------------------------------------------------------------------

    def _started(self, start: Start) -> None:
        if self.suggestions_enabled:
            # Importing spaCy holds the interpreter for a while: begin once the transcript is on screen.
            self.set_timer(NLP_START_DELAY, self._start_suggester)
        self.overview = start.overview
        self.tree.show_codebook(start.overview.codebook, start.overview.usage)
        current = start.document.document.id if start.document else None
        self.document_list.show_documents(start.overview.documents, start.overview.shares, current)
        if start.document is None:
            self.status.set(document="no documents yet: qualcode import FILE…")
            return
        self._document_loaded(start.document, offset=start.position.offset if start.position else None, hit=None)

    def open_document(self, document_id: int, *, offset: int | None = None, hit: tuple[int, int] | None = None,
                      select: tuple[int, int] | None = None) -> None:
        """Load a document and show it at ``offset`` (or a search hit, or with a span selected)."""
        store, unit = self.store, self.unit
        self.qualcode.submit(_task("open the document", partial(load_document, store, document_id, unit),
                                   partial(self._document_loaded, offset=offset, hit=hit, select=select)))

    def _document_loaded(self, data: DocumentData, *, offset: int | None, hit: tuple[int, int] | None,
                         select: tuple[int, int] | None = None) -> None:
        self.data = data
        self.unit = data.unit
        self.codings = list(data.codings)
        self.memos = list(data.memos)
        self.suggestions = None
        transcript = self.transcript
        transcript.border_title = Text(display_text(data.document.name))  # Text: a name is never markup
        index = 0
        if offset is not None or hit is not None:
            starts = [segment.start for segment in data.segments]
            index = max(0, bisect_right(starts, hit[0] if hit else offset) - 1)
        transcript.show_document(data.document.text, data.turns, data.segments, self._decorations(), current=index)
        transcript.set_search_hit(hit)
        if hit:
            transcript.show_span(*hit)
        if select:
            transcript.select_span(*select)
        self.document_list.highlight_document(data.document.id)
        case = next((d.case_label for d in self.overview.documents if d.id == data.document.id), None)
        self.status.set(document=f"{data.document.name}" + (f" ({case})" if case else ""))
        self._request_suggestions()
        self._schedule_position_save()

    def _decorations(self):
        return decorations(self.overview.codebook, self.codings, self.data.turns, self.coder.id, self.view)

    def _refresh_codings(self) -> None:
        """Show changed codings, memos or view: transcript colours and margin, panel, counts."""
        if self.data is None:
            return
        self.transcript.set_decorations(self._decorations())
        self._show_segment(self.transcript.current_segment)
        self._update_share()

    def _update_share(self) -> None:
        overview, data = self.overview, self.data
        spoken = overview.spoken.get(data.document.id, 0)
        overview.shares[data.document.id] = share_of(self.codings, self.coder.id, spoken)
        summary = next(d for d in overview.documents if d.id == data.document.id)
        self.document_list.replace_option_prompt(str(summary.id),
                                                 DocumentList.prompt(summary, overview.shares[summary.id]))

    # --- the current segment ----------------------------------------------------------------------

    @on(TranscriptView.SegmentChanged)
    def _segment_changed(self, event: TranscriptView.SegmentChanged) -> None:
        self._show_segment(event.segment)
        self._schedule_position_save()

    def _show_segment(self, segment: Segment | None) -> None:
        panel_codings = self.query_one("#segment-codings", CodingsView)
        transcript = self.transcript
        if segment is None or self.data is None:
            panel_codings.show(None)
            self.status.set(position="")
            return
        turns = self.data.turns
        turn_time = turns[segment.turn_index].start_time if 0 <= segment.turn_index < len(turns) else None
        details = segment_details(self.overview.codebook, segment, transcript.current_index,
                                  len(transcript.segments), self.codings, self.memos, self.coder.id,
                                  self.overview.coders, self.view, turn_time)
        panel_codings.show(details)
        self.status.set(position=f"{segment.kind} {transcript.current_index + 1}/{len(transcript.segments)}")
        self._show_suggestions(segment)

    def _schedule_position_save(self) -> None:
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(POSITION_SAVE_DELAY, self._save_position)

    def save_position_now(self) -> None:
        """Remember the position at once (the app is quitting), instead of after the usual pause."""
        if self._position_timer is not None:
            self._position_timer.stop()
            self._position_timer = None
        self._save_position()

    def _save_position(self) -> None:
        segment = self.transcript.current_segment
        if self.data is None or segment is None:
            return
        position = Position(self.data.document.id, segment.start, self.unit)
        store, coder_id = self.store, self.coder.id
        self.qualcode.submit(_task("remember the position", lambda: save_position(store, coder_id, position)))

    # --- navigation ---------------------------------------------------------------------------------

    def action_next_segment(self, respondent_only: bool = False) -> None:
        if not self.transcript.move(1, respondent_only=respondent_only):
            self.notify("That was the last one." if not respondent_only else "No more respondent segments.",
                        timeout=2)

    def action_previous_segment(self, respondent_only: bool = False) -> None:
        if not self.transcript.move(-1, respondent_only=respondent_only):
            self.notify("This is the first one." if not respondent_only else "No respondent segment before this.",
                        timeout=2)

    def action_cycle_unit(self) -> None:
        if self.data is None:
            return
        unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)]
        store, document_id = self.store, self.data.document.id
        self.qualcode.submit(_task(f"split the document into {unit}s",
                                   lambda: document_segments(store, document_id, unit),
                                   partial(self._unit_loaded, unit)))

    def _unit_loaded(self, unit: Unit, segments: list[Segment]) -> None:
        self.unit = unit
        self.transcript.set_segments(segments)
        self._request_suggestions()
        self._schedule_position_save()

    def action_other_document(self, step: int) -> None:
        if self.overview is None or self.data is None:
            return
        ids = [document.id for document in self.overview.documents]
        index = ids.index(self.data.document.id) + step
        if 0 <= index < len(ids):
            self.open_document(ids[index])

    def action_focus(self, name: str) -> None:
        if name in ("documents", "codebook") and not self.sidebar_shown:
            self.show_sidebar(True)
        self.query_one(f"#{name}").focus()

    @on(DocumentList.OpenRequested)
    def _open_requested(self, event: DocumentList.OpenRequested) -> None:
        self.open_document(event.document_id)
        if self.has_class("-narrow"):
            self.show_sidebar(False)  # on a narrow terminal the panel was opened to choose; now read
        self.transcript.focus()

    # --- coding -------------------------------------------------------------------------------------

    def _target(self) -> tuple[int, int] | None:
        if self.data is None:
            self.notify("Open a document first.", severity="warning")
            return None
        span = self.transcript.target_span()
        if span is None:
            self.notify("There is no segment here to code.", severity="warning")
        return span

    def _target_label(self) -> str:
        selected = self.transcript.text_offset_selection
        if selected is not None:
            return f"the selection ({selected[1] - selected[0]} characters)"
        segment = self.transcript.current_segment
        return f"{segment.kind} {self.transcript.current_index + 1}" if segment else "this segment"

    def apply_code(self, code_id: int, *, origin: CodingOrigin = "manual", on_done=None) -> None:
        """Apply a code to the selection, or else to the current segment."""
        span = self._target()
        if span is None:
            return
        store, coder_id, document_id = self.store, self.coder.id, self.data.document.id

        def run() -> AppliedCode:
            return apply_code(store, coder_id=coder_id, document_id=document_id, code_id=code_id,
                              start=span[0], end=span[1], origin=origin)

        def done(applied: AppliedCode) -> None:
            self._coding_added(applied.coding, applied.created)
            if on_done is not None:
                on_done(applied)

        self.qualcode.submit(_task("apply the code", run, done))

    def _coding_added(self, coding: Coding, created: bool) -> None:
        code = self.overview.codebook.code_by_id(coding.code_id)
        if not created:
            self.notify(f"{code.name if code else 'That code'} is already on this span.", timeout=3)
            return
        usage = self.overview.usage.get(coding.code_id, CodeUsage())
        self.overview.usage[coding.code_id] = CodeUsage(usage.mine + 1, usage.everyone + 1)
        self.tree.refresh_labels(self.overview.usage)
        if self.data is not None and coding.document_id == self.data.document.id:
            self.codings.append(coding)
            if self.transcript.text_offset_selection is not None:
                self.transcript.action_clear_selection()
            self._refresh_codings()

    def action_apply_hotkey(self, key: str) -> None:
        code = self._code_for_hotkey(key)
        if code is not None:
            self.apply_code(code.id)

    def _code_for_hotkey(self, key: str):
        if self.overview is None:
            return None
        return next((code for code in self.overview.codebook.codes if code.hotkey == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "apply_hotkey":
            return self._code_for_hotkey(str(parameters[0])) is not None
        if action == "back_to_results":  # otherwise esc does what it does where the focus is
            return self.results_open
        return True

    @on(CodebookTree.ApplyRequested)
    def _apply_from_tree(self, event: CodebookTree.ApplyRequested) -> None:
        self.apply_code(event.code_id)

    def action_pick_code(self) -> None:
        if self.overview is None or self._target() is None:
            return
        self.app.push_screen(CodePicker(self.overview.codebook, self._current_group(), self._target_label()),
                             self._code_picked)

    def _current_group(self):
        """The group new codes go to: the highlighted one in the tree, or the first."""
        codebook = self.overview.codebook
        node = self.tree.highlighted
        if node is not None:
            group_id = node.id if node.kind == "group" else codebook.code_by_id(node.id).group_id
            return next((group for group in codebook.groups if group.id == group_id), None)
        return codebook.groups[0] if codebook.groups else None

    def _code_picked(self, picked: PickedCode | None) -> None:
        if picked is None:
            return
        if picked.code_id is not None:
            self.apply_code(picked.code_id)
            return
        span = self._target()
        if span is None:
            return
        store, coder_id = self.store, self.coder.id
        focus = Focus(self.data.document.id, *span)
        self.qualcode.submit(_task(
            "create the code",
            lambda: add_code(store, coder_id=coder_id, group_id=picked.group_id, name=picked.new_name, apply_to=focus),
            lambda added: self.reload(message=f"Created {added.code.name} and applied it."),
        ))

    def action_remove_coding(self) -> None:
        span = self._target()
        if span is None:
            return
        mine = own_codings_at(self.codings, self.coder.id, *span)
        if not mine:
            self.notify("You have no coding here to remove.", timeout=3)
            return
        if len(mine) == 1:
            self._remove([mine[0].id])
            return
        choices = [(self._coding_label(coding), [coding.id]) for coding in mine]
        choices.append((Text(f"all {len(mine)} codings", style="bold"), [coding.id for coding in mine]))
        self.app.push_screen(ChoiceDialog("Remove which coding?", f"Your codings on {self._target_label()}:",
                                          choices), lambda ids: ids and self._remove(ids))

    def _coding_label(self, coding: Coding) -> Text:
        codebook = self.overview.codebook
        code = codebook.code_by_id(coding.code_id)
        label = Text()
        label.append("▌ ", style=code_colour(codebook, code) if code else "")
        label.append(display_text(code.name) if code else "?")
        excerpt = display_text(self.data.document.text[coding.start:coding.end].replace("\n", " "))
        label.append(f"  “{excerpt[:40]}{'…' if len(excerpt) > 40 else ''}”", style="dim")
        return label

    def _remove(self, coding_ids: list[int]) -> None:
        store, coder_id = self.store, self.coder.id
        self.qualcode.submit(_task("remove the coding",
                                   lambda: remove_codings(store, coder_id=coder_id, coding_ids=coding_ids),
                                   self._codings_removed))

    def _codings_removed(self, removed: list[Coding]) -> None:
        gone = {coding.id for coding in removed}
        self.codings = [coding for coding in self.codings if coding.id not in gone]
        for coding in removed:
            usage = self.overview.usage.get(coding.code_id, CodeUsage())
            self.overview.usage[coding.code_id] = CodeUsage(max(0, usage.mine - 1), max(0, usage.everyone - 1))
        self.tree.refresh_labels(self.overview.usage)
        self._refresh_codings()
        self.notify(f"Removed {len(removed)} coding{'s' if len(removed) != 1 else ''} (u undoes).", timeout=3)

    # --- memos -------------------------------------------------------------------------------------

    def action_edit_memo(self) -> None:
        span = self._target()
        if span is None:
            return
        mine = own_codings_at(self.codings, self.coder.id, *span)
        segment_choice = (Text(f"memo on {self._target_label()}", style="italic"), ("segment", span))
        if not mine:
            self._open_memo_editor(("segment", span))
            return
        choices = [(self._coding_label(coding), ("coding", coding.id)) for coding in mine] + [segment_choice]
        self.app.push_screen(ChoiceDialog("Memo on what?", "", choices),
                             lambda target: target and self._open_memo_editor(target))

    def _open_memo_editor(self, target: tuple[str, object]) -> None:
        kind, value = target
        text = self.data.document.text
        if kind == "coding":
            coding = next(c for c in self.codings if c.id == value)
            code = self.overview.codebook.code_by_id(coding.code_id)
            title, start, end, memo = f"Memo on {code.name if code else 'coding'}", coding.start, coding.end, coding.memo
        else:
            start, end = value
            memo = next((m.text for m in self.memos if m.coder_id == self.coder.id and (m.start, m.end) == (start, end)),
                        "")
            title = "Memo on the segment"
        excerpt = text[start:end].replace("\n", " ")
        context = f"“{excerpt[:200]}{'…' if len(excerpt) > 200 else ''}”"
        self.app.push_screen(MemoEditor(title, context, memo),
                             lambda written: written is not None and self._save_memo(kind, value, written))

    def _save_memo(self, kind: str, value: object, written: str) -> None:
        store, coder_id, document_id = self.store, self.coder.id, self.data.document.id
        if kind == "coding":
            self.qualcode.submit(_task("save the memo",
                                       lambda: set_coding_memo(store, coder_id=coder_id, coding_id=value, memo=written),
                                       self._coding_memo_saved))
        else:
            start, end = value
            self.qualcode.submit(_task(
                "save the memo",
                lambda: set_segment_memo(store, coder_id=coder_id, document_id=document_id, start=start, end=end,
                                         text=written),
                partial(self._segment_memo_saved, start, end)))

    def _coding_memo_saved(self, coding: Coding) -> None:
        self.codings = [coding if c.id == coding.id else c for c in self.codings]
        self._refresh_codings()

    def _segment_memo_saved(self, start: int, end: int, memo: Memo | None) -> None:
        self.memos = [m for m in self.memos
                      if not (m.coder_id == self.coder.id and (m.start, m.end) == (start, end))]
        if memo is not None:
            self.memos.append(memo)
        self._refresh_codings()

    # --- undo, redo and reloading ---------------------------------------------------------------------

    def action_undo(self) -> None:
        store, coder_id = self.store, self.coder.id
        self.qualcode.submit(_task("undo", lambda: undo(store, coder_id), partial(self._undone, "Undone")))

    def action_redo(self) -> None:
        store, coder_id = self.store, self.coder.id
        self.qualcode.submit(_task("redo", lambda: redo(store, coder_id), partial(self._undone, "Redone")))

    def _undone(self, verb: str, record: ActionRecord | None) -> None:
        if record is None:
            self.notify(f"Nothing to {verb.lower()[:-1]}.", timeout=3)
            return
        if record.kind in (SPEAKERS_ACTION, REIMPORT_ACTION) and record.focus is not None:  # turns changed: open anew
            self.notify(f"{verb}: {record.description}", timeout=3)
            self._reopen(record.focus.document_id)
            return
        self.reload(message=f"{verb}: {record.description}", focus=record.focus)

    def reload(self, *, message: str | None = None, focus: Focus | None = None) -> None:
        """Read the codebook, counts and this document's codings again (after undo, redo or codebook edits)."""
        store, coder_id = self.store, self.coder.id
        document_id = self.data.document.id if self.data else None

        def run():
            codings = load_codings(store, document_id) if document_id is not None else ((), ())
            turns = document_segments(store, document_id, "turn") if document_id is not None else []
            return load_overview(store, coder_id), codings, [(turn.speaker, turn.role) for turn in turns]

        def done(result) -> None:
            overview, (codings, memos), speakers = result
            self.overview = overview
            self.tree.show_codebook(overview.codebook, overview.usage)
            self.document_list.show_documents(overview.documents, overview.shares, document_id)
            if message:
                self.notify(message, timeout=3)
            if focus is not None and focus.document_id != document_id:
                self.open_document(focus.document_id, offset=focus.start)
                return
            if self.data is not None and speakers != [(turn.speaker, turn.role) for turn in self.data.turns]:
                self._reopen(document_id)  # an undo elsewhere (the codebook screen) changed the speakers
                return
            self.codings, self.memos = list(codings), list(memos)
            self._refresh_codings()
            if focus is not None:
                index = self.transcript.segment_index_at(focus.start)
                if index is not None:
                    self.transcript.go_to_segment(index)

        self.qualcode.submit(_task("read the project again", run, done))

    # --- speakers ------------------------------------------------------------------------------------

    def action_speakers(self) -> None:
        if self.data is None:
            self.notify("Open a document first.", severity="warning")
            return
        from qualcode.importers.stored_speakers import document_speakers  # loads every reader: only when asked

        store, document = self.store, self.data.document
        self.qualcode.submit(_task("read the speakers", lambda: document_speakers(store, document.id),
                                   partial(self._show_speakers, document.id, document.name)))

    def _show_speakers(self, document_id: int, name: str, speakers: list[SpeakerFigures]) -> None:
        self.app.push_screen(SpeakersDialog(name, speakers),
                             lambda edit: edit is not None and self._change_speakers(document_id, edit))

    def _change_speakers(self, document_id: int, edit: SpeakerEdit) -> None:
        store, coder_id = self.store, self.coder.id

        def done(change) -> None:
            if edit.interviewer is not None:
                self.notify(f"{change.interviewer} is the interviewer (u undoes).", timeout=3)
            else:
                (old, new), = edit.renames.items()
                self.notify(f"{old} is now {new} in every turn (u undoes).", timeout=3)
            self._reopen(document_id)

        self.qualcode.submit(_task("change the speakers", lambda: change_speakers(
            store, document_id, renames=edit.renames, interviewer=edit.interviewer, coder_id=coder_id), done))

    def _reopen(self, document_id: int) -> None:
        """Read a document again (its speakers changed), staying where the researcher was in it."""
        segment = self.transcript.current_segment
        here = self.data is not None and self.data.document.id == document_id and segment is not None
        self.open_document(document_id, offset=segment.start if here else None)

    # --- view, search, codebook, help ------------------------------------------------------------------

    def action_toggle_view(self) -> None:
        self.view = "all" if self.view == "mine" else "mine"
        self.status.set(view=self.view)
        coders = sorted({c.coder_id for c in self.codings} - {self.coder.id})
        names = [self.coder.name, *(self.overview.coders.get(c, "?") for c in coders)] if self.overview else []
        self.transcript.border_subtitle = Text(display_text(" │ ".join(names)) if self.view == "all" else "")
        self._refresh_codings()

    def action_search(self) -> None:
        store = self.store
        self.app.push_screen(SearchDialog(lambda query: search_text(store, query), self.last_query), self._searched)

    def _searched(self, result: SearchResult | None) -> None:
        if result is None:
            return
        self.last_query, self.hits = result.query, result.hits
        self._go_to_hit(result.index)

    def _go_to_hit(self, index: int) -> None:
        if not self.hits:
            self.notify("No search hits: / searches.", timeout=3)
            return
        self.hit_index = index % len(self.hits)
        hit = self.hits[self.hit_index]
        self.status.set(search=f"“{self.last_query}” {hit_position(self.hits, self.hit_index)}")
        if self.data is None or hit.document_id != self.data.document.id:
            self.open_document(hit.document_id, hit=(hit.start, hit.end))
        else:
            self.transcript.set_search_hit((hit.start, hit.end))
            self.transcript.show_span(hit.start, hit.end)

    def action_next_hit(self) -> None:
        self._go_to_hit(self.hit_index + 1)

    def action_previous_hit(self) -> None:
        self._go_to_hit(self.hit_index - 1)

    def action_codebook(self) -> None:
        from qualcode.tui.screens.codebook_screen import CodebookScreen

        self.app.push_screen(CodebookScreen(self.store, self.coder), lambda _: self.reload())

    def action_reports(self) -> None:
        from qualcode.tui.screens.reports_screen import ReportsScreen

        self.app.push_screen(ReportsScreen(self.store, self.coder))

    def action_retrieve(self) -> None:
        """Back to the results after a jump; else the highlighted code or group, with the last filters."""
        if self.overview is None:
            return
        from qualcode.tui.screens.retrieval_screen import RetrievalScreen

        state = self.retrieval if self.results_open else None
        if state is None:
            node = self.tree.highlighted
            query = query_for_node(self.overview.codebook, node.kind, node.id) if node else ""
            state = replace(self.retrieval, query=query, row=None, row_index=0) if self.retrieval else RetrievalState(
                query, RetrievalFilters(coders=(self.coder.name,)), coder_label=f"mine ({self.coder.name})")
        documents = [document.name for document in self.overview.documents]
        self.app.push_screen(RetrievalScreen(self.store, self.coder, self.overview.codebook,
                                             list(self.overview.coders.values()), documents, state),
                             self._retrieval_closed)

    def action_memos(self) -> None:
        from qualcode.tui.screens.memo_screen import MemoScreen

        if self.overview is not None:
            self.app.push_screen(MemoScreen(self.store, self.coder, self.overview.codebook), self._location_chosen)

    def action_crosstab(self) -> None:
        if self.overview is None:
            return
        store = self.store
        self.qualcode.submit(_task("read the case attributes", lambda: list(attribute_values(list_cases(store))),
                                   self._show_crosstab))

    def _show_crosstab(self, attributes: list[str]) -> None:
        from qualcode.tui.screens.crosstab_screen import CrosstabScreen

        if not attributes:
            self.notify("The cases have no attributes: import a cases CSV (qualcode cases import) first.", timeout=5)
            return
        self.app.push_screen(CrosstabScreen(self.store, self.coder, self.overview.codebook,
                                            list(self.overview.coders.values()),
                                            [document.name for document in self.overview.documents], attributes),
                             lambda location: (self.reload(), self._location_chosen(location)))

    def action_framework(self) -> None:
        from qualcode.tui.screens.framework_screen import FrameworkScreen

        if self.overview is not None:
            self.app.push_screen(FrameworkScreen(self.store, self.coder, self.overview.codebook,
                                                 list(self.overview.coders.values()),
                                                 [document.name for document in self.overview.documents]),
                                 lambda location: (self.reload(), self._location_chosen(location)))

    def _location_chosen(self, location: TranscriptLocation | None) -> None:
        if location is not None:
            self.open_document(location.document_id, select=(location.start, location.end))
            self.transcript.focus()

    def action_back_to_results(self) -> None:
        self.action_retrieve()

    def _retrieval_closed(self, result: RetrievalResult) -> None:
        self.retrieval, location = result.state, result.location
        self.results_open = location is not None
        self.refresh_bindings()
        self.reload()  # codings made from the list change the counts and maybe this document
        self._location_chosen(location)

    def action_agreement(self) -> None:
        from qualcode.tui.screens.agreement_screen import AgreementScreen

        self.app.push_screen(AgreementScreen(self.store, self.coder), self._agreement_closed)

    def _agreement_closed(self, location: TranscriptLocation | None) -> None:
        self.reload()  # settling and adopting changed the consensus coder's codings and the counts
        if location is not None:
            self.open_document(location.document_id, hit=(location.start, location.end))

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {TranscriptView: "Transcript", WorkbenchScreen: "Workbench",
                                                     SuggestionList: "Suggestions list", CodebookTree: "Codebook tree",
                                                     App: "Application"}, ours_only=True)
        sections = [HelpSection(s.title, tuple(row for row in s.rows if row[1] != "Apply code by hotkey"))
                    for s in sections]
        if self.overview is not None:
            sections.append(HelpSection("Code hotkeys", tuple(
                (hotkey_label(code.hotkey), code.name) for code in self.overview.codebook.codes if code.hotkey)))
        sections.append(HelpSection("Elsewhere", (
            ("enter", "In the codebook tree (g): apply the highlighted code."),
            ("1-9, enter, r", "In the suggestions list (A): accept the n-th, accept, reject."),
            ("shift+arrows, mouse", "Select part of the transcript; c or a hotkey codes the selection."),
            ("esc", "Clear the selection; in the documents or suggestions list: back to the transcript; "
                    "in dialogs: close "
                    "(memo editor: save and close)."),
            ("ctrl+p", "Command palette: codes, documents and every action."),
            *((("esc, f", BACK_TO_RESULTS),) if not self.results_open else ()),
            ("tab", "Move between documents, transcript, codebook and suggestions."),
        )))
        self.app.push_screen(HelpScreen("Keys", sections))

    # --- suggestions ---------------------------------------------------------------------------------

    def _start_suggester(self) -> None:
        self.run_worker(self._load_suggester, name="load the NLP pipeline", group="nlp", thread=True,
                        exit_on_error=False)

    def _load_suggester(self) -> None:
        try:
            loaded = load_suggester(self.store, self.coder.id)
        except Exception:
            self.post_message(SuggesterFailed())
            raise
        self.post_message(SuggesterReady(loaded))

    def on_suggester_ready(self, message: SuggesterReady) -> None:
        self.suggester = message.loaded
        self.status.set(pipeline=f"NLP: {message.loaded.status}")
        hint, store = message.loaded.hint, self.store
        if hint:  # once per project: the status line keeps saying it
            self.qualcode.submit(_task("note the offline NLP notice", lambda: first_showing(store, OFFLINE_NOTICE),
                                       partial(self._show_notice, hint)))
        self._request_suggestions()

    def _relearn(self) -> None:
        """Rebuild the suggester's coded examples in the background; the next document's suggestions use them."""
        if self.suggester is None:
            return
        loaded = self.suggester

        def run() -> None:
            relearned = relearn(loaded)
            self.app.call_from_thread(setattr, self, "suggester", relearned)

        self.run_worker(run, name="learn from the decision", group="learning", thread=True, exclusive=True,
                        exit_on_error=False)

    def _show_notice(self, text: str, first: bool) -> None:
        if first:
            self.notify(text, title="Suggestions", timeout=6)

    def on_suggester_failed(self, _: SuggesterFailed) -> None:
        self.status.set(pipeline="NLP: failed to load")
        self.suggestion_list.show_message("Suggestions are not available: the NLP pipeline did not load.")

    def _request_suggestions(self) -> None:
        if self.suggester is None or self.data is None:
            return
        self.suggestions = None
        self.suggestion_list.show_message("Suggestions: reading the document…")
        store, suggester, coder_id = self.store, self.suggester.suggester, self.coder.id
        document_id, unit = self.data.document.id, self.unit

        def run() -> None:
            by_span = suggest_for_document(store, suggester, document_id, unit, coder_id)
            self.post_message(SuggestionsReady(document_id, unit, by_span))

        self.run_worker(run, name="suggest codes", group="suggestions", thread=True, exclusive=True,
                        exit_on_error=False)

    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        if self.data is None or message.document_id != self.data.document.id or message.unit != self.unit:
            return
        self.suggestions = message.by_span
        self._show_suggestions(self.transcript.current_segment)

    def _current_suggestions(self, segment: Segment | None) -> list[Suggestion]:
        if segment is None or self.suggestions is None:
            return []
        coded = {c.code_id for c in own_codings_at(self.codings, self.coder.id, segment.start, segment.end)}
        keys = {code.key: code.id for code in self.overview.codebook.codes}
        return [s for s in self.suggestions.get((segment.start, segment.end), ())
                if s.code_key in keys and keys[s.code_key] not in coded]

    def _show_suggestions(self, segment: Segment | None) -> None:
        if self.suggester is None or self.suggestions is None or segment is None:
            return
        if segment.role == "interviewer":
            self.suggestion_list.show_message("No suggestions for the interviewer.")
            return
        codebook = self.overview.codebook
        items = []
        for suggestion in self._current_suggestions(segment):
            code = codebook.code_by_key(suggestion.code_key)
            items.append(SuggestionItem(display_text(code.name), code_colour(codebook, code), suggestion.score,
                                        display_text(suggestion.reason)))
        self.suggestion_list.show_suggestions(items)

    def action_accept_suggestion(self) -> None:
        self._decide(0, accepted=True)

    def action_reject_suggestion(self) -> None:
        self._decide(0, accepted=False)

    def action_choose_suggestion(self) -> None:
        suggestions = self.suggestion_list
        if suggestions.count:
            suggestions.highlighted = 0
            suggestions.focus()
        else:
            self.notify("No suggestions for this segment.", timeout=3)

    @on(SuggestionList.Decided)
    def _decided(self, event: SuggestionList.Decided) -> None:
        self._decide(event.index, accepted=event.accepted)
        if event.accepted or not self.suggestion_list.count:
            self.transcript.focus()

    def _decide(self, index: int, *, accepted: bool) -> None:
        segment = self.transcript.current_segment
        offered = self._current_suggestions(segment)
        if index >= len(offered):
            self.notify("No suggestion to " + ("accept." if accepted else "reject."), timeout=3)
            return
        suggestion = offered[index]
        code = self.overview.codebook.code_by_key(suggestion.code_key)
        store, coder_id, document_id = self.store, self.coder.id, self.data.document.id
        span = (segment.start, segment.end)
        self.suggestions[span] = tuple(s for s in self.suggestions.get(span, ()) if s.code_key != suggestion.code_key)

        def record(_=None) -> None:
            self.qualcode.submit(_task("record the suggestion decision", lambda: record_suggestion_decision(
                store, document_id=document_id, span=span, code_key=suggestion.code_key, coder_id=coder_id,
                accepted=accepted, score=suggestion.score), done=lambda _: self._relearn()))

        if accepted:
            self.transcript.action_clear_selection()
            self.apply_code(code.id, origin="suggestion", on_done=record)
        else:
            record()
            self._show_suggestions(segment)


def _task(description: str, run, done=None) -> StoreTask:
    return StoreTask(description, run, done)
