"""The reports screen: code frequencies with bars, codes × documents, cases or an attribute, co-occurrence, export.

Every figure comes from the library functions the ``qualcode export`` command uses
(``code_frequencies``, ``frequency_matrix``, ``code_cooccurrence``), read through the app's
store queue; an export writes the same files the command writes, into the project's
``exports/`` folder, in a thread worker that feeds a progress bar and can be cancelled.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import cast

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState, get_current_worker

from qualcode.domain.display_text import display_text
from qualcode.domain.language import _, ngettext
from qualcode.domain.models import Coder, Unit
from qualcode.export.csv_dialects import RFC_4180, CsvStyle
from qualcode.export.counted_coders import coders_with_codings
from qualcode.export.frequencies import MEASURES, FrequencyMatrix, FrequencyReport, Measure
from qualcode.export.report_files import EXPORTS_FOLDER
from qualcode.storage.consensus import DEFAULT_CONSENSUS
from qualcode.storage.project_store import ProjectStore
from qualcode.tui.plain_text import plain
from qualcode.tui.report_data import Reports, matrix_of, read_reports, write_view_figure
from qualcode.tui.report_export import (
    ExportCancelled, ExportProgress, export_choices, export_error_text, write_export,
)
from qualcode.tui.report_settings import BYS, UNITS, counted_coders, report_settings, report_summary
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.export_dialog import ExportDialog, ExportRequest
from qualcode.tui.screens.help_screen import HelpScreen, binding_sections
from qualcode.tui.store_tasks import StoreQueue, StoreTask
from qualcode.tui.widgets.measured_table import MeasuredTable
from qualcode.tui.widgets.report_tables import fill_cooccurrence, fill_frequencies, fill_matrix, matrix_tab_label

EXPORT_GROUP = "report-export"


class ReportsScreen(Screen[None]):
    """Tables of the project's codings, with bars, and export to CSV from here."""

    DEFAULT_CSS = """
    ReportsScreen #report-settings { height: auto; background: $panel; padding: 0 1; }
    ReportsScreen #report-summary { height: auto; padding: 0 1; color: $text-muted; }
    ReportsScreen #report-tabs { height: 1fr; }
    ReportsScreen TabPane { padding: 0; }
    ReportsScreen DataTable { height: 1fr; }
    ReportsScreen #cooccurrence-table { height: auto; max-height: 65%; }
    ReportsScreen #pairs-table { border-top: hkey $border-blurred; }
    ReportsScreen #report-export { height: auto; display: none; padding: 0 1; }
    ReportsScreen #report-export.shown { display: block; }
    ReportsScreen #export-label { width: 1fr; height: auto; }
    ReportsScreen #export-label.failed { color: $error; }
    ReportsScreen #export-progress { width: auto; display: none; }
    ReportsScreen #export-progress.running { display: block; }
    """

    BINDINGS = [
        Binding("1", "show_tab('frequencies')", _("Frequencies"), id="reports.frequencies",
                tooltip=_("Codes by group: codings, units coded, documents, cases and words, with a bar.")),
        Binding("2", "show_tab('matrix')", _("Matrix"), id="reports.matrix",
                tooltip=_("Codes × documents, cases or the values of a case attribute.")),
        Binding("3", "show_tab('cooccurrence')", _("Co-occurrence"), id="reports.cooccurrence",
                tooltip=_("Code × code: units coded with both, and the pairs that go together most.")),
        Binding("v", "toggle_coders", _("Coders"), id="reports.coders",
                tooltip=_("Whose codings count: the consensus coder (when there is one), yours, or all coders "
                          "added together (cycles).")),
        Binding("s", "cycle_unit", _("Unit"), id="reports.unit",
                tooltip=_("Count units coded as turns, paragraphs or sentences (cycles).")),
        Binding("m", "cycle_measure", _("Measure"), id="reports.measure",
                tooltip=_("What the bars and the matrix count: codings, units, words, documents or cases (cycles).")),
        Binding("b", "cycle_by", _("Columns"), id="reports.by",
                tooltip=_("Matrix columns: documents, cases or the values of a case attribute (cycles).")),
        Binding("a", "choose_attribute", _("Attribute"), id="reports.attribute",
                tooltip=_("Choose the case attribute whose values are the matrix columns.")),
        Binding("e", "export", _("Export"), id="reports.export",
                tooltip=_("Write tables to CSV or xlsx in the project's exports folder, as 'qualcode export' does.")),
        Binding("g", "write_figure", _("Figure"), show=False, id="reports.figure",
                tooltip=_("Write what this tab shows as a figure for the thesis (SVG) in the exports folder, as "
                          "'qualcode figure' does.")),
        Binding("r", "reload", _("Reload"), show=False, id="reports.reload", tooltip=_("Read the project again.")),
        Binding("question_mark", "help", _("Help"), id="reports.help", tooltip=_("Every key and what it does.")),
        Binding("escape", "close", _("Back"), id="reports.close",
                tooltip=_("Back to the workbench; while an export runs, stop the export instead.")),
    ]

    def __init__(self, store: ProjectStore, coder: Coder) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.counting: str | None = None
        """Whose codings count: "consensus", "mine" or "all"; None until the project says whether there is a consensus."""
        self.countings: tuple[str, ...] = ("mine", "all")
        self.unit: Unit = "turn"
        self.measure: Measure = "codings"
        self.by = "document"
        self.attribute: str | None = None
        self.reports: Reports | None = None
        self.style: CsvStyle = RFC_4180
        self.workbook = False
        self._export: Worker | None = None
        self._reads = 0

    @property
    def qualcode(self) -> StoreQueue:
        return cast("StoreQueue", self.app)

    @property
    def coders(self) -> list[str] | None:
        return counted_coders(self.counting, self.coder.name)

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="report-settings")
        yield Static(id="report-summary")
        with TabbedContent(id="report-tabs"):
            with TabPane(_("Frequencies"), id="frequencies"):
                yield MeasuredTable(id="frequency-table", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Matrix"), id="matrix"):
                yield MeasuredTable(id="matrix-table", cursor_type="row", zebra_stripes=True, fixed_columns=1)
            with TabPane(_("Co-occurrence"), id="cooccurrence"):
                yield MeasuredTable(id="cooccurrence-table", cursor_type="cell", fixed_columns=1)
                yield MeasuredTable(id="pairs-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="report-export"):
            yield Static(id="export-label")
            yield ProgressBar(id="export-progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#frequency-table", DataTable).focus()
        store = self.store
        self.qualcode.submit(StoreTask("find the coders with codings", lambda: coders_with_codings(store),
                                       self._coders_known))

    def _coders_known(self, coding: list[str]) -> None:
        """Count one coder by default, so that two coders' codings of a passage never count twice: the consensus
        coder when it has codings, else the workbench's coder; v goes on to the others."""
        consensus = DEFAULT_CONSENSUS in coding and self.coder.name != DEFAULT_CONSENSUS
        self.countings = ("consensus", "mine", "all") if consensus else ("mine", "all")
        self.counting = self.countings[0]
        self._show_settings()
        self.action_reload()

    def on_resize(self) -> None:
        self._show_settings()

    # --- reading ---------------------------------------------------------------------------------

    def action_reload(self) -> None:
        store, unit, coders = self.store, self.unit, self.coders
        measure, by, attribute = self.measure, self.by, self.attribute
        self.query_one("#report-summary", Static).update(_("Counting…"))
        self._reads += 1
        self.qualcode.submit(StoreTask(_("read the reports"),
                                       lambda: read_reports(store, unit, coders, measure, by, attribute),
                                       self._loaded, self._not_loaded))

    def _not_loaded(self, error: BaseException) -> None:
        self._reads -= 1
        self.query_one("#report-summary", Static).update(_("The project could not be read (see the message): r tries "
                                                           "again."))

    def _loaded(self, reports: Reports) -> None:
        self._reads -= 1
        if self._reads:  # the choices changed meanwhile: show only what the last read gives
            return
        self.reports = reports
        self._show_settings()
        self._show_summary()
        self._show_frequencies()
        self._show_matrix(reports.matrix)
        self._show_cooccurrence()

    def _recount_matrix(self) -> None:
        self._show_settings()
        if self.reports is None:
            return
        report, measure, by, attribute = self.reports.frequencies, self.measure, self.by, self.attribute
        self.qualcode.submit(StoreTask(_("count the matrix"), lambda: matrix_of(report, measure, by, attribute),
                                       partial(self._matrix_counted, report)))

    def _matrix_counted(self, report: FrequencyReport, matrix: FrequencyMatrix) -> None:
        if self.reports.frequencies is not report:  # the project was read again meanwhile: count that
            self._recount_matrix()
            return
        self.reports = Reports(self.reports.codebook, report, self.reports.cooccurrence, matrix)
        self._show_summary()
        self._show_matrix(matrix)

    # --- showing ---------------------------------------------------------------------------------

    def _show_settings(self) -> None:
        self.query_one("#report-settings", Static).update(report_settings(
            self.counting, self.coder.name, self.unit, self.measure, self.by, self.attribute,
            width=max(20, (self.size.width or self.app.size.width) - 2)))

    def _show_summary(self) -> None:
        self.query_one("#report-summary", Static).update(plain(report_summary(self.reports, self.counting,
                                                                              self.coder.name)))

    def _show_frequencies(self) -> None:
        fill_frequencies(self.query_one("#frequency-table", DataTable), self.reports.codebook,
                         self.reports.frequencies, self.unit, self.measure)

    def _show_matrix(self, matrix: FrequencyMatrix) -> None:
        fill_matrix(self.query_one("#matrix-table", DataTable), self.reports.codebook, matrix, self.unit)
        self.query_one(TabbedContent).get_tab("matrix").label = matrix_tab_label(matrix)

    def _show_cooccurrence(self) -> None:
        fill_cooccurrence(self.query_one("#cooccurrence-table", DataTable), self.query_one("#pairs-table", DataTable),
                          self.reports.codebook, self.reports.cooccurrence)

    # --- choices ---------------------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        table_id = {"frequencies": "#frequency-table", "matrix": "#matrix-table",
                    "cooccurrence": "#cooccurrence-table"}[tab]
        self.query_one(table_id, DataTable).focus()

    def action_toggle_coders(self) -> None:
        if self.counting is None:
            return
        self.counting = self.countings[(self.countings.index(self.counting) + 1) % len(self.countings)]
        self._show_settings()
        self.action_reload()

    def action_cycle_unit(self) -> None:
        self.unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)]
        self._show_settings()
        self.action_reload()

    def action_cycle_measure(self) -> None:
        self.measure = MEASURES[(MEASURES.index(self.measure) + 1) % len(MEASURES)]
        if self.reports is not None:
            self._show_frequencies()
        self._recount_matrix()

    def action_cycle_by(self) -> None:
        """Documents, cases, then the chosen attribute (the first one until ``a`` chooses another)."""
        names = self.reports.frequencies.attribute_names if self.reports else ()
        following = BYS[(BYS.index(self.by) + 1) % len(BYS)]
        if following == "attribute":
            if not names:
                following = "document"
            elif self.attribute not in names:
                self.attribute = names[0]
        self.by = following
        self._recount_matrix()

    def action_choose_attribute(self) -> None:
        names = self.reports.frequencies.attribute_names if self.reports else ()
        if not names:
            self.notify(_("The cases have no attributes: import a cases CSV (qualcode cases import) first."), timeout=5)
            return
        current = names.index(self.attribute) if self.attribute in names else 0
        self.app.push_screen(ChoiceDialog(_("Matrix columns"), _("The values of which case attribute?"),
                                          [(name, name) for name in names], highlighted=current),
                             self._attribute_chosen)

    def _attribute_chosen(self, name: str | None) -> None:
        if name is None:
            return
        self.attribute, self.by = name, "attribute"
        self._recount_matrix()
        self.action_show_tab("matrix")

    # --- export ----------------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.reports is None:
            self.notify(_("Still counting; try again in a moment."), timeout=3)
            return
        if self._export is not None and self._export.is_running:
            self.notify(_("An export is running (esc stops it)."), timeout=3)
            return
        choices = export_choices(self.reports, self.unit, self.measure, self.by, self.attribute)
        folder = self.store.folder / EXPORTS_FOLDER
        self.app.push_screen(ExportDialog(choices, folder=str(folder), style=self.style, workbook=self.workbook),
                             self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        self.style, self.workbook = request.style, request.workbook
        label = self.query_one("#export-label", Static)
        label.remove_class("failed")
        label.update(ngettext("Exporting {count} table…", "Exporting {count} tables…", len(request.tables)).format(
            count=len(request.tables)))
        progress = self.query_one("#export-progress", ProgressBar)
        progress.update(total=None, progress=0)
        progress.add_class("running")
        self.query_one("#report-export").add_class("shown")
        self._export = self._write(self.reports, request, self.measure, self.attribute)

    @work(thread=True, exclusive=True, group=EXPORT_GROUP, exit_on_error=False, name="export the tables")
    def _write(self, reports: Reports, request: ExportRequest, measure: Measure, attribute: str | None) -> list[Path]:
        return write_export(self.store.folder, reports, request, measure, attribute, get_current_worker(),
                            self.post_message)

    def on_export_progress(self, message: ExportProgress) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=max(message.total, 1), progress=message.written)
        self.query_one("#export-label", Static).update(
            _("Exporting… {file}: {written:,} of {total:,} rows").format(
                file=message.file_name, written=message.written, total=message.total))

    @on(Worker.StateChanged)
    def _export_state(self, event: Worker.StateChanged) -> None:
        if event.worker.group != EXPORT_GROUP or event.state not in (
                WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        self.query_one("#export-progress", ProgressBar).remove_class("running")
        label = self.query_one("#export-label", Static)
        if event.state == WorkerState.SUCCESS:
            paths: list[Path] = event.worker.result
            where = paths[0].parent if paths else self.store.folder / EXPORTS_FOLDER
            names = ", ".join(path.name for path in paths)
            label.update(plain(ngettext("Wrote {count} file to {folder}: {names}", "Wrote {count} files to {folder}: {names}",
                                        len(paths)).format(count=len(paths), folder=where, names=names)))
            self.notify(ngettext("{count} file in {folder}", "{count} files in {folder}", len(paths)).format(
                count=len(paths), folder=where), title=_("Exported"), timeout=6)
            return
        error = event.worker.error
        if event.state == WorkerState.CANCELLED or isinstance(error, ExportCancelled):
            label.update(_("Export stopped."))
            self.notify(_("Export stopped."), severity="warning", timeout=4)
            return
        message = _("Could not export: {reason}. No file was changed.").format(reason=export_error_text(error))
        label.add_class("failed")
        label.update(plain(message))
        self.notify(message, severity="error", timeout=8)

    # --- figure -----------------------------------------------------------------------------------

    def action_write_figure(self) -> None:
        tab = self.query_one(TabbedContent).active
        store, unit, coders = self.store, self.unit, self.coders
        measure, by, attribute = self.measure, self.by, self.attribute
        self.notify(_("Drawing the figure…"), timeout=2)
        self.qualcode.submit(StoreTask(
            "draw the figure", lambda: write_view_figure(store, tab, unit, coders, measure, by, attribute),
            self._figure_written, self._figure_failed))

    def _figure_written(self, path: Path) -> None:
        self.notify(display_text(_("Wrote {path}").format(path=path)), title=_("Figure"), timeout=8, markup=False)

    def _figure_failed(self, error: BaseException) -> None:
        self.notify(_("Could not draw the figure: {reason}").format(reason=export_error_text(error)),
                    severity="error", timeout=8, markup=False)

    # --- leaving ---------------------------------------------------------------------------------

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {ReportsScreen: _("Reports"), DataTable: _("Table"),
                                                     App: _("Application")})
        self.app.push_screen(HelpScreen(_("Reports keys"), sections))

    def action_close(self) -> None:
        if self._export is not None and self._export.is_running:
            self._export.cancel()
            return
        self.dismiss(None)

