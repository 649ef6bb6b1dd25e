"""Suggestions in a project: rejections per coder, the parse cache, vectors, and the evaluation numbers."""

from __future__ import annotations

import dataclasses
import math

import numpy
import pytest

import qualcode.nlp.project_suggestions as project_suggestions
from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.nlp.evaluation import score_rankings
from qualcode.nlp.project_suggestions import open_suggester, parse_document, record_decision, suggest_document
from qualcode.nlp.suggester import Suggester
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import add_coder
from qualcode.storage.codings import NewCoding, add_coding
from qualcode.storage.documents import document_segments, get_document
from qualcode.storage.project_store import init_project
from qualcode.storage.suggestion_store import load_parse
from qualcode.storage.tables import ParseCacheRow
from tests.nlp.conftest import VECTOR_WORDS
from tests.project_factory import add_document, parsed_interview, small_project

TRUST = "belemmerend/gebrek-aan-vertrouwen"
MONEY = "belemmerend/gedoe-over-geld"


def codes(results) -> list[list[str]]:
    return [[suggestion.code_key for suggestion in result.suggestions] for result in results]


def test_a_rejected_suggestion_is_not_offered_again_to_that_coder(tmp_path, offline_pipeline):
    store = small_project(tmp_path / "p")
    eva, daan = add_coder(store, "eva"), add_coder(store, "daan")
    document = get_document(store, "interview")
    suggester = open_suggester(store, offline_pipeline, eva.id)
    (turn,) = suggest_document(store, suggester, document, "turn", eva.id)   # the interviewer turn is skipped
    assert [s.code_key for s in turn.suggestions] == [TRUST, MONEY]
    assert turn.suggestions[0].reasons[0] == "indicator words: vertrouwen"

    record_decision(store, document_id=document.id, start=turn.start, end=turn.end, code_key=TRUST,
                    coder_id=eva.id, accepted=False, score=turn.suggestions[0].score)
    assert codes(suggest_document(store, suggester, document, "turn", eva.id)) == [[MONEY]]
    # ... nor inside that turn (its paragraphs and sentences), while daan still sees it.
    assert codes(suggest_document(store, suggester, document, "sentence", eva.id)) == [[], [MONEY]]
    assert codes(suggest_document(store, suggester, document, "turn", daan.id)) == [[TRUST, MONEY]]
    # A later accept on the same span undoes the reject.
    record_decision(store, document_id=document.id, start=turn.start, end=turn.end, code_key=TRUST,
                    coder_id=eva.id, accepted=True)
    assert codes(suggest_document(store, suggester, document, "turn", eva.id)) == [[TRUST, MONEY]]


def test_codes_already_applied_by_the_coder_are_not_suggested(tmp_path, offline_pipeline):
    store = small_project(tmp_path / "p")
    eva = add_coder(store, "eva")
    document = get_document(store, "interview")
    paragraph = document_segments(store, document.id, "paragraph")[2]      # "En over geld ..."
    money_id = load_codebook(store).code_by_key(MONEY).id
    add_coding(store, NewCoding(document_id=document.id, code_id=money_id, coder_id=eva.id,
                                start=paragraph.start, end=paragraph.end))
    suggester = open_suggester(store, offline_pipeline, eva.id)
    assert codes(suggest_document(store, suggester, document, "paragraph", eva.id)) == [[TRUST], []]


