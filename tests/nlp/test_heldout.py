"""Suggestion quality on the held-out interviews (tests/data/heldout), which were never used for tuning.

The floors sit a little under what was measured when they were set (see the README), so a change
that makes suggestions worse on interviews the suggester has never seen fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.nlp.coded_examples import CODEBOOK_DOCUMENT
from qualcode.nlp.project_suggestions import evaluate_coder, open_suggester, suggest_document
from qualcode.project_setup import set_up_copy
from qualcode.storage.coders import list_coders
from qualcode.storage.documents import get_document, list_documents

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "data" / "heldout"
# Measured with the offline pipeline, every code with evidence ranked, after reading a document's answers
# together: cold 0.630 / 0.767, warm 0.673 / 0.800 (P@1 / R@3; warm's top code right on 37 turns against
# cold's 34, warm finds 48 of the 60 codes in its top three, cold 46). With thresholds calibrated on the other
# three interviews: a suggestion on 37 of 55 coded turns, its top code right on 29, and on 6 of 16 uncoded
# respondent turns (before reading answers together: 30, 24 and 5).
COLD_FLOORS = (0.61, 0.74)
WARM_FLOORS = (0.65, 0.78)


@pytest.fixture(scope="module")
def heldout(tmp_path_factory):
    store, _ = set_up_copy(HELDOUT, tmp_path_factory.mktemp("heldout") / "project", codebooks=ROOT / "codebooks")
    coder = next(coder for coder in list_coders(store) if coder.name == "heldout")
    yield store, coder.id
    store.close()


@pytest.fixture(scope="module")
def report(heldout, offline_pipeline):
    store, coder_id = heldout
    return evaluate_coder(store, offline_pipeline, coder_id)


def test_the_heldout_set_is_four_interviews_with_sixty_codings_on_fifty_five_turns(report):
    assert (report.warm.documents, report.warm.segments, report.warm.overall.coded) == (4, 55, 60)


def test_cold_suggestions_stay_above_their_floor(report):
    overall = report.cold.overall
    assert overall.precision_at_1 >= COLD_FLOORS[0] and overall.recall_at_3 >= COLD_FLOORS[1]


def test_warm_suggestions_stay_above_their_floor_and_do_not_fall_below_cold(report):
    warm, cold = report.warm.overall, report.cold.overall
    assert warm.precision_at_1 >= WARM_FLOORS[0] and warm.recall_at_3 >= WARM_FLOORS[1]
    assert warm.top1_correct > cold.top1_correct      # learning from three interviews: three top codes more right
    assert warm.found_in_top3 >= cold.found_in_top3   # and no code fewer in the top three (48 of 60 against 46)


def test_the_calibrated_threshold_keeps_most_uncoded_turns_quiet_and_what_it_shows_mostly_right(report):
    shown = report.abstain
    assert (shown.coded, shown.uncoded) == (55, 16)
    assert shown.uncoded_shown <= 6                              # of 16 uncoded respondent turns
    assert shown.coded_shown >= 32 and shown.shown_right >= 0.6 * shown.coded_shown


def test_every_suggestion_has_a_reason_that_can_be_checked(heldout, offline_pipeline):
    store, coder_id = heldout
    suggester = open_suggester(store, offline_pipeline, coder_id)
    texts = {summary.name: get_document(store, summary.id).text for summary in list_documents(store)}
    checked = 0
    for summary in list_documents(store):
        for result in suggest_document(store, suggester, get_document(store, summary.id), "turn"):
            for suggestion in result.suggestions:
                assert suggestion.reasons and all(suggestion.reasons), suggestion
                for reason in suggestion.reasons:
                    if reason.startswith("like a passage coded in "):
                        document = reason.removeprefix("like a passage coded in ").split(" (")[0]
                        quote = reason.split("“", 1)[1].rstrip("”").rstrip("…")
                        assert document != CODEBOOK_DOCUMENT and quote in " ".join(texts[document].split())
                        checked += 1
    assert checked > 20
