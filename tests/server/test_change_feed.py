"""Live updates: another coder's coding, memo or code edit is noticed; quiet when nothing happened."""

import time

import pytest

from qualcode.storage.change_feed import ChangeFeed
from qualcode.storage.coder_roles import add_coder_role
from qualcode.storage.codebook_editing import update_code
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.memos import set_segment_memo
from qualcode.storage.project_store import open_project
from qualcode.storage.server_store import database_name
from tests.project_factory import small_project


def noticed(feed: ChangeFeed) -> bool:
    """The feed's answer once the notice had time to travel (a notification crosses a socket)."""
    for _ in range(50):
        if feed.changed():
            return True
        time.sleep(0.02)
    return False


def other_coders_changes(mine, theirs):
    feed = ChangeFeed(mine)
    try:
        assert not feed.changed()
        daan = ensure_coder(theirs, theirs.login or "daan").id
        code = load_codebook(theirs).codes[0]
        apply_code(theirs, coder_id=daan, document_id=1, code_id=code.id, start=40, end=70)
        assert noticed(feed) and not feed.changed()  # once per change
        set_segment_memo(theirs, coder_id=daan, document_id=1, start=0, end=10, text="memo")
        assert noticed(feed)
        update_code(theirs, coder_id=daan, code_id=code.id, description="anders")
        assert noticed(feed)
    finally:
        feed.close()


def test_sqlite_another_connections_commits_are_noticed(tmp_path):
    small_project(tmp_path / "p").close()
    mine, theirs = open_project(tmp_path / "p"), open_project(tmp_path / "p")
    other_coders_changes(mine, theirs)
    mine.close()
    theirs.close()


@pytest.mark.postgresql
def test_postgresql_notices_from_other_logins_and_not_ones_own(server_database):
    owner = small_project(server_database)
    suffix = database_name(server_database)
    eva_url, daan_url = (add_coder_role(owner, f"{name}_{suffix}") for name in ("eva", "daan"))
    owner.close()
    mine, theirs = open_project(eva_url), open_project(daan_url)
    other_coders_changes(mine, theirs)
    feed = ChangeFeed(mine)
    apply_code(mine, coder_id=ensure_coder(mine, mine.login).id, document_id=1,
               code_id=load_codebook(mine).codes[0].id, start=0, end=5)
    assert not noticed(feed)  # my own coding is on my screen already
    feed.close()
    mine.close()
    theirs.close()
