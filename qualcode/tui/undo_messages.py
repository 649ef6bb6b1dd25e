"""What undo and redo say when they are done: the action they undid or redid, or that there was none."""

from __future__ import annotations

from qualcode.domain.language import _

UNDONE = "Undone"
REDONE = "Redone"


def undo_message(verb: str, description: str | None) -> str:
    """``Undone: apply code …`` (``verb`` is UNDONE or REDONE), or ``Nothing to undo.`` without an action."""
    if verb == UNDONE:
        return _("Undone: {action}").format(action=description) if description is not None else _("Nothing to undo.")
    return _("Redone: {action}").format(action=description) if description is not None else _("Nothing to redo.")
