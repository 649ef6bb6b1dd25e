"""Retrieval on a small hand-made project: what each kind of query and filter returns."""

from __future__ import annotations

import pytest

from qualcode.analysis.retrieval import retrieval_counts, retrieve, retrieve_each
from qualcode.domain.code_query import QueryError
from qualcode.domain.retrieval import RetrievalFilters
from qualcode.storage.errors import NotFoundError
from tests.analysis.coded_project import GELD, NOODZAAK, VERTROUWEN, text_of

def _rows(store, query, **options):
    return [(s.document, s.coder, s.text) for s in retrieve(store, query, **options)]


def test_a_code_lists_its_segments_in_document_order_per_coder_respondents_only(project):
    assert _rows(project, VERTROUWEN) == [
        ("b-interview", "eva", "Er is geen vertrouwen."),
        ("interview", "eva", "Het vertrouwen is er nog niet."),
        ("interview", "daan", "vertrouwen is er"),
    ]


def test_every_role_when_asked(project):
    rows = _rows(project, VERTROUWEN, filters=RetrievalFilters(roles=None))
    assert ("b-interview", "eva", "Vertrouwt u ze?") in rows and len(rows) == 4


def test_a_group_or_glob_selects_all_its_codes(project):
    assert _rows(project, "belemmerend") == _rows(project, "belemmerend/*")
    assert len(_rows(project, "belemmerend", filters=RetrievalFilters(coders=("eva",)))) == 4


def test_segment_fields_context_and_memo(project):
    segment = next(s for s in retrieve(project, VERTROUWEN, context=5, filters=RetrievalFilters(coders=("eva",)))
                   if s.document == "interview")
    text = text_of(project, "interview")
    assert text[segment.start:segment.end] == segment.text == "Het vertrouwen is er nog niet."
    assert segment.before == text[segment.start - 5:segment.start]
    assert segment.after == text[segment.end:segment.end + 5]
    assert (segment.case, segment.speaker, segment.role, segment.turn_index) == ("R1", "R", "respondent", 1)
    assert segment.codes == (VERTROUWEN,) and segment.memo == "kern" and len(segment.coding_ids) == 1


def test_and_is_overlap_or_same_unit(project):
    assert _rows(project, f"{VERTROUWEN} AND {GELD}") == []
    by_turn = list(retrieve(project, f"{VERTROUWEN} AND {GELD}", unit="turn"))
    assert [(s.document, s.coder) for s in by_turn] == [("b-interview", "eva"), ("interview", "eva")]
    assert by_turn[0].codes == (VERTROUWEN, GELD) and len(by_turn[0].coding_ids) == 2
    assert _rows(project, f"{VERTROUWEN} AND {GELD}", unit="paragraph") == []


def test_not_near_followed_by_where_coder_text(project):
    assert _rows(project, f"{GELD} AND NOT WHERE fase = gestart") == [("interview", "eva", "over geld hebben we")]
    assert [r[0] for r in _rows(project, f"{VERTROUWEN} AND WHERE fase IN (gestart, x)")] == ["b-interview"]
    assert _rows(project, f"{NOODZAAK} NEAR 1 {GELD}") == []
    assert len(_rows(project, f"{NOODZAAK} NEAR 2 {GELD}")) == 2
    assert len(_rows(project, f"{GELD} FOLLOWED BY 2 {NOODZAAK}")) == 2
    assert _rows(project, f"{NOODZAAK} FOLLOWED BY 2 {GELD}") == []
    assert [r[1] for r in _rows(project, f"{VERTROUWEN} AND CODER daan")] == ["daan"]
    assert _rows(project, 'TEXT "GEEN   vertrouwen"') == [("b-interview", "", "geen vertrouwen")]
    assert _rows(project, 'TEXT "punten"') == [("b-interview", "", "punt")]             # lemma-aware


def test_counts(project):
    counts = retrieval_counts(retrieve(project, "belemmerend"))
    assert (counts.segments, counts.documents, counts.cases, counts.coders) == (5, 2, 2, 2)


@pytest.mark.parametrize(("query", "message"), [
    ("belemmerend/onbekend", "query:1:1: expected a code id, group id or glob of the codebook, not 'belemmerend/onbekend'"),
    ("x/* OR a", "query:1:1: expected a code id, group id or glob of the codebook, not 'x/*'"),
    (f"{VERTROUWEN} AND CODER piet", "query:1:45: expected a coder of the project (coders: daan, eva), not 'piet'"),
    ("WHERE leeftijd = 3", "query:1:7: expected a case attribute (attributes: fase), not 'leeftijd'"),
])
def test_names_the_project_lacks_are_query_errors(project, query, message):
    with pytest.raises(QueryError) as caught:
        retrieve(project, query)
    assert str(caught.value) == message


def test_unknown_filter_values_are_refused_before_anything_is_returned(project):
    with pytest.raises(NotFoundError, match="no coder named 'piet'"):
        retrieve(project, VERTROUWEN, filters=RetrievalFilters(coders=("piet",)))
    with pytest.raises(NotFoundError, match="no document 'x'"):
        retrieve(project, VERTROUWEN, filters=RetrievalFilters(documents=("x",)))


def test_retrieve_each_finds_what_retrieve_finds_for_each_query(project):
    queries = [VERTROUWEN, "belemmerend AND NOT CODER daan", f"{NOODZAAK} NEAR 2 {GELD}", 'TEXT "geld"']
    for unit in (None, "sentence"):
        assert retrieve_each(project, queries, unit=unit, context=3) == [
            list(retrieve(project, query, unit=unit, context=3)) for query in queries]


def test_read_in_runs_of_documents_it_finds_what_one_reading_of_all_finds(project):
    """retrieve reads 1, 4, 16, ... documents at a time; retrieve_each reads them all at once."""
    from qualcode.storage.codebook_store import load_codebook
    from qualcode.storage.coders import ensure_coder
    from qualcode.storage.coding_actions import apply_code
    from tests.project_factory import add_document, parsed_interview

    codes = {code.key: code.id for code in load_codebook(project).codes}
    coders = [ensure_coder(project, name).id for name in ("eva", "daan")]
    for number in range(30):
        parsed = parsed_interview([("I", "Hoe staat het?"), ("R", f"Weinig vertrouwen, nummer {number}. Geld ook.")])
        document_id = add_document(project, f"c-interview-{number:02d}", parsed)
        start = parsed.text.index("Weinig")
        for index, key in enumerate((VERTROUWEN, GELD)[:1 + number % 2]):
            apply_code(project, coder_id=coders[number % 3 // 2], document_id=document_id, code_id=codes[key],
                       start=start, end=start + 16 + index * 20)
    queries = [VERTROUWEN, "belemmerend/*", f"{VERTROUWEN} AND {GELD}", f"NOT {GELD}"]
    for query in queries:
        assert len(list(retrieve(project, query))) > 10
    assert [list(retrieve(project, query, context=9)) for query in queries] == retrieve_each(project, queries, context=9)
    only_eva = RetrievalFilters(coders=("eva",))
    assert list(retrieve(project, VERTROUWEN, filters=only_eva)) == retrieve_each(project, [VERTROUWEN],
                                                                                   filters=only_eva)[0]
