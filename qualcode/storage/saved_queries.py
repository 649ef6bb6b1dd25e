"""Saved code queries: a name, the query text and a description, kept in the project."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from qualcode.domain.code_query import parse_query
from qualcode.domain.language import _
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import SavedQueryRow
from qualcode.storage.timestamps import utc_now

NAME = re.compile(r"[\w][\w.\-]*")
"""What a saved query's name may be: it is written ``@name`` inside other queries."""


@dataclass(frozen=True)
class SavedQuery:
    id: int
    name: str
    text: str
    description: str
    created_at: datetime
    updated_at: datetime


def _saved(row: SavedQueryRow) -> SavedQuery:
    return SavedQuery(row.id, row.name, row.text, row.description, row.created_at, row.updated_at)


def list_saved_queries(store: ProjectStore) -> list[SavedQuery]:
    with store.session() as session:
        return [_saved(row) for row in session.exec(select(SavedQueryRow).order_by(SavedQueryRow.name))]


def get_saved_query(store: ProjectStore, name: str) -> SavedQuery:
    """The saved query called ``name``; NotFoundError lists the names there are."""
    with store.session() as session:
        row = session.exec(select(SavedQueryRow).where(SavedQueryRow.name == name)).first()
        if row is None:
            names = ", ".join(session.exec(select(SavedQueryRow.name).order_by(SavedQueryRow.name))) or "none yet"
            raise NotFoundError(_("no saved query {name!r} (saved queries: {names})").format(name=name, names=names))
        return _saved(row)


def save_query(store: ProjectStore, name: str, text: str, description: str = "") -> SavedQuery:
    """Save a query under ``name``, replacing one of that name. Raises QueryError for a malformed query."""
    name = name.strip()
    if not NAME.fullmatch(name):
        raise ProjectError(_("a saved query's name is letters, digits, '_', '-' and '.', not {name!r}").format(name=name))
    parse_query(text)
    now = utc_now()
    with store.transaction() as session:
        row = session.exec(select(SavedQueryRow).where(SavedQueryRow.name == name)).first()
        if row is None:
            row = SavedQueryRow(name=name, text=text.strip(), description=description.strip(), created_at=now,
                                updated_at=now)
            session.add(row)
        else:
            row.text, row.description, row.updated_at = text.strip(), description.strip(), now
        session.flush()
        return _saved(row)


def delete_saved_query(store: ProjectStore, name: str) -> SavedQuery:
    saved = get_saved_query(store, name)
    with store.transaction() as session:
        session.delete(session.get(SavedQueryRow, saved.id))
    return saved
