"""The agreement screen: two coders' agreement per code on chosen units and documents, worst first.

The figures are those of ``qualcode agreement`` (computed in the store queue, off the UI
thread). ``enter`` on a code lists its disagreements to settle them into the consensus coder;
the table is computed again when that list closes, so its settled column stays true.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from qualcode.agreement.units import UNIT_KINDS
from qualcode.domain.display_text import display_text
from qualcode.domain.models import Coder, DocumentSummary
from qualcode.export.atomic_files import ExportError
from qualcode.storage.actions import ActionRecord, undo
from qualcode.storage.consensus import DEFAULT_CONSENSUS, adopt_agreements, settlement_progress
from qualcode.storage.project_store import ProjectStore
from qualcode.tui.agreement_choices import (
    AgreementChoices, AgreementFigures, compute_figures, load_choices, write_agreement_report,
)
from qualcode.tui.store_tasks import StoreQueue, StoreTask, readable_error
from qualcode.tui.plain_text import plain
from qualcode.tui.screens.confirm_dialog import ConfirmDialog
from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.tui.screens.disagreement_screen import DisagreementScreen, TranscriptLocation
from qualcode.tui.screens.help_screen import HelpScreen, binding_sections
from qualcode.tui.terminal_size import set_size_classes
from qualcode.domain.language import _, ngettext
from qualcode.tui.widgets.agreement_table import (
    CHAR_NOTE, FORMULA, POOLED_KEY, UNIT_NAMES, AgreementTable, without_cursor_keys, worked_kappa,
)

if TYPE_CHECKING:
    from qualcode.agreement.coded_text import CodeAgreement

DEFAULT_UNIT = "paragraph"
OVERLAPS = ((_("any"), "any"), ("≥ 50%", "0.5"), (_("all"), "1"))
"""How much of a unit a coder's codings must cover to count as coded (the command's --min-overlap)."""

__all__ = ["AgreementScreen", "TranscriptLocation"]


class DocumentsDialog(Dialog[tuple[int, ...]]):
    """Tick the documents to compare on; returns their ids."""

    DEFAULT_CSS = """
    DocumentsDialog SelectionList { height: auto; max-height: 20; border: none; }
    """

    BINDINGS = [Binding("enter", "compare", _("Compare"), priority=True, id="agreement-documents.compare",
                        tooltip=_("Compare the coders on the ticked documents."))]

    def __init__(self, documents: tuple[DocumentSummary, ...], chosen: set[int], coded_by_both: set[int]) -> None:
        super().__init__()
        self._documents = documents
        self._chosen = chosen
        self._coded_by_both = coded_by_both

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = _("Documents to compare on")
            box.border_subtitle = _("space ticks · enter compares · esc cancels")
            yield Static(_("Default: every document both coders coded in (marked ✓✓)."), classes="dialog-message")
            yield SelectionList(*(
                Selection(plain(f"{document.name}{'  ✓✓' if document.id in self._coded_by_both else ''}"), document.id,
                          document.id in self._chosen)
                for document in self._documents))

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_compare(self) -> None:
        chosen = self.query_one(SelectionList).selected
        if not chosen:
            self.notify(_("Tick at least one document (space)."), severity="warning", timeout=3)
            return
        self.dismiss(tuple(chosen))


class AgreementScreen(Screen[TranscriptLocation | None]):
    """Choices on top, the table per code below, and the highlighted row worked out by hand."""

    DEFAULT_CSS = """
    AgreementScreen #agreement-choices { height: 1; padding: 0 1; background: $panel; }
    AgreementScreen #agreement-choices Label { margin: 0 1 0 0; color: $text-muted; }
    AgreementScreen #agreement-choices Select { width: 18; margin: 0 2 0 0; }
    AgreementScreen #agreement-choices #agreement-unit { width: 15; }
    AgreementScreen #agreement-choices #agreement-overlap { width: 10; }
    AgreementScreen #agreement-documents { width: 1fr; color: $text-muted; }
    AgreementScreen #agreement-formula { height: auto; padding: 0 1; color: $text-muted; }
    AgreementScreen #agreement-table {
        height: 1fr; border: round $border-blurred; border-title-color: $text-muted; border-title-style: bold;
    }
    AgreementScreen #agreement-table:focus { border: round $accent; border-title-color: $accent; }
    AgreementScreen #agreement-worked { height: auto; min-height: 3; padding: 0 1; }
    AgreementScreen #agreement-notes { height: auto; padding: 0 1; color: $text-muted; }
    AgreementScreen.-narrow #agreement-choices Select { width: 14; margin: 0 1 0 0; }
    AgreementScreen.-narrow #agreement-choices #agreement-unit { width: 13; }
    AgreementScreen.-narrow #agreement-choices #agreement-overlap { width: 9; }
    AgreementScreen.-short #agreement-formula { display: none; }
    """

    AUTO_FOCUS = "#agreement-table"

    BINDINGS = [
        Binding("c", "choose_coders", _("Coders"), id="agreement.coders",
                tooltip=_("Choose coder A (then tab to coder B); enter opens the list.")),
        Binding("s", "cycle_unit", _("Unit"), id="agreement.unit",
                tooltip=_("Compare on paragraphs, sentences, characters or turns (cycles).")),
        Binding("o", "cycle_overlap", _("Overlap"), id="agreement.overlap",
                tooltip=_("How much of a unit a coding must cover to count: any part, half, or all of it (cycles).")),
        Binding("d", "choose_documents", _("Documents"), id="agreement.documents",
                tooltip=_("Choose the documents (default: every document both coders coded in).")),
        Binding("A", "adopt", _("Adopt agreements"), id="agreement.adopt",
                tooltip=_("Give the consensus coder where A and B agree on the highlighted code "
                        "(on the pooled row: on every code).")),
        Binding("e", "write_report", _("Report"), id="agreement.report", show=False,
                tooltip=_("Write the agreement report of these choices (HTML, with every disagreement) to the "
                          "exports folder, as 'qualcode report agreement' does.")),
        Binding("u,ctrl+z", "undo", _("Undo"), id="agreement.undo",
                tooltip=_("Undo your last action (a settlement, an adoption, or a coding of yours).")),
        Binding("question_mark", "help", _("Help"), id="agreement.help", tooltip=_("Every key and what it does.")),
        Binding("escape", "close", _("Back"), id="agreement.close", tooltip=_("Back to the workbench.")),
    ]

    def __init__(self, store: ProjectStore, coder: Coder) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.choices: AgreementChoices | None = None
        self.figures: AgreementFigures | None = None
        self.documents: tuple[int, ...] | None = None
        """Documents chosen with ``d``; None for the default (every document both coders coded in)."""
        self._requested: tuple | None = None

    @property
    def qualcode(self) -> StoreQueue:
        return cast("StoreQueue", self.app)

    @property
    def table(self) -> AgreementTable:
        return self.query_one("#agreement-table", AgreementTable)

    def on_resize(self) -> None:
        set_size_classes(self, self.size)  # on a short terminal the formulas give their room to the table

    def compose(self) -> ComposeResult:
        with Horizontal(id="agreement-choices"):
            yield Label(_("A"))
            yield Select([], prompt=_("coder A"), compact=True, id="agreement-coder-a")
            yield Label(_("B"))
            yield Select([], prompt=_("coder B"), compact=True, id="agreement-coder-b")
            yield Label(_("unit"))
            yield Select([(UNIT_NAMES[unit], unit) for unit in UNIT_KINDS], value=DEFAULT_UNIT, allow_blank=False,
                         compact=True, id="agreement-unit")
            yield Label(_("overlap"))
            yield Select([(label, value) for label, value in OVERLAPS], value="any", allow_blank=False, compact=True,
                         id="agreement-overlap")
            yield Static(id="agreement-documents")
        yield Static(FORMULA, id="agreement-formula")
        yield AgreementTable(id="agreement-table")
        yield Static(id="agreement-worked")
        yield Static(id="agreement-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.table.border_title = _("Agreement per code, worst first")
        self.table.loading = True
        store = self.store
        self.qualcode.submit(StoreTask(_("read the coders"), lambda: load_choices(store), self._choices_loaded))

    # --- choices --------------------------------------------------------------------------------

    def _select(self, name: str) -> Select:
        return self.query_one(f"#agreement-{name}", Select)

    def _choices_loaded(self, choices: AgreementChoices) -> None:
        self.choices = choices
        options = [(plain(f"{choice.coder.name} ({choice.codings})"), choice.coder.id) for choice in choices.coders]
        with self.prevent(Select.Changed):
            self._select("coder-a").set_options(options)
            self._select("coder-b").set_options(options)
            pair = choices.default_pair(self.coder)
            if pair is not None:
                self._select("coder-a").value, self._select("coder-b").value = pair[0].id, pair[1].id
        if pair is None:
            self.table.loading = False
            self._notes(_("Agreement needs two coders who coded something; choose them above (c)."))
            return
        self._compute()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("agreement-coder-a", "agreement-coder-b"):
            self.documents = None
            self._swap_if_same(event.select)
        self._compute()

    def _swap_if_same(self, changed: Select) -> None:
        """Choosing as A the coder who is B (or the other way round) makes the previous A coder B."""
        is_a = changed.id == "agreement-coder-a"
        other = self._select("coder-b" if is_a else "coder-a")
        if other.value != changed.value or self._requested is None:
            return
        previous_a, previous_b = self._requested[0]
        with self.prevent(Select.Changed):
            other.value = (previous_a if is_a else previous_b).id

    def _chosen(self) -> tuple[Coder, Coder] | None:
        if self.choices is None:
            return None
        coders = {choice.coder.id: choice.coder for choice in self.choices.coders}
        a, b = coders.get(self._select("coder-a").value), coders.get(self._select("coder-b").value)
        return (a, b) if a is not None and b is not None else None

    @property
    def unit(self) -> str:
        return self._select("unit").value

    @property
    def min_overlap(self) -> float | None:
        value = self._select("overlap").value
        return None if value == "any" else float(value)

    def action_cycle_overlap(self) -> None:
        values = [value for _, value in OVERLAPS]
        overlap = self._select("overlap")
        overlap.value = values[(values.index(overlap.value) + 1) % len(values)]

    def action_choose_coders(self) -> None:
        self._select("coder-a").focus()

    def action_cycle_unit(self) -> None:
        self._select("unit").value = UNIT_KINDS[(UNIT_KINDS.index(self.unit) + 1) % len(UNIT_KINDS)]

    def action_choose_documents(self) -> None:
        pair = self._chosen()
        if pair is None:
            return
        both = {document.id for document in self.choices.coded_by_both(*pair)}
        chosen = set(self.documents) if self.documents is not None else both
        self.app.push_screen(DocumentsDialog(self.choices.documents, chosen, both), self._documents_chosen)

    def _documents_chosen(self, chosen: tuple[int, ...] | None) -> None:
        if chosen is not None:
            self.documents = chosen
            self._compute()

    # --- computing ------------------------------------------------------------------------------

    def _compute(self, *, again: bool = False) -> None:
        """Compute the figures for the current choices, unless they are already computed (or being computed)."""
        pair = self._chosen()
        if pair is None:
            return
        if pair[0] == pair[1]:
            self._notes(_("Choose two different coders."))
            return
        request = (pair, self.unit, self.documents, self.min_overlap)
        if request == self._requested and not again:
            return
        self._requested = request
        store, unit, overlap = self.store, self.unit, self.min_overlap
        names = [pair[0].name, pair[1].name]
        documents = None if self.documents is None else [str(document) for document in self.documents]
        self.table.loading = True
        self._notes(_("Computing the agreement of {a} and {b} on {unit}…").format(
            a=names[0], b=names[1], unit=UNIT_NAMES[unit]))
        self.qualcode.submit(StoreTask(_("compute the agreement"),
                                       lambda: compute_figures(store, names, unit, documents, overlap),
                                       partial(self._computed, request), partial(self._failed, request)))

    def _computed(self, request: tuple, figures: AgreementFigures) -> None:
        if request != self._requested:
            return
        self.figures = figures
        self.table.loading = False
        self.refresh_bindings()  # the footer missed the table's keys while it was loading
        result = figures.report.agreement
        self.table.show_rows(figures.codebook, result.worst_first(), result.pooled, figures.settled)
        self._show_worked()
        self._show_scope()

    def _failed(self, request: tuple, error: BaseException) -> None:
        if request == self._requested:
            self._requested = None  # the same choices may be tried again
            self.table.loading = False
            self._notes(_("Could not compute the agreement (see the message)."))

    def _show_scope(self) -> None:
        scope = self.figures.report.scope
        total = len(self.choices.documents)
        if self.documents is None:
            documents = _("documents: {count} of {total}, coded by both")
        else:
            documents = _("documents: {count} of {total}, chosen")
        self.query_one("#agreement-documents", Static).update(documents.format(count=len(scope.documents), total=total))
        notes = [_("{coder} has no codings of these codes in the chosen documents.").format(coder=coder.name)
                 for coder in scope.coders_without_codings()]
        if not self.figures.report.agreement.rows:
            notes.append(_("No code was used in these documents."))
        if scope.partly_coded_documents:
            notes.append(_("Left out, as only one of the two coded in them: {documents} (d includes them).").format(
                documents=", ".join(scope.partly_coded_documents)))
        unused = scope.unused_codes()
        if unused:
            notes.append(_("Left out, as neither coder used them here: {codes}.").format(
                codes=", ".join(code.name for code in unused)))
        if scope.unit == "char":
            notes.append(CHAR_NOTE)
        self._notes("\n".join(notes))

    def _notes(self, text: str) -> None:
        self.query_one("#agreement-notes", Static).update(plain(text))

    # --- the highlighted row ------------------------------------------------------------------------

    def _highlighted_row(self) -> CodeAgreement | None:
        key = self.table.highlighted_key
        if self.figures is None or key is None:
            return None
        result = self.figures.report.agreement
        if key == POOLED_KEY:
            return result.pooled
        return next(row for row in result.rows if str(row.code_id) == key)

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._show_worked()

    def _show_worked(self) -> None:
        row = self._highlighted_row()
        if row is None:
            return
        if row.code_id is None:
            name = _("Pooled: every code–unit pair is one unit")
        else:
            code = self.figures.codebook.code_by_id(row.code_id)
            name = f"{code.name if code else row.code} ({row.code})"
        self.query_one("#agreement-worked", Static).update(worked_kappa(row, name))

    # --- disagreements, adopting, undo --------------------------------------------------------------

    def action_open_disagreements(self) -> None:
        row = self._highlighted_row()
        if row is None:
            return
        if row.code_id is None:
            self.notify(_("The pooled row has no disagreements of its own: highlight a code."), timeout=3)
            return
        code = self.figures.codebook.code_by_id(row.code_id)
        scope = self.figures.report.scope
        if not self.figures.settled[row.code_id].disagreements:
            self.notify(_("{a} and {b} agree everywhere on {code}.").format(
                a=scope.coders[0].name, b=scope.coders[1].name, code=code.name), timeout=3)
            return
        store, overlap = self.store, self.min_overlap
        self.qualcode.submit(StoreTask(
            _("find the disagreements"),
            lambda: settlement_progress(store, scope, code.id, min_overlap=overlap),
            lambda progress: self.app.push_screen(
                DisagreementScreen(self.store, self.coder, scope, code, progress, UNIT_NAMES[scope.unit], overlap),
                self._disagreements_closed)))

    def _disagreements_closed(self, location: TranscriptLocation | None) -> None:
        if location is not None:
            self.dismiss(location)
        else:
            self._compute(again=True)

    def action_adopt(self) -> None:
        row = self._highlighted_row()
        if row is None:
            return
        if row.code_id is not None:
            self._adopt([row.code_id])
            return
        codes = [row.code_id for row in self.figures.report.agreement.rows]
        self.app.push_screen(
            ConfirmDialog(_("Adopt every agreement?"),
                          _("Give the consensus coder “{consensus}” every place where the two coders agree, "
                            "on all {count} codes ({count} undoable actions).").format(
                              consensus=DEFAULT_CONSENSUS, count=len(codes)), _("Adopt")),
            lambda confirmed: confirmed and self._adopt(codes))

    def _adopt(self, code_ids: list[int]) -> None:
        store, scope, actor = self.store, self.figures.report.scope, self.coder.id
        self.qualcode.submit(StoreTask(
            _("adopt the agreements"),
            lambda: sum(adopt_agreements(store, scope, code_id, actor_id=actor) for code_id in code_ids),
            lambda written: self.notify(ngettext(
                "{consensus}: {count} coding added where the coders agree (u undoes).",
                "{consensus}: {count} codings added where the coders agree (u undoes).",
                written).format(consensus=DEFAULT_CONSENSUS, count=written), timeout=4)))

    def action_undo(self) -> None:
        store, actor = self.store, self.coder.id
        self.qualcode.submit(StoreTask(_("undo"), lambda: undo(store, actor), self._undone))

    def _undone(self, record: ActionRecord | None) -> None:
        self.notify(_("Nothing to undo.") if record is None else _("Undone: {action}").format(action=record.description),
                    timeout=3)
        if record is not None:
            self._compute(again=True)

    # --- the report -------------------------------------------------------------------------------

    def action_write_report(self) -> None:
        pair = self._chosen()
        if pair is None or pair[0] == pair[1]:
            self.notify(_("Choose two different coders first (c)."), severity="warning", timeout=3)
            return
        store, unit, overlap = self.store, self.unit, self.min_overlap
        names = [pair[0].name, pair[1].name]
        by_id = {document.id: document.name for document in self.choices.documents}
        documents = None if self.documents is None else [by_id[document] for document in self.documents]
        self.notify(_("Writing the agreement report…"), timeout=2)
        self.qualcode.submit(StoreTask(
            "write the agreement report", lambda: write_agreement_report(store, names, unit, documents, overlap),
            self._report_written, self._report_failed))

    def _report_written(self, path) -> None:
        self.notify(display_text(_("Wrote {path}").format(path=path)), title=_("Agreement report"), timeout=8,
                    markup=False)

    def _report_failed(self, error: BaseException) -> None:
        reason = display_text(str(error)) if isinstance(error, ExportError) else readable_error(error)
        self.notify(_("Could not write the report: {reason}").format(reason=reason), severity="error", timeout=8,
                    markup=False)

    # --- help and leaving -------------------------------------------------------------------------

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {AgreementScreen: _("Agreement"), AgreementTable: _("Agreement table"),
                                                     App: _("Application")})
        self.app.push_screen(HelpScreen(_("Keys: agreement"), without_cursor_keys(sections)))

    def action_close(self) -> None:
        self.dismiss(None)
