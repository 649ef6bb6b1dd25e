"""The view of all coders shows another coder's new coding by itself (live updates), on both backends."""

import pytest

from qualcode.storage.coder_roles import add_coder_role
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.project_store import open_project
from qualcode.storage.server_store import database_name
from qualcode.tui.app import make_app, prepare_start
from tests.tui.workbench_project import SIZE, SNAPSHOT_THEME, build_project, settle

pytestmark = [pytest.mark.both_backends, pytest.mark.asyncio]


def logins(place, backend):
    """Where eva and daan open the project: the folder twice, or each their own login on the server."""
    owner = build_project(place)
    if backend == "sqlite":
        owner.close()
        return place, place
    suffix = database_name(place)
    urls = add_coder_role(owner, f"eva_{suffix}"), add_coder_role(owner, f"daan_{suffix}")
    owner.close()
    return urls


async def test_another_coders_coding_appears_in_the_view_of_all_coders(project_place, backend, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    eva_place, daan_place = logins(project_place("p"), backend)
    store = open_project(eva_place)
    app = make_app(tmp_path, "eva" if backend == "sqlite" else None, theme=SNAPSHOT_THEME, suggestions=False,
                   store=store, started=prepare_start(store, "eva" if backend == "sqlite" else None))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause(0.6)  # the first look at the feed, which starts it
        before = len(app.screen.codings)
        daan = open_project(daan_place)
        coder = ensure_coder(daan, daan.login or "daan").id
        apply_code(daan, coder_id=coder, document_id=1, code_id=load_codebook(daan).codes[0].id, start=3, end=20)
        daan.close()
        for _ in range(40):  # the timer asks twice a second; wait for it, however busy the machine
            await pilot.pause(0.25)
            await settle(pilot)
            if len(app.screen.codings) > before:
                break
        assert len(app.screen.codings) == before + 1
        assert coder in {coding.coder_id for coding in app.screen.codings}
