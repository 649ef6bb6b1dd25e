"""One-time notices: shown the first time a project asks, never again, also after reopening it."""

from qualcode.storage.project_store import init_project, open_project
from qualcode.storage.settings import first_showing


def test_a_notice_is_shown_once_per_project_and_each_notice_on_its_own(tmp_path):
    store = init_project(tmp_path / "project")
    assert first_showing(store, "offline-nlp")
    assert not first_showing(store, "offline-nlp")
    assert first_showing(store, "another")
    store.close()
    reopened = open_project(tmp_path / "project")
    assert not first_showing(reopened, "offline-nlp")
    reopened.close()
    other = init_project(tmp_path / "other")
    assert first_showing(other, "offline-nlp")
    other.close()
