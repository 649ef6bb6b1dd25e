"""The undo log: coding actions are undone and redone exactly, per coder, across a restart."""

import pytest
from sqlalchemy import text

from qualcode.storage.actions import action_history, redo, undo
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code, remove_codings, set_coding_memo
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.codings import list_codings
from qualcode.storage.errors import ProjectError
from qualcode.storage.memos import list_memos, set_segment_memo
from qualcode.storage.project_store import open_project
from qualcode.storage.documents import get_document
from tests.project_factory import add_document, parsed_interview, small_project

pytestmark = pytest.mark.both_backends


@pytest.fixture
def project(project_place):
    store = small_project(project_place("p"))
    eva = ensure_coder(store, "eva")
    codes = {code.key.split("/")[-1]: code.id for code in load_codebook(store).codes}
    return store, eva.id, codes


def _elsewhere(store, sql, **values):
    """Another program changes the database meanwhile: SQL on a connection of its own."""
    with store.engine.begin() as connection:
        connection.execute(text(sql), values)


def _snapshot(store):
    """Every coding and memo as plain tuples, to compare whole states."""
    codings = [(c.id, c.document_id, c.code_id, c.coder_id, c.start, c.end, c.memo, c.origin) for c in list_codings(store)]
    memos = [(m.id, m.coder_id, m.start, m.end, m.text) for m in list_memos(store)]
    return codings, memos


def test_apply_then_undo_then_redo_restores_the_same_row(project):
    store, eva, codes = project
    applied = apply_code(store, coder_id=eva, document_id=1, code_id=codes["gebrek-aan-vertrouwen"], start=40, end=70)
    assert applied.created
    after_apply = _snapshot(store)
    record = undo(store, eva)
    assert record.description == "apply Gebrek aan vertrouwen" and record.focus.start == 40
    assert list_codings(store) == []
    assert redo(store, eva).undone is False
    assert _snapshot(store) == after_apply
    assert redo(store, eva) is None


def test_applying_the_same_code_to_the_same_span_twice_records_one_action(project):
    store, eva, codes = project
    for _ in range(2):
        apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=70)
    assert len(list_codings(store)) == 1
    assert len(action_history(store, eva)) == 1


def test_undo_walks_back_through_apply_memo_remove_and_segment_memo(project):
    store, eva, codes = project
    states = [_snapshot(store)]
    coding = apply_code(store, coder_id=eva, document_id=1, code_id=codes["gedoe-over-geld"], start=40, end=70).coding
    states.append(_snapshot(store))
    set_coding_memo(store, coder_id=eva, coding_id=coding.id, memo="  twijfel  ")
    states.append(_snapshot(store))
    assert list_codings(store)[0].memo == "twijfel"
    set_segment_memo(store, coder_id=eva, document_id=1, start=40, end=90, text="hele beurt")
    states.append(_snapshot(store))
    remove_codings(store, coder_id=eva, coding_ids=[coding.id])
    states.append(_snapshot(store))
    for expected in reversed(states[:-1]):
        assert undo(store, eva) is not None
        assert _snapshot(store) == expected
    assert undo(store, eva) is None
    for expected in states[1:]:
        assert redo(store, eva) is not None
        assert _snapshot(store) == expected


def test_a_new_action_drops_what_could_be_redone(project):
    store, eva, codes = project
    apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=70)
    undo(store, eva)
    apply_code(store, coder_id=eva, document_id=1, code_id=codes["gedoe-over-geld"], start=40, end=70)
    assert redo(store, eva) is None
    assert [c.code_id for c in list_codings(store)] == [codes["gedoe-over-geld"]]


def test_undo_is_per_coder(project):
    store, eva, codes = project
    daan = ensure_coder(store, "daan").id
    apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=70)
    apply_code(store, coder_id=daan, document_id=1, code_id=codes["noodzaak"], start=40, end=70)
    undo(store, eva)
    assert [c.coder_id for c in list_codings(store)] == [daan]


def test_undo_and_redo_survive_closing_and_reopening_the_project(project, project_place):
    store, eva, codes = project
    apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=70)
    apply_code(store, coder_id=eva, document_id=1, code_id=codes["gedoe-over-geld"], start=40, end=70)
    store.close()
    reopened = open_project(project_place("p"))
    assert undo(reopened, eva).description == "apply Gedoe over geld"
    reopened.close()
    again = open_project(project_place("p"))
    assert redo(again, eva).description == "apply Gedoe over geld"
    assert len(list_codings(again)) == 2


