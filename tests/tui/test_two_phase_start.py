"""The workbench opened in two phases: drawn from what sqlite3 read, the store opened by the queue's first task."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from qualcode.storage import project_store
from qualcode.storage.coders import ensure_coder, find_coder
from qualcode.storage.codings import list_codings
from qualcode.storage.project_store import DATABASE_NAME, open_project
from qualcode.storage.settings import set_setting
from qualcode.storage.workbench_start import KEYMAP_SETTING
from qualcode.tui.app import make_app
from qualcode.tui.messages import Started
from qualcode.tui.opening_store import OpeningStore
from qualcode.tui.quick_start import read_opening, workbench_app
from qualcode.tui.screens.opening_screen import OpeningScreen
from qualcode.tui.screens.workbench import WorkbenchScreen
from qualcode.tui.widgets.transcript_view import TranscriptView
from qualcode.tui.workbench_data import CODER_SETTING
from tests.tui.workbench_project import SIZE, SNAPSHOT_THEME, settle

pytestmark = pytest.mark.asyncio
REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture
def remembered(project):
    """The workbench project with eva as its remembered coder and a keymap: what the first phase can open."""
    store = open_project(project)
    ensure_coder(store, "eva")
    set_setting(store, CODER_SETTING, "eva")
    set_setting(store, KEYMAP_SETTING, '{"workbench.search": "z"}')
    store.close()
    return project


def two_phase_app(folder: Path, coder: str | None = "eva"):
    opening = read_opening(folder, coder)
    assert opening is not None
    return make_app(folder, coder, theme=SNAPSHOT_THEME, suggestions=False,
                    started=Started(opening.coder, opening.keymap, opening.start()))


def eva_codings(folder: Path):
    store = open_project(folder)
    try:
        return list_codings(store, coder_id=find_coder(store, "eva").id)
    finally:
        store.close()


@pytest.fixture
def held_opening(monkeypatch):
    """Opening the store waits until the test lets it go (``.set()``), so keys can be pressed before it is open."""
    release = threading.Event()
    opening = project_store.open_project

    def held(*arguments, **options):
        release.wait(10)
        return opening(*arguments, **options)

    monkeypatch.setattr(project_store, "open_project", held)
    yield release
    release.set()


async def test_the_first_screen_is_the_workbench_drawn_before_the_store_opens(remembered, held_opening):
    app = two_phase_app(remembered)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(20):
            await pilot.pause()
        assert len(app.screen_stack) == 1 and isinstance(app.screen, WorkbenchScreen)
        assert isinstance(app.screen.store, OpeningStore) and not app.screen.store.is_open and app.store is None
        transcript = app.screen.query_one(TranscriptView)
        assert transcript.segments and str(transcript.border_title) == "interview-01"
        held_opening.set()
        await settle(pilot)
        assert app.store is not None and app.screen.store.is_open
        await pilot.press("z")  # the project's keymap counts from the first frame
        await settle(pilot)
        assert type(app.screen).__name__ == "SearchDialog"


async def test_a_coding_keyed_before_the_store_opened_is_stored(remembered, held_opening):
    app = two_phase_app(remembered)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.pause()
        await pilot.press("j", "1")  # the second turn, Gebrek aan vertrouwen
        assert app.store is None and app.busy  # queued behind the opening
        held_opening.set()
        await settle(pilot)
        shown = [coding.code_id for coding in app.screen.codings if coding.coder_id == app.coder.id]
        second_turn = app.screen.data.turns[1]
    codings = eva_codings(remembered)
    assert len(codings) == 1 and shown == [codings[0].code_id]
    assert (codings[0].start, codings[0].end) == (second_turn.start, second_turn.end)


async def test_an_undo_keyed_while_opening_acts_after_the_coding_before_it(remembered, held_opening):
    app = two_phase_app(remembered)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "1", "u")
        held_opening.set()
        await settle(pilot)
    assert eva_codings(remembered) == []


async def test_a_project_damaged_after_the_first_phase_shows_why_and_writes_nothing(remembered, held_opening):
    app = two_phase_app(remembered)
    connection = sqlite3.connect(remembered / DATABASE_NAME)
    connection.execute("UPDATE documents SET text = text || 'x' WHERE name = 'interview-02'")  # not its SHA-256
    connection.commit()
    connection.close()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "1")
        held_opening.set()
        await settle(pilot)
        assert isinstance(app.screen, OpeningScreen)
        message = str(app.screen.query_one("#opening-error", Static).content)
        assert "is damaged" in message and "Press q to quit" in message
        await pilot.press("j", "1")  # the error screen has the keys now: nothing is queued
        assert not app.busy
    connection = sqlite3.connect(remembered / DATABASE_NAME)
    assert connection.execute("SELECT count(*) FROM codings c JOIN coders k ON k.id = c.coder_id "
                              "WHERE k.name = 'eva'").fetchone() == (0,)
    connection.close()


async def test_a_locked_project_shows_sqlites_reason(remembered):
    app = two_phase_app(remembered)
    locker = sqlite3.connect(remembered / DATABASE_NAME, isolation_level=None)
    locker.execute("PRAGMA journal_mode = DELETE")
    locker.execute("BEGIN EXCLUSIVE")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, OpeningScreen)
            message = str(app.screen.query_one("#opening-error", Static).content)
            assert "lock" in message.lower() or "busy" in message.lower()
    finally:
        locker.execute("ROLLBACK")
        locker.close()


class TestFallback:
    """What the first phase leaves to the command line (None): it would have to write, or cannot read."""

    async def test_no_remembered_coder(self, project):
        assert read_opening(project, "daan") is None and read_opening(project, None) is None

    async def test_a_new_coder(self, remembered):
        assert read_opening(remembered, "anna") is None
        assert read_opening(remembered, None).coder.name == "eva"
        assert read_opening(remembered, " daan ").coder.name == "daan"

    async def test_a_folder_to_set_up(self, tmp_path):
        for part in ("codebooks", "transcripts"):
            shutil.copytree(REPOSITORY / part, tmp_path / part)
        assert read_opening(tmp_path, "eva") is None and not (tmp_path / DATABASE_NAME).exists()

    async def test_a_database_to_upgrade(self, remembered):
        connection = sqlite3.connect(remembered / DATABASE_NAME)
        connection.execute("DELETE FROM schema_migrations WHERE rowid = (SELECT max(rowid) FROM schema_migrations)")
        connection.commit()
        connection.close()
        assert read_opening(remembered, "eva") is None

    async def test_no_project_and_not_a_database(self, tmp_path):
        assert read_opening(tmp_path, "eva") is None
        (tmp_path / DATABASE_NAME).write_bytes(b"this is not a database at all" * 100)
        assert workbench_app(tmp_path, "eva", suggestions=False) is None


async def test_the_first_phase_loads_neither_sqlalchemy_nor_typer():
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; from qualcode.launcher import plain_workbench; "
         "plain_workbench(['x', '--coder', 'eva'], {}); from qualcode.tui import quick_start, app; "
         "from qualcode.tui.screens import workbench; "
         "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'sqlmodel', 'pydantic', 'typer'}))"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


async def test_quitting_before_the_first_frame_is_done_leaves_no_error(remembered):
    app = two_phase_app(remembered)
    app.call_later(lambda: app.call_after_refresh(app.exit))  # as soon as the first frame is drawn
    await app.run_async(headless=True, size=SIZE)
    assert app.return_code == 0 and app._exception is None

