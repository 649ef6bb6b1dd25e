"""Speaker names and roles go through the undo log: undone and redone exactly, after a restart too,
recorded as names and roles (not segment rows or the text), and never over a later change."""

import json

import pytest

from sqlmodel import select

from qualcode.storage.actions import action_history, redo, undo
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import document_segments, get_document
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import open_project
from qualcode.storage.speakers import change_speakers
from qualcode.storage.tables import ActionLogRow, DocumentRow
from tests.project_factory import add_document, parsed_interview, small_project

pytestmark = pytest.mark.both_backends


@pytest.fixture
def project(project_place):
    store = small_project(project_place("p"))
    eva = ensure_coder(store, "eva")
    code = load_codebook(store).codes[0].id
    apply_code(store, coder_id=eva.id, document_id=1, code_id=code, start=40, end=70)
    return store, eva.id


def _speakers(store, document_id=1):
    """Every segment's kind, span, speaker and role, and the document's interviewer label."""
    segments = [(s.kind, s.start, s.end, s.speaker, s.role)
                for unit in ("turn", "paragraph") for s in document_segments(store, document_id, unit)]
    with store.session() as session:
        return segments, session.get(DocumentRow, document_id).interviewer_label


def _codings(store):
    return [(c.document_id, c.code_id, c.coder_id, c.start, c.end) for c in list_codings(store)]


def test_rename_and_interviewer_undo_and_redo(project):
    store, eva = project
    before, codings = _speakers(store), _codings(store)
    change = change_speakers(store, 1, renames={"I": "Anouk", "R": "R1"}, interviewer="R1", coder_id=eva)
    assert change.speakers == ("Anouk", "R1") and change.interviewer == "R1"
    after = _speakers(store)
    assert [(row[3], row[4]) for row in after[0][:2]] == [("Anouk", "respondent"), ("R1", "interviewer")]
    record = undo(store, eva)
    assert record.kind == "speakers"
    assert record.description == "speakers of interview: I → Anouk, R → R1, interviewer R1"
    assert _speakers(store) == before
    redo(store, eva)
    assert _speakers(store) == after
    assert _codings(store) == codings
    assert get_document(store, 1).text.startswith("I: Hoe kijkt")


def test_the_log_holds_names_and_roles_not_segments_or_text(project):
    store, eva = project
    change_speakers(store, 1, renames={"R": "Respondent 1"}, coder_id=eva)
    with store.session() as session:
        payload = json.loads(session.exec(select(ActionLogRow).order_by(ActionLogRow.id.desc())).first().payload_json)
    assert payload["changes"] == []
    assert payload["speakers"] == [[1, {"names": ["I", "R"], "interviewer": "I"},
                                    {"names": ["I", "Respondent 1"], "interviewer": "I"}]]
    assert action_history(store, eva)[0].description == "speakers of interview: R → Respondent 1"


def test_undo_after_a_restart(project, project_place):
    store, eva = project
    before = _speakers(store)
    change_speakers(store, 1, interviewer="R", coder_id=eva)
    store.close()
    reopened = open_project(project_place("p"))
    assert undo(reopened, eva).description == "speakers of interview: interviewer R"
    assert _speakers(reopened) == before


def test_undo_walks_back_through_codings_and_speakers_in_order(project):
    store, eva = project
    states = [(_speakers(store), _codings(store))]
    change_speakers(store, 1, renames={"I": "S00"}, coder_id=eva)
    states.append((_speakers(store), _codings(store)))
    apply_code(store, coder_id=eva, document_id=1, code_id=load_codebook(store).codes[1].id, start=40, end=70)
    states.append((_speakers(store), _codings(store)))
    change_speakers(store, 1, renames={"S00": "S01", "R": "S00"}, interviewer="S00", coder_id=eva)
    states.append((_speakers(store), _codings(store)))
    for state in reversed(states[:-1]):
        undo(store, eva)
        assert (_speakers(store), _codings(store)) == state
    for state in states[1:]:
        redo(store, eva)
        assert (_speakers(store), _codings(store)) == state


def test_undo_never_overwrites_a_later_change_by_someone_else(project):
    store, eva = project
    daan = ensure_coder(store, "daan").id
    change_speakers(store, 1, renames={"R": "R1"}, coder_id=eva)
    change_speakers(store, 1, renames={"R1": "R7"}, coder_id=daan)
    later = _speakers(store)
    with pytest.raises(ProjectError, match="cannot undo 'speakers of interview: R → R1': the document's "
                                           "speakers have been changed since"):
        undo(store, eva)
    assert _speakers(store) == later
    assert undo(store, daan) is not None and undo(store, eva) is not None
    assert [row[3] for row in _speakers(store)[0][:2]] == ["I", "R"]


def test_a_change_that_changes_nothing_is_not_logged(project):
    store, eva = project
    history = action_history(store, eva)
    change = change_speakers(store, 1, interviewer="I", coder_id=eva)
    assert change.segments == 0
    assert action_history(store, eva) == history


def test_only_that_document_changes(project):
    store, eva = project
    other = add_document(store, "tweede", parsed_interview([("I", "Vraag?"), ("R", "Antwoord.")]))
    untouched = _speakers(store, other)
    change_speakers(store, 1, renames={"R": "R1"}, coder_id=eva)
    undo(store, eva)
    redo(store, eva)
    assert _speakers(store, other) == untouched
