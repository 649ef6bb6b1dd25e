"""Re-importing a changed transcript: codings, memos and suggestion decisions move with their text,
a dry run changes nothing, a span whose text is gone refuses the import, and undo gives back the old."""

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.importers.transcript_import import import_transcript
from qualcode.storage.actions import redo, undo
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.documents import document_segments, get_document
from qualcode.storage.errors import ProjectError
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


def codings_table(store) -> list[tuple]:
    connection = sqlite3.connect(store.database_path)
    try:
        return [tuple(row) for row in connection.execute(
            "SELECT 'coding', id, start, end FROM codings UNION ALL SELECT 'memo', id, start, end FROM memos "
            "UNION ALL SELECT 'feedback', id, start, end FROM suggestion_feedback ORDER BY 1, 2")]
    finally:
        connection.close()


def without_log(lines: list[str]) -> list[str]:
    return [line for line in lines if "action_log" not in line]


def spans_text(store) -> dict[str, str]:
    """The text under every coding, memo and suggestion decision, keyed by kind and id."""
    connection = sqlite3.connect(store.database_path)
    try:
        text = connection.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
        return {f"{kind}{row_id}": text[start:end] for kind, row_id, start, end in codings_table(store)}
    finally:
        connection.close()


EVERYTHING = [coding, memo, feedback]
"""A coding on 21:47 ('Het vertrouwen was er niet'), a memo on 3:17, a rejected suggestion on 21:47."""


def test_work_moves_with_its_text_when_text_is_added_before_it(imported):
    store, source, ids = imported
    for make in EVERYTHING:
        make(store, ids)
    before = spans_text(store)
    source.write_text("I: Goedemorgen.\n" + INTERVIEW, encoding="utf-8")
    outcome = import_transcript(store, source, coder_id=ids["coder_id"])
    assert outcome.status == "replaced" and outcome.document == "a"
    assert {fate.kind for fate in outcome.spans} == {"coding", "memo", "suggestion decision"}
    assert {fate.status for fate in outcome.spans} == {"moved"}
    assert "0 unchanged, 3 moved, 0 text changed, 0 unplaced" in outcome.message
    assert spans_text(store) == before
    assert get_document(store, "a").text.startswith("I: Goedemorgen.\nI: Hoe begon het?")
    turns = document_segments(store, 1)
    assert [turn.speaker for turn in turns] == ["I", "I", "R", "I", "R"]


def test_an_edit_inside_a_span_is_reported_and_the_span_keeps_the_corrected_text(imported):
    store, source, ids = imported
    coding(store, ids)
    source.write_text(INTERVIEW.replace("vertrouwen", "vertrouwn"), encoding="utf-8")
    outcome = import_transcript(store, source)
    [fate] = outcome.spans
    assert (fate.status, fate.old_text, fate.new_text) == ("text changed", "Het vertrouwen was er niet",
                                                            "Het vertrouwn was er niet")
    assert spans_text(store) == {"coding1": "Het vertrouwn was er niet"}


def test_a_span_whose_text_is_gone_refuses_the_reimport_and_lists_it(imported):
    store, source, ids = imported
    for make in EVERYTHING:
        make(store, ids)
    before = dump(store)
    source.write_text(INTERVIEW.replace("R: Het vertrouwen was er niet.\n", ""), encoding="utf-8")
    outcome = import_transcript(store, source)
    assert outcome.status == "refused"
    assert "the text of 1 coding and 1 suggestion decision is gone from it" in outcome.message
    assert "--drop-unplaced" in outcome.message
    unplaced = [(fate.kind, fate.old_text) for fate in outcome.spans if fate.status == "unplaced"]
    assert unplaced == [("coding", "Het vertrouwen was er niet"),
                        ("suggestion decision", "Het vertrouwen was er niet")]
    assert dump(store) == before


def test_drop_unplaced_removes_them_in_the_action_and_undo_brings_them_back(imported):
    store, source, ids = imported
    for make in EVERYTHING:
        make(store, ids)
    before = without_log(dump(store))
    source.write_text(INTERVIEW.replace("R: Het vertrouwen was er niet.\n", ""), encoding="utf-8")
    outcome = import_transcript(store, source, coder_id=ids["coder_id"], drop_unplaced=True)
    assert outcome.status == "replaced" and "(removed; undoing the re-import brings them back)" in outcome.message
    assert spans_text(store) == {"memo1": "Hoe begon het?"}
    assert undo(store, ids["coder_id"]).description == "re-import a"
    assert without_log(dump(store)) == before


def test_a_dry_run_changes_nothing_and_reports_what_the_import_does(imported):
    store, source, ids = imported
    for make in EVERYTHING:
        make(store, ids)
    before = dump(store)
    source.write_text(INTERVIEW.replace("het geld", "het budget") + "I: Dank u wel.\n", encoding="utf-8")
    dry = import_transcript(store, source, dry_run=True)
    assert dump(store) == before
    assert dry.dry_run and dry.status == "replaced" and dry.message.startswith("would re-import as 'a'")
    real = import_transcript(store, source)
    assert real.spans == dry.spans and real.message.startswith("re-imported as 'a'")


