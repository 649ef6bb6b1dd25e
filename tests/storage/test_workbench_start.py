"""What the workbench shows first, read with sqlite3 alone, is what the store reads (``load_start``)."""

import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.project_setup import open_or_set_up
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder_in, list_coders
from qualcode.storage.codings import NewCoding, insert_codings
from qualcode.storage.documents import get_document
from qualcode.storage.memos import set_segment_memo
from qualcode.storage.settings import set_setting
from qualcode.storage.sqlite_reading import open_for_reading
from qualcode.storage.workbench_start import POSITION_SETTING, read_start
from qualcode.tui.workbench_data import load_start
from tests.project_factory import add_document, parsed_interview, small_project

REPOSITORY = Path(__file__).resolve().parents[2]

documents = st.lists(
    st.tuples(st.lists(st.tuples(st.sampled_from("IR"), st.text(alphabet="ab. \n", min_size=0, max_size=40)),
                       max_size=4),
              st.sampled_from([None, "R1", "R2"])),
    max_size=4)
codings = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 80), st.integers(1, 40), st.sampled_from("abc"),
                             st.integers(0, 3), st.text(max_size=5)),
                   max_size=30)
memos = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 80), st.integers(0, 40), st.sampled_from("abc"),
                           st.text(min_size=1, max_size=5)), max_size=5)
positions = st.one_of(
    st.none(),
    st.tuples(st.integers(0, 6), st.integers(-1, 90), st.sampled_from(["turn", "paragraph", "sentence", "word"])),
    st.sampled_from(["", "{", '{"document": "x"}', "[1, 2]"]),
)


def _position_setting(store, coder_id: int, position, ids: list[int]) -> None:
    if position is None:
        return
    if isinstance(position, str):
        set_setting(store, POSITION_SETTING.format(coder_id=coder_id), position)
        return
    document, offset, unit = position
    document_id = ids[document] if document < len(ids) else 999
    set_setting(store, POSITION_SETTING.format(coder_id=coder_id),
                json.dumps({"document": document_id, "offset": offset, "unit": unit}))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(planned_documents=documents, planned_codings=codings, planned_memos=memos, position=positions)
def test_the_start_read_with_sqlite_is_the_stores(tmp_path_factory, planned_documents, planned_codings,
                                                   planned_memos, position):
    folder = tmp_path_factory.mktemp("p")
    store = small_project(folder)
    ids = [1] + [add_document(store, f"doc {number:02d} {'zyx'[number % 3]}", parsed_interview(turns, case=case))
                 for number, (turns, case) in enumerate(planned_documents)]
    lengths = {document_id: len(get_document(store, document_id).text) for document_id in ids}
    code_ids = [code.id for code in load_codebook(store).codes]
    with store.transaction() as session:
        coders = {name: ensure_coder_in(session, name).id for name in "abc"}
        new = []
        for document, start, length, coder, code, memo in planned_codings:
            document_id = ids[document % len(ids)]
            if not lengths[document_id]:
                continue
            start = min(start, lengths[document_id] - 1)
            new.append(NewCoding(document_id, code_ids[code % len(code_ids)], coders[coder], start,
                                 min(start + length, lengths[document_id]), memo))
        insert_codings(session, new)
    for document, start, length, coder, text in planned_memos:
        document_id = ids[document % len(ids)]
        start = min(start, lengths[document_id])
        set_segment_memo(store, coder_id=coders[coder], document_id=document_id, start=start,
                         end=min(start + length, lengths[document_id]), text=text)
    _position_setting(store, coders["a"], position, ids)
    connection = open_for_reading(folder)
    assert connection is not None
    for coder_id in (*coders.values(), 999):
        assert read_start(connection, coder_id) == load_start(store, coder_id)
    connection.close()
    store.close()


def test_the_sample_project_starts_the_same_read_either_way(tmp_path):
    folder = tmp_path / "sample"
    for part in ("codebooks", "transcripts"):
        shutil.copytree(REPOSITORY / part, folder / part)
    store = open_or_set_up(folder)
    documents = [summary.id for summary in load_start(store, 1).overview.documents]
    coders = [coder.id for coder in list_coders(store)]
    connection = open_for_reading(folder)
    for coder_id in coders:
        assert read_start(connection, coder_id) == load_start(store, coder_id)
    for unit, document_id in zip(("turn", "paragraph", "sentence"), documents[1:]):
        set_setting(store, POSITION_SETTING.format(coder_id=coders[0]),
                    json.dumps({"document": document_id, "offset": 500, "unit": unit}))
        started = read_start(connection, coders[0])
        assert started.position is not None and started.document.unit == unit
        assert started == load_start(store, coders[0])
    connection.close()
    store.close()
