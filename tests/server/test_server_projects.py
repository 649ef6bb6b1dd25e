"""A project in a PostgreSQL database: created, opened, upgraded after a pg_dump, refused in one line."""

import pytest
from sqlalchemy import text

from qualcode.storage.errors import ProjectError
from qualcode.storage.local_server import read_settings
from qualcode.storage.migrations import MIGRATIONS, Migration, postgresql_script
from qualcode.storage.project_store import init_project, open_project
from qualcode.storage.server_store import MIGRATION_LOCK, is_server_url

pytestmark = pytest.mark.postgresql


def _tables(url):
    store = open_project(url)
    try:
        with store.session() as session:
            return sorted(session.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).scalars())
    finally:
        store.close()


def test_init_creates_every_migration_and_records_it(server_database, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = init_project(server_database)
    assert store.on_server and store.backup_path is None and store.name == server_database.rsplit("/", 1)[1]
    with store.session() as session:
        names = list(session.execute(text("SELECT name FROM schema_migrations ORDER BY name")).scalars())
    store.close()
    assert names == [migration.name for migration in MIGRATIONS]
    assert "codings" in _tables(server_database) and not list(tmp_path.iterdir())  # nothing written locally


def test_a_server_project_has_no_database_file_to_open_by_mistake(server_database, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = init_project(server_database)
    with pytest.raises(ProjectError, match="PostgreSQL server, not a qualcode.db"):
        store.database_path
    store.close()
    assert not (tmp_path / "qualcode.db").exists()


def test_an_empty_database_is_not_a_project_until_init(server_database):
    with pytest.raises(ProjectError, match="no qualcode project at .*run 'qualcode init"):
        open_project(server_database)
    assert _tables_after_init_only(server_database) == []


def _tables_after_init_only(url):
    import psycopg
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()


def test_a_database_with_other_tables_is_refused(server_database):
    import psycopg
    with psycopg.connect(server_database) as connection:
        connection.execute("CREATE TABLE payroll (id INTEGER)")
    with pytest.raises(ProjectError, match="holds tables but no qualcode project"):
        init_project(server_database)
    assert [row[0] for row in _tables_after_init_only(server_database)] == ["payroll"]


def test_a_project_from_a_newer_qualcode_is_refused(server_database):
    init_project(server_database).close()
    import psycopg
    with psycopg.connect(server_database) as connection:
        connection.execute("INSERT INTO schema_migrations VALUES ('9999_from_the_future', '2030-01-01')")
    with pytest.raises(ProjectError, match="newer qualcode .*9999_from_the_future"):
        open_project(server_database)


def test_an_older_project_is_dumped_with_pg_dump_before_it_is_upgraded(server_database, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    import psycopg
    with psycopg.connect(server_database) as connection:  # a project made when only 0001 existed
        connection.execute(postgresql_script(MIGRATIONS[0]))
        connection.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        connection.execute("INSERT INTO schema_migrations VALUES (%s, '2026-01-01')", (MIGRATIONS[0].name,))
        connection.execute("INSERT INTO coders (name, created_at) VALUES ('eva', '2026-01-01 10:00:00.000000')")
    store = open_project(server_database)
    assert store.backup_path is not None and store.backup_path.parent == tmp_path / "backups"
    assert store.backup_path.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    store.close()
    assert "framework_summaries" in _tables(server_database)


def test_a_failed_backup_refuses_the_upgrade_and_changes_nothing(server_database, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    import psycopg
    with psycopg.connect(server_database) as connection:
        connection.execute(postgresql_script(MIGRATIONS[0]))
        connection.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        connection.execute("INSERT INTO schema_migrations VALUES (%s, '2026-01-01')", (MIGRATIONS[0].name,))
    monkeypatch.setattr("qualcode.storage.server_store.pg_dump_path", lambda: tmp_path / "no-pg_dump")
    with pytest.raises(ProjectError, match="needs an upgrade, but the backup with pg_dump failed"):
        open_project(server_database)
    assert "framework_summaries" not in _tables_after_init_only_names(server_database)


def _tables_after_init_only_names(url):
    return [row[0] for row in _tables_after_init_only(url)]


def test_a_failing_migration_leaves_nothing_of_itself(server_database, monkeypatch):
    broken = (*MIGRATIONS, Migration("9000_broken", "CREATE TABLE half (id INTEGER); SELECT no_such_function();"))
    monkeypatch.setattr("qualcode.storage.server_store.MIGRATIONS", broken)
    with pytest.raises(ProjectError, match="no_such_function"):
        init_project(server_database)
    assert "half" not in _tables_after_init_only_names(server_database)
    monkeypatch.setattr("qualcode.storage.server_store.MIGRATIONS", MIGRATIONS)
    assert [table for table in _tables(server_database) if table == "half"] == []  # opens: every earlier one is whole


def test_migrations_wait_for_each_other_under_one_advisory_lock(server_database):
    import psycopg
    with psycopg.connect(server_database, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        locked = other.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").fetchone()[0]
        other.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    assert locked == 1
    init_project(server_database).close()


@pytest.mark.parametrize(("change", "message"), [
    (lambda url, port: url.replace(f":{port}/", ":1/"), r"cannot reach the PostgreSQL server at localhost:1 \(Connection refused\)"),
    (lambda url, port: url.replace("qualcode:", "qualcode:wrong", 1), "the password for qualcode is wrong"),
    (lambda url, port: url.replace("//qualcode:", "//nobody:", 1), "password for nobody is wrong|no role nobody"),
    (lambda url, port: url.rsplit("/", 1)[0] + "/nothing_here", "there is no database nothing_here"),
    (lambda url, port: url.replace("localhost", "no-such-host.invalid"), "cannot reach the PostgreSQL server"),
])
def test_connection_failures_are_one_line_and_write_nothing(postgres_server, server_database, tmp_path,
                                                            monkeypatch, change, message):
    monkeypatch.chdir(tmp_path)
    url = change(server_database, read_settings(postgres_server).port)
    with pytest.raises(ProjectError, match=message) as raised:
        open_project(url, create=True)
    assert "\n" not in str(raised.value) and "wrong@" not in str(raised.value)
    assert not list(tmp_path.iterdir()) and _tables_after_init_only(server_database) == []


def test_urls_are_told_from_folders():
    assert is_server_url("postgresql://eva@db:5432/scriptie") and is_server_url("postgres://x/y")
    assert not is_server_url("scriptie") and not is_server_url("./postgresql") and not is_server_url(None)


def test_the_translation_changes_types_but_not_string_literals():
    script = postgresql_script(Migration("x", "CREATE TABLE t (id INTEGER PRIMARY KEY, at TIMESTAMP, "
                                              "b BLOB, r REAL, k TEXT CHECK (k IN ('INTEGER PRIMARY KEY', 'REAL')), "
                                              "PRIMARY KEY (id))"))
    assert script == ("CREATE TABLE t (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at TEXT, "
                      "b BYTEA, r DOUBLE PRECISION, k TEXT CHECK (k IN ('INTEGER PRIMARY KEY', 'REAL')), "
                      "PRIMARY KEY (id))")
    assert postgresql_script(Migration("y", "SQLITE ONLY", postgresql="CREATE POLICY p")) == "CREATE POLICY p"