def test_undo_refuses_to_overwrite_a_later_change_by_someone_else(project):
    store, eva, codes = project
    coding = apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=70).coding
    set_coding_memo(store, coder_id=eva, coding_id=coding.id, memo="eerste")
    _elsewhere(store, "UPDATE codings SET memo = 'van elders' WHERE id = :id", id=coding.id)
    with pytest.raises(ProjectError, match="changed since"):
        undo(store, eva)
    assert list_codings(store)[0].memo == "van elders"
    assert action_history(store, eva)[0].undone is False


def test_undo_that_is_already_true_is_not_a_conflict(project):
    store, eva, codes = project
    coding = apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=70).coding
    _elsewhere(store, "DELETE FROM codings WHERE id = :id", id=coding.id)
    assert undo(store, eva) is not None
    assert list_codings(store) == []


def test_a_coder_cannot_remove_someone_elses_coding(project):
    store, eva, codes = project
    daan = ensure_coder(store, "daan").id
    coding = apply_code(store, coder_id=daan, document_id=1, code_id=codes["noodzaak"], start=40, end=70).coding
    with pytest.raises(ProjectError, match="their own"):
        remove_codings(store, coder_id=eva, coding_ids=[coding.id])
    assert len(list_codings(store)) == 1


def test_a_failed_action_writes_nothing_to_the_log(project):
    store, eva, codes = project
    with pytest.raises(ProjectError, match="not inside"):
        apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=10_000)
    assert action_history(store, eva) == [] and list_codings(store) == []


def test_segment_memo_is_replaced_and_cleared_by_empty_text(project):
    store, eva, _ = project
    set_segment_memo(store, coder_id=eva, document_id=1, start=3, end=36, text="vraag")
    set_segment_memo(store, coder_id=eva, document_id=1, start=3, end=36, text="open vraag")
    assert [m.text for m in list_memos(store)] == ["open vraag"]
    assert set_segment_memo(store, coder_id=eva, document_id=1, start=3, end=36, text="  ") is None
    assert list_memos(store) == []
    undo(store, eva)
    assert [m.text for m in list_memos(store)] == ["open vraag"]


def test_the_applied_coding_is_the_one_stored_and_a_second_apply_returns_it(project):
    store, eva, codes = project
    applied = apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=70)
    again = apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=70)
    assert list_codings(store) == [applied.coding] == [again.coding]
    assert not again.created and applied.coding.origin == "manual" and applied.coding.memo == ""


def test_a_span_may_end_at_the_last_character_counted_as_python_counts_them(project):
    store, eva, codes = project
    text = "Het vertrouwen is zó 👍 weg.\n"
    document = add_document(store, "emoji", parsed_interview([("R", text.removesuffix("\n"))]))
    length = len(get_document(store, document).text)
    applied = apply_code(store, coder_id=eva, document_id=document, code_id=codes["noodzaak"], start=3,
                         end=length)
    assert applied.created
    with pytest.raises(ProjectError, match=f"not inside 'emoji' \\(0-{length}\\)"):
        apply_code(store, coder_id=eva, document_id=document, code_id=codes["noodzaak"], start=3, end=length + 1)


@pytest.mark.parametrize(("change", "message"), [
    ({"document_id": 999}, "no document with id 999"),
    ({"code_id": 999}, "no code with id 999"),
    ({"coder_id": 999}, "no coder with id 999"),
    ({"start": -1}, "not inside"),
    ({"end": 40}, "not inside"),
    ({"start": 50, "end": 45}, "not inside"),
    ({"end": 10_000}, "not inside"),
])
def test_applying_to_what_is_not_there_is_refused_and_writes_nothing(project, change, message):
    store, eva, codes = project
    wanted = {"coder_id": eva, "document_id": 1, "code_id": codes["noodzaak"], "start": 40, "end": 70, **change}
    with pytest.raises(ProjectError, match=message):
        apply_code(store, **wanted)
    with store.session() as session:
        assert session.execute(text("SELECT count(*) FROM action_log")).scalar_one() == 0
    assert list_codings(store) == []


def test_a_new_action_of_no_coder_drops_only_what_no_coder_could_redo(project):
    store, eva, codes = project
    apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=70)
    undo(store, eva)
    set_segment_memo(store, coder_id=None, document_id=1, start=3, end=36, text="eerste")
    undo(store, None)
    set_segment_memo(store, coder_id=None, document_id=1, start=3, end=36, text="tweede")
    assert redo(store, None) is None
    assert redo(store, eva).description == "apply Noodzaak"
