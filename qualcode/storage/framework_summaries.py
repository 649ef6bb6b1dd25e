"""The researcher's summaries in the framework matrix: one text per code and case, with undo."""

from __future__ import annotations

from sqlmodel import select

from qualcode.domain.language import _
from qualcode.storage.actions import RowChanges, record_action
from qualcode.storage.errors import NotFoundError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CaseRow, CodeRow, FrameworkSummaryRow
from qualcode.storage.timestamps import utc_now

EDIT_FRAMEWORK_SUMMARY = "edit-framework-summary"


def framework_summaries(store: ProjectStore) -> dict[tuple[int, int], str]:
    """Every summary, keyed by (code id, case id)."""
    with store.session() as session:
        return {(row.code_id, row.case_id): row.text for row in session.exec(select(FrameworkSummaryRow))}


def set_framework_summary(store: ProjectStore, *, coder_id: int | None, code_id: int, case_id: int,
                          text: str) -> str | None:
    """Write the summary of a code for a case as an undoable action; empty text deletes it.

    Returns the summary as stored, or None when there is none (any more).
    """
    text = text.strip()
    with store.transaction() as session:
        code, case = session.get(CodeRow, code_id), session.get(CaseRow, case_id)
        if code is None:
            raise NotFoundError(_("no code with id {code_id}").format(code_id=code_id))
        if case is None:
            raise NotFoundError(_("no case with id {case_id}").format(case_id=case_id))
        row = session.exec(select(FrameworkSummaryRow).where(FrameworkSummaryRow.code_id == code_id,
                                                             FrameworkSummaryRow.case_id == case_id)).first()
        if (row.text if row else "") == text:
            return text or None
        changes = RowChanges(session)
        now = utc_now()
        if row is None:
            changes.insert("framework_summaries", {"code_id": code_id, "case_id": case_id, "coder_id": coder_id,
                                                   "text": text, "created_at": now, "updated_at": now})
        elif text:
            changes.update("framework_summaries", row.id, {"text": text, "coder_id": coder_id, "updated_at": now})
        else:
            changes.delete("framework_summaries", row.id)
        record_action(session, coder_id, EDIT_FRAMEWORK_SUMMARY, f"summary of {code.name} for {case.label}", changes)
        return text or None
