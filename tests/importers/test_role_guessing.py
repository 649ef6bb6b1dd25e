"""Who the interviewer is, guessed from who asks the questions: on every sample in the repository
with its labels made neutral, on our own layout samples, and the message when the guess is unsure."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.importers import read_transcript
from qualcode.importers.interviewer_label import interviewer_guess
from qualcode.importers.labelled_transcript import parse_labelled_text
from qualcode.importers.transcript_import import import_transcript
from qualcode.storage.project_store import init_project
from tests.importers import layout_samples as samples
from tests.importers.transcript_spans import read_text

SAMPLES = sorted((Path(__file__).parents[2] / "transcripts").glob("interview-*"))


@pytest.mark.parametrize("path", SAMPLES, ids=[path.name for path in SAMPLES])
def test_repository_samples_with_neutral_labels(path):
    labelled = read_transcript(path)
    assert labelled.interviewer_evidence == "the label names the role"
    # noScribe's way: S00, S01 in no particular order; here the respondent gets S00.
    speakers = sorted(dict.fromkeys(turn.speaker for turn in labelled.turns),
                      key=lambda speaker: speaker == labelled.interviewer_label)
    names = {speaker: f"S{number:02d}" for number, speaker in enumerate(speakers)}
    text = "\n\n".join(f"{names[turn.speaker]}: {labelled.text[turn.start : turn.end]}" for turn in labelled.turns)
    guess = interviewer_guess(parse_labelled_text(text, "txt"), None, path)
    assert guess.label == names[labelled.interviewer_label] == "S01"
    assert guess.evidence.startswith("S01: ") and " turns end in '?', " in guess.evidence
    assert not guess.evidence.startswith("unsure")


@pytest.mark.parametrize("name", list(samples.TEXT_SAMPLES))
def test_own_samples(tmp_path, name):
    text, interviewer, _, _ = samples.TEXT_SAMPLES[name]
    transcript = read_text(tmp_path, text)
    assert transcript.interviewer_label == interviewer
    assert not transcript.interviewer_evidence.startswith("unsure")


def test_noscribe_sample_where_the_respondent_speaks_first(tmp_path):
    text = (
        "S00: [00:00:02] Ja, hij loopt. Ik zal eerst maar iets vertellen over onze vakgroep, want dat helpt.\n"
        "S01: [00:00:10] Graag. Hoeveel dermatologen zijn jullie?\n"
        "S00: [00:00:14] Zes, en twee physician assistants. We doen alles behalve de mohschirurgie.\n"
        "S01: [00:00:25] En hoe kijkt u naar Hoeveen?\n"
        "S00: [00:00:29] Met enige argwaan. Die zijn groter, en ze hebben de opleiding. Wat willen ze van ons?\n"
        "S01: [00:00:44] Wat zou er moeten gebeuren om dat vertrouwen te laten groeien?\n"
    )
    transcript = read_text(tmp_path, text)
    assert transcript.interviewer_label == "S01"
    assert transcript.interviewer_evidence == (
        "S01: 3 of 3 turns end in '?', 7 words a turn; S00: 1 of 3 turns end in '?', 14 words a turn"
    )


def test_an_unsure_guess_says_so_and_how_to_set_it(tmp_path):
    text = (
        "S00: Hoe was dat voor jullie? Was het moeilijk?\n"
        "S01: Wat bedoel je precies met moeilijk?\n"
        "S00: Voelde het als verlies?\n"
        "S01: Nee. Waarom zou het?\n"
    )
    transcript = read_text(tmp_path, text)
    assert transcript.interviewer_evidence == (
        "unsure: S01: 2 of 2 turns end in '?', 5 words a turn; S00: 2 of 2 turns end in '?', 6 words a turn"
    )
    store = init_project(tmp_path / "project")
    outcome = import_transcript(store, tmp_path / "interview.txt")
    assert outcome.message.endswith(
        f"interviewer S01 ({transcript.interviewer_evidence}); "
        "set it with: qualcode speakers interview --interviewer LABEL"
    )
    store.close()
