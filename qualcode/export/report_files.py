"""Report tables and writing them to CSV files: where they go, and atomically (temp file, then replace)."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from qualcode.export.csv_dialects import RFC_4180, CsvStyle, cell_text

EXPORTS_FOLDER = "exports"
PROGRESS_EVERY = 20_000
"""Rows between two progress reports while a file is written."""


def _read_umask() -> int:
    """The process umask, read once at import (setting it to read it is not safe once threads run)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()

Progress = Callable[[Path, int, int], None]
"""Called with (file, rows written, rows in total) while a file is being written."""


class ExportError(Exception):
    """A report cannot be written where it was asked to go; no file was changed."""


@dataclass(frozen=True)
class ReportTable:
    """One CSV file's worth of a report: ``report`` and ``part`` name it (``frequencies``, ``long``)."""

    report: str
    part: str
    header: tuple[object, ...]
    rows: Sequence[Sequence[object]]
    plain_cells: bool = False
    """Every cell is ``str``, ``int`` (not bool) or ``None``: rows go to the csv writer unconverted."""

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

    A missing ``exports`` folder is created; any other missing folder is an ExportError.
    """
    for path, _ in files:
        folder = path.parent
        if folder.exists() and not folder.is_dir():
            raise ExportError(f"cannot write {path}: {folder} is a file, not a folder")
        if not folder.is_dir():
            if folder.name == EXPORTS_FOLDER and folder.parent.is_dir():
                try:
                    folder.mkdir()
                except OSError as error:
                    raise ExportError(f"cannot make the folder {folder}: {error.strerror or error}") from None
            else:
                raise ExportError(f"cannot write {path}: the folder {folder} does not exist")
        if path.is_dir():
            raise ExportError(f"cannot write {path}: it is a folder")
    written: list[tuple[Path, Path]] = []
    try:
        for path, table in files:
            written.append((_write_temporary(path, table, style, progress), path))
        for temporary, path in written:
            os.replace(temporary, path)
    except OSError as error:
        raise ExportError(f"cannot write {error.filename or 'the report'}: {error.strerror or error}") from None
    finally:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
    return [path for path, _ in files]


def _write_temporary(path: Path, table: ReportTable, style: CsvStyle, progress: Progress | None) -> Path:
    handle = tempfile.NamedTemporaryFile(
        "w", encoding=style.encoding, newline="", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp",
        delete=False,
    )
    temporary = Path(handle.name)
    try:
        os.chmod(temporary, 0o666 & ~_UMASK)  # a temporary file is private; a report follows the umask
        with handle:
            writer = csv.writer(handle, style.dialect)
            writer.writerow([cell_text(name, style) for name in table.header])
            total = len(table.rows)
            for start in range(0, total, PROGRESS_EVERY):
                chunk = table.rows[start : start + PROGRESS_EVERY]
                if table.plain_cells:
                    writer.writerows(chunk)
                else:
                    writer.writerows([cell_text(value, style) for value in row] for row in chunk)
                if progress:
                    progress(path, min(start + PROGRESS_EVERY, total), total)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary

