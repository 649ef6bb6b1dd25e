"""The reports screen: code frequencies with bars, codes × documents, cases or an attribute, co-occurrence, export.

Every figure comes from the library functions the ``qualcode export`` command uses
(``code_frequencies``, ``frequency_matrix``, ``code_cooccurrence``), read through the app's
store queue; an export writes the same files the command writes, into the project's
``exports/`` folder, in a thread worker that feeds a progress bar and can be cancelled.
"""

from __future__ import annotations

import textwrap
from functools import partial
from pathlib import Path
from typing import cast

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState, get_current_worker

from qualcode.domain.display_text import display_text
from qualcode.domain.language import _, ngettext
from qualcode.domain.models import Code, Coder, Unit
from qualcode.export.csv_dialects import RFC_4180, CsvStyle
from qualcode.export.counted_coders import coders_with_codings
from qualcode.export.frequencies import (
    MEASURES, FrequencyMatrix, FrequencyReport, Measure, missing_values, missing_values_text,
)
from qualcode.export.report_files import EXPORTS_FOLDER, ExportError, report_paths, write_tables
from qualcode.storage.consensus import DEFAULT_CONSENSUS
from qualcode.storage.project_store import ProjectStore
from qualcode.tui.store_tasks import StoreQueue, StoreTask, readable_error
from qualcode.tui.plain_text import plain
from qualcode.tui.report_data import Reports, export_table, matrix_of, measure_label, measure_of, read_reports
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.export_dialog import ExportDialog, ExportRequest, TableChoice
from qualcode.tui.screens.help_screen import HelpScreen, binding_sections
from qualcode.tui.widgets.codebook_tree import code_colour, group_colour
from qualcode.tui.widgets.report_bars import bar
from qualcode.tui.settings_line import settings_line

UNITS: tuple[Unit, ...] = ("turn", "paragraph", "sentence")
BYS = ("document", "case", "attribute")
BAR_WIDTH = 30
HEADER_WIDTH = 14
"""Matrix column headers longer than this wrap onto a second line (at hyphens and spaces)."""
EXPORT_GROUP = "report-export"


def number(value: int, *, dim_zero: str = "") -> Text:
    if value == 0 and dim_zero:
        return Text(dim_zero, style="dim", justify="right")
    return Text(str(value), justify="right")


class ExportProgress(Message):
    """Rows written so far of all files of an export; a newer one replaces an unread older one."""

    def __init__(self, written: int, total: int, file_name: str) -> None:
        super().__init__()
        self.written = written
        self.total = total
        self.file_name = file_name

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ExportProgress)


