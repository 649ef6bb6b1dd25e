"""Which case (respondent) a document belongs to: link and unlink after import, each one undoable action."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from qualcode.domain.language import _
from qualcode.storage.actions import RowChanges, record_action
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CaseRow, DocumentRow
from qualcode.storage.timestamps import utc_now

CASE_LINK_ACTION = "case-link"
"""The kind of the undo log's entries for linking and unlinking."""

MAX_CASE_LABEL = 100


@dataclass(frozen=True)
class CaseLink:
    """What a link or unlink did: the document, its case before and after, and whether the case is new."""

    document: str
    case: str | None
    previous: str | None
    created: bool = False


def check_case_label(label: str) -> str:
    """The label as stored; raises ProjectError for an empty, too long or oddly spaced one."""
    if not label.strip() or len(label) > MAX_CASE_LABEL or label != " ".join(label.split()):
        raise ProjectError(_("{label!r} is not a case label: give 1 to {max_case_label} characters, no spaces at the ends or in a row").format(label=label, max_case_label=MAX_CASE_LABEL))
    return label


def link_document(store: ProjectStore, document_id: int, case_label: str, *, coder_id: int | None) -> CaseLink:
    """Link a document to the case with this label, creating the case when there is none; undoable."""
    label = check_case_label(case_label)
    with store.transaction() as session:
        document = _document_row(session, document_id)
        previous = session.get(CaseRow, document.case_id).label if document.case_id is not None else None
        if previous == label:
            return CaseLink(document.name, label, previous)
        changes = RowChanges(session)
        case = session.exec(select(CaseRow).where(CaseRow.label == label)).first()
        case_id = case.id if case is not None else changes.insert("cases", {"label": label, "created_at": utc_now()})
        changes.set_case(document_id, case_id)
        description = f"case of {document.name}: {label}" + (f" (was {previous})" if previous else "")
        record_action(session, coder_id, CASE_LINK_ACTION, description, changes)
        return CaseLink(document.name, label, previous, created=case is None)


def unlink_document(store: ProjectStore, document_id: int, *, coder_id: int | None) -> CaseLink:
    """Take a document out of its case (the case and its attributes stay); undoable."""
    with store.transaction() as session:
        document = _document_row(session, document_id)
        if document.case_id is None:
            return CaseLink(document.name, None, None)
        previous = session.get(CaseRow, document.case_id).label
        changes = RowChanges(session)
        changes.set_case(document_id, None)
        record_action(session, coder_id, CASE_LINK_ACTION, f"case of {document.name}: none (was {previous})",
                      changes)
        return CaseLink(document.name, None, previous)


def _document_row(session, document_id: int) -> DocumentRow:
    document = session.get(DocumentRow, document_id)
    if document is None:
        raise ProjectError(_("no document with id {document_id}").format(document_id=document_id))
    return document
