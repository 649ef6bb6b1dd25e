"""The workbench: documents, transcript, codebook, segment panel and status line.

Widgets hold view state and post what the researcher wants; this screen turns that into store
calls through :meth:`QualcodeApp.submit` and shows the result when it is committed, so what is
on screen is what is in the project. Its actions live beside it: moving about in
``workbench_navigation``, coding and memos in ``workbench_coding``, suggestions in ``workbench_suggestions``.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from qualcode.domain.display_text import display_text
from qualcode.domain.language import _
from qualcode.domain.models import Coder, Coding, Memo, Segment, Unit
from qualcode.storage.workbench_start import DocumentData, Overview, Position, Start
from qualcode.tui.coding_display import View, decorations, segment_details
from qualcode.tui.commands import CodeCommands, DocumentCommands, WorkbenchCommands
from qualcode.tui.retrieval_choices import RetrievalState
from qualcode.tui.screens.workbench_coding import CodingActions
from qualcode.tui.screens.workbench_navigation import BACK_TO_RESULTS, NavigationActions
from qualcode.tui.screens.workbench_suggestions import SuggestionActions
from qualcode.tui.opening_store import OpeningStore
from qualcode.tui.store_tasks import StoreQueue, StoreTask, readable_error
from qualcode.tui.suggestion_source import LoadedSuggester, Span
from qualcode.tui.terminal_size import set_size_classes
from qualcode.tui.widgets.codebook_tree import CodebookTree
from qualcode.tui.widgets.document_list import DocumentList
from qualcode.tui.widgets.segment_panel import CodingsView, SegmentPanel, SuggestionList
from qualcode.tui.widgets.status_line import StatusLine
from qualcode.tui.widgets.transcript_view import TranscriptView
from qualcode.tui.undo_messages import REDONE, UNDONE, undo_message
from qualcode.tui.workbench_data import load_codings, load_document, load_overview, load_start, save_position, share_of

if TYPE_CHECKING:
    from qualcode.nlp.suggestion import Suggestion
    from qualcode.storage.actions import ActionRecord, Focus
    from qualcode.storage.change_feed import ChangeFeed
    from qualcode.storage.project_store import ProjectStore
    from qualcode.storage.text_search import TextHit

CODE_HOTKEYS = tuple(str(digit) for digit in range(10)) + tuple(f"f{n}" for n in range(1, 13)) + tuple(
    f"shift+f{n}" for n in range(1, 13))
SIDEBAR_HINT = _("p documents and codebook · ? every key")
POSITION_SAVE_DELAY = 1.5
LIVE_UPDATE_SECONDS = 0.5
"""How often the view of all coders asks whether someone else changed the project."""
NLP_START_DELAY = 0.3


def _import_agreement_screen() -> None:
    """Load the agreement screen's modules (numpy among them) while the researcher reads: i then opens it at once."""
    import qualcode.tui.screens.agreement_screen  # noqa: F401


