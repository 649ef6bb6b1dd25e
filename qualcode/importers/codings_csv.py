"""Import codings from a codings CSV (the ``export segments`` columns), all rows or none."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import select

from qualcode.domain.bulk_work import without_cycle_collection
from qualcode.domain.language import _
from qualcode.export.csv_dialects import FORMULA_GUARD, unguard_formula
from qualcode.importers.csv_reading import CsvFileError, read_csv_rows
from qualcode.storage.coders import ensure_coder_in
from qualcode.storage.codings import insert_coding_values, stored_time
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CodeRow, DocumentRow


@dataclass(frozen=True)
class CodingsImportReport:
    path: Path
    rows: int
    imported: int
    already_present: int
    coders: tuple[str, ...]


def _time(path: Path, number: int, value: str) -> str | None:
    """An ISO date-time as the store writes it (UTC text); None when empty; a zone-less one is taken as UTC."""
    if not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise CsvFileError(path, _("{value!r} is not an ISO date-time").format(value=value), number) from None
    return stored_time(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC))


def _locate(path: Path, number: int, name: str, text: str, row: dict[str, str]) -> tuple[int, int]:
    quote = row.get("text", "")
    if not quote.isascii():
        quote = unicodedata.normalize("NFC", quote)
    start, end = row.get("start", "").strip(), row.get("end", "").strip()
    if start or end:
        try:
            span = int(start), int(end)
        except ValueError:
            raise CsvFileError(path, _("start {start!r} and end {end!r} must be whole numbers").format(start=start, end=end), number) from None
        if not 0 <= span[0] < span[1] <= len(text):
            raise CsvFileError(path, _("span {start}-{end} is outside {name!r}").format(start=span[0], end=span[1], name=name), number)
        if quote and text[span[0] : span[1]] != quote:
            found = text[span[0] : span[1]]
            raise CsvFileError(
                path, _("the text at {start}-{end} of {name!r} is {found!r}, not {quote!r}").format(start=span[0], end=span[1], name=name, found=found[:40], quote=quote[:40]), number,
            )
        return span
    if not quote:
        raise CsvFileError(path, _("needs either start and end or the coded text"), number)
    first = text.find(quote)
    if first < 0:
        raise CsvFileError(path, _("the text {quote!r} does not occur in {name!r}").format(quote=quote[:50], name=name), number)
    if text.find(quote, first + 1) >= 0:
        raise CsvFileError(path, _("the text {quote!r} occurs more than once in {name!r}; give start and end").format(quote=quote[:50], name=name), number)
    return first, first + len(quote)


def _unguarded(row: dict[str, str]) -> dict[str, str]:
    """The row with the ``'`` that ``export segments`` puts before formula-like text taken off."""
    if FORMULA_GUARD not in "".join(row.values()):
        return row  # the usual row: nothing to look at value by value
    return {name: unguard_formula(value) if value[:1] == FORMULA_GUARD else value for name, value in row.items()}


def import_codings(store: ProjectStore, path: Path, *, coder: str | None = None) -> CodingsImportReport:
    """Validate every row, then add all codings in one transaction.

    ``coder`` overrides the file's coder column. Rows without start/end are placed on the unique
    occurrence of their text. Codings that exist already (same span, code and coder) are skipped.
    The ``'`` that ``export segments`` puts before text that starts like a formula is taken off.
    """
    with without_cycle_collection():
        return _import_codings(store, Path(path), coder)


def _import_codings(store: ProjectStore, path: Path, coder: str | None) -> CodingsImportReport:
    required = {"document", "code"} | (set() if coder else {"coder"})
    rows = read_csv_rows(path, required)
    with store.transaction() as session:
        documents = {name: (row_id, text) for row_id, name, text
                     in session.exec(select(DocumentRow.id, DocumentRow.name, DocumentRow.text))}
        codes = dict(session.exec(select(CodeRow.key, CodeRow.id)).all())
        prepared = []
        for number, row in enumerate(rows, start=2):
            row = _unguarded(row)
            name = row["document"].strip()
            document = documents.get(name)
            if document is None:
                raise CsvFileError(path, _("no document named {document!r} in the project").format(document=row['document']), number)
            code_key = row["code"].strip()
            code_id = codes.get(code_key)
            if code_id is None:
                raise CsvFileError(path, _("no code {code_key!r} in the codebook").format(code_key=code_key), number)
            coder_name = (coder or row.get("coder", "")).strip()
            if not coder_name:
                raise CsvFileError(path, _("the coder is empty (give --coder or fill the coder column)"), number)
            document_id, text = document
            start, end = _locate(path, number, name, text, row)
            prepared.append((coder_name, document_id, code_id, start, end, row.get("memo", ""),
                             _time(path, number, row.get("created_at", "")),
                             _time(path, number, row.get("updated_at", ""))))
        coder_ids = {name: ensure_coder_in(session, name).id for name in {item[0] for item in prepared}}
        inserted = insert_coding_values(session, [
            (document_id, code_id, coder_ids[name], start, end, memo, "import", created, updated)
            for name, document_id, code_id, start, end, memo, created, updated in prepared
        ], documents={row_id: (name, len(text)) for name, (row_id, text) in documents.items()})
    return CodingsImportReport(path=path, rows=len(prepared), imported=len(inserted),
                               already_present=len(prepared) - len(inserted), coders=tuple(sorted(coder_ids)))
