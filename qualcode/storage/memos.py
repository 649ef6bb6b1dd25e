"""Segment memos: a coder's note on a span of a document, independent of any coding."""

from __future__ import annotations

from sqlmodel import select

from qualcode.domain.models import Memo
from qualcode.storage.actions import Focus, RowChanges, record_action
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import DocumentRow, MemoRow
from qualcode.storage.timestamps import utc_now
from qualcode.domain.language import _

EDIT_SEGMENT_MEMO = "edit-segment-memo"


def memo_from_row(row: MemoRow) -> Memo:
    return Memo(id=row.id, document_id=row.document_id, coder_id=row.coder_id, start=row.start, end=row.end,
                text=row.text, created_at=row.created_at, updated_at=row.updated_at)


def list_memos(store: ProjectStore, *, document_id: int | None = None, coder_id: int | None = None) -> list[Memo]:
    """Segment memos in document and text order, optionally of one document or coder."""
    query = select(MemoRow)
    if document_id is not None:
        query = query.where(MemoRow.document_id == document_id)
    if coder_id is not None:
        query = query.where(MemoRow.coder_id == coder_id)
    with store.session() as session:
        rows = session.exec(query.order_by(MemoRow.document_id, MemoRow.start, MemoRow.end, MemoRow.id))
        return [memo_from_row(row) for row in rows]


def set_segment_memo(
    store: ProjectStore, *, coder_id: int, document_id: int, start: int, end: int, text: str
) -> Memo | None:
    """Write the coder's memo on exactly ``start:end`` as an undoable action; empty text deletes it.

    Returns the memo as stored, or None when there is none (any more).
    """
    with store.transaction() as session:
        document = session.get(DocumentRow, document_id)
        if document is None:
            raise NotFoundError(_("no document with id {document_id}").format(document_id=document_id))
        if not 0 <= start <= end <= len(document.text):
            raise ProjectError(_("span {start}-{end} is not inside {name!r} (0-{count})").format(
                start=start, end=end, name=document.name, count=len(document.text)))
        row = session.exec(
            select(MemoRow).where(MemoRow.document_id == document_id, MemoRow.coder_id == coder_id,
                                  MemoRow.start == start, MemoRow.end == end)
        ).first()
        text = text.strip()
        if (row.text if row else "") == text:
            return memo_from_row(row) if row else None
        changes = RowChanges(session)
        now = utc_now()
        if row is None:
            memo_id = changes.insert("memos", {"document_id": document_id, "coder_id": coder_id, "start": start,
                                               "end": end, "text": text, "created_at": now, "updated_at": now})
        elif text:
            memo_id = row.id
            changes.update("memos", row.id, {"text": text, "updated_at": now})
        else:
            memo_id = None
            changes.delete("memos", row.id)
        record_action(session, coder_id, EDIT_SEGMENT_MEMO, "segment memo", changes, Focus(document_id, start, end))
        if memo_id is None:
            return None
        session.expire_all()
        return memo_from_row(session.get(MemoRow, memo_id))
