"""Blind coding: while it is on, each coder sees only their own codings and memos (and so no agreement).

The switch is the project setting ``project.blind``. On PostgreSQL the database enforces it
(row-level security, migration ``0006_blind_coding``): a coder's queries, psql's included, return
only their own rows, and only a supervisor (or the project's owner) may turn it on or off.
"""

from __future__ import annotations

from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.settings import get_setting, set_setting

BLIND_SETTING = "project.blind"


def is_blind(store: ProjectStore) -> bool:
    return get_setting(store, BLIND_SETTING) == "on"


def set_blind(store: ProjectStore, blind: bool) -> None:
    """Turn blind coding on or off; on PostgreSQL only a supervisor may (ProjectError otherwise)."""
    if store.on_server:
        from sqlalchemy import text

        with store.session() as session:
            allowed = session.execute(text("SELECT qualcode_is_supervisor()")).scalar_one()
        if not allowed:
            raise ProjectError(_("only a supervisor may turn blind coding on or off; you are logged in as {login}").format(login=store.login))
    set_setting(store, BLIND_SETTING, "on" if blind else "off")
