"""Codings: a coder's code on a span of a document's text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, select

from qualcode.domain.language import _
from qualcode.domain.models import Coding, CodingOrigin
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CodeRow, CoderRow, CodingRow, DocumentRow
from qualcode.storage.timestamps import utc_from_stored, utc_now


@dataclass(frozen=True)
class NewCoding:
    """A coding to be added: validated against the document and codebook before any write."""

    document_id: int
    code_id: int
    coder_id: int
    start: int
    end: int
    memo: str = ""
    origin: CodingOrigin = "manual"
    created_at: datetime | None = None
    updated_at: datetime | None = None


def coding_from_row(row: CodingRow) -> Coding:
    return Coding(
        id=row.id, document_id=row.document_id, code_id=row.code_id, coder_id=row.coder_id,
        start=row.start, end=row.end, memo=row.memo, origin=row.origin,
        created_at=row.created_at, updated_at=row.updated_at,
    )


def coding_from_stored(row: dict) -> Coding:
    """A coding from its row as the database stores it (``actions.read_row``: times as UTC text)."""
    return Coding(
        id=row["id"], document_id=row["document_id"], code_id=row["code_id"], coder_id=row["coder_id"],
        start=row["start"], end=row["end"], memo=row["memo"], origin=row["origin"],
        created_at=utc_from_stored(row["created_at"]), updated_at=utc_from_stored(row["updated_at"]),
    )


CODING_COLUMNS = (CodingRow.id, CodingRow.document_id, CodingRow.code_id, CodingRow.coder_id, CodingRow.start,
                   CodingRow.end, CodingRow.memo, CodingRow.origin, CodingRow.created_at, CodingRow.updated_at)
"""The columns of ``codings`` in the order of ``Coding``'s fields."""


def list_codings(
    store: ProjectStore, *, document_id: int | None = None, coder_id: int | None = None,
    code_id: int | None = None,
) -> list[Coding]:
    """Codings in document and text order, optionally filtered (read as plain rows, not ORM objects)."""
    query = select(*CODING_COLUMNS)
    if document_id is not None:
        query = query.where(CodingRow.document_id == document_id)
    if coder_id is not None:
        query = query.where(CodingRow.coder_id == coder_id)
    if code_id is not None:
        query = query.where(CodingRow.code_id == code_id)
    query = query.order_by(CodingRow.document_id, CodingRow.start, CodingRow.end, CodingRow.id)
    with store.session() as session:
        return [Coding(*row) for row in session.exec(query)]


def validate_new_coding(session: Session, coding: NewCoding) -> None:
    """Raise ProjectError when the coding points outside its document or at a missing code/coder."""
    document = session.get(DocumentRow, coding.document_id)
    refuse_bad_target((coding.document_id, coding.code_id, coding.coder_id, coding.start, coding.end),
                      (document.name, len(document.text)) if document is not None else None,
                      code_found=session.get(CodeRow, coding.code_id) is not None,
                      coder_found=session.get(CoderRow, coding.coder_id) is not None)


def refuse_bad_target(target: CodingKey, document: tuple[str, int] | None, *, code_found: bool,
                      coder_found: bool) -> None:
    """Raise ProjectError for a coding ``target`` (document, code, coder, start, end) of a missing document
    (None), code or coder, or a span outside the document's text; ``document`` is its name and length."""
    document_id, code_id, coder_id, start, end = target
    if document is None:
        raise NotFoundError(_("no document with id {document_id}").format(document_id=document_id))
    if not code_found:
        raise NotFoundError(_("no code with id {code_id}").format(code_id=code_id))
    if not coder_found:
        raise NotFoundError(_("no coder with id {coder_id}").format(coder_id=coder_id))
    name, length = document
    if not 0 <= start < end <= length:
        raise ProjectError(_("span {start}-{end} is not inside {name!r} (0-{length})").format(
            start=start, end=end, name=name, length=length))


CodingKey = tuple[int, int, int, int, int]
"""(document_id, code_id, coder_id, start, end): what makes two codings the same."""

_IN_CHUNK = 500
"""Ids per ``IN (...)`` list, well under SQLite's limit on bound parameters."""

_INSERT_BATCH = 5_000


def _chunks(ids: set[int]) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for first in range(0, len(ordered), _IN_CHUNK):
        yield ordered[first : first + _IN_CHUNK]


def _document_lengths(session: Session, ids: set[int]) -> dict[int, tuple[str, int]]:
    """Name and length of the text of the documents among ``ids`` that exist."""
    found = {}
    for chunk in _chunks(ids):
        rows = session.exec(select(DocumentRow.id, DocumentRow.name, DocumentRow.text)
                            .where(DocumentRow.id.in_(chunk)))
        found.update({row_id: (name, len(text)) for row_id, name, text in rows})
    return found


def _existing_ids(session: Session, column, ids: set[int]) -> set[int]:
    found = set()
    for chunk in _chunks(ids):
        found.update(session.exec(select(column).where(column.in_(chunk))))
    return found


def _existing_keys(session: Session, document_ids: set[int], coder_ids: set[int]) -> set[CodingKey]:
    """The keys of the codings these coders have in these documents (other coders' cannot clash)."""
    keys = set()
    coders = sorted(coder_ids)
    for chunk in _chunks(document_ids):
        keys.update(session.exec(
            select(CodingRow.document_id, CodingRow.code_id, CodingRow.coder_id, CodingRow.start, CodingRow.end)
            .where(CodingRow.document_id.in_(chunk), CodingRow.coder_id.in_(coders))
        ))
    return keys


CodingValues = tuple[int, int, int, int, int, str, str, str | None, str | None]
"""A coding as ``insert_coding_values`` takes it: (document_id, code_id, coder_id, start, end, memo, origin,
created_at, updated_at), the times as the stored UTC text (``stored_time``); None for ``created_at`` means
now, for ``updated_at`` the creation time."""


