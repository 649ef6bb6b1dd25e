"""Project settings: a small key/value table (default coder, NLP pipeline, ...)."""

from __future__ import annotations

from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import SettingRow


def get_setting(store: ProjectStore, key: str, default: str | None = None) -> str | None:
    with store.session() as session:
        row = session.get(SettingRow, key)
        return row.value if row else default


def set_setting(store: ProjectStore, key: str, value: str) -> None:
    with store.transaction() as session:
        row = session.get(SettingRow, key)
        if row is None:
            session.add(SettingRow(key=key, value=value))
        else:
            row.value = value


def delete_setting(store: ProjectStore, key: str) -> None:
    """Forget ``key``, so its default applies again; nothing happens when it is not set."""
    with store.transaction() as session:
        row = session.get(SettingRow, key)
        if row is not None:
            session.delete(row)


NOTICE_PREFIX = "notice."
"""Settings under this prefix record the one-time notices a project has shown."""


def first_showing(store: ProjectStore, notice: str) -> bool:
    """True the first time a one-time notice is asked for in this project; it is then recorded as shown."""
    key = NOTICE_PREFIX + notice
    with store.transaction() as session:
        if session.get(SettingRow, key) is not None:
            return False
        session.add(SettingRow(key=key, value="shown"))
        return True