class WorkbenchScreen(NavigationActions, CodingActions, SuggestionActions, Screen[None]):
    """Code one document at a time; everything is written to the project at once."""

    BINDINGS = [
        Binding("j", "next_segment", _("Next segment"), show=False, id="workbench.next-segment",
                tooltip=_("Next segment (also ↓ in the transcript).")),
        Binding("k", "previous_segment", _("Previous segment"), show=False, id="workbench.previous-segment",
                tooltip=_("Previous segment (also ↑ in the transcript).")),
        Binding("J", "next_segment(True)", _("Next respondent segment"), show=False, id="workbench.next-respondent",
                tooltip=_("Next segment said by the respondent (skips the interviewer).")),
        Binding("K", "previous_segment(True)", _("Previous respondent segment"), show=False,
                id="workbench.previous-respondent", tooltip=_("Previous segment said by the respondent.")),
        Binding("s", "cycle_unit", _("Unit"), id="workbench.unit",
                tooltip=_("Walk by turn, paragraph or sentence (cycles).")),
        Binding("c", "pick_code", _("Code"), id="workbench.code",
                tooltip=_("Pick a code by typing (fuzzy); enter applies it; a new name creates the code.")),
        Binding("x", "remove_coding", _("Remove"), show=False, id="workbench.remove",
                tooltip=_("Remove one of your codings here (asks which when there are several).")),
        Binding("m", "edit_memo", _("Memo"), id="workbench.memo",
                tooltip=_("Write or edit the memo of a coding here or of the segment.")),
        Binding("u,ctrl+z", "undo", _("Undo"), id="workbench.undo",
                tooltip=_("Undo your last action (coding, memo or codebook change), even after a restart.")),
        Binding("ctrl+y", "redo", _("Redo"), show=False, id="workbench.redo", tooltip=_("Redo what you undid.")),
        Binding("slash", "search", _("Search"), id="workbench.search", tooltip=_("Search the text of all documents.")),
        Binding("n", "next_hit", _("Next hit"), show=False, id="workbench.next-hit", tooltip=_("Go to the next search hit.")),
        Binding("N", "previous_hit", _("Previous hit"), show=False, id="workbench.previous-hit",
                tooltip=_("Go to the previous search hit.")),
        Binding("v", "toggle_view", _("View"), id="workbench.view",
                tooltip=_("Show my codings only, or all coders' side by side.")),
        Binding("S", "speakers", _("Speakers"), show=False, id="workbench.speakers",
                tooltip=_("The document's speakers with turns, words and questions: rename one, set the interviewer.")),
        Binding("b", "codebook", _("Codebook"), id="workbench.codebook",
                tooltip=_("Edit the codebook: add, rename, move, merge, delete codes and groups.")),
        Binding("i", "agreement", _("Agreement"), id="workbench.agreement",
                tooltip=_("Inter-coder agreement per code; settle disagreements into the consensus coder.")),
        Binding("R", "reports", _("Reports"), id="workbench.reports",
                tooltip=_("Code frequencies with bars, codes × documents/cases/attribute, co-occurrence; export.")),
        Binding("f", "retrieve", _("Retrieve"), id="workbench.retrieve",
                tooltip=_("Every coded segment of the highlighted code or group, or of a query, as quotes; "
                        "after enter there, f or esc goes back to the results.")),
        Binding("M", "memos", _("Memos"), show=False, id="workbench.memos",
                tooltip=_("Every memo of the project, searchable, by coder and code; enter shows its place.")),
        Binding("P", "pseudonymise", _("Pseudonymise"), show=False, id="workbench.pseudonymise",
                tooltip=_("Review persons, places and organisations found in every document, for the AVG.")),
        Binding("X", "crosstab", _("Crosstab"), show=False, id="workbench.crosstab",
                tooltip=_("Codes × the values of a case attribute: segments and share of cases; enter lists a cell.")),
        Binding("F", "framework", _("Framework matrix"), show=False, id="workbench.framework",
                tooltip=_("Codes × cases: each cell's segments and your summary (s writes it); enter lists a cell.")),
        Binding("escape", "back_to_results", _("Back to results"), priority=True, id="workbench.back-to-results",
                tooltip=BACK_TO_RESULTS),
        Binding("a", "accept_suggestion", _("Accept suggestion"), show=False, id="workbench.accept-suggestion",
                tooltip=_("Apply the top suggested code.")),
        Binding("A", "choose_suggestion", _("Choose a suggestion"), show=False, id="workbench.choose-suggestion",
                tooltip=_("Go to the suggestions list: 1-9 or enter accept one, r rejects, esc goes back.")),
        Binding("r", "reject_suggestion", _("Reject suggestion"), show=False, id="workbench.reject-suggestion",
                tooltip=_("Reject the top suggested code for this segment; it is not offered here again.")),
        Binding("right_square_bracket", "other_document(1)", _("Next document"), show=False,
                id="workbench.next-document", tooltip=_("Open the next document.")),
        Binding("left_square_bracket", "other_document(-1)", _("Previous document"), show=False,
                id="workbench.previous-document", tooltip=_("Open the previous document.")),
        Binding("o", "focus('documents')", _("Documents"), show=False, id="workbench.documents",
                tooltip=_("Go to the documents list (enter opens one).")),
        Binding("t", "focus('transcript')", _("Transcript"), show=False, id="workbench.transcript",
                tooltip=_("Go back to the transcript.")),
        Binding("g", "focus('codebook')", _("Codebook tree"), show=False, id="workbench.codebook-tree",
                tooltip=_("Go to the codebook tree (enter applies the highlighted code).")),
        Binding("p", "toggle_sidebar", _("Side panel"), show=False, id="workbench.side-panel",
                tooltip=_("Show or hide the documents and the codebook (hidden at first on a narrow terminal).")),
        Binding("question_mark", "help", _("Help"), id="workbench.help", tooltip=_("Every key and what it does.")),
        Binding("q", "app.quit", _("Quit"), show=False, id="workbench.quit", tooltip=_("Quit. Everything is saved already.")),
        *(Binding(key, f"apply_hotkey('{key}')", _("Apply code by hotkey"), show=False, id=f"workbench.hotkey-{key}")
          for key in CODE_HOTKEYS),
    ]

    COMMANDS = {CodeCommands, DocumentCommands, WorkbenchCommands}

    def __init__(self, store: ProjectStore | OpeningStore, coder: Coder, *, suggestions: bool = True,
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
        yield Static(id="footer-room")  # the footer's row: the footer itself comes after the first frame

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
        self.query_one("#documents", DocumentList).border_title = _("Documents")
        self.query_one("#codebook", CodebookTree).border_title = _("Codebook")
        self.query_one("#codebook", CodebookTree).border_subtitle = _("mine/all")
        self.query_one("#segment-panel", SegmentPanel).border_title = _("Segment")
        self.transcript.focus()
        self.status.set(project=self.store.name, coder=self.coder.name,
                        pipeline=_("NLP: loading…") if self.suggestions_enabled else _("NLP: off"))
        if not self.suggestions_enabled:
            self.suggestion_list.show_message(_("Suggestions are off."))
        store, coder_id = self.store, self.coder.id
        if self._initial is not None:  # read while the app started: in the first frame, with no empty one before
            self._started(self._initial)
        else:
            self.qualcode.submit(StoreTask(_("read the project"), lambda: load_start(store, coder_id), self._started))
        if self.suggestions_enabled:
            self.suggestion_list.show_message(_("Suggestions: loading the Dutch NLP pipeline…"))
        self._changes: ChangeFeed | None | bool = None
        self.set_interval(LIVE_UPDATE_SECONDS, self._show_others_changes)

    def _show_others_changes(self) -> None:
        """With all coders shown, read the project again when another coder changed it (live updates)."""
        if self.view != "all" or self._changes is False:
            return
        if isinstance(self.store, OpeningStore) and not self.store.is_open:
            return  # listening starts once the project is open
        try:
            if self._changes is None:  # listening starts the first time all coders are shown
                from qualcode.storage.change_feed import ChangeFeed

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
        if self._changes not in (None, False):
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

    async def _mount_footer(self) -> None:
        """Put the footer in its row once the transcript is on screen.

        Its keys are worked out from every binding of the focused widget and the screen (sixty here),
        which costs as much as drawing everything else in the first frame together.
        """
        await self.query_one("#footer-room").remove()
        if not self.is_attached:  # the app quit before the first frame was done
            return
        await self.mount(Footer())
        self.refresh_bindings()  # the footer shows the keys when told they are ready

    def _started(self, start: Start) -> None:
        self.call_after_refresh(self._mount_footer)
        if isinstance(self.store, OpeningStore):  # loading the store's modules would hold back this frame
            self.call_after_refresh(self.store.begin)
        if self.suggestions_enabled:
            # Importing spaCy holds the interpreter for a while: begin once the transcript is on screen.
            self.set_timer(NLP_START_DELAY, self._start_suggester)
        self.set_timer(NLP_START_DELAY, lambda: self.run_worker(
            _import_agreement_screen, name="import the agreement screen", group="warm-up", thread=True,
            exit_on_error=False))
        self.overview = start.overview
        self.tree.show_codebook(start.overview.codebook, start.overview.usage)
        current = start.document.document.id if start.document else None
        self.document_list.show_documents(start.overview.documents, start.overview.shares, current)
        if start.document is None:
            self.status.set(document=_("no documents yet: qualcode import FILE…"))
            return
        self._document_loaded(start.document, offset=start.position.offset if start.position else None, hit=None)

    def open_document(self, document_id: int, *, offset: int | None = None, hit: tuple[int, int] | None = None,
                      select: tuple[int, int] | None = None) -> None:
        """Load a document and show it at ``offset`` (or a search hit, or with a span selected)."""
        store, unit = self.store, self.unit
        self.qualcode.submit(StoreTask(_("open the document"), partial(load_document, store, document_id, unit),
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
        self._show_document_status()
        self._request_suggestions()
        self._schedule_position_save()

    def _show_document_status(self) -> None:
        """The open document's name and case in the status line."""
        if self.data is None:
            return
        document_id, name = self.data.document.id, self.data.document.name
        case = next((d.case_label for d in self.overview.documents if d.id == document_id), None)
        self.status.set(document=name + (f" ({case})" if case else ""))

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
        kind = {"turn": _("turn"), "paragraph": _("paragraph"), "sentence": _("sentence")}.get(segment.kind, segment.kind)
        self.status.set(position=f"{kind} {transcript.current_index + 1}/{len(transcript.segments)}")
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
        self.qualcode.submit(StoreTask(_("remember the position"), lambda: save_position(store, coder_id, position)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "apply_hotkey":  # before the codebook is there, a hotkey says so rather than doing nothing
            return self.overview is None or self._code_for_hotkey(str(parameters[0])) is not None
        if action == "back_to_results":  # otherwise esc does what it does where the focus is
            return self.results_open
        return True

    # --- undo, redo and reloading ---------------------------------------------------------------------

    def action_undo(self) -> None:
        store, coder_id = self.store, self.coder.id

        def run() -> ActionRecord | None:
            from qualcode.storage.actions import undo

            return undo(store, coder_id)

        self.qualcode.submit(StoreTask(_("undo"), run, partial(self._undone, UNDONE)))

    def action_redo(self) -> None:
        store, coder_id = self.store, self.coder.id

        def run() -> ActionRecord | None:
            from qualcode.storage.actions import redo

            return redo(store, coder_id)

        self.qualcode.submit(StoreTask(_("redo"), run, partial(self._undone, REDONE)))

    def _undone(self, verb: str, record: ActionRecord | None) -> None:
        from qualcode.storage.document_state import REIMPORT_ACTION
        from qualcode.storage.speakers import SPEAKERS_ACTION

        if record is None:
            self.notify(undo_message(verb, None), timeout=3)
            return
        if record.kind in (SPEAKERS_ACTION, REIMPORT_ACTION) and record.focus is not None:  # turns changed: open anew
            self.notify(undo_message(verb, record.description), timeout=3)
            self._reopen(record.focus.document_id)
            return
        self.reload(message=undo_message(verb, record.description), focus=record.focus)

    def reload(self, *, message: str | None = None, focus: Focus | None = None) -> None:
        """Read the codebook, counts and this document's codings again (after undo, redo or codebook edits)."""
        store, coder_id = self.store, self.coder.id
        document_id = self.data.document.id if self.data else None

        def run():
            from qualcode.storage.documents import document_segments

            codings = load_codings(store, document_id) if document_id is not None else ((), ())
            turns = document_segments(store, document_id, "turn") if document_id is not None else []
            return load_overview(store, coder_id), codings, [(turn.speaker, turn.role) for turn in turns]

        def done(result) -> None:
            overview, (codings, memos), speakers = result
            self.overview = overview
            self.tree.show_codebook(overview.codebook, overview.usage)
            self.document_list.show_documents(overview.documents, overview.shares, document_id)
            self._show_document_status()
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

        self.qualcode.submit(StoreTask(_("read the project again"), run, done))

    def _reopen(self, document_id: int) -> None:
        """Read a document again (its speakers changed), staying where the researcher was in it."""
        segment = self.transcript.current_segment
        here = self.data is not None and self.data.document.id == document_id and segment is not None
        self.open_document(document_id, offset=segment.start if here else None)
