"""Two coders' disagreements on one code, side by side in context, settled one by one into the consensus coder.

Each settlement is one undoable action on the supervisor's undo stack (``u`` here or in the
workbench takes it back). After settling, the cursor moves on to the next open disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static

from qualcode.agreement.disagreements import Choice, Disagreement
from qualcode.domain.models import Code, Coder
from qualcode.storage.actions import ActionRecord, undo
from qualcode.storage.agreement_data import AgreementScope
from qualcode.storage.consensus import (
    CHOICE_NAMES, DEFAULT_CONSENSUS, SettlementProgress, adopt_agreements, settle_disagreement, settlement_progress,
)
from qualcode.storage.project_store import ProjectStore
from qualcode.tui.store_tasks import StoreQueue, StoreTask
from qualcode.tui.plain_text import plain
from qualcode.tui.screens.help_screen import HelpScreen, binding_sections
from qualcode.tui.widgets.agreement_context import CodedContext
from qualcode.tui.widgets.agreement_table import without_cursor_keys
from qualcode.tui.widgets.measured_table import MeasuredTable
from qualcode.domain.language import _, ngettext

EXCERPT = 60


@dataclass(frozen=True)
class TranscriptLocation:
    """A span the workbench should show: what the agreement screens dismiss with to jump to the transcript."""

    document_id: int
    start: int
    end: int


def disagreement_key(disagreement: Disagreement) -> str:
    return f"{disagreement.document_id}:{disagreement.start}"


class DisagreementScreen(Screen[TranscriptLocation | None]):
    """A list of the code's disagreements; the highlighted one as coder A and coder B marked it."""

    DEFAULT_CSS = """
    DisagreementScreen #disagreement-heading { height: auto; padding: 0 1; background: $panel; }
    DisagreementScreen #disagreement-progress-line { height: 1; padding: 0 1; }
    DisagreementScreen #disagreement-progress { width: 42; }
    DisagreementScreen #disagreement-progress-label { width: 1fr; margin: 0 0 0 2; }
    DisagreementScreen #disagreement-list {
        height: auto; max-height: 12; border: round $border-blurred; border-title-color: $text-muted;
    }
    DisagreementScreen #disagreement-list:focus { border: round $accent; border-title-color: $accent; }
    DisagreementScreen #disagreement-sides { height: 1fr; }
    """

    BINDINGS = [
        Binding("a", "settle('a')", _("Take A"), id="disagreements.take-a",
                tooltip=_("Settle it: the consensus codes here what coder A coded.")),
        Binding("b", "settle('b')", _("Take B"), id="disagreements.take-b",
                tooltip=_("Settle it: the consensus codes here what coder B coded.")),
        Binding("2", "settle('both')", _("Both"), id="disagreements.both",
                tooltip=_("Settle it: the consensus codes here what either coder coded (their union).")),
        Binding("n", "settle('neither')", _("Neither"), id="disagreements.neither",
                tooltip=_("Settle it: the consensus does not code this code here.")),
        Binding("right_square_bracket", "next_open", _("Next open"), show=False, id="disagreements.next-open",
                tooltip=_("Go to the next disagreement that is not settled yet.")),
        Binding("t", "transcript", _("Transcript"), id="disagreements.transcript",
                tooltip=_("Back to the workbench, showing this place in its transcript.")),
        Binding("A", "adopt", _("Adopt agreements"), id="disagreements.adopt",
                tooltip=_("Give the consensus every place where A and B agree on this code (one undoable action).")),
        Binding("u,ctrl+z", "undo", _("Undo"), id="disagreements.undo",
                tooltip=_("Undo your last action (a settlement, an adoption, or a coding of yours).")),
        Binding("question_mark", "help", _("Help"), id="disagreements.help", tooltip=_("Every key and what it does.")),
        Binding("escape", "close", _("Back"), id="disagreements.close", tooltip=_("Back to the agreement table.")),
    ]

    def __init__(self, store: ProjectStore, coder: Coder, scope: AgreementScope, code: Code,
                 progress: SettlementProgress, unit_name: str, min_overlap: float | None = None) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.scope = scope
        self.code = code
        self.progress = progress
        self.unit_name = unit_name
        self.min_overlap = min_overlap
        """The agreement screen's overlap choice: the disagreements listed are the ones its table counted."""
        self.coder_a, self.coder_b = scope.coders[0], scope.coders[1]

    @property
    def qualcode(self) -> StoreQueue:
        return cast("StoreQueue", self.app)

    @property
    def listing(self) -> DataTable:
        return self.query_one("#disagreement-list", DataTable)

    def compose(self) -> ComposeResult:
        yield Static(id="disagreement-heading")
        with Horizontal(id="disagreement-progress-line"):
            yield ProgressBar(id="disagreement-progress", show_eta=False, show_percentage=False)
            yield Static(id="disagreement-progress-label")
        yield MeasuredTable(id="disagreement-list", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="disagreement-sides"):
            yield CodedContext(id="disagreement-a")
            yield CodedContext(id="disagreement-b")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#disagreement-heading", Static).update(plain(
            f"{self.code.name} ({self.code.key}) · {self.unit_name} · A = {self.coder_a.name}, "
            f"B = {self.coder_b.name} · " + _("settled into coder {coder}").format(coder=DEFAULT_CONSENSUS)))
        self.query_one("#disagreement-a", CodedContext).border_title = plain(f"A · {self.coder_a.name}")
        self.query_one("#disagreement-b", CodedContext).border_title = plain(f"B · {self.coder_b.name}")
        listing = self.listing
        listing.border_title = _("Disagreements")
        for heading, key in (("#", "number"), (_("document"), "document"), (_("coded by"), "coded-by"),
                             (_("settled"), "settled"), (_("text"), "text")):
            listing.add_column(heading, key=key)
        self._show_progress(self.progress)
        listing.focus()
        self._go_to(self._next_open(-1, ()) or 0)

    # --- showing --------------------------------------------------------------------------------

    def _show_progress(self, progress: SettlementProgress) -> None:
        """Fill the list (keeping the cursor where it is) and the progress line."""
        self.progress = progress
        listing = self.listing
        row = listing.cursor_row
        listing.clear()
        for number, disagreement in enumerate(progress.disagreements, start=1):
            listing.add_row(*map(plain, (str(number), disagreement.document, self._coded_by(disagreement),
                                         self._settled_label(disagreement), self._excerpt(disagreement))),
                            key=disagreement_key(disagreement))
        if progress.disagreements:
            listing.move_cursor(row=min(max(row, 0), len(progress.disagreements) - 1))
        total, settled = len(progress.disagreements), len(progress.settled)
        self.query_one("#disagreement-progress", ProgressBar).update(total=max(total, 1), progress=settled)
        self.query_one("#disagreement-progress-label", Static).update(
            _("settled {settled} of {total}").format(settled=settled, total=total)
            + (" · " + _("{count} open").format(count=progress.open) if progress.open else " · " + _("all settled")))
        self._show_sides()

    def _coded_by(self, disagreement: Disagreement) -> str:
        if disagreement.coded_by == "a":
            return _("only {coder}").format(coder=self.coder_a.name)
        if disagreement.coded_by == "b":
            return _("only {coder}").format(coder=self.coder_b.name)
        return _("each a part")

    def _settled_label(self, disagreement: Disagreement) -> str:
        settlement = self.progress.settled.get((disagreement.document_id, disagreement.start))
        return CHOICE_NAMES[settlement.choice] if settlement else ""

    @staticmethod
    def _excerpt(disagreement: Disagreement) -> str:
        offset = disagreement.context_start
        text = disagreement.context[disagreement.start - offset:disagreement.end - offset].replace("\n", " ")
        if not text.strip():
            return ngettext("({count} blank character)", "({count} blank characters)", len(text)).format(count=len(text))
        return text if len(text) <= EXCERPT else text[:EXCERPT - 1] + "…"

    @property
    def current(self) -> Disagreement | None:
        disagreements = self.progress.disagreements
        row = self.listing.cursor_row
        return disagreements[row] if 0 <= row < len(disagreements) else None

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._show_sides()

    def _show_sides(self) -> None:
        disagreement = self.current
        self.query_one("#disagreement-a", CodedContext).show(
            self.coder_a.name, disagreement, disagreement.a_spans if disagreement else ())
        self.query_one("#disagreement-b", CodedContext).show(
            self.coder_b.name, disagreement, disagreement.b_spans if disagreement else ())

    def _go_to(self, index: int) -> None:
        if self.progress.disagreements:
            self.listing.move_cursor(row=index)
            self._show_sides()

    def _next_open(self, after: int, also_settled: tuple[str, ...]) -> int | None:
        """The index of the first open disagreement after ``after`` (wrapping), not counting ``also_settled``."""
        disagreements = self.progress.disagreements
        for step in range(1, len(disagreements) + 1):
            index = (after + step) % len(disagreements)
            disagreement = disagreements[index]
            if ((disagreement.document_id, disagreement.start) not in self.progress.settled
                    and disagreement_key(disagreement) not in also_settled):
                return index
        return None

    # --- settling -------------------------------------------------------------------------------

    def action_settle(self, choice: Choice) -> None:
        disagreement = self.current
        if disagreement is None:
            return
        store, scope, code_id, actor, overlap = self.store, self.scope, self.code.id, self.coder.id, self.min_overlap
        a_id, b_id = self.coder_a.id, self.coder_b.id

        def run() -> SettlementProgress:
            settle_disagreement(store, coder_a_id=a_id, coder_b_id=b_id, code_id=code_id,
                                document_id=disagreement.document_id, start=disagreement.start,
                                end=disagreement.end, choice=choice, actor_id=actor)
            return settlement_progress(store, scope, code_id, min_overlap=overlap)

        self.qualcode.submit(StoreTask(_("settle the disagreement"), run, self._settled))
        following = self._next_open(self.listing.cursor_row, (disagreement_key(disagreement),))
        if following is not None:
            self._go_to(following)

    def _settled(self, progress: SettlementProgress) -> None:
        self._show_progress(progress)
        if progress.disagreements and not progress.open:
            self.notify(_("All {count} disagreements on {code} are settled.").format(
                count=len(progress.disagreements), code=self.code.name), timeout=4)

    def action_next_open(self) -> None:
        following = self._next_open(self.listing.cursor_row, ())
        if following is None:
            self.notify(_("Every disagreement is settled."), timeout=3)
        else:
            self._go_to(following)

    def action_adopt(self) -> None:
        store, scope, code_id, actor, overlap = self.store, self.scope, self.code.id, self.coder.id, self.min_overlap
        self.qualcode.submit(StoreTask(
            _("adopt the agreements"), lambda: adopt_agreements(store, scope, code_id, min_overlap=overlap,
                                                                actor_id=actor),
            lambda written: self.notify(ngettext(
                "{consensus} has where {a} and {b} agree on {code}: {count} coding added (u undoes).",
                "{consensus} has where {a} and {b} agree on {code}: {count} codings added (u undoes).",
                written).format(consensus=DEFAULT_CONSENSUS, a=self.coder_a.name, b=self.coder_b.name,
                                code=self.code.name, count=written), timeout=4)))

    def action_undo(self) -> None:
        store, scope, code_id, actor, overlap = self.store, self.scope, self.code.id, self.coder.id, self.min_overlap
        self.qualcode.submit(StoreTask(
            _("undo"), lambda: (undo(store, actor), settlement_progress(store, scope, code_id, min_overlap=overlap)),
            self._undone))

    def _undone(self, result: tuple[ActionRecord | None, SettlementProgress]) -> None:
        record, progress = result
        self._show_progress(progress)
        self.notify(_("Nothing to undo.") if record is None else _("Undone: {action}").format(action=record.description),
                    timeout=3)

    # --- leaving --------------------------------------------------------------------------------

    def action_transcript(self) -> None:
        disagreement = self.current
        if disagreement is not None:
            self.dismiss(TranscriptLocation(disagreement.document_id, disagreement.start, disagreement.end))

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {DisagreementScreen: _("Disagreements"), App: _("Application")})
        self.app.push_screen(HelpScreen(_("Keys: disagreements"), without_cursor_keys(sections)))

    def action_close(self) -> None:
        self.dismiss(None)

