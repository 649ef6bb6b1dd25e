"""Nearest coded examples, marking words and the calibrated threshold, on small hand-counted cases."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from qualcode.nlp.calibration import calibrate
from qualcode.nlp.coded_examples import CodedExample, ExampleIndex, inverse_document_frequencies
from qualcode.nlp.example_model import ExampleModel
from qualcode.nlp.keyword_mining import marking_words
from qualcode.nlp.project_suggestions import ExampleLearner, open_suggester, record_decision
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import add_coder
from qualcode.storage.codings import NewCoding, add_coding
from qualcode.storage.documents import document_segments, get_document
from tests.project_factory import small_project

TRUST = "belemmerend/gebrek-aan-vertrouwen"


def example(code_key, words, accepted=True, document="interview-1"):
    return CodedExample(code_key, tuple(words.split()), document, words, accepted)


def test_the_nearest_example_per_code_with_its_cosine_and_shared_words():
    examples = [example("geld", "honorarium verdeling maatschap"), example("geld", "salaris"),
                example("vertrouwen", "achterdocht maatschap")]
    idf = inverse_document_frequencies([e.words for e in examples])
    found = ExampleIndex(examples, idf).nearest(("honorarium", "verdeling", "maatschap"))
    assert found["geld"].similarity == pytest.approx(1.0)
    assert found["geld"].example is examples[0]
    assert set(found["geld"].shared) == {"honorarium", "verdeling", "maatschap"}
    # 'maatschap' is in 2 of 3 examples, so it weighs less than the words only the money example has.
    weights = {word: math.log(4 / (1 + df)) + 1 for word, df in
               {"honorarium": 1, "verdeling": 1, "maatschap": 2}.items()}
    cosine = weights["maatschap"] ** 2 / math.sqrt(sum(w * w for w in weights.values())) / math.sqrt(
        weights["maatschap"] ** 2 + (math.log(4 / 2) + 1) ** 2)
    assert found["vertrouwen"].similarity == pytest.approx(cosine)


def test_a_rejected_example_more_like_the_segment_discounts_the_code():
    examples = [example("geld", "honorarium verdeling"), example("geld", "honorarium bespreking", accepted=False)]
    model = ExampleModel(examples, [], [("honorarium", "bespreking"), ("honorarium", "verdeling")])
    nearest = {e.code_key: e for e in model.evidence(("honorarium", "bespreking")) if "passage" in e.reason}
    accepted_only = ExampleModel(examples[:1], [], [("honorarium", "bespreking"), ("honorarium", "verdeling")])
    plain = {e.code_key: e for e in accepted_only.evidence(("honorarium", "bespreking")) if "passage" in e.reason}
    assert nearest.get("geld") is None or nearest["geld"].score < plain["geld"].score


def test_marking_words_are_the_ones_a_code_uses_far_more_than_the_rest():
    code_counts = {"geld": Counter({"honorarium": 8, "gaan": 2})}
    all_counts = Counter({"honorarium": 9, "gaan": 60, "zeggen": 40, "ziekenhuis": 30})
    words = marking_words(code_counts, all_counts, all_counts)
    assert list(words["geld"]) == ["honorarium"] and words["geld"]["honorarium"] > 1.96


def test_marking_words_of_an_empty_project_are_none():
    assert marking_words({"geld": Counter({"honorarium": 1})}, Counter(), Counter()) == {}


def test_a_code_without_codings_is_learned_from_its_codebook_words():
    codebook = [CodedExample("geld", ("honorarium", "inkomen"), "codebook", "Geld: honorarium, inkomen")]
    model = ExampleModel([], codebook, [("honorarium", "praten"), ("weer", "praten")])
    (evidence,) = model.evidence(("honorarium", "onduidelijk"))
    assert evidence.code_key == "geld" and evidence.reason.startswith("like the code's description (")


def test_the_threshold_is_where_suggestions_from_there_up_are_right_half_the_time():
    scored = [(0.9, True), (0.8, True), (0.7, False), (0.6, True), (0.5, False), (0.4, False), (0.3, False),
              (0.2, False), (0.15, False), (0.1, False)]
    calibration = calibrate(scored)
    # From 0.4 up: 3 right of 6 = 0.5; from 0.3 up: 3 of 7.
    assert calibration.threshold == 0.4
    assert [(b.right, b.shown) for b in calibration.bins] == [(0, 2), (1, 2), (2, 2)]
    assert calibration.describe(0.95) == "2 of 2 like this were right (leave-one-document-out on your codings)"
    assert calibration.describe(0.35) is None


def test_too_few_scored_segments_give_no_calibration():
    assert calibrate([(0.9, True)] * 9) is None


def test_when_nothing_is_ever_right_nothing_is_shown():
    calibration = calibrate([(0.5, False)] * 12)
    assert calibration.bins == () and calibration.describe(0.99) is None


def test_the_example_model_is_rebuilt_with_a_new_coding_and_a_rejection(tmp_path, offline_pipeline):
    store = small_project(tmp_path / "p")
    eva = add_coder(store, "eva")
    suggester = open_suggester(store, offline_pipeline, eva.id)
    learner = ExampleLearner(store, suggester, eva.id)
    assert learner.rebuild().examples == 0
    document = get_document(store, "interview")
    turn = [segment for segment in document_segments(store, document.id, "turn") if segment.role != "interviewer"][0]
    add_coding(store, NewCoding(document_id=document.id, code_id=load_codebook(store).code_by_key(TRUST).id,
                                coder_id=eva.id, start=turn.start, end=turn.end))
    record_decision(store, document_id=document.id, start=turn.start, end=turn.end,
                    code_key="belemmerend/gedoe-over-geld", coder_id=eva.id, accepted=False)
    rebuilt = learner.rebuild()
    assert rebuilt.support == {TRUST: 1}
    (top, *_) = suggester.with_examples(rebuilt).for_segment(document.text[turn.start:turn.end])
    assert top.code_key == TRUST
    assert any(reason.startswith("like a passage coded in interview") for reason in top.reasons)
