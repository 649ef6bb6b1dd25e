"""Undoable coding actions: apply a code to a span, remove codings, edit a coding's memo."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from qualcode.domain.models import Coding, CodingOrigin
from qualcode.storage.actions import Focus, RowChanges, record_action
from qualcode.storage.codings import NewCoding, coding_from_row, validate_new_coding
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CodeRow, CodingRow
from qualcode.storage.timestamps import utc_now
from qualcode.domain.language import _

APPLY_CODE = "apply-code"
REMOVE_CODINGS = "remove-codings"
EDIT_CODING_MEMO = "edit-coding-memo"


@dataclass(frozen=True)
class AppliedCode:
    """The coding a code application produced; ``created`` is False when it existed already."""

    coding: Coding
    created: bool


def existing_coding(session: Session, document_id: int, code_id: int, coder_id: int, start: int,
                    end: int) -> CodingRow | None:
    return session.exec(
        select(CodingRow).where(
            CodingRow.document_id == document_id, CodingRow.code_id == code_id, CodingRow.coder_id == coder_id,
            CodingRow.start == start, CodingRow.end == end,
        )
    ).first()


def insert_coding(session: Session, changes: RowChanges, coding: NewCoding) -> Coding:
    """Validate and insert one coding through ``changes`` (inside the caller's transaction)."""
    validate_new_coding(session, coding)
    now = utc_now()
    row_id = changes.insert("codings", {
        "document_id": coding.document_id, "code_id": coding.code_id, "coder_id": coding.coder_id,
        "start": coding.start, "end": coding.end, "memo": coding.memo, "origin": coding.origin,
        "created_at": coding.created_at or now, "updated_at": coding.updated_at or now,
    })
    return coding_from_row(session.get(CodingRow, row_id))


def apply_code(
    store: ProjectStore, *, coder_id: int, document_id: int, code_id: int, start: int, end: int,
    origin: CodingOrigin = "manual",
) -> AppliedCode:
    """Code ``start:end`` of a document with a code for a coder, as one undoable action.

    Applying a code the coder has on exactly that span already changes nothing.
    """
    with store.transaction() as session:
        existing = existing_coding(session, document_id, code_id, coder_id, start, end)
        if existing is not None:
            return AppliedCode(coding_from_row(existing), created=False)
        changes = RowChanges(session)
        coding = insert_coding(session, changes, NewCoding(
            document_id=document_id, code_id=code_id, coder_id=coder_id, start=start, end=end, origin=origin))
        name = session.get(CodeRow, code_id).name
        record_action(session, coder_id, APPLY_CODE, f"apply {name}", changes, Focus(document_id, start, end))
        return AppliedCode(coding, created=True)


def remove_codings(store: ProjectStore, *, coder_id: int, coding_ids: Sequence[int]) -> list[Coding]:
    """Remove some of the coder's own codings as one undoable action; returns what they were."""
    if not coding_ids:
        raise ProjectError(_("no coding to remove"))
    with store.transaction() as session:
        rows = []
        for coding_id in coding_ids:
            row = session.get(CodingRow, coding_id)
            if row is None:
                raise NotFoundError(_("no coding with id {coding_id}").format(coding_id=coding_id))
            if row.coder_id != coder_id:
                raise ProjectError(_("a coder can only remove their own codings"))
            rows.append(coding_from_row(row))
        changes = RowChanges(session)
        for coding in rows:
            changes.delete("codings", coding.id)
        names = sorted({session.get(CodeRow, coding.code_id).name for coding in rows})
        first = min(rows, key=lambda c: c.start)
        record_action(session, coder_id, REMOVE_CODINGS, f"remove {', '.join(names)}", changes,
                      Focus(first.document_id, first.start, first.end))
        return rows


def set_coding_memo(store: ProjectStore, *, coder_id: int, coding_id: int, memo: str) -> Coding:
    """Write the memo of one of the coder's codings as an undoable action (empty text clears it)."""
    with store.transaction() as session:
        row = session.get(CodingRow, coding_id)
        if row is None:
            raise NotFoundError(_("no coding with id {coding_id}").format(coding_id=coding_id))
        if row.coder_id != coder_id:
            raise ProjectError(_("a coder can only write memos on their own codings"))
        memo = memo.strip()
        if row.memo == memo:
            return coding_from_row(row)
        changes = RowChanges(session)
        changes.update("codings", coding_id, {"memo": memo, "updated_at": utc_now()})
        name = session.get(CodeRow, row.code_id).name
        record_action(session, coder_id, EDIT_CODING_MEMO, f"memo on {name}", changes,
                      Focus(row.document_id, row.start, row.end))
        session.expire_all()
        return coding_from_row(session.get(CodingRow, coding_id))
