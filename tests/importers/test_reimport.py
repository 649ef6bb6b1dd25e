"""Re-importing a changed transcript: refused, with the coders' work named, when its document has any."""

import sqlite3

import pytest

from qualcode.importers.transcript_import import import_transcript
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.memos import set_segment_memo
from qualcode.storage.project_store import init_project
from qualcode.storage.suggestion_store import record_feedback
from tests.project_factory import SMALL_CODEBOOK

INTERVIEW = "I: Hoe begon het?\nR: Het vertrouwen was er niet.\nI: En het geld?\nR: Daar hebben we lang over gepraat.\n"
CHANGED = INTERVIEW + "I: Dank u wel.\n"


def dump(store) -> list[str]:
    connection = sqlite3.connect(store.database_path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def imported(tmp_path):
    """A project with the small codebook, coder eva, and a.txt imported; returns (store, source, ids)."""
    store = init_project(tmp_path / "p")
    apply_codebook_spec(store, SMALL_CODEBOOK)
    source = tmp_path / "a.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    outcome = import_transcript(store, source)
    assert outcome.status == "imported"
    eva = ensure_coder(store, "eva")
    code = load_codebook(store).codes[0]
    yield store, source, {"coder_id": eva.id, "document_id": 1, "code_id": code.id}
    store.close()


def memo(store, ids):
    set_segment_memo(store, coder_id=ids["coder_id"], document_id=ids["document_id"], start=3, end=17,
                     text="Vraagt naar het begin.")


def feedback(store, ids, decision="rejected"):
    record_feedback(store, document_id=ids["document_id"], start=21, end=47, code_id=ids["code_id"],
                    coder_id=ids["coder_id"], decision=decision)


def coding(store, ids):
    apply_code(store, coder_id=ids["coder_id"], document_id=ids["document_id"], code_id=ids["code_id"],
               start=21, end=47)


@pytest.mark.parametrize(("work", "named"), [
    ([memo], "which has 1 memo;"),
    ([feedback], "which has 1 suggestion decision;"),
    ([feedback, lambda store, ids: feedback(store, ids, "accepted")], "which has 2 suggestion decisions;"),
    ([coding, memo, feedback], "which has 1 coding, 1 memo and 1 suggestion decision;"),
])
def test_a_changed_file_whose_document_has_work_is_refused_naming_it(imported, work, named):
    store, source, ids = imported
    for make in work:
        make(store, ids)
    before = dump(store)
    source.write_text(CHANGED, encoding="utf-8")
    outcome = import_transcript(store, source)
    assert outcome.status == "refused"
    assert f"a.txt changed since it was imported as 'a', {named} import the new version under another file name" \
        in outcome.message
    assert dump(store) == before


def test_a_changed_file_without_work_is_replaced(imported):
    store, source, _ = imported
    source.write_text(CHANGED, encoding="utf-8")
    assert import_transcript(store, source).status == "replaced"