def test_parse_cache_is_written_read_and_invalidated(tmp_path, vector_pipeline, offline_pipeline, monkeypatch):
    store = small_project(tmp_path / "p")
    document = get_document(store, "interview")
    key = vector_pipeline.info.cache_key
    assert load_parse(store, document.id, key, document.text_sha256) is None
    parsed = parse_document(store, vector_pipeline, document)
    assert load_parse(store, document.id, key, document.text_sha256) is not None

    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed again although the cache holds this text and pipeline")
    monkeypatch.setattr(project_suggestions, "parse_spans", must_not_parse)
    cached = parse_document(store, vector_pipeline, document)
    assert cached.spans == parsed.spans
    assert [[(t.text, t.lemma_) for t in doc] for doc in cached.docs] == \
        [[(t.text, t.lemma_) for t in doc] for doc in parsed.docs]
    assert cached.docs[1][1].text == "vertrouwen" and cached.docs[1][1].has_vector   # vectors through the vocab

    # Another text (same document id, other hash) or another pipeline: parse again.
    changed = dataclasses.replace(document, text_sha256="0" * 64)
    with pytest.raises(AssertionError, match="parsed again"):
        parse_document(store, vector_pipeline, changed)
    monkeypatch.undo()
    parse_document(store, vector_pipeline, changed)
    assert load_parse(store, document.id, key, document.text_sha256) is None
    assert load_parse(store, document.id, key, "0" * 64) is not None
    # The offline pipeline parses faster than the cache decodes: no cache unless asked.
    parse_document(store, offline_pipeline, document)
    with store.session() as session:
        assert session.get(ParseCacheRow, (document.id, offline_pipeline.info.cache_key)) is None
    parse_document(store, offline_pipeline, document, use_cache=True)
    assert load_parse(store, document.id, offline_pipeline.info.cache_key, document.text_sha256) is not None


def test_vector_similarity_to_descriptions_and_coded_examples(tmp_path, vector_pipeline):
    codebook_spec = CodebookSpec(groups=(GroupSpec(key="b", name="B", codes=(
        CodeSpec(key="b/vertrouwen", name="Vertrouwen", description="argwaan"),
        CodeSpec(key="b/geld", name="Geld", description="budget"),
        CodeSpec(key="b/tijd", name="Tijd", description="agenda"),
    )),))
    store = init_project(tmp_path / "p")
    apply_codebook_spec(store, codebook_spec)
    suggester = Suggester(vector_pipeline, load_codebook(store))
    (top, *_) = suggester.for_segment("uren en drukte")
    segment = numpy.mean([VECTOR_WORDS["uren"], VECTOR_WORDS["drukte"]], axis=0)   # 'en' is a stop word
    description = numpy.asarray(VECTOR_WORDS["agenda"])      # 'Tijd' (capital) has no vector in the table
    cosine = segment @ description / numpy.linalg.norm(segment) / numpy.linalg.norm(description)
    assert top.code_key == "b/tijd"
    assert top.reasons == (f"close in meaning to the code description (cosine {cosine:.2f})",)
    assert top.score == pytest.approx(1 - math.exp(-0.6 * (cosine - 0.5) / 0.5), abs=1e-3)   # one weight alone

    eva = add_coder(store, "eva")
    doc_id = add_document(store, "d", parsed_interview([("R", "twijfel")], interviewer="I"))
    turn = document_segments(store, doc_id, "turn")[0]
    add_coding(store, NewCoding(document_id=doc_id, code_id=load_codebook(store).code_by_key("b/vertrouwen").id,
                                coder_id=eva.id, start=turn.start, end=turn.end))
    with_examples = open_suggester(store, vector_pipeline, eva.id)
    (top, *_) = with_examples.for_segment("twijfel")
    assert top.code_key == "b/vertrouwen"
    assert "close in meaning to 1 coded example (cosine 1.00)" in top.reasons


def test_scores_against_hand_counted_precision_and_recall():
    gold = [{"a"}, {"a", "b"}, {"b"}, set(), {"c"}]
    ranked = [["a", "b"], ["b", "c", "a"], ["a", "c", "d", "b"], ["a"], []]
    report = score_rankings(gold, ranked, code_order=["c", "b", "a"])
    by_code = {score.code_key: score for score in report.per_code}
    assert report.segments == 4                                 # the uncoded segment does not count
    assert (report.overall.top1, report.overall.top1_correct) == (3, 2)
    assert report.overall.precision_at_1 == pytest.approx(2 / 3)
    assert report.overall.recall_at_3 == pytest.approx(3 / 5)   # a, a, b found; b (4th) and c missed
    assert [score.code_key for score in report.per_code] == ["c", "b", "a"]
    assert (by_code["a"].precision_at_1, by_code["a"].recall_at_3) == (0.5, 1.0)
    assert (by_code["b"].precision_at_1, by_code["b"].recall_at_3) == (1.0, 0.5)
    assert (by_code["c"].precision_at_1, by_code["c"].recall_at_3) == (None, 0.0)

