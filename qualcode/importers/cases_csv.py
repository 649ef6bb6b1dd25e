"""Import respondents (cases) and their attributes from a CSV file, all or nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import select

from qualcode.domain.language import _
from qualcode.importers.csv_reading import CsvFileError, read_csv_rows
from qualcode.storage.cases import AttributeValue, set_case_attributes
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import DocumentRow

DOCUMENT_COLUMN = "document"
"""The optional column that links a document (by name) to the row's case."""


@dataclass(frozen=True)
class CasesImported:
    """How many cases a cases CSV wrote and how many documents it linked to them."""

    cases: int
    linked: int = 0

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


def import_cases(store: ProjectStore, path: Path) -> CasesImported:
    """Create or update one case per label (column ``case``) and link the documents a ``document`` column names.

    With a ``document`` column a case may take several rows, one per document, whose attribute
    values agree; a row with an empty ``document`` links nothing. All rows or none.
    """
    rows = read_csv_rows(path, {"case"})
    labels = [row["case"].strip() for row in rows]
    for number, label in enumerate(labels, start=2):
        if not label:
            raise CsvFileError(path, _("the 'case' column is empty"), number)
    has_documents = bool(rows) and DOCUMENT_COLUMN in rows[0]
    documents = [row[DOCUMENT_COLUMN].strip() if has_documents else "" for row in rows]
    if not has_documents:
        duplicates = sorted({label for label in labels if labels.count(label) > 1})
        if duplicates:
            raise CsvFileError(path, _("case(s) listed twice: {duplicates}").format(duplicates=', '.join(duplicates)))
    names = [name for name in (rows[0].keys() if rows else []) if name not in ("case", DOCUMENT_COLUMN) and name]
    columns = {name: infer_column([row[name].strip() for row in rows]) for name in names}
    first_row: dict[str, int] = {}
    for index, label in enumerate(labels):
        first = first_row.setdefault(label, index)
        for name in names:
            if columns[name][index] != columns[name][first]:
                raise CsvFileError(path, _("case {label} has {name} {first_value!r} on row {first} but {value!r} here").format(label=label, name=name, first_value=rows[first][name].strip(), first=first + 2, value=rows[index][name].strip()), index + 2)
    links = _links(path, labels, documents)
    with store.transaction() as session:
        known = dict(session.exec(select(DocumentRow.name, DocumentRow.id)).all())
        unknown = [(number, name) for name, number in links.items() if name not in known]
        if unknown:
            number, name = unknown[0]
            raise CsvFileError(path, _("no document {name!r} in the project (import it first)").format(name=name), number)
        cases = {label: set_case_attributes(session, label, {name: columns[name][first_row[label]] for name in names})
                 for label in first_row}
        for name, number in links.items():
            session.get(DocumentRow, known[name]).case_id = cases[labels[number - 2]].id
    return CasesImported(len(first_row), len(links))


def _links(path: Path, labels: list[str], documents: list[str]) -> dict[str, int]:
    """Each named document and the line that names it; a document under two cases is refused."""
    links: dict[str, int] = {}
    for index, document in enumerate(documents):
        if not document:
            continue
        if document in links and labels[links[document] - 2] != labels[index]:
            raise CsvFileError(path, _("document {document} is under case {first_case} on row {row} and under {case} here").format(document=document, first_case=labels[links[document] - 2], row=links[document], case=labels[index]), index + 2)
        links.setdefault(document, index + 2)
    return links
