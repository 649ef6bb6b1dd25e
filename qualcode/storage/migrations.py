"""Named, ordered, transactional schema migrations, recorded in the database itself.

Each migration runs inside one ``BEGIN IMMEDIATE`` transaction together with the row that
records it, so a project is always at a known version. Opening an older project first copies
it to a backup file; opening a project written by a newer qualcode is refused.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from qualcode.domain.language import _
from qualcode.storage.backups import copy_database
from qualcode.storage.errors import ProjectError


@dataclass(frozen=True)
class Migration:
    """A named SQL script; it runs in the same transaction as the row that records it.

    ``sql`` is written for SQLite; on PostgreSQL it runs as ``postgresql_script`` translates it,
    unless ``postgresql`` gives the script for PostgreSQL itself (for what no mechanical
    translation covers: triggers, policies, ``INSERT OR IGNORE``).
    """

    name: str
    sql: str
    postgresql: str | None = None


_INITIAL_SQL = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE coders (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE case_attributes (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value_type TEXT NOT NULL CHECK (value_type IN ('text', 'integer', 'number', 'boolean', 'date')),
    value TEXT,
    PRIMARY KEY (case_id, name)
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    source_name TEXT NOT NULL,
    source_format TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL,
    metadata_json TEXT NOT NULL DEFAULT '{}',
    interviewer_label TEXT,
    word_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_source_sha256 ON documents(source_sha256);
CREATE INDEX documents_text_sha256 ON documents(text_sha256);
CREATE TABLE segments (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('turn', 'paragraph')),
    idx INTEGER NOT NULL,
    turn_index INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('interviewer', 'respondent', 'unknown')),
    start_time REAL,
    CHECK (start >= 0 AND "end" >= start),
    UNIQUE (document_id, kind, idx)
);
CREATE TABLE code_groups (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    colour TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE codes (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    group_id INTEGER NOT NULL REFERENCES code_groups(id),
    parent_id INTEGER REFERENCES codes(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    inclusion TEXT NOT NULL DEFAULT '',
    exclusion TEXT NOT NULL DEFAULT '',
    indicators_json TEXT NOT NULL DEFAULT '[]',
    colour TEXT,
    hotkey TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE codings (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    code_id INTEGER NOT NULL REFERENCES codes(id),
    coder_id INTEGER NOT NULL REFERENCES coders(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    memo TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT 'manual',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (start >= 0 AND "end" > start),
    UNIQUE (document_id, code_id, coder_id, start, "end")
);
CREATE INDEX codings_document ON codings(document_id);
CREATE INDEX codings_code ON codings(code_id);
CREATE INDEX codings_coder ON codings(coder_id);
CREATE TABLE memos (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    coder_id INTEGER REFERENCES coders(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (start >= 0 AND "end" >= start)
);
CREATE TABLE action_log (
    id INTEGER PRIMARY KEY,
    coder_id INTEGER REFERENCES coders(id),
    kind TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    undone_at TIMESTAMP
);
CREATE TABLE suggestion_feedback (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    code_id INTEGER NOT NULL REFERENCES codes(id),
    coder_id INTEGER NOT NULL REFERENCES coders(id),
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    score REAL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX suggestion_feedback_document ON suggestion_feedback(document_id);
CREATE TABLE parse_cache (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    pipeline TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    payload BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (document_id, pipeline)
);
CREATE TABLE learned_models (
    name TEXT PRIMARY KEY,
    pipeline TEXT NOT NULL,
    examples INTEGER NOT NULL,
    trained_at TIMESTAMP NOT NULL,
    payload BLOB NOT NULL
);
"""

_ANALYSIS_SQL = """
CREATE TABLE saved_queries (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE framework_summaries (
    id INTEGER PRIMARY KEY,
    code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    coder_id INTEGER REFERENCES coders(id),
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (code_id, case_id)
);
"""

_PSEUDONYMISATION_SQL = """
CREATE TABLE pseudonym_forms (
    id INTEGER PRIMARY KEY,
    form TEXT NOT NULL UNIQUE CHECK (length(trim(form)) > 0),
    type TEXT NOT NULL CHECK (type IN ('person', 'place', 'organisation', 'date', 'other')),
    status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
    pseudonym TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE pseudonym_occurrences (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('person', 'place', 'organisation', 'date', 'other')),
    status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
    pseudonym TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (start >= 0 AND "end" > start),
    UNIQUE (document_id, start, "end")
);
"""

_CODE_VERSIONS_SQL = """
ALTER TABLE codes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE codes ADD COLUMN changed_by INTEGER REFERENCES coders(id);
"""

