"""Reading a folder's project with sqlite3 alone: the same documents' figures as the store, and the same refusals."""

import shutil
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.storage.coders import ensure_coder_in
from qualcode.storage.coding_counts import document_figures
from qualcode.storage.codings import NewCoding, insert_codings
from qualcode.storage.documents import get_document
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.migrations import MIGRATIONS
from qualcode.storage.project_store import DATABASE_NAME, open_project
from qualcode.storage.settings import set_setting
from qualcode.storage.sqlite_reading import (
    REMEMBERED_CODER_SETTING,
    chosen_coder_id,
    open_for_reading,
    read_document_figures,
)
from tests.project_factory import add_document, parsed_interview, small_project

pytestmark = pytest.mark.both_backends

documents = st.lists(
    st.tuples(st.lists(st.tuples(st.sampled_from("IR"), st.text(alphabet="ab \n", min_size=0, max_size=40)),
                       max_size=4),
              st.sampled_from([None, "R1", "R2"])),
    max_size=4)
codings = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 80), st.integers(1, 40), st.sampled_from("abc")),
                   max_size=30)


def _fill(store, planned_documents, planned_codings) -> dict[str, int]:
    """The documents and codings planned (spans cut to their document); the coders' ids by name."""
    ids = [1]
    for number, (turns, case) in enumerate(planned_documents):
        ids.append(add_document(store, f"doc {number:02d} {'zyx'[number % 3]}", parsed_interview(turns, case=case)))
    lengths = {document_id: len(get_document(store, document_id).text) for document_id in ids}
    with store.transaction() as session:
        coders = {name: ensure_coder_in(session, name).id for name in "abc"}
        new = []
        for document, start, length, coder in planned_codings:
            document_id = ids[document % len(ids)]
            if lengths[document_id]:
                start = min(start, lengths[document_id] - 1)
                new.append(NewCoding(document_id, 1, coders[coder], start, min(start + length, lengths[document_id])))
        insert_codings(session, new)
    return coders


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(planned_documents=documents, planned_codings=codings)
def test_the_figures_read_with_sqlite_are_the_stores(tmp_path_factory, planned_documents, planned_codings):
    folder = tmp_path_factory.mktemp("p")
    store = small_project(folder)
    coders = _fill(store, planned_documents, planned_codings)
    connection = open_for_reading(folder)
    assert connection is not None
    for coder_id, every in ((coders["a"], False), (coders["b"], False), (None, True), (None, False), (999, False)):
        assert read_document_figures(connection, coder_id, every_coder=every) == document_figures(
            store, coder_id, every_coder=every)
    connection.close()
    store.close()


def test_the_stores_figures_on_either_backend_are_what_sqlite_reads(project_place, tmp_path):
    planned_documents = [([("I", "Hoe gaat het?"), ("R", "Goed.\nHeel goed zelfs.")], "R2"), ([], None),
                         ([("R", "")], "R1")]
    planned_codings = [(0, 3, 20, "a"), (1, 10, 30, "a"), (1, 30, 5, "b"), (1, 2, 200, "c"), (2, 0, 9, "b")]
    store = small_project(project_place("p"))
    coders = _fill(store, planned_documents, planned_codings)
    reference = small_project(tmp_path / "reference")
    _fill(reference, planned_documents, planned_codings)
    reference.close()
    connection = open_for_reading(tmp_path / "reference")
    for name, every in (("a", False), ("b", False), ("a", True)):
        assert document_figures(store, coders[name], every_coder=every) == read_document_figures(
            connection, coders[name], every_coder=every)
    connection.close()
    store.close()


def test_the_coder_is_the_one_named_else_the_remembered_one(tmp_path):
    store = small_project(tmp_path / "p")
    coders = _fill(store, [], [])
    connection = open_for_reading(tmp_path / "p")
    assert chosen_coder_id(connection, None) is None
    set_setting(store, REMEMBERED_CODER_SETTING, "b")
    assert chosen_coder_id(connection, None) == coders["b"]
    assert chosen_coder_id(connection, " c ") == coders["c"]
    with pytest.raises(NotFoundError, match=r"no coder named 'zoe' \(coders: a, b, c\)"):
        chosen_coder_id(connection, "zoe")
    set_setting(store, REMEMBERED_CODER_SETTING, "gone")
    assert chosen_coder_id(connection, None) is None
    connection.close()
    store.close()


def _refusal(folder) -> str:
    with pytest.raises(ProjectError) as refused:
        open_project(folder)
    return str(refused.value)


def test_a_refused_project_is_refused_in_the_same_words_and_left_as_it_was(tmp_path):
    small_project(tmp_path / "p").close()
    database = tmp_path / "p" / DATABASE_NAME
    whole = database.read_bytes()

    newer = tmp_path / "newer"
    shutil.copytree(tmp_path / "p", newer)
    with sqlite3.connect(newer / DATABASE_NAME) as connection:
        connection.execute("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future', 'now')")
    connection.close()
    damaged = tmp_path / "damaged"
    shutil.copytree(tmp_path / "p", damaged)
    with sqlite3.connect(damaged / DATABASE_NAME) as connection:
        connection.execute("UPDATE documents SET text = text || 'x'")  # no longer the text that was imported
    connection.close()
    empty = tmp_path / "empty"
    shutil.copytree(tmp_path / "p", empty)
    (empty / DATABASE_NAME).write_bytes(b"")
    for folder in (newer, damaged, empty):
        before = (folder / DATABASE_NAME).read_bytes()
        expected = _refusal(folder)
        with pytest.raises(ProjectError) as refused:
            open_for_reading(folder)
        assert str(refused.value) == expected
        assert (folder / DATABASE_NAME).read_bytes() == before
    assert database.read_bytes() == whole


def test_a_project_to_set_up_or_upgrade_is_left_to_the_store(tmp_path):
    assert open_for_reading(tmp_path / "nothing here") is None
    (tmp_path / "file").write_text("x")
    assert open_for_reading(tmp_path / "file") is None
    small_project(tmp_path / "old").close()
    with sqlite3.connect(tmp_path / "old" / DATABASE_NAME) as connection:
        connection.execute("DELETE FROM schema_migrations WHERE name = ?", (MIGRATIONS[-1].name,))
    connection.close()
    before = (tmp_path / "old" / DATABASE_NAME).read_bytes()
    assert open_for_reading(tmp_path / "old") is None
    assert (tmp_path / "old" / DATABASE_NAME).read_bytes() == before


def test_the_connection_only_reads(tmp_path):
    small_project(tmp_path / "p").close()
    connection = open_for_reading(tmp_path / "p")
    with pytest.raises(sqlite3.OperationalError):
        connection.execute("DELETE FROM documents")
    connection.close()
