"""Which label is the interviewer: guessed from the label or the questions, or set by the researcher."""

from __future__ import annotations

import pytest

from qualcode.importers import TranscriptError
from tests.importers.transcript_spans import read_text


@pytest.mark.parametrize(
    ("text", "interviewer"),
    [
        ("R: Ik begin maar.\nI: Graag. Hoe begon het?\nR: Met een brief.\n", "I"),
        ("Resp.: Ik begin maar.\nInt.: Graag.\n", "Int."),
        ("Respondent: Ik begin.\nInterviewster: Graag.\n", "Interviewster"),
        ("Deelnemer 1: Ik begin.\nOnderzoeker: Graag.\n", "Onderzoeker"),
        # no role in the labels: whoever asks the questions
        (
            "SPEAKER 1: Wij zijn met zeven cardiologen.\nSPEAKER 2: En in Marewijk?\n"
            "SPEAKER 1: Dertien, bijna twee keer zo groot.\nSPEAKER 2: Wat betekent dat voor jullie?\n",
            "SPEAKER 2",
        ),
        # the speaker the header names
        ("Interviewer: Eva Meijer\n\nJan: Waarom?\nEva: Daarom.\nJan: Echt?\nEva: Ja.\n", "Eva"),
        # a respondent role is never the guess, however many questions it asks
        ("R: Waarom? Wie? Hoe?\nJan Smit: Dat weet ik niet.\nJan Smit: Nee.\n", "Jan Smit"),
        # no questions at all: the shorter turns
        ("A: Ja.\nB: Wij zijn met zeven cardiologen in een klein, hecht clubje.\nA: Goed.\n", "A"),
    ],
)
def test_interviewer_guess(tmp_path, text, interviewer):
    assert read_text(tmp_path, text).interviewer_label == interviewer


def test_one_speaker_has_no_interviewer(tmp_path):
    assert read_text(tmp_path, "SPEAKER 1: Hoe? Wat? Waarom?\n").interviewer_label is None


def test_the_researcher_sets_the_interviewer(tmp_path):
    text = "I: Hoe begon het?\nR: Met een brief.\n"
    assert read_text(tmp_path, text, interviewer="R").interviewer_label == "R"
    other = "Interviewer: Vraag?\nJan: Ja.\nJan: Nee.\n"
    assert read_text(tmp_path, other, interviewer="jan").interviewer_label == "Jan"


def test_an_interviewer_label_that_does_not_occur_is_an_error(tmp_path):
    with pytest.raises(TranscriptError) as raised:
        read_text(tmp_path, "I: Hoe begon het?\nR: Met een brief.\n", interviewer="Eva")
    assert raised.value.path == tmp_path / "interview.txt"
    assert raised.value.reason == "the interviewer label 'Eva' does not occur; the speakers are: I, R"
    assert str(raised.value) == f"{tmp_path / 'interview.txt'}: {raised.value.reason}"
