"""Codings: a coder's code on a span of a document's text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from qualcode.domain.models import Coding, CodingOrigin
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CodeRow, CoderRow, CodingRow, DocumentRow
from qualcode.storage.timestamps import utc_now


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


def list_codings(
    store: ProjectStore, *, document_id: int | None = None, coder_id: int | None = None,
    code_id: int | None = None,
) -> list[Coding]:
    """Codings in document and text order, optionally filtered."""
    query = select(CodingRow)
    if document_id is not None:
        query = query.where(CodingRow.document_id == document_id)
    if coder_id is not None:
        query = query.where(CodingRow.coder_id == coder_id)
    if code_id is not None:
        query = query.where(CodingRow.code_id == code_id)
    query = query.order_by(CodingRow.document_id, CodingRow.start, CodingRow.end, CodingRow.id)
    with store.session() as session:
        return [coding_from_row(row) for row in session.exec(query)]


def validate_new_coding(session: Session, coding: NewCoding) -> None:
    """Raise ProjectError when the coding points outside its document or at a missing code/coder."""
    document = session.get(DocumentRow, coding.document_id)
    if document is None:
        raise NotFoundError(f"no document with id {coding.document_id}")
    if session.get(CodeRow, coding.code_id) is None:
        raise NotFoundError(f"no code with id {coding.code_id}")
    if session.get(CoderRow, coding.coder_id) is None:
        raise NotFoundError(f"no coder with id {coding.coder_id}")
    if not 0 <= coding.start < coding.end <= len(document.text):
        raise ProjectError(
            f"span {coding.start}-{coding.end} is not inside {document.name!r} (0-{len(document.text)})"
        )


def insert_codings(session: Session, codings: Iterable[NewCoding]) -> list[CodingRow]:
    """Validate every coding, then insert them all, inside the caller's transaction.

    A coding identical to one that exists (same document, code, coder and span) is skipped.
    """
    codings = list(codings)
    for coding in codings:
        validate_new_coding(session, coding)
    rows = []
    now = utc_now()
    for coding in codings:
        existing = session.exec(
            select(CodingRow).where(
                CodingRow.document_id == coding.document_id, CodingRow.code_id == coding.code_id,
                CodingRow.coder_id == coding.coder_id, CodingRow.start == coding.start,
                CodingRow.end == coding.end,
            )
        ).first()
        if existing is not None:
            continue
        values = {**coding.__dict__, "created_at": coding.created_at or now,
                  "updated_at": coding.updated_at or coding.created_at or now}
        row = CodingRow(**values)
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def add_coding(store: ProjectStore, coding: NewCoding) -> Coding:
    """Add one coding in its own transaction (or return the identical one that exists)."""
    with store.transaction() as session:
        rows = insert_codings(session, [coding])
        if rows:
            return coding_from_row(rows[0])
        existing = session.exec(
            select(CodingRow).where(
                CodingRow.document_id == coding.document_id, CodingRow.code_id == coding.code_id,
                CodingRow.coder_id == coding.coder_id, CodingRow.start == coding.start,
                CodingRow.end == coding.end,
            )
        ).one()
        return coding_from_row(existing)


def remove_coding(store: ProjectStore, coding_id: int) -> Coding:
    """Delete a coding and return what it was."""
    with store.transaction() as session:
        row = session.get(CodingRow, coding_id)
        if row is None:
            raise NotFoundError(f"no coding with id {coding_id}")
        removed = coding_from_row(row)
        session.delete(row)
        return removed


def set_coding_memo(store: ProjectStore, coding_id: int, memo: str) -> Coding:
    with store.transaction() as session:
        row = session.get(CodingRow, coding_id)
        if row is None:
            raise NotFoundError(f"no coding with id {coding_id}")
        row.memo = memo
        row.updated_at = utc_now()
        session.flush()
        return coding_from_row(row)


def coded_characters(codings: Iterable[Coding]) -> int:
    """How many characters the codings cover together (overlaps counted once)."""
    covered = 0
    current_start = current_end = -1
    for coding in sorted(codings, key=lambda c: (c.start, c.end)):
        if coding.start > current_end:
            covered += current_end - current_start if current_end > current_start else 0
            current_start, current_end = coding.start, coding.end
        else:
            current_end = max(current_end, coding.end)
    if current_end > current_start:
        covered += current_end - current_start
    return covered
