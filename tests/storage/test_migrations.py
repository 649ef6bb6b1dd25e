"""Schema migrations: recorded, transactional, backed up before an upgrade, refusing newer projects."""

import sqlite3

import pytest
from sqlalchemy import inspect
from sqlmodel import SQLModel

from qualcode.storage import migrations
from qualcode.storage.coders import add_coder, list_coders
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import DATABASE_NAME, init_project, open_project
from qualcode.storage.tables import CoderRow  # noqa: F401  (registers every table on SQLModel.metadata)


def test_new_project_records_every_migration_and_uses_wal(tmp_path):
    store = init_project(tmp_path / "p")
    connection = sqlite3.connect(store.database_path)
    names = [row[0] for row in connection.execute("SELECT name FROM schema_migrations")]
    assert names == [m.name for m in migrations.MIGRATIONS]
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for folder in ("transcripts", "codebooks", "exports"):
        assert (tmp_path / "p" / folder).is_dir()


def test_tables_match_the_migrated_schema(tmp_path):
    store = init_project(tmp_path / "p")
    inspector = inspect(store.engine)
    for table in SQLModel.metadata.sorted_tables:
        migrated = {column["name"] for column in inspector.get_columns(table.name)}
        mapped = {column.name for column in table.columns}
        assert mapped == migrated, table.name


def test_foreign_keys_are_enforced(tmp_path):
    store = init_project(tmp_path / "p")
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with store.transaction() as session:
            session.connection().exec_driver_sql(
                "INSERT INTO codings (document_id, code_id, coder_id, start, \"end\", created_at, updated_at) "
                "VALUES (99, 99, 99, 0, 1, '2026-01-01', '2026-01-01')"
            )


def test_opening_an_older_project_upgrades_it_after_a_backup(tmp_path, monkeypatch):
    store = init_project(tmp_path / "p")
    add_coder(store, "eva")
    store.close()
    newer = migrations.MIGRATIONS + (
        migrations.Migration("0002_coder_initials", "ALTER TABLE coders ADD COLUMN initials TEXT;"),
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", newer)
    upgraded = open_project(tmp_path / "p")
    assert upgraded.backup_path is not None and upgraded.backup_path.exists()
    backup = sqlite3.connect(upgraded.backup_path)
    assert [r[0] for r in backup.execute("SELECT name FROM schema_migrations")] == [m.name for m in newer[:-1]]
    assert backup.execute("SELECT name FROM coders").fetchall() == [("eva",)]
    current = sqlite3.connect(upgraded.database_path)
    assert "initials" in {row[1] for row in current.execute("PRAGMA table_info(coders)")}
    assert [c.name for c in list_coders(upgraded)] == ["eva"]


def test_a_failing_migration_changes_nothing(tmp_path, monkeypatch):
    store = init_project(tmp_path / "p")
    add_coder(store, "eva")
    store.close()
    broken = migrations.MIGRATIONS + (
        migrations.Migration("0002_broken", "ALTER TABLE coders ADD COLUMN x TEXT; THIS IS NOT SQL;"),
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    with pytest.raises(ProjectError):
        open_project(tmp_path / "p")
    connection = sqlite3.connect(tmp_path / "p" / DATABASE_NAME)
    assert [r[0] for r in connection.execute("SELECT name FROM schema_migrations")] == [m.name for m in broken[:-1]]
    assert "x" not in {row[1] for row in connection.execute("PRAGMA table_info(coders)")}


def test_a_project_from_a_newer_qualcode_is_refused(tmp_path):
    store = init_project(tmp_path / "p")
    store.close()
    connection = sqlite3.connect(tmp_path / "p" / DATABASE_NAME)
    connection.execute("INSERT INTO schema_migrations VALUES ('0099_future', '2030-01-01')")
    connection.commit()
    with pytest.raises(ProjectError, match="newer qualcode"):
        open_project(tmp_path / "p")


def test_missing_project_and_non_database_are_clear_errors(tmp_path):
    with pytest.raises(ProjectError, match="no qualcode project"):
        open_project(tmp_path / "nothing")
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / DATABASE_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(ProjectError, match="is damaged"):
        open_project(tmp_path / "junk")
