"""One-time notices: shown the first time a project asks, never again, also after reopening it."""

import pytest

from qualcode.storage.project_store import init_project, open_project
from qualcode.storage.settings import first_showing

pytestmark = pytest.mark.both_backends


def test_a_notice_is_shown_once_per_project_and_each_notice_on_its_own(project_place):
    store = init_project(project_place("project"))
    assert first_showing(store, "offline-nlp")
    assert not first_showing(store, "offline-nlp")
    assert first_showing(store, "another")
    store.close()
    reopened = open_project(project_place("project"))
    assert not first_showing(reopened, "offline-nlp")
    reopened.close()
    other = init_project(project_place("other"))
    assert first_showing(other, "offline-nlp")
    other.close()
