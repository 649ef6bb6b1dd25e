"""The workbench on a project on PostgreSQL: each person codes as their login, and their codings land there."""

from pathlib import Path

import pytest

from qualcode.storage.coder_roles import add_coder_role
from qualcode.storage.codings import list_codings
from qualcode.storage.project_store import open_project
from qualcode.storage.server_store import database_name
from qualcode.tui.app import make_app, prepare_start
from qualcode.tui.screens.workbench import WorkbenchScreen
from tests.tui.workbench_project import SIZE, SNAPSHOT_THEME, build_project, settle

pytestmark = [pytest.mark.postgresql, pytest.mark.asyncio]


async def test_a_coder_opens_the_workbench_on_a_url_and_codes_as_their_login(server_database, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    owner = build_project(server_database)
    eva_url = add_coder_role(owner, f"eva_{database_name(server_database)}")
    owner.close()
    store = open_project(eva_url)
    started = prepare_start(store, None)
    app = make_app(store.folder, None, theme=SNAPSHOT_THEME, suggestions=False, store=store, started=started)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkbenchScreen) and app.coder.name == store.login
        await pilot.press("j", "1")
        await settle(pilot)
    check = open_project(server_database)
    mine = [coding for coding in list_codings(check) if coding.coder_id == app.coder.id]
    check.close()
    assert len(mine) == 1
    assert not (Path(tmp_path) / "qualcode.db").exists() and not (Path(tmp_path) / "backups").exists()
