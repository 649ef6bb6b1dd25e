"""Undoable coding actions: apply a code to a span, remove codings, edit a coding's memo."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, exists, func
from sqlmodel import Session, select

from qualcode.domain.models import Coding, CodingOrigin
from qualcode.storage.actions import Focus, RowChanges, record_action
from qualcode.storage.codings import (CODING_COLUMNS, NewCoding, coding_from_row, coding_from_stored,
                                      refuse_bad_target, validate_new_coding)
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CodeRow, CoderRow, CodingRow, DocumentRow
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


def _same_coding():
    return (CodingRow.document_id == bindparam("document_id"), CodingRow.code_id == bindparam("code_id"),
            CodingRow.coder_id == bindparam("coder_id"), CodingRow.start == bindparam("start"),
            CodingRow.end == bindparam("end"))


_EXISTING_CODING = select(*CODING_COLUMNS).where(*_same_coding()).order_by(CodingRow.id).limit(1)
"""The coder's coding of a code on exactly a span (built once: its compiled form is cached)."""

_APPLY_TARGET = select(
    DocumentRow.name, func.length(DocumentRow.text).label("length"),
    select(CodeRow.name).where(CodeRow.id == bindparam("code_id")).scalar_subquery().label("code_name"),
    exists().where(CoderRow.id == bindparam("coder_id")).label("coder_found"),
    select(CodingRow.id).where(*_same_coding()).order_by(CodingRow.id).limit(1).scalar_subquery().label("existing_id"),
).where(DocumentRow.id == bindparam("document_id"))
"""In one round trip: the document's name and length, the code's name, whether the coder exists and the
coding that exists already on exactly the span (length counts characters on both backends, as ``len`` does)."""


def existing_coding(session: Session, document_id: int, code_id: int, coder_id: int, start: int,
                    end: int) -> Coding | None:
    """The coder's coding of the code on exactly ``start:end``, or None."""
    row = session.execute(_EXISTING_CODING, {"document_id": document_id, "code_id": code_id, "coder_id": coder_id,
                                             "start": start, "end": end}).first()
    return Coding(*row) if row is not None else None


def insert_coding(session: Session, changes: RowChanges, coding: NewCoding) -> Coding:
    """Validate and insert one coding through ``changes`` (inside the caller's transaction)."""
    validate_new_coding(session, coding)
    return _insert_valid_coding(changes, coding)


def _insert_valid_coding(changes: RowChanges, coding: NewCoding) -> Coding:
    now = utc_now()
    changes.insert("codings", {
        "document_id": coding.document_id, "code_id": coding.code_id, "coder_id": coding.coder_id,
        "start": coding.start, "end": coding.end, "memo": coding.memo, "origin": coding.origin,
        "created_at": coding.created_at or now, "updated_at": coding.updated_at or now,
    })
    return coding_from_stored(changes.changes[-1].after)


def apply_code(
    store: ProjectStore, *, coder_id: int, document_id: int, code_id: int, start: int, end: int,
    origin: CodingOrigin = "manual",
) -> AppliedCode:
    """Code ``start:end`` of a document with a code for a coder, as one undoable action.

    Applying a code the coder has on exactly that span already changes nothing.
    """
    key = {"document_id": document_id, "code_id": code_id, "coder_id": coder_id, "start": start, "end": end}
    with store.transaction() as session:
        found = session.execute(_APPLY_TARGET, key).first()
        if found is not None and found.existing_id is not None:
            return AppliedCode(existing_coding(session, document_id, code_id, coder_id, start, end), created=False)
        wanted = NewCoding(document_id=document_id, code_id=code_id, coder_id=coder_id, start=start, end=end,
                           origin=origin)
        refuse_bad_target((document_id, code_id, coder_id, start, end),
                          (found.name, found.length) if found is not None else None,
                          code_found=found is not None and found.code_name is not None,
                          coder_found=found is not None and bool(found.coder_found))
        changes = RowChanges(session)
        coding = _insert_valid_coding(changes, wanted)
        record_action(session, coder_id, APPLY_CODE, f"apply {found.code_name}", changes,
                      Focus(document_id, start, end))
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
