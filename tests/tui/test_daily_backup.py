"""The workbench keeps a daily backup of the project without being asked."""

import sqlite3

import pytest

from qualcode.storage.backups import KEEP_SETTING, daily_backups
from qualcode.storage.project_store import open_project
from qualcode.storage.settings import set_setting
from tests.tui.workbench_project import SIZE, settle, workbench_app

pytestmark = pytest.mark.asyncio


def documents(database) -> list[tuple]:
    connection = sqlite3.connect(database)
    try:
        return connection.execute("SELECT name, text FROM documents ORDER BY id").fetchall()
    finally:
        connection.close()


async def open_and_close(folder) -> None:
    app = workbench_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)


async def test_opening_makes_todays_backup_once(project):
    await open_and_close(project)
    [backup] = daily_backups(project)
    assert documents(backup) == documents(project / "qualcode.db") != []
    made = backup.stat().st_mtime_ns
    await open_and_close(project)
    assert daily_backups(project) == [backup] and backup.stat().st_mtime_ns == made


async def test_a_project_that_keeps_no_daily_backups_gets_none(project):
    store = open_project(project)
    set_setting(store, KEEP_SETTING, "0")
    store.close()
    await open_and_close(project)
    assert daily_backups(project) == []


async def test_a_project_the_full_check_finds_damaged_gets_a_message_and_no_backup(project):
    connection = sqlite3.connect(project / "qualcode.db")  # damage opening's quick check does not look for
    connection.execute("INSERT INTO memos (document_id, coder_id, start, \"end\", text, created_at, updated_at) "
                       "VALUES (42, NULL, 0, 1, 'x', '2026-01-01', '2026-01-01')")
    connection.commit()
    connection.close()
    app = workbench_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [(title, message)] = [(note.title, note.message) for note in app._notifications]
    assert title == "Could not check the project and make today's backup"
    assert message.startswith(
        f"{project / 'qualcode.db'} is damaged (memos row 1 refers to a missing row of documents)")
    assert daily_backups(project) == []
