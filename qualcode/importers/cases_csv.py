"""Import respondents (cases) and their attributes from a CSV file, all or nothing."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from qualcode.importers.csv_reading import CsvFileError, read_csv_rows
from qualcode.storage.cases import AttributeValue, set_case_attributes
from qualcode.storage.project_store import ProjectStore

_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_BOOLEANS = {"true": True, "false": False, "ja": True, "nee": False, "yes": True, "no": False}


def infer_column(values: list[str]) -> list[AttributeValue]:
    """Type one column: integers, numbers (decimal point or comma), booleans, ISO dates, else text."""
    present = [value for value in values if value != ""]
    if present and all(_INTEGER.match(value) for value in present):
        return [int(value) if value else None for value in values]
    if present and all(_NUMBER.match(value) for value in present):
        return [float(value.replace(",", ".")) if value else None for value in values]
    if present and all(value.lower() in _BOOLEANS for value in present):
        return [_BOOLEANS[value.lower()] if value else None for value in values]
    if present and all(_is_iso_date(value) for value in present):
        return [date.fromisoformat(value) if value else None for value in values]
    return [value or None for value in values]


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def import_cases(store: ProjectStore, path: Path) -> int:
    """Create or update one case per row (column ``case``); returns how many cases were written."""
    rows = read_csv_rows(path, {"case"})
    labels = [row["case"].strip() for row in rows]
    for number, label in enumerate(labels, start=2):
        if not label:
            raise CsvFileError(path, "the 'case' column is empty", number)
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise CsvFileError(path, f"case(s) listed twice: {', '.join(duplicates)}")
    names = [name for name in (rows[0].keys() if rows else []) if name != "case" and name]
    columns = {name: infer_column([row[name].strip() for row in rows]) for name in names}
    with store.transaction() as session:
        for index, label in enumerate(labels):
            set_case_attributes(session, label, {name: columns[name][index] for name in names})
    return len(labels)
