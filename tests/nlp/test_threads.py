"""Suggestions from several worker threads while the example model is rebuilt give the same answers as one thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from qualcode.nlp.project_suggestions import ExampleLearner, open_suggester
from qualcode.storage.documents import get_document
from tests.nlp.learning_project import learning_project, respondent_turns


def test_concurrent_readers_and_rebuilding(tmp_path, offline_pipeline):
    store, documents, coder_id = learning_project(tmp_path / "p")
    suggester = open_suggester(store, offline_pipeline, coder_id)
    learner = ExampleLearner(store, suggester, coder_id)
    c_id, _ = documents["c"]
    text = get_document(store, c_id).text
    segments = [text[turn.start:turn.end] for turn in respondent_turns(store, c_id)]
    expected = [suggester.for_segment(segment) for segment in segments]

    def read_all(_):
        return [suggester.for_segment(segment) for segment in segments]

    with ThreadPoolExecutor(max_workers=4) as pool:
        rebuilds = [pool.submit(learner.rebuild) for _ in range(2)]
        readings = list(pool.map(read_all, range(6)))
    assert all(reading == expected for reading in readings)
    first, second = (rebuild.result() for rebuild in rebuilds)
    assert first is not second and first.support == second.support == suggester.examples.support