def insert_codings(session: Session, codings: Iterable[NewCoding]) -> list[NewCoding]:
    """Validate every coding, then insert them all, inside the caller's transaction; returns those inserted.

    A coding identical to one that exists or comes earlier in ``codings`` (same document, code, coder
    and span) is skipped. See ``insert_coding_values``, which does the work.
    """
    codings = list(codings)
    inserted = insert_coding_values(session, [
        (coding.document_id, coding.code_id, coding.coder_id, coding.start, coding.end, coding.memo, coding.origin,
         stored_time(coding.created_at) if coding.created_at else None,
         stored_time(coding.updated_at) if coding.updated_at else None)
        for coding in codings
    ])
    return [codings[index] for index in inserted]


def insert_coding_values(session: Session, values: list[CodingValues], *,
                         documents: dict[int, tuple[str, int]] | None = None) -> list[int]:
    """Validate every coding, then insert them all, inside the caller's transaction; returns the indices inserted.

    The bulk path of ``insert_codings`` for callers that hold plain tuples (imports and merges of
    100,000 codings make no object per coding). A coding identical to one that exists or comes
    earlier (same document, code, coder and span) is skipped. Validation loads the documents, codes,
    coders and existing codings once and checks the codings set-wise; when one is bad, they are checked
    again in order, so the first bad one is reported as it would be alone. The inserts go in batches of
    one statement each. ``documents`` is the name and text length of every document, when the caller
    has read them in this transaction already (a codings CSV is placed on the texts themselves).
    """
    document_ids, code_ids, coder_ids = {row[0] for row in values}, {row[1] for row in values}, {row[2] for row in values}
    if documents is None:
        documents = _document_lengths(session, document_ids)
    codes = _existing_ids(session, CodeRow.id, code_ids)
    coders = _existing_ids(session, CoderRow.id, coder_ids)
    lengths = {document_id: length for document_id, (_name, length) in documents.items()}
    if not (document_ids <= lengths.keys() and code_ids <= codes and coder_ids <= coders
            and all(0 <= row[3] < row[4] <= lengths[row[0]] for row in values)):
        _refuse_first_invalid(values, documents, codes, coders)
    seen = _existing_keys(session, document_ids, coders)  # every one exists, checked above
    now = stored_time(utc_now())
    inserted, rows = [], []
    for index, row in enumerate(values):
        key = row[:5]
        if key in seen:
            continue
        seen.add(key)
        inserted.append(index)
        created, updated = row[7], row[8]
        if created is None or updated is None:
            created = created or now
            row = (*key, row[5], row[6], created, updated or created)
        rows.append(row)
    session.flush()
    connection = session.connection()
    for first in range(0, len(rows), _INSERT_BATCH):
        connection.exec_driver_sql(_INSERT, rows[first : first + _INSERT_BATCH])
    return inserted


def _refuse_first_invalid(values: list[CodingValues], documents: dict[int, tuple[str, int]], codes: set[int],
                          coders: set[int]) -> None:
    """Raise the error of the first coding, in order, that points outside its document or at a missing row."""
    for row in values:
        refuse_bad_target(row[:5], documents.get(row[0]), code_found=row[1] in codes, coder_found=row[2] in coders)


_INSERT = ('INSERT INTO codings (document_id, code_id, coder_id, start, "end", memo, origin, created_at, updated_at) '
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def stored_time(value: datetime) -> str:
    """A timestamp as the ``codings`` columns store it: in UTC, without the zone, microseconds always written."""
    if value.tzinfo is not UTC:
        if value.utcoffset() is None:
            raise ValueError(f"a coding's time needs a time zone, got {value.isoformat()}")
        value = value.astimezone(UTC)
    return value.isoformat(sep=" ", timespec="microseconds")[:-6]  # without the "+00:00"


def add_coding(store: ProjectStore, coding: NewCoding) -> Coding:
    """Add one coding in its own transaction (or return the identical one that exists)."""
    with store.transaction() as session:
        insert_codings(session, [coding])
        existing = session.exec(
            select(CodingRow).where(
                CodingRow.document_id == coding.document_id, CodingRow.code_id == coding.code_id,
                CodingRow.coder_id == coding.coder_id, CodingRow.start == coding.start,
                CodingRow.end == coding.end,
            ).order_by(CodingRow.id)
        ).first()
        return coding_from_row(existing)


def remove_coding(store: ProjectStore, coding_id: int) -> Coding:
    """Delete a coding and return what it was."""
    with store.transaction() as session:
        row = session.get(CodingRow, coding_id)
        if row is None:
            raise NotFoundError(_("no coding with id {coding_id}").format(coding_id=coding_id))
        removed = coding_from_row(row)
        session.delete(row)
        return removed


def set_coding_memo(store: ProjectStore, coding_id: int, memo: str) -> Coding:
    with store.transaction() as session:
        row = session.get(CodingRow, coding_id)
        if row is None:
            raise NotFoundError(_("no coding with id {coding_id}").format(coding_id=coding_id))
        row.memo = memo
        row.updated_at = utc_now()
        session.flush()
        return coding_from_row(row)


def coded_characters(codings: Iterable[Coding]) -> int:
    """How many characters the codings cover together (overlaps counted once)."""
    return covered_characters((coding.start, coding.end) for coding in codings)


def covered_characters(spans: Iterable[tuple[int, int]]) -> int:
    """How many characters the (start, end) spans cover together (overlaps counted once)."""
    covered = 0
    current_start = current_end = -1
    for start, end in sorted(spans):
        if start > current_end:
            covered += current_end - current_start if current_end > current_start else 0
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end > current_start:
        covered += current_end - current_start
    return covered
