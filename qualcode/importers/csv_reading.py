"""Read a CSV file a researcher made or exported: any common dialect and encoding."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from qualcode.domain.language import _
from qualcode.importers.errors import TranscriptError
from qualcode.importers.resource_limits import LimitError, read_regular_file
from qualcode.importers.text_decoding import decode_text


class CsvFileError(Exception):
    """A CSV file cannot be read; the message names the file, the row and the reason."""

    def __init__(self, path: Path | str, reason: str, row: int | None = None):
        self.path, self.reason, self.row = Path(path), reason, row
        where = f"{path}, row {row}" if row else f"{path}"
        super().__init__(f"{where}: {reason}")


def _decode(path: Path, data: bytes) -> str:
    try:
        return decode_text(data, path)
    except TranscriptError as error:
        raise CsvFileError(path, error.reason) from None


def read_csv_rows(path: Path, required: set[str]) -> list[dict[str, str]]:
    """Rows as dicts keyed by the (stripped, lower-case) header; comma, semicolon or tab separated."""
    path = Path(path)
    try:
        data = read_regular_file(path, what="CSV file")
    except LimitError as error:
        raise CsvFileError(path, str(error)) from None
    except FileNotFoundError:
        raise CsvFileError(path, _("file not found")) from None
    except OSError as error:
        raise CsvFileError(path, _("cannot read it: {reason}").format(reason=error.strerror or error)) from None
    text = _decode(path, data)
    if not text.strip():
        raise CsvFileError(path, _("is empty"))
    # The separator is the one the header line uses most: column names hold none, while data rows
    # (memos) may hold any. csv.Sniffer read the whole first block and took a memo's ';' for it.
    delimiter = _header_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    number = 0
    try:
        header = [name.strip().lower() for name in next(reader)]
        number = 1
        missing = required - set(header)
        if missing:
            raise CsvFileError(path, _("missing column(s) {missing}; found {header}").format(missing=', '.join(sorted(missing)), header=', '.join(header)), 1)
        rows, columns = [], len(header)
        for number, values in enumerate(reader, start=2):
            if not "".join(values).strip():
                continue
            if len(values) != columns:
                if len(values) > columns:
                    raise CsvFileError(path, _("has {values_count} values but the header has {header_count} columns").format(values_count=len(values), header_count=columns), number)
                values += [""] * (columns - len(values))
            rows.append(dict(zip(header, values)))
    except csv.Error as error:  # a value over csv's field size limit, a NUL, a stray quote
        raise CsvFileError(path, _("is not a readable CSV file: {error}").format(error=error), number + 1) from None
    return rows


_DELIMITERS = (",", ";", "\t")


def _header_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the first line has most of (comma when none)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    return max(_DELIMITERS, key=lambda delimiter: (header.count(delimiter), delimiter == ","))
