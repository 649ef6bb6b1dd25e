"""Report tables as Excel workbooks: one sheet per table, typed cells, a bold frozen header, never a formula.

Numbers are number cells, text is always a string cell (also ``=1+1`` and ``#N/A``, which
openpyxl would otherwise store as a formula or an error), an undefined value is an empty cell.
Text needs no ``'`` in front, as a string cell is never evaluated. What XML cannot hold is
written in the format's own escape: a control character as ``_x001B_``, and a literal
``_x0041_`` as ``_x005F_x0041_``. A cell holds at most 32,767 characters (Excel's limit);
longer text is cut to that, ending in ``…`` (the CSV has it whole).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from qualcode.export.atomic_files import EXPORTS_FOLDER, check_folders, write_files
from qualcode.export.report_files import PROGRESS_EVERY, Progress, ReportTable

XLSX_SUFFIX = ".xlsx"
MAX_CELL_CHARACTERS = 32_767
"""Excel's limit, counted in UTF-16 code units."""
CUT_MARK = "…"
SHEET_NAME_LENGTH = 31
WIDTH_SAMPLE_ROWS = 1_000
"""Column widths are measured on the header and this many rows."""
MIN_WIDTH, MAX_WIDTH = 6, 60
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)
_WRAPPED = Alignment(wrap_text=True, vertical="top")
WRAPPED_WIDTH = 60


def workbook_paths(
    project_folder: Path, tables: Sequence[ReportTable], output: Path | None = None,
) -> list[tuple[Path, list[ReportTable]]]:
    """Which tables go into which workbook, as sheets.

    Without ``output``: one workbook per report, ``<project>/exports/<report>.xlsx`` (all
    frequency tables in ``frequencies.xlsx``). With ``output``: every table in that one workbook.
    """
    if output is not None:
        return [(Path(output), list(tables))]
    workbooks: dict[str, list[ReportTable]] = {}
    for table in tables:
        workbooks.setdefault(table.report, []).append(table)
    return [(Path(project_folder) / EXPORTS_FOLDER / f"{report}{XLSX_SUFFIX}", sheets)
            for report, sheets in workbooks.items()]


def write_workbooks(
    files: Sequence[tuple[Path, Sequence[ReportTable]]], progress: Progress | None = None,
) -> list[Path]:
    """Write each workbook, a sheet per table; all files are replaced only once all are written.

    Failures are ExportErrors naming the file and the reason, as for CSV files. ``progress``
    gets (workbook, rows written in it so far, rows in all its sheets).
    """
    if any(table.guarded for _, tables in files for table in tables):
        raise ValueError("rows made with the CSV formula guard cannot be written as typed cells")
    check_folders([path for path, _ in files])
    return write_files([(path, _workbook_filler(path, tables, progress)) for path, tables in files])


def sheet_names(tables: Sequence[ReportTable]) -> list[str]:
    """A valid, distinct sheet name per table: its part (``long``, ``matrix``), or the report's name."""
    names: list[str] = []
    for table in tables:
        base = _NOT_IN_SHEET_NAMES.sub("-", table.part or table.report).strip("'")[:SHEET_NAME_LENGTH] or "sheet"
        name, number = base, 1
        while name.lower() in {taken.lower() for taken in names}:
            number += 1
            suffix = f" ({number})"
            name = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
        names.append(name)
    return names


def _workbook_filler(path: Path, tables: Sequence[ReportTable], progress: Progress | None):
    def fill(temporary: Path) -> None:
        workbook = Workbook(write_only=True)
        buffer = io.BytesIO()
        try:
            _fill_sheets(workbook, path, tables, progress)
            workbook.save(buffer)
        except BaseException:
            _abandon(workbook)
            raise
        # Zipped in memory (a few MB), so a full disk fails here, in our write, not in a ZipFile that
        # openpyxl leaves open and that complains again when it is collected.
        temporary.write_bytes(buffer.getvalue())

    return fill


def _fill_sheets(workbook: Workbook, path: Path, tables: Sequence[ReportTable], progress: Progress | None) -> None:
    total = sum(len(table.rows) for table in tables)
    done = 0
    for table, name in zip(tables, sheet_names(tables)):
        sheet = workbook.create_sheet(name)
        sheet.freeze_panes = "A2"
        widths = _widths(table)
        for index, width in enumerate(widths, start=1):
            wide = table.wrap_text and index > 1
            sheet.column_dimensions[get_column_letter(index)].width = WRAPPED_WIDTH + 2 if wide else width
        sheet.append([_header_cell(sheet, value) for value in table.header])
        for start in range(0, len(table.rows), PROGRESS_EVERY):
            chunk = table.rows[start : start + PROGRESS_EVERY]
            for row in chunk:
                cells = [_cell(sheet, value) for value in row]
                sheet.append([_wrapped(sheet, cell) for cell in cells] if table.wrap_text else cells)
            done += len(chunk)
            if progress:
                progress(path, done, total)


def _abandon(workbook: Workbook) -> None:
    """Close the sheets of a workbook that will not be saved, so their half-written streams end quietly."""
    for sheet in workbook.worksheets:
        with suppress(Exception):
            sheet.close()


def _cell(sheet, value: object) -> object:
    """What openpyxl should get for ``value``: the value itself, or a cell that is certainly a string."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    text = excel_text(str(value))
    if not text:
        return None
    if text[:1] in ("=", "#"):  # openpyxl would store these as a formula or an error value
        return _string_cell(sheet, text)
    return text


def _wrapped(sheet, content: object) -> Cell:
    """A cell whose text wraps at the column's width, its lines from the top."""
    cell = content if isinstance(content, Cell) else WriteOnlyCell(sheet, value=content)
    cell.alignment = _WRAPPED
    return cell


def _header_cell(sheet, value: object) -> Cell:
    content = _cell(sheet, value)
    cell = content if isinstance(content, Cell) else WriteOnlyCell(sheet, value=content)
    cell.font = _BOLD
    return cell


def _string_cell(sheet, text: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def excel_text(text: str) -> str:
    """``text`` as a sheet can hold it: XML-escaped where needed, cut at Excel's cell limit."""
    if _NOT_IN_XML.search(text):
        text = _NOT_IN_XML.sub(lambda match: "_x005F_" if match[0] == "_" else f"_x{ord(match[0]):04X}_", text)
    if len(text) > MAX_CELL_CHARACTERS // 2:
        encoded = text.encode("utf-16-le")
        if len(encoded) > 2 * MAX_CELL_CHARACTERS:
            text = encoded[: 2 * (MAX_CELL_CHARACTERS - len(CUT_MARK))].decode("utf-16-le", "ignore") + CUT_MARK
    return text


def _widths(table: ReportTable) -> list[float]:
    """Each column as wide as its longest line among the header and the first rows, within bounds."""
    widths = [_length(value) for value in table.header]
    for row in table.rows[:WIDTH_SAMPLE_ROWS]:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _length(value))
    return [min(max(width, MIN_WIDTH), MAX_WIDTH) + 2 for width in widths]


def _length(value: object) -> int:
    if value is None:
        return 0
    text = value if isinstance(value, str) else str(value)
    return max(map(len, text[: MAX_WIDTH * 4].splitlines()), default=0)
