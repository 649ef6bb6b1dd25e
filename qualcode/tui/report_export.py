"""The reports screen's export: the tables it offers, writing them with progress, and what went wrong in words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.message import Message
from textual.worker import Worker

from qualcode.domain.language import _
from qualcode.export.frequencies import Measure
from qualcode.export.report_files import ExportError, report_paths, write_tables
from qualcode.tui.report_data import Reports, export_table, measure_label
from qualcode.tui.screens.export_dialog import ExportRequest, TableChoice
from qualcode.tui.store_tasks import readable_error


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


def export_choices(reports: Reports, unit: str, measure: Measure, by: str, attribute: str | None) -> list[TableChoice]:
    """The tables the export dialog offers, named with the screen's measure and unit."""
    measured = measure_label(measure, unit).lower()
    choices = [
        TableChoice("frequencies-long", _("frequencies-long.csv: per document, coder and code")),
        TableChoice("frequencies-codes", _("frequencies-codes.csv: per code, with documents and cases")),
        TableChoice("frequencies-matrix", _("frequencies-matrix.csv: codes × documents ({measure})").format(
            measure=measured)),
        TableChoice("frequencies-cases", _("frequencies-cases.csv: codes × cases ({measure})").format(
            measure=measured), ticked=by == "case"),
    ]
    if attribute is not None:
        by_table = export_table("frequencies-by", reports, measure, attribute)
        choices.append(TableChoice("frequencies-by", _("{file}: codes × {attribute} ({measure})").format(
            file=by_table.file_name, attribute=attribute, measure=measured)))
    choices += [
        TableChoice("cooccurrence-matrix", _("cooccurrence-matrix.csv: code × code, {units} coded with both").format(
            units=measure_label("units", unit).lower())),
        TableChoice("cooccurrence-pairs", _("cooccurrence-pairs.csv: per pair, units and overlapping codings")),
    ]
    return choices


def write_export(folder: Path, reports: Reports, request: ExportRequest, measure: Measure, attribute: str | None,
                 worker: Worker, report: Callable[[ExportProgress], object]) -> list[Path]:
    """Write the chosen tables into the project ``folder``'s exports, as ``qualcode export`` does.

    Each batch of rows written is ``report``ed as progress over all files; once ``worker`` is
    cancelled the next batch raises ExportCancelled and no file is changed.
    """
    from qualcode.export.xlsx_files import workbook_paths, write_workbooks  # openpyxl only when asked for

    tables = [export_table(table, reports, measure, attribute) for table in request.tables]
    if request.workbook:
        files = workbook_paths(folder, tables)
    else:
        files = [(path, [table]) for path, table in zip(report_paths(folder, tables), tables)]
    total = sum(len(table.rows) for table in tables)
    before, done = {}, 0
    for path, sheets in files:
        before[path] = done
        done += sum(len(table.rows) for table in sheets)

    def progress(path: Path, written: int, _of: int) -> None:
        if worker.is_cancelled:
            raise ExportCancelled
        report(ExportProgress(before[path] + written, total, path.name))

    if request.workbook:
        return write_workbooks(files, progress)
    return write_tables([(path, table) for path, (table,) in files], request.style, progress)


def export_error_text(error: BaseException | None) -> str:
    """What went wrong writing files, in words (the folder that is missing or not writable)."""
    if isinstance(error, ExportError):
        return str(error)
    if isinstance(error, OSError):
        return _("cannot write {file}: {reason}").format(file=error.filename or _("the files"),
                                                         reason=error.strerror or error)
    return readable_error(error) if error else _("unknown error")