class ExportCancelled(Exception):
    """The researcher stopped the export; no file was changed."""


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
        Binding("1", "show_tab('frequencies')", "Frequencies", id="reports.frequencies",
                tooltip="Codes by group: codings, units coded, documents, cases and words, with a bar."),
        Binding("2", "show_tab('matrix')", "Matrix", id="reports.matrix",
                tooltip="Codes × documents, cases or the values of a case attribute."),
        Binding("3", "show_tab('cooccurrence')", "Co-occurrence", id="reports.cooccurrence",
                tooltip="Code × code: units coded with both, and the pairs that go together most."),
        Binding("v", "toggle_coders", "Coders", id="reports.coders",
                tooltip=_("Whose codings count: the consensus coder (when there is one), yours, or all coders "
                          "added together (cycles).")),
        Binding("s", "cycle_unit", "Unit", id="reports.unit",
                tooltip="Count units coded as turns, paragraphs or sentences (cycles)."),
        Binding("m", "cycle_measure", "Measure", id="reports.measure",
                tooltip="What the bars and the matrix count: codings, units, words, documents or cases (cycles)."),
        Binding("b", "cycle_by", "Columns", id="reports.by",
                tooltip="Matrix columns: documents, cases or the values of a case attribute (cycles)."),
        Binding("a", "choose_attribute", "Attribute", id="reports.attribute",
                tooltip="Choose the case attribute whose values are the matrix columns."),
        Binding("e", "export", "Export", id="reports.export",
                tooltip="Write tables to CSV or xlsx in the project's exports folder, as 'qualcode export' does."),
        Binding("r", "reload", "Reload", show=False, id="reports.reload", tooltip="Read the project again."),
        Binding("question_mark", "help", "Help", id="reports.help", tooltip="Every key and what it does."),
        Binding("escape", "close", "Back", id="reports.close",
                tooltip="Back to the workbench; while an export runs, stop the export instead."),
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
        return {"consensus": [DEFAULT_CONSENSUS], "all": None}.get(self.counting, [self.coder.name])

    def _counting_label(self) -> str:
        """Whose codings count, as the settings line says it."""
        return {"consensus": DEFAULT_CONSENSUS, "all": _("all coders")}.get(self.counting, self.coder.name)

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="report-settings")
        yield Static(id="report-summary")
        with TabbedContent(id="report-tabs"):
            with TabPane("Frequencies", id="frequencies"):
                yield DataTable(id="frequency-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Matrix", id="matrix"):
                yield DataTable(id="matrix-table", cursor_type="row", zebra_stripes=True, fixed_columns=1)
            with TabPane("Co-occurrence", id="cooccurrence"):
                yield DataTable(id="cooccurrence-table", cursor_type="cell", fixed_columns=1)
                yield DataTable(id="pairs-table", cursor_type="row", zebra_stripes=True)
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
        self.query_one("#report-summary", Static).update("Counting…")
        self._reads += 1
        self.qualcode.submit(StoreTask("read the reports",
                                       lambda: read_reports(store, unit, coders, measure, by, attribute),
                                       self._loaded, self._not_loaded))

    def _not_loaded(self, _: BaseException) -> None:
        self._reads -= 1
        self.query_one("#report-summary", Static).update("The project could not be read (see the message): r tries "
                                                         "again.")

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
        self.qualcode.submit(StoreTask("count the matrix", lambda: matrix_of(report, measure, by, attribute),
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
        by = f"{self.attribute}" if self.by == "attribute" else f"{self.by}s"
        measure = f"{self.unit}s coded" if self.measure == "units" else self.measure
        settings = self.query_one("#report-settings", Static)
        settings.update(settings_line(
            (("v", _("counting"), self._counting_label()), ("s", "unit", self.unit),
             ("m", "measure", measure), ("b", "columns", by), ("e", "export", "")), gap="   ",
            width=max(20, (self.size.width or self.app.size.width) - 2)))

    def _show_summary(self) -> None:
        report = self.reports.frequencies
        cases = {doc.case for doc in report.documents if doc.case}
        if self.counting == "consensus":
            counting = _("counting the consensus coder ({name})").format(name=DEFAULT_CONSENSUS)
        elif self.counting == "all":
            counting = _("counting all coders added together: {names}").format(names=", ".join(report.coders))
        else:
            counting = _("counting coder {name} (you)").format(name=self.coder.name)
        if not report.documents:
            summary = _("No coded document yet, {counting}: v counts others.").format(counting=counting)
        else:
            summary = _("{documents}, {cases} · {counting} · units: {unit}s").format(
                documents=ngettext("{count} coded document", "{count} coded documents", len(report.documents)).format(
                    count=len(report.documents)),
                cases=ngettext("{count} case", "{count} cases", len(cases)).format(count=len(cases)),
                counting=counting, unit=report.unit)
            by = self.reports.matrix.by
            if by in ("case", "attribute"):
                attribute = self.reports.matrix.attribute
                missing = missing_values(report, attribute)
                if missing.without_case or missing.without_value:
                    summary += " · " + missing_values_text(missing, attribute) + (
                        _(" (C in the workbench's document list sets a case)") if missing.without_case else "")
        self.query_one("#report-summary", Static).update(plain(summary))

    def _code_label(self, code: Code) -> Text:
        codebook = self.reports.codebook
        depth, parent = 0, code.parent_id
        while parent is not None:
            depth += 1
            parent = codebook.code_by_id(parent).parent_id
        label = Text("  " * (depth + 1))
        label.append("■ ", style=code_colour(codebook, code))
        label.append(display_text(code.name))
        return label

    def _grouped_rows(self) -> list[tuple[str, Text, Code | None]]:
        """(row key, label, code) for every group and its codes, in codebook order; code is None on a group row."""
        codebook = self.reports.codebook
        rows = []
        for group in codebook.groups:
            rows.append((f"group:{group.key}", plain(group.name, style=f"bold {group_colour(codebook, group)}"), None))
            rows.extend((code.key, self._code_label(code), code) for code in codebook.codes_in_group(group.id))
        return rows

    def _label_width(self, header: str) -> int:
        """The code column as wide as its widest label: DataTable's own measuring lags behind a quick refill."""
        return max([len(header), *(label.cell_len for _, label, _ in self._grouped_rows())])

    def _show_frequencies(self) -> None:
        table = self.query_one("#frequency-table", DataTable)
        row, column = table.cursor_coordinate
        table.clear(columns=True)
        totals = {total.code: total for total in self.reports.frequencies.totals}
        unit_label = measure_label("units", self.unit)
        headers = [("code", "Code"), ("codings", "Codings"), ("units", unit_label), ("documents", "Docs"),
                   ("cases", "Cases"), ("words", "Words")]
        for key, label in headers:
            header = Text(label, style="bold reverse" if key == self.measure else "",
                          justify="left" if key == "code" else "right")
            table.add_column(header, key=key, width=self._label_width(label) if key == "code" else None)
        table.add_column(Text(f"▏{measure_label(self.measure, self.unit)}"), key="bar")
        widest = max((measure_of(total, self.measure) for total in totals.values()), default=0)
        for key, label, code in self._grouped_rows():
            if code is None:
                table.add_row(label, *[""] * 6, key=key)
                continue
            found = totals[code.key]
            table.add_row(label, number(found.codings), number(found.units_coded), number(found.documents),
                          number(found.cases), number(found.words_coded),
                          bar(measure_of(found, self.measure), widest, BAR_WIDTH, code_colour(self.reports.codebook,
                                                                                               code)),
                          key=key)
        table.move_cursor(row=row, column=column)

    def _show_matrix(self, matrix: FrequencyMatrix) -> None:
        table = self.query_one("#matrix-table", DataTable)
        row, _ = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Code", key="code", width=self._label_width("Code"))
        headers = [textwrap.wrap(display_text(str(column)), HEADER_WIDTH) or [""] for column in matrix.columns]
        table.header_height = max((len(lines) for lines in headers), default=1)
        for index, lines in enumerate(headers):
            table.add_column(Text("\n".join(lines), justify="right"), key=f"column-{index}")
        table.add_column(Text("Total", justify="right"), key="total")
        table.add_column(Text(f"▏{measure_label(matrix.measure, self.unit)}"), key="bar")
        by = {"document": "documents", "case": "cases"}.get(matrix.by, str(matrix.attribute))
        self.query_one(TabbedContent).get_tab("matrix").label = plain(f"By {by}")
        rows = {matrix_row.code: matrix_row for matrix_row in matrix.rows}
        widest = max((matrix_row.total for matrix_row in matrix.rows), default=0)
        for key, label, code in self._grouped_rows():
            if code is None:
                table.add_row(label, *[""] * (len(matrix.columns) + 2), key=key)
                continue
            found = rows[code.key]
            table.add_row(label, *(number(value, dim_zero="·") for value in found.values), number(found.total),
                          bar(found.total, widest, BAR_WIDTH, code_colour(self.reports.codebook, code)), key=key)
        table.move_cursor(row=row)

    def _show_cooccurrence(self) -> None:
        result = self.reports.cooccurrence
        codebook = self.reports.codebook
        codes = [codebook.code_by_key(key) for key in result.codes]
        table = self.query_one("#cooccurrence-table", DataTable)
        table.clear(columns=True)
        table.add_column("Code", key="code")
        for index, key in enumerate(result.codes):
            table.add_column(Text(str(index + 1), justify="right"), key=key)
        for index, (code, counts) in enumerate(zip(codes, result.units)):
            label = Text(f"{index + 1:>2} ")
            label.append("■ ", style=code_colour(codebook, code))
            label.append(display_text(code.name))
            cells = [number(count, dim_zero="·") for count in counts]
            cells[index].stylize("italic dim")
            table.add_row(label, *cells, key=code.key)
        pairs = self.query_one("#pairs-table", DataTable)
        pairs.clear(columns=True)
        names = {code.key: code.name for code in codes}
        unit = measure_label("units", result.unit)
        for key, label in (("a", "Code"), ("b", "With"), ("units", f"{unit} with both"),
                           ("spans", "Overlapping codings")):
            pairs.add_column(Text(label, justify="right" if key in ("units", "spans") else "left"), key=key)
        together = sorted((pair for pair in result.pairs() if pair.units_both or pair.overlapping_spans),
                          key=lambda pair: (-pair.units_both, -pair.overlapping_spans))
        for pair in together:
            pairs.add_row(plain(names[pair.code_a]), plain(names[pair.code_b]), number(pair.units_both),
                          number(pair.overlapping_spans), key=f"{pair.code_a}|{pair.code_b}")
        pairs.border_title = (f"Pairs, most often together first · above: {unit.lower()} coded with both codes "
                              f"(diagonal: with the code)")

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
            self.notify("The cases have no attributes: import a cases CSV (qualcode cases import) first.", timeout=5)
            return
        current = names.index(self.attribute) if self.attribute in names else 0
        self.app.push_screen(ChoiceDialog("Matrix columns", "The values of which case attribute?",
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
            self.notify("Still counting; try again in a moment.", timeout=3)
            return
        if self._export is not None and self._export.is_running:
            self.notify("An export is running (esc stops it).", timeout=3)
            return
        unit = self.unit
        choices = [
            TableChoice("frequencies-long", "frequencies-long.csv: per document, coder and code"),
            TableChoice("frequencies-codes", "frequencies-codes.csv: per code, with documents and cases"),
            TableChoice("frequencies-matrix", f"frequencies-matrix.csv: codes × documents ({self.measure})"),
            TableChoice("frequencies-cases", f"frequencies-cases.csv: codes × cases ({self.measure})",
                        ticked=self.by == "case"),
        ]
        if self.attribute is not None:
            by_table = export_table("frequencies-by", self.reports, self.measure, self.attribute)
            choices.append(TableChoice("frequencies-by", f"{by_table.file_name}: codes × {self.attribute} "
                                                         f"({self.measure})"))
        choices += [
            TableChoice("cooccurrence-matrix", f"cooccurrence-matrix.csv: code × code, {unit}s coded with both"),
            TableChoice("cooccurrence-pairs", "cooccurrence-pairs.csv: per pair, units and overlapping codings"),
        ]
        folder = self.store.folder / EXPORTS_FOLDER
        self.app.push_screen(ExportDialog(choices, folder=str(folder), style=self.style, workbook=self.workbook),
                             self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        self.style, self.workbook = request.style, request.workbook
        label = self.query_one("#export-label", Static)
        label.remove_class("failed")
        label.update(f"Exporting {len(request.tables)} table{'s' if len(request.tables) != 1 else ''}…")
        progress = self.query_one("#export-progress", ProgressBar)
        progress.update(total=None, progress=0)
        progress.add_class("running")
        self.query_one("#report-export").add_class("shown")
        self._export = self._write(self.reports, request, self.measure, self.attribute)

    @work(thread=True, exclusive=True, group=EXPORT_GROUP, exit_on_error=False, name="export the tables")
    def _write(self, reports: Reports, request: ExportRequest, measure: Measure, attribute: str | None) -> list[Path]:
        worker = get_current_worker()
        from qualcode.export.xlsx_files import workbook_paths, write_workbooks  # openpyxl only when asked for

        tables = [export_table(table, reports, measure, attribute) for table in request.tables]
        if request.workbook:
            files = workbook_paths(self.store.folder, tables)
        else:
            files = [(path, [table]) for path, table in zip(report_paths(self.store.folder, tables), tables)]
        total = sum(len(table.rows) for table in tables)
        before, done = {}, 0
        for path, sheets in files:
            before[path] = done
            done += sum(len(table.rows) for table in sheets)

        def progress(path: Path, written: int, _: int) -> None:
            if worker.is_cancelled:
                raise ExportCancelled
            self.post_message(ExportProgress(before[path] + written, total, path.name))

        if request.workbook:
            return write_workbooks(files, progress)
        return write_tables([(path, table) for path, (table,) in files], request.style, progress)

    def on_export_progress(self, message: ExportProgress) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=max(message.total, 1), progress=message.written)
        self.query_one("#export-label", Static).update(
            f"Exporting… {message.file_name}: {message.written:,} of {message.total:,} rows")

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
            label.update(plain(f"Wrote {len(paths)} file{'s' if len(paths) != 1 else ''} to {where}: {names}"))
            self.notify(f"{len(paths)} file{'s' if len(paths) != 1 else ''} in {where}", title="Exported",
                        timeout=6)
            return
        error = event.worker.error
        if event.state == WorkerState.CANCELLED or isinstance(error, ExportCancelled):
            label.update("Export stopped.")
            self.notify("Export stopped.", severity="warning", timeout=4)
            return
        message = f"Could not export: {export_error_text(error)}. No file was changed."
        label.add_class("failed")
        label.update(plain(message))
        self.notify(message, severity="error", timeout=8)

    # --- leaving ---------------------------------------------------------------------------------

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {ReportsScreen: "Reports", DataTable: "Table",
                                                     App: "Application"})
        self.app.push_screen(HelpScreen("Reports keys", sections))

    def action_close(self) -> None:
        if self._export is not None and self._export.is_running:
            self._export.cancel()
            return
        self.dismiss(None)


def export_error_text(error: BaseException | None) -> str:
    """What went wrong writing files, in words (the folder that is missing or not writable)."""
    if isinstance(error, ExportError):
        return str(error)
    if isinstance(error, OSError):
        return f"cannot write {error.filename or 'the files'}: {error.strerror or error}"
    return readable_error(error) if error else "unknown error"