def test_undo_restores_the_old_text_segments_and_spans_exactly_and_redo_the_new(imported):
    store, source, ids = imported
    for make in EVERYTHING:
        make(store, ids)
    before = without_log(dump(store))
    source.write_text("I: Goedemorgen.\n" + INTERVIEW.replace("het?", "het eigenlijk?"), encoding="utf-8")
    import_transcript(store, source, coder_id=ids["coder_id"])
    after = without_log(dump(store))
    assert after != before
    undone = undo(store, ids["coder_id"])
    assert undone.kind == "reimport-transcript"
    assert without_log(dump(store)) == before
    redo(store, ids["coder_id"])
    assert without_log(dump(store)) == after


def test_undo_is_refused_when_the_document_changed_again_since(imported):
    store, source, ids = imported
    coding(store, ids)
    source.write_text("I: Goedemorgen.\n" + INTERVIEW, encoding="utf-8")
    import_transcript(store, source, coder_id=ids["coder_id"])
    source.write_text("I: Goedemiddag.\n" + INTERVIEW, encoding="utf-8")
    import_transcript(store, source, coder_id=None)
    before = dump(store)
    with pytest.raises(ProjectError, match="the document's text has been changed since"):
        undo(store, ids["coder_id"])
    assert dump(store) == before


def test_the_same_file_again_is_unchanged(imported):
    store, source, _ = imported
    before = dump(store)
    assert import_transcript(store, source).status == "unchanged"
    assert dump(store) == before


def test_a_changed_file_without_work_is_replaced(imported):
    store, source, _ = imported
    source.write_text(CHANGED, encoding="utf-8")
    outcome = import_transcript(store, source)
    assert outcome.status == "replaced" and outcome.spans == ()
    assert get_document(store, "a").text.endswith("I: Dank u wel.")


LINE_WORDS = ["ja", "het", "dat", "we", "geld", "lang", "niet", "een", "vertrouwen", "gemeente", "é"]
CODED_LINE = "R: Met korte lijnen en een vaste contactpersoon liep het goed."
CODED_TEXT = "korte lijnen en een vaste contactpersoon"


@st.composite
def interview_lines(draw):
    """Turns of a few random words, alternating I and R."""
    count = draw(st.integers(0, 5))
    return [f"{'IR'[n % 2]}: " + " ".join(draw(st.lists(st.sampled_from(LINE_WORDS), min_size=1, max_size=8)))
            for n in range(count)]


@st.composite
def edited_lines(draw, lines):
    """The lines after random word inserts, deletes and replacements, and whole turns added or removed."""
    lines = list(lines)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert word", "delete word", "replace word", "add turn", "remove turn"]))
        if kind == "add turn" or not lines:
            lines.insert(draw(st.integers(0, len(lines))), "R: " + draw(st.sampled_from(LINE_WORDS)))
            continue
        index = draw(st.integers(0, len(lines) - 1))
        if kind == "remove turn":
            del lines[index]
            continue
        label, words = lines[index][:3], lines[index][3:].split(" ")
        at = draw(st.integers(0, len(words) - 1))
        word = draw(st.sampled_from(LINE_WORDS))
        if kind == "insert word":
            words.insert(at, word)
        elif kind == "delete word" and len(words) > 1:
            del words[at]
        else:
            words[at] = word
        lines[index] = label + " ".join(words)
    return lines


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_outside_a_coding_leave_its_text_identical_after_reimport(tmp_path_factory, data):
    before, after = data.draw(interview_lines()), data.draw(interview_lines())
    folder = tmp_path_factory.mktemp("edits")
    store = init_project(folder / "p")
    try:
        apply_codebook_spec(store, SMALL_CODEBOOK)
        source = folder / "a.txt"
        source.write_text("\n".join(["I: Hoe ging het?", *before, CODED_LINE, *after]) + "\n", encoding="utf-8")
        assert import_transcript(store, source).status == "imported"
        eva = ensure_coder(store, "eva")
        text = get_document(store, "a").text
        start = text.index(CODED_TEXT)
        apply_code(store, coder_id=eva.id, document_id=1, code_id=load_codebook(store).codes[0].id,
                   start=start, end=start + len(CODED_TEXT))
        new_lines = ["I: Hoe ging het?", *data.draw(edited_lines(before)), CODED_LINE,
                     *data.draw(edited_lines(after))]
        source.write_text("\n".join(new_lines) + "\n", encoding="utf-8")
        outcome = import_transcript(store, source)
        assert outcome.status in ("replaced", "unchanged"), outcome.message
        assert spans_text(store) == {"coding1": CODED_TEXT}
        assert all(fate.status in ("unchanged", "moved") for fate in outcome.spans)
    finally:
        store.close()
