"""Optimistic concurrency for code edits: a code's version, and the refusal of an edit someone overtook.

Every edit of a code's fields raises ``codes.version`` by one and records who made it
(``codes.changed_by``). An editor remembers the version it opened; saving it later is refused with
"changed by NAME since you opened it" when the version moved on, so that nothing is overwritten
silently. The row is locked for the transaction (``FOR UPDATE`` on PostgreSQL; SQLite's write
transactions take the whole database already), so two edits at the same moment are put in order
and the second sees the first.
"""

from __future__ import annotations

from sqlmodel import Session, select

from qualcode.domain.language import _
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.tables import CodeRow, CoderRow


class ChangedMeanwhileError(ProjectError):
    """The code was changed by someone else after the editor was opened."""


def locked_code(session: Session, code_id: int, opened_version: int | None = None) -> CodeRow:
    """The code's row, locked until the transaction ends; refused when it moved past ``opened_version``."""
    row = session.exec(select(CodeRow).where(CodeRow.id == code_id).with_for_update()
                       .execution_options(populate_existing=True)).first()
    if row is None:
        raise NotFoundError(_("no code with id {code_id}").format(code_id=code_id))
    if opened_version is not None and row.version != opened_version:
        who = session.get(CoderRow, row.changed_by) if row.changed_by is not None else None
        raise ChangedMeanwhileError(
            _("{name} was changed by {who} since you opened it; nothing was saved: open it again to see the change").format(name=row.name, who=who.name if who else _("someone else")))
    return row