_CODER_ROLES_POSTGRESQL = """
-- Who may change a row of a coder: that coder (logged in as the role of the same name), a member of
-- the project's supervisors role, or the project's owner. Row-level security enforces it, also for psql.
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_database() || '_coders') THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', current_database() || '_coders');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_database() || '_supervisors') THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN IN ROLE %I', current_database() || '_supervisors',
                       current_database() || '_coders');
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', current_database() || '_coders');
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I',
                   current_database() || '_coders');
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', current_database() || '_coders');
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                   current_database() || '_coders');
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I',
                   current_database() || '_coders');
EXCEPTION WHEN insufficient_privilege THEN  -- an owner without CREATEROLE: the server's administrator makes them
    RAISE NOTICE 'qualcode: no roles % and %', current_database() || '_coders', current_database() || '_supervisors';
END
$roles$;
CREATE FUNCTION qualcode_is_supervisor() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, (SELECT tableowner FROM pg_tables
                                      WHERE schemaname = 'public' AND tablename = 'codings'), 'MEMBER')
        OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_database() || '_supervisors'
                   AND pg_has_role(current_user, oid, 'MEMBER'))
$$;
CREATE FUNCTION qualcode_may_change(coder INTEGER) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT qualcode_is_supervisor() OR EXISTS (SELECT 1 FROM coders WHERE id = coder AND name = current_user)
$$;
ALTER TABLE codings ENABLE ROW LEVEL SECURITY;
ALTER TABLE memos ENABLE ROW LEVEL SECURITY;
ALTER TABLE framework_summaries ENABLE ROW LEVEL SECURITY;
ALTER TABLE action_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE coders ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON codings FOR SELECT USING (true);
CREATE POLICY own_rows ON codings FOR ALL USING (qualcode_may_change(coder_id)) WITH CHECK (qualcode_may_change(coder_id));
CREATE POLICY everyone_reads ON memos FOR SELECT USING (true);
CREATE POLICY own_rows ON memos FOR ALL USING (qualcode_may_change(coder_id)) WITH CHECK (qualcode_may_change(coder_id));
CREATE POLICY everyone_reads ON framework_summaries FOR SELECT USING (true);
CREATE POLICY own_rows ON framework_summaries FOR ALL
    USING (qualcode_may_change(coder_id)) WITH CHECK (qualcode_may_change(coder_id));
CREATE POLICY everyone_reads ON action_log FOR SELECT USING (true);
CREATE POLICY own_rows ON action_log FOR ALL
    USING (qualcode_may_change(coder_id)) WITH CHECK (qualcode_may_change(coder_id));
CREATE POLICY everyone_reads ON coders FOR SELECT USING (true);
CREATE POLICY own_name ON coders FOR ALL
    USING (qualcode_is_supervisor() OR name = current_user) WITH CHECK (qualcode_is_supervisor() OR name = current_user);
"""

_BLIND_CODING_POSTGRESQL = """
-- Blind coding: while the setting project.blind is 'on', a coder reads only their own codings and memos
-- (supervisors and the owner read everything); only a supervisor may turn it on or off.
CREATE FUNCTION qualcode_blind() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'project.blind' AND value = 'on')
$$;
DROP POLICY everyone_reads ON codings;
CREATE POLICY reads ON codings FOR SELECT USING (NOT qualcode_blind() OR qualcode_may_change(coder_id));
DROP POLICY everyone_reads ON memos;
CREATE POLICY reads ON memos FOR SELECT USING (NOT qualcode_blind() OR qualcode_may_change(coder_id));
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON settings FOR SELECT USING (true);
CREATE POLICY supervisors_set_blind ON settings FOR ALL
    USING (key <> 'project.blind' OR qualcode_is_supervisor()) WITH CHECK (key <> 'project.blind' OR qualcode_is_supervisor());
"""

_CHANGE_NOTICES_POSTGRESQL = """
-- Live updates: a change to codings, memos or the codebook notifies the channel qualcode_changes with
-- the login that made it, so that the other coders' workbenches read the project again.
CREATE FUNCTION qualcode_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('qualcode_changes', current_user);
    RETURN NULL;
END
$$;
CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON codings
    FOR EACH STATEMENT EXECUTE FUNCTION qualcode_notify_change();
CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON memos
    FOR EACH STATEMENT EXECUTE FUNCTION qualcode_notify_change();
CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON codes
    FOR EACH STATEMENT EXECUTE FUNCTION qualcode_notify_change();
CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON code_groups
    FOR EACH STATEMENT EXECUTE FUNCTION qualcode_notify_change();
"""

_SOURCE_INDEX_SQL = """
-- Importing a file looks its source name up: without an index each look read every document's text.
CREATE INDEX documents_source_name ON documents(source_name);
-- The per-coder bag-of-words model is gone: suggestions learn from the coded passages themselves.
DROP TABLE learned_models;
"""

