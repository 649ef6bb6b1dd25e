"""A project: its folder and SQLite database, or its PostgreSQL URL, and the sessions that read and write it."""

from __future__ import annotations

import random
import sqlite3
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, create_engine

from qualcode.domain.language import _
from qualcode.storage.database_errors import describe_database_error, error_kind
from qualcode.storage.errors import ProjectError
from qualcode.storage.integrity import refuse_unusable
from qualcode.storage.migrations import migrate
from qualcode.storage.server_store import database_name, is_server_url, login_name, shown_url
from qualcode.storage.sqlite_reading import DATABASE_NAME

PROJECT_FOLDERS = ("transcripts", "codebooks", "exports")
BUSY_TIMEOUT_MS = 5000
WRITE_RETRY_SECONDS = 0.002
"""The longest pause between two tries for SQLite's write lock (see ``_begin_immediately``)."""


@dataclass
class ProjectStore:
    """An open project. Reads go through ``session()``, every write through ``transaction()``."""

    folder: Path
    engine: Engine
    backup_path: Path | None = field(default=None)
    url: str | None = field(default=None, repr=False)
    """The PostgreSQL URL of a project on a server; None for a project in a folder (SQLite).

    A server project's ``folder`` is where its exports and backups go: the current folder."""

    def __post_init__(self) -> None:
        # Pooled connections stay open between actions; a store nobody closes closes them when it goes (or
        # when Python exits), so that SQLite folds its log back into qualcode.db as with an explicit close.
        weakref.finalize(self, self.engine.dispose)

    @property
    def on_server(self) -> bool:
        return self.url is not None

    @property
    def database_path(self) -> Path:
        """The SQLite file; a server project has none, and asking for it is a mistake that must not create one."""
        if self.url is not None:
            raise ProjectError(_("{location} is a project on a PostgreSQL server, not a {database_name} file").format(location=self.location, database_name=DATABASE_NAME))
        return self.folder / DATABASE_NAME

    @property
    def location(self) -> str:
        """What names the project in messages: its database file, or its URL without the password."""
        return str(self.database_path) if self.url is None else shown_url(self.url)

    @property
    def login(self) -> str | None:
        """The role a server project is opened as (None for a folder, or a URL without one)."""
        return login_name(self.url) if self.url is not None else None

    @property
    def name(self) -> str:
        """The project's short name: its folder's, or its database's."""
        return self.folder.resolve().name if self.url is None else database_name(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session; nothing it does is committed."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        with Session(self.engine, expire_on_commit=False) as session:
            with session.begin():
                yield session

    def close(self) -> None:
        self.engine.dispose()


def _configure_connection(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself, so every transaction is explicit.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.close()


def _begin_immediately(connection) -> None:
    """BEGIN IMMEDIATE: take the write lock up front, so a transaction never fails half-way on a lock.

    While another connection writes, we wait for the lock ourselves, trying every millisecond or two
    until BUSY_TIMEOUT_MS. SQLite's busy handler would wait too, but with pauses that grow to 100 ms:
    a writer that has waited long keeps losing the lock to newcomers that try again within a
    millisecond, and with ten coders at once one could wait out the whole timeout and be refused. The
    last try goes through SQLAlchemy, so a refusal is the same error as before.
    """
    raw = connection.connection.driver_connection
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        while time.monotonic() < deadline:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if error_kind(error) != "busy":
                    raise
            time.sleep(random.uniform(WRITE_RETRY_SECONDS / 2, WRITE_RETRY_SECONDS))
    finally:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def open_engine(database_path: Path) -> Engine:
    """An engine with foreign keys on, WAL journaling and explicit transactions.

    Its connections are pooled (an idle one holds no lock): a new connection per transaction would set
    its PRAGMAs and read the schema again each time, and closing the last one checkpoints the log.
    """
    engine = create_engine(
        f"sqlite:///{database_path}",
        connect_args={"check_same_thread": False},
        poolclass=QueuePool,
    )
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin_immediately)
    return engine


def init_project(folder: Path | str) -> ProjectStore:
    """Create the project folder skeleton and an up-to-date database, then open it.

    For a URL, the schema is created in the (empty) database the URL names."""
    if is_server_url(folder):
        return open_project(folder, create=True)
    folder.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FOLDERS:
        (folder / name).mkdir(exist_ok=True)
    gitkeep = folder / "exports" / ".gitkeep"
    if not gitkeep.exists():
        gitkeep.touch()
    return open_project(folder, create=True)


def open_server_project(url: str, *, create: bool = False) -> ProjectStore:
    """Open the project in the PostgreSQL database URL names, upgrading an older schema after a pg_dump.

    Raises ProjectError, in one line and having written nothing, when the server cannot be reached,
    the login is refused, the database holds no qualcode project (unless ``create``) or was written
    by a newer qualcode.
    """
    from qualcode.storage.server_store import describe_server_error, migrate_server, open_server_engine

    engine = open_server_engine(url)
    folder = Path.cwd()
    try:
        backup = migrate_server(engine, url, create=create, backup_folder=folder / "backups")
    except ProjectError:
        engine.dispose()
        raise
    except Exception as error:  # psycopg's OperationalError: unreachable, wrong password, no database
        engine.dispose()
        raise ProjectError(describe_server_error(error, url)) from None
    return ProjectStore(folder=folder, engine=engine, backup_path=backup, url=url)


def open_project(folder: Path | str, *, create: bool = False) -> ProjectStore:
    """Open the project in ``folder``, upgrading an older schema after a backup copy.

    Raises ProjectError when there is no project there (unless ``create``), when the path is
    not a folder, when the database is empty or damaged (SQLite's quick check; the message
    names the newest backup), when SQLite cannot open it, or when it was written by a newer
    qualcode. Nothing is written to a database that is refused. A PostgreSQL URL opens the
    project on that server (``open_server_project``).
    """
    if is_server_url(folder):
        return open_server_project(folder, create=create)
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ProjectError(_("{folder} is not a folder; a qualcode project is a folder with {database_name}").format(folder=folder, database_name=DATABASE_NAME))
    database_path = folder / DATABASE_NAME
    if not database_path.exists() and not create:
        raise ProjectError(_("no qualcode project in {folder} (no {database_name}); run 'qualcode init {folder}'").format(folder=folder, database_name=DATABASE_NAME))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if database_path.exists():
            refuse_unusable(database_path)
        backup = migrate(database_path)
    except ProjectError:
        raise
    except Exception as error:  # sqlite3.Error: locked, read-only, disk full, not a database
        raise ProjectError(describe_database_error(error, database_path)) from error
    return ProjectStore(folder=folder, engine=open_engine(database_path), backup_path=backup)
