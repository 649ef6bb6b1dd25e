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
