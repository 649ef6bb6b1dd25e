"""Suggestions from several worker threads while the model retrains give the same answers as one thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from qualcode.nlp.project_suggestions import open_suggester, retrain
from qualcode.storage.documents import get_document
from tests.nlp.learning_project import learning_project, respondent_turns


def test_concurrent_readers_and_retraining(tmp_path, offline_pipeline):
    store, documents, coder_id = learning_project(tmp_path / "p")
    model = retrain(store, offline_pipeline, coder_id).model
    suggester = open_suggester(store, offline_pipeline, coder_id).with_model(model)
    c_id, _ = documents["c"]
    text = get_document(store, c_id).text
    segments = [text[turn.start:turn.end] for turn in respondent_turns(store, c_id)]
    expected = [suggester.for_segment(segment) for segment in segments]

    def read_all(_):
        return [suggester.for_segment(segment) for segment in segments]

    with ThreadPoolExecutor(max_workers=4) as pool:
        training = pool.submit(retrain, store, offline_pipeline, coder_id, None, force=True)
        readings = list(pool.map(read_all, range(6)))
    assert all(reading == expected for reading in readings)
    outcome = training.result()
    assert outcome.retrained and outcome.model is not model
    assert outcome.model.predict([("ziekteverzuim",)]) == model.predict([("ziekteverzuim",)])   # same data, seed
