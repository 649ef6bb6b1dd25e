"""Report tables and writing them to CSV files: where they go, and atomically (temp file, then replace)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from qualcode.export.atomic_files import EXPORTS_FOLDER, ExportError, check_folders, write_files
from qualcode.export.csv_dialects import GUARDED_FIRST, RFC_4180, CsvStyle, cell_text, guarded_cell

__all__ = ["EXPORTS_FOLDER", "ExportError", "Progress", "ReportTable", "report_paths", "write_tables"]

PROGRESS_EVERY = 20_000
"""Rows between two progress reports while a file is written."""

SLICE_ROWS = 2_000
"""Rows read from a table at a time: rows made as they are read (a lazy table) are let go after each slice."""

Progress = Callable[[Path, int, int], None]
"""Called with (file, rows written, rows in total) while a file is being written."""


@dataclass(frozen=True)
class ReportTable:
    """One CSV file or sheet of a report: ``report`` and ``part`` name it (``frequencies``, ``long``)."""

    report: str
    part: str
    header: tuple[object, ...]
    rows: Sequence[Sequence[object]]
    plain_cells: bool = False
    """Every cell is ``str``, ``int`` (not bool) or ``None``: rows need no conversion but the formula guard."""
    wrap_text: bool = False
    """Cells hold paragraphs (a framework matrix): a workbook wraps them in wide columns."""
    guarded: bool = False
    """The plain rows carry the formula guard already (their source knows which cells can vary and looks
    only at those): a CSV that guards writes them as they are, and one that must not guard refuses them."""

    @property
    def file_name(self) -> str:
        return f"{self.report}-{self.part}.csv" if self.part else f"{self.report}.csv"


def report_paths(project_folder: Path, tables: Sequence[ReportTable], output: Path | None = None) -> list[Path]:
    """Where each table goes.

    Without ``output``: ``<project>/exports/<report>[-<part>].csv``. With ``output`` and one
    table: exactly ``output``. With ``output`` and several tables: ``output``'s name with
    ``-<part>`` added before the suffix (``--output tabel.csv`` gives ``tabel-long.csv`` ...).
    """
    if output is None:
        return [Path(project_folder) / EXPORTS_FOLDER / table.file_name for table in tables]
    output = Path(output)
    if len(tables) == 1:
        return [output]
    suffix = output.suffix or ".csv"
    return [output.with_name(f"{output.stem}-{table.part}{suffix}") for table in tables]


def write_tables(
    files: Sequence[tuple[Path, ReportTable]], style: CsvStyle = RFC_4180, progress: Progress | None = None
) -> list[Path]:
    """Write every table to its file in ``style``; all files are replaced only once all are written.

    A missing ``exports`` folder is created; any other missing folder is an ExportError, as is
    any failure to write (the message names the file and the reason); no temporary file stays.
    """
    if not style.guard_formulas and any(table.guarded for _, table in files):
        raise ValueError("rows made with the formula guard cannot be written raw")
    check_folders([path for path, _ in files])
    return write_files([(path, _csv_filler(path, table, style, progress)) for path, table in files])


def _csv_filler(path: Path, table: ReportTable, style: CsvStyle, progress: Progress | None):
    def fill(temporary: Path) -> None:
        with open(temporary, "w", encoding=style.encoding, newline="") as handle:
            writer = csv.writer(handle, style.dialect)
            writer.writerow([cell_text(name, style) for name in table.header])
            total = len(table.rows)
            for start in range(0, total, PROGRESS_EVERY):
                stop = min(start + PROGRESS_EVERY, total)
                for first in range(start, stop, SLICE_ROWS):
                    chunk = table.rows[first : min(first + SLICE_ROWS, stop)]
                    if not table.plain_cells:
                        writer.writerows([cell_text(value, style) for value in row] for row in chunk)
                    elif style.guard_formulas and not table.guarded:
                        writer.writerows(_guarded(chunk))
                    else:
                        writer.writerows(chunk)
                if progress:
                    progress(path, stop, total)

    return fill


def _guarded(rows: Sequence[Sequence[object]]) -> list[Sequence[object]]:
    """Plain rows with the formula guard on every text that starts with a quote or a formula character.

    Few rows have one: each row is looked through and kept as it is, and only a row that has one is copied.
    """
    found: list[Sequence[object]] = []
    for row in rows:
        for value in row:
            if value.__class__ is str and value[:1] in GUARDED_FIRST:
                found.append([guarded_cell(cell) for cell in row])
                break
        else:
            found.append(row)
    return found
