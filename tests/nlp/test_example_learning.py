"""Nearest coded examples, marking words and the calibrated threshold, on small hand-counted cases."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from qualcode.nlp.calibration import calibrate
from qualcode.nlp.coded_examples import Background, CodedExample, ExampleIndex
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
    found = ExampleIndex(examples, Background([e.words for e in examples])).nearest(("honorarium", "verdeling", "maatschap"))
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
    model = ExampleModel(examples, [], Background([("honorarium", "bespreking"), ("honorarium", "verdeling")]))
    nearest = {e.code_key: e for e in model.evidence(("honorarium", "bespreking")) if "passage" in e.reason}
    accepted_only = ExampleModel(examples[:1], [], Background([("honorarium", "bespreking"), ("honorarium", "verdeling")]))
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
    model = ExampleModel([], codebook, Background([("honorarium", "praten"), ("weer", "praten")]))
    (evidence,) = model.evidence(("honorarium", "onduidelijk"))
    assert evidence.code_key == "geld" and evidence.reason.startswith("like the code's description (")


def scores(start: float, rights: str) -> list[tuple[float, bool]]:
    """Scores going down by 0.01 from ``start``, right where ``rights`` has a 1."""
    return [(round(start - 0.01 * position, 2), flag == "1") for position, flag in enumerate(rights)]


def test_the_threshold_is_the_last_step_of_eight_where_half_or_more_were_right():
    scored = scores(0.9, "11101101" "10100110" "00100000")   # steps of 8: 6 right, 4 right, 1 right
    calibration = calibrate(scored)
    assert calibration.threshold == 0.75                     # the lowest score of the second step
    assert sum(b.shown for b in calibration.bins) == 16 and sum(b.right for b in calibration.bins) == 10
    assert calibration.describe(0.9) == "3 of 4 like this were right (leave-one-document-out on your codings)"
    assert calibration.describe(0.74) is None


def test_many_good_high_scores_do_not_carry_a_poor_tail():
    # From the top, 11 of 16 are right, but the second step alone is right 3 times of 8: small talk stays quiet.
    calibration = calibrate(scores(0.9, "11111111" "10010010"))
    assert calibration.threshold == 0.83
    assert [(b.right, b.shown) for b in calibration.bins] == [(2, 2), (2, 2), (2, 2), (2, 2)]


def test_a_step_is_a_tenth_of_the_scored_segments_once_there_are_more_than_eighty():
    # 100 scored: steps of 10; the first step is right 5 times of 10 (shown), the second 4 times (not).
    calibration = calibrate(scores(0.99, "1010101010" "1001001010" + "0" * 80))
    assert calibration.threshold == 0.9 and calibration.scored == 100


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
