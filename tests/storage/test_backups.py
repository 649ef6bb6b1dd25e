"""Backups: a consistent copy on request, one a day kept to the last N, and the newest one found."""

import os
import sqlite3
from datetime import datetime, timedelta

import pytest

from qualcode.storage.backups import BACKUP_FOLDER, backup_project, daily_backups, keep_daily_backup, newest_backup
from qualcode.storage.coders import add_coder
from qualcode.storage.errors import ProjectError
from tests.project_factory import small_project

DAY = datetime(2026, 12, 7, 9, 30)


def dump(database) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_a_backup_of_a_project_in_use_opens_and_equals_it(tmp_path):
    store = small_project(tmp_path / "p")
    add_coder(store, "eva")  # written to the write-ahead log, not yet to qualcode.db itself
    written = backup_project(store.database_path, DAY)
    assert written == tmp_path / "p" / BACKUP_FOLDER / "qualcode-2026-12-07T093000.db"
    assert dump(written) == dump(store.database_path)
    assert "*" in (tmp_path / "p" / BACKUP_FOLDER / ".gitignore").read_text().splitlines()
    assert sorted(path.name for path in written.parent.iterdir()) == [".gitignore", written.name]
    store.close()


def test_a_backup_to_a_named_file(tmp_path):
    store = small_project(tmp_path / "p")
    target = tmp_path / "copy.db"
    assert backup_project(store.database_path, DAY, target) == target
    assert dump(target) == dump(store.database_path)
    store.close()


def test_one_daily_backup_a_day_and_only_the_last_n_are_kept(tmp_path):
    store = small_project(tmp_path / "p")
    made = [keep_daily_backup(store.database_path, DAY + timedelta(days=day), keep=3) for day in range(5)]
    assert all(path is not None for path in made)
    assert keep_daily_backup(store.database_path, DAY + timedelta(days=4, hours=8), keep=3) is None
    assert [path.name for path in daily_backups(store.folder)] == [
        "daily-2026-12-09.db", "daily-2026-12-10.db", "daily-2026-12-11.db"]
    store.close()


def test_pruning_daily_backups_keeps_backups_made_on_request(tmp_path):
    store = small_project(tmp_path / "p")
    asked = backup_project(store.database_path, DAY)
    for day in range(3):
        keep_daily_backup(store.database_path, DAY + timedelta(days=day), keep=1)
    assert asked.exists()
    assert [path.name for path in daily_backups(store.folder)] == ["daily-2026-12-09.db"]
    store.close()


def test_keeping_none_makes_no_daily_backup(tmp_path):
    store = small_project(tmp_path / "p")
    assert keep_daily_backup(store.database_path, DAY, keep=0) is None
    assert daily_backups(store.folder) == []
    store.close()


def test_the_newest_backup_is_the_last_written_of_every_kind(tmp_path):
    store = small_project(tmp_path / "p")
    assert newest_backup(store.database_path) is None
    daily = keep_daily_backup(store.database_path, DAY)
    migration = store.folder / "qualcode.db.backup-0001_initial-20261208T000000"
    migration.write_bytes(daily.read_bytes())
    os.utime(daily, (1_000_000, 1_000_000))
    assert newest_backup(store.database_path) == migration
    os.utime(migration, (900_000, 900_000))
    assert newest_backup(store.database_path) == daily
    store.close()


def test_a_backup_that_cannot_be_written_says_where_and_leaves_nothing(tmp_path):
    store = small_project(tmp_path / "p")
    target = tmp_path / "missing" / "copy.db"
    with pytest.raises(ProjectError, match=f"cannot write the backup {target}: .*; no backup was made"):
        backup_project(store.database_path, DAY, target)
    assert not (tmp_path / "missing").exists()
    store.close()
