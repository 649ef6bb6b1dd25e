"""The streamed project.qde is byte for byte the document the whole-tree writer made, for any project content."""

from __future__ import annotations

import io
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.export.refi_guids import RefiGuids
from qualcode.export.refi_project import project_export
from qualcode.storage.cases import set_case_attributes
from qualcode.storage.coders import ensure_coder_in
from qualcode.storage.codings import NewCoding, insert_codings
from qualcode.storage.tables import MemoRow
from tests.export.hostile_project import build_hostile_project
from tests.project_factory import small_project
from tests.refi.projects import rich_project
from tests.refi.tree_export import tree_project_qde

GUIDS = RefiGuids(uuid.UUID("12345678-1234-5678-1234-567812345678"))
WHEN = datetime(2024, 5, 2, 10, 30, tzinfo=UTC)
awkward_text = st.text(alphabet=st.sampled_from('a é😀<>&"\'\n\r\t\x01\x0b\ufffe;='), max_size=12)


def _streamed(store, name: str) -> bytes:
    buffer = io.BytesIO()
    project_export(store, GUIDS, name).write_project_qde(buffer)
    return buffer.getvalue()


def test_the_rich_and_the_hostile_projects_come_out_the_same(tmp_path):
    for store in (rich_project(tmp_path / "rich"), build_hostile_project(tmp_path / "hostile")):
        assert _streamed(store, "naam <&> \"x\"") == tree_project_qde(store, GUIDS, "naam <&> \"x\"")
        store.close()


def test_an_empty_project_comes_out_the_same(tmp_path):
    from qualcode.storage.project_store import init_project

    store = init_project(tmp_path / "empty")
    assert _streamed(store, "leeg") == tree_project_qde(store, GUIDS, "leeg")
    store.close()


@settings(max_examples=15, deadline=None)
@given(memos=st.lists(awkward_text, max_size=3), notes=st.lists(awkward_text, max_size=3),
       values=st.lists(st.one_of(awkward_text, st.integers(-5, 5), st.floats(allow_nan=False, width=32),
                                 st.booleans(), st.none()), max_size=3),
       name=awkward_text)
def test_any_memos_notes_and_case_values_come_out_the_same(memos, notes, values, name):
    with tempfile.TemporaryDirectory() as folder:
        store = small_project(Path(folder) / "p")
        with store.transaction() as session:
            coder = ensure_coder_in(session, name or "x").id
            insert_codings(session, [NewCoding(1, 1, coder, index, index + 3, memo=memo, created_at=WHEN)
                                     for index, memo in enumerate(memos)])
            for index, note in enumerate(notes):
                session.add(MemoRow(document_id=1, coder_id=coder if index % 2 else None, start=index, end=index + 4,
                                    text=note, created_at=WHEN, updated_at=WHEN))
            set_case_attributes(session, "R1", {f"v{index}": value for index, value in enumerate(values)})
        assert _streamed(store, name) == tree_project_qde(store, GUIDS, name)
        store.close()


@given(namespace=st.uuids(), kind=st.text(max_size=12), ident=st.one_of(st.integers(), st.text(max_size=12)))
def test_guids_are_the_uuid5_they_always_were(namespace, kind, ident):
    guids = RefiGuids(namespace)
    assert guids.of(kind, ident) == guids.of(kind, ident) == str(uuid.uuid5(namespace, f"{kind}:{ident}"))


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC))


@settings(max_examples=15, deadline=None)
@given(times=st.lists(st.tuples(moments, st.one_of(st.none(), moments)), min_size=1, max_size=4))
def test_codings_changed_after_they_were_made_come_out_the_same(times):
    with tempfile.TemporaryDirectory() as folder:
        store = small_project(Path(folder) / "p")
        with store.transaction() as session:
            coder = ensure_coder_in(session, "eva").id
            insert_codings(session, [
                NewCoding(1, 1, coder, index, index + 3, created_at=made, updated_at=changed or made)
                for index, (made, changed) in enumerate(times)])
        assert _streamed(store, "p") == tree_project_qde(store, GUIDS, "p")
        store.close()
