"""Learning from a coder's work: accepted suggestions make the suggestions better on a document not seen yet."""

from __future__ import annotations

from qualcode.nlp.evaluation import score_rankings
from qualcode.nlp.project_suggestions import open_suggester, record_decision, suggest_document
from qualcode.storage.documents import get_document
from qualcode.storage.suggestion_store import list_feedback
from tests.nlp.learning_project import learning_project, respondent_turns


def held_out_scores(store, pipeline, coder_id, documents):
    """precision@1 and recall@3 of the coder's suggestions on the never-coded document C."""
    suggester = open_suggester(store, pipeline, coder_id)
    c_id, c_codes = documents["c"]
    results = suggest_document(store, suggester.ranking_everything(), get_document(store, c_id), "turn", coder_id)
    ranked = [[suggestion.code_key for suggestion in result.suggestions] for result in results]
    overall = score_rankings([{code} for code in c_codes], ranked).overall
    return overall.precision_at_1 or 0.0, overall.recall_at_3 or 0.0


def test_accepted_suggestions_improve_suggestions_on_a_held_out_document(tmp_path, offline_pipeline):
    store, documents, coder_id = learning_project(tmp_path / "project")
    before = held_out_scores(store, offline_pipeline, coder_id, documents)

    # The coder works through document B in the TUI: the right code is accepted on every turn.
    b_id, b_codes = documents["b"]
    for segment, code_key in zip(respondent_turns(store, b_id), b_codes, strict=True):
        record_decision(store, document_id=b_id, start=segment.start, end=segment.end, code_key=code_key,
                        coder_id=coder_id, accepted=True, score=0.3)
    assert len(list_feedback(store, coder_id=coder_id)) == len(b_codes)
    after = held_out_scores(store, offline_pipeline, coder_id, documents)

    assert before[0] <= 0.6 and before[1] <= 0.8, before     # the vocabulary of A says little about C
    assert after[0] >= 0.9 and after[1] >= 0.9, after
    assert after[0] > before[0] and after[1] > before[1]
