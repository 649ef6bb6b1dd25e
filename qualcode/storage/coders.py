"""Coders: the people (or merged projects, or the consensus) whose codings a project holds."""

from __future__ import annotations

from sqlmodel import Session, select

from qualcode.domain.models import Coder
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CoderRow
from qualcode.storage.timestamps import utc_now
from qualcode.domain.language import _


def _coder(row: CoderRow) -> Coder:
    return Coder(id=row.id, name=row.name)


def list_coders(store: ProjectStore) -> list[Coder]:
    with store.session() as session:
        return [_coder(row) for row in session.exec(select(CoderRow).order_by(CoderRow.name))]


def find_coder(store: ProjectStore, name: str) -> Coder | None:
    with store.session() as session:
        row = session.exec(select(CoderRow).where(CoderRow.name == name)).first()
        return _coder(row) if row else None


def get_coder(store: ProjectStore, name: str) -> Coder:
    coder = find_coder(store, name)
    if coder is None:
        known = ", ".join(c.name for c in list_coders(store)) or "none yet"
        raise NotFoundError(_("no coder named {name!r} (coders: {known})").format(name=name, known=known))
    return coder


def add_coder(store: ProjectStore, name: str) -> Coder:
    """Add a coder; refuses an empty name or one that exists already."""
    name = name.strip()
    if not name:
        raise ProjectError(_("a coder needs a name"))
    with store.transaction() as session:
        if session.exec(select(CoderRow).where(CoderRow.name == name)).first():
            raise ProjectError(_("a coder named {name!r} exists already").format(name=name))
        row = CoderRow(name=name, created_at=utc_now())
        session.add(row)
        session.flush()
        return _coder(row)


def ensure_coder_in(session: Session, name: str) -> CoderRow:
    """The coder row with this name inside an open transaction, created when missing."""
    row = session.exec(select(CoderRow).where(CoderRow.name == name)).first()
    if row is None:
        row = CoderRow(name=name, created_at=utc_now())
        session.add(row)
        session.flush()
    return row


def ensure_coder(store: ProjectStore, name: str) -> Coder:
    """The coder with this name, created when missing."""
    with store.transaction() as session:
        return _coder(ensure_coder_in(session, name.strip()))