_ACTION_LOG_INDEX_SQL = """
-- Every action drops its coder's undone ones, and undo looks up the coder's latest: without an index both
-- read the whole log, which grows with every coding of every coder.
CREATE INDEX action_log_coder ON action_log(coder_id, id);
CREATE INDEX action_log_undone ON action_log(coder_id) WHERE undone_at IS NOT NULL;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _INITIAL_SQL),
    Migration("0002_saved_queries_and_framework_summaries", _ANALYSIS_SQL),
    Migration("0003_pseudonymisation", _PSEUDONYMISATION_SQL),
    Migration("0004_code_versions", _CODE_VERSIONS_SQL),
    Migration("0005_coder_roles", "-- PostgreSQL only: a SQLite project is one person's file\n",
              postgresql=_CODER_ROLES_POSTGRESQL),
    Migration("0006_blind_coding", "-- PostgreSQL only: on SQLite the setting is kept, but one file has one reader\n",
              postgresql=_BLIND_CODING_POSTGRESQL),
    Migration("0007_change_notices", "-- PostgreSQL only: SQLite's data_version tells the same\n",
              postgresql=_CHANGE_NOTICES_POSTGRESQL),
    Migration("0008_source_name_index_without_learned_models", _SOURCE_INDEX_SQL),
    Migration("0009_action_log_indexes", _ACTION_LOG_INDEX_SQL),
)


_SQLITE_TO_POSTGRESQL = (
    # SQLite's rowid alias becomes an identity column that still takes explicit ids (copies keep them).
    (re.compile(r"\bINTEGER PRIMARY KEY\b(?!\s*\()"), "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),       # SQLite's reals have 8 bytes
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    # Times stay the UTC text SQLite keeps ('2026-03-12 14:05:09.123456'): the same bytes on both backends.
    (re.compile(r"\bTIMESTAMP\b"), "TEXT"),
)
_STRING_LITERAL = re.compile(r"('(?:[^']|'')*')")


def postgresql_script(migration: Migration) -> str:
    """The migration's script for PostgreSQL: its own one, else its SQLite script translated.

    The translation changes type names (written in capitals, outside string literals) and nothing else.
    """
    if migration.postgresql is not None:
        return migration.postgresql
    parts = _STRING_LITERAL.split(migration.sql)
    for index in range(0, len(parts), 2):  # the even parts are outside the literals
        for pattern, replacement in _SQLITE_TO_POSTGRESQL:
            parts[index] = pattern.sub(replacement, parts[index])
    return "".join(parts)


def applied_migrations(connection: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database, in the order applied."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
    )
    return [row[0] for row in connection.execute("SELECT name FROM schema_migrations ORDER BY rowid")]


def pending_migrations(connection: sqlite3.Connection) -> list[Migration]:
    """Migrations this version knows that the database has not had; refuses a newer database."""
    return migrations_after(applied_migrations(connection))


def migrations_after(applied: list[str]) -> list[Migration]:
    """Migrations this version knows that are not among ``applied``; refuses a database a newer qualcode wrote."""
    known = [migration.name for migration in MIGRATIONS]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise ProjectError(
            _("this project was written by a newer qualcode (schema has {unknown}); upgrade qualcode to open it").format(unknown=', '.join(unknown))
        )
    return [migration for migration in MIGRATIONS if migration.name not in applied]


def schema_version(connection: sqlite3.Connection) -> str | None:
    """The name of the last applied migration, or None for an empty database."""
    applied = applied_migrations(connection)
    return applied[-1] if applied else None


def backup_database(db_path: Path, label: str) -> Path:
    """Copy the database with SQLite's online backup into a sibling file and return its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return copy_database(db_path, db_path.with_name(f"{db_path.name}.backup-{label}-{stamp}"))


def migrate(db_path: Path) -> Path | None:
    """Bring the database at ``db_path`` up to date; return the backup path when one was made."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")  # persistent: set once, kept in the file
        pending = pending_migrations(connection)
        if not pending:
            return None
        backup = None
        current = schema_version(connection)
        if current is not None:
            backup = backup_database(db_path, current)
        for migration in pending:
            # executescript commits any open transaction first, so BEGIN and COMMIT are part
            # of the script; a failing statement leaves the transaction open for the rollback.
            applied_at = datetime.now(UTC).isoformat()
            script = (
                f"BEGIN IMMEDIATE;\n{migration.sql}\n"
                f"INSERT INTO schema_migrations (name, applied_at) VALUES ('{migration.name}', '{applied_at}');\n"
                "COMMIT;"
            )
            try:
                connection.executescript(script)
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        return backup
    finally:
        connection.close()
