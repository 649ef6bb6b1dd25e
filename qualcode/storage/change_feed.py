"""Has anyone else changed the project? Live updates for a workbench that shows all coders.

On PostgreSQL the triggers of migration ``0007_change_notices`` notify the channel
``qualcode_changes`` with the login that made a change; the feed listens on a connection of its own
and ignores its own login's changes. On SQLite, ``PRAGMA data_version`` on a connection of its own
changes whenever another connection commits (enough for two processes on one machine). ``changed()``
never waits, so a timer on the interface's own thread can ask it a few times a second.
"""

from __future__ import annotations

import sqlite3

from qualcode.storage.project_store import ProjectStore

CHANNEL = "qualcode_changes"


class ChangeFeed:
    """One project's change notices, read without waiting."""

    def __init__(self, store: ProjectStore) -> None:
        self._login = store.login
        if store.on_server:
            import psycopg

            from qualcode.storage.server_store import CONNECT_TIMEOUT_SECONDS, libpq_url

            self._listener = psycopg.connect(libpq_url(store.url), autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS)
            self._listener.execute(f"LISTEN {CHANNEL}")
            self._sqlite = None
        else:
            self._listener = None
            self._sqlite = sqlite3.connect(store.database_path, check_same_thread=False)
            self._version = self._data_version()

    def _data_version(self) -> int:
        return self._sqlite.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        """True when someone else changed codings, memos or the codebook since the last call."""
        if self._sqlite is not None:
            version = self._data_version()
            changed, self._version = version != self._version, version
            return changed
        return any(notice.payload != self._login for notice in self._listener.notifies(timeout=0))

    def close(self) -> None:
        (self._sqlite or self._listener).close()
