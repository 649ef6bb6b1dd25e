"""Speaker labels, timestamps and multi-paragraph turns in plain-text transcripts."""

from __future__ import annotations

import pytest

from tests.importers.transcript_spans import paragraph_texts, read_text, turn_texts


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("I", "R"),
        ("Interviewer", "Respondent"),
        ("Int.", "Resp."),
        ("I1", "R2"),
        ("SPEAKER 1", "SPEAKER 2"),
        ("Spreker 1", "Spreker 2"),
        ("SPEAKER_00", "SPEAKER_01"),
        ("Dr. Bakker", "mevrouw Jansen"),
        ("A", "B"),
    ],
)
def test_label_styles_start_turns(tmp_path, first, second):
    transcript = read_text(tmp_path, f"{first}: Hoe begon het?\n{second}: Met een brief van de bestuurders.\n")
    assert turn_texts(transcript) == [(first, "Hoe begon het?"), (second, "Met een brief van de bestuurders.")]


def test_bold_markdown_labels(tmp_path):
    transcript = read_text(tmp_path, "**I:** Hoe begon het?\n\n**R**: Met een brief.\n", name="interview.md")
    assert turn_texts(transcript) == [("I", "Hoe begon het?"), ("R", "Met een brief.")]
    assert transcript.source_format == "md"


def test_names_count_as_labels_when_they_start_two_lines(tmp_path):
    text = (
        "Jan de Vries: Wij zijn met zeven.\n"
        "Marieke: En in Marewijk?\n"
        "Jan de Vries: Dertien.\n"
        "Kijk: dat is een ander soort club.\n"
        "Marieke: Wat bedoelt u?\n"
    )
    assert turn_texts(read_text(tmp_path, text)) == [
        ("Jan de Vries", "Wij zijn met zeven."),
        ("Marieke", "En in Marewijk?"),
        ("Jan de Vries", "Dertien.\nKijk: dat is een ander soort club."),
        ("Marieke", "Wat bedoelt u?"),
    ]


def test_a_sentence_with_a_colon_is_not_a_label(tmp_path):
    text = (
        "I: Wat was de aanleiding?\n"
        "R: Het zit zo: de bestuurders wilden het.\n"
        "Nou: dat was het.\n"
        "Nou: echt waar.\n"
        "Daarom zeg ik: eerst zien.\n"
    )
    assert turn_texts(read_text(tmp_path, text)) == [
        ("I", "Wat was de aanleiding?"),
        ("R", "Het zit zo: de bestuurders wilden het.\nNou: dat was het.\nNou: echt waar.\nDaarom zeg ik: eerst zien."),
    ]


@pytest.mark.parametrize(
    ("line", "seconds"),
    [
        ("[00:12:31] R: Nou, kijk.", 751.0),
        ("R: [00:12:31] Nou, kijk.", 751.0),
        ("(12:31) R: Nou, kijk.", 751.0),
        ("R: (12:31) Nou, kijk.", 751.0),
        ("00:12:31 R: Nou, kijk.", 751.0),
        ("R: 00:12:31 Nou, kijk.", 751.0),
        ("R [01:02:03.5]: Nou, kijk.", 3723.5),
        ("**R:** [00:00:07] Nou, kijk.", 7.0),
    ],
)
def test_timestamps_become_start_times_outside_the_span(tmp_path, line, seconds):
    transcript = read_text(tmp_path, f"I: Vraag?\n{line}\n")
    turn = transcript.turns[1]
    assert (turn.speaker, transcript.text[turn.start : turn.end], turn.start_time) == ("R", "Nou, kijk.", seconds)
    assert transcript.turns[0].start_time is None


def test_a_time_of_day_after_the_label_stays_in_the_text(tmp_path):
    transcript = read_text(tmp_path, "I: Wanneer?\nR: 12:30 begon de vergadering.\n")
    assert turn_texts(transcript)[1] == ("R", "12:30 begon de vergadering.")
    assert transcript.turns[1].start_time is None


def test_a_turn_spans_several_paragraphs_and_blank_lines_belong_to_none(tmp_path):
    text = "I: Hoe ging dat?\n\nR: Eerst stroef.\n  Toen beter.\n\nEn nu goed.\nI:\nEn verder?\n"
    transcript = read_text(tmp_path, text)
    assert turn_texts(transcript) == [
        ("I", "Hoe ging dat?"),
        ("R", "Eerst stroef.\n  Toen beter.\n\nEn nu goed."),
        ("I", "En verder?"),
    ]
    assert paragraph_texts(transcript) == [
        ["Hoe ging dat?"],
        ["Eerst stroef.", "Toen beter.", "En nu goed."],
        ["En verder?"],
    ]
    second = transcript.turns[1]
    assert (second.start, second.end) == (second.paragraphs[0][0], second.paragraphs[-1][1])


def test_text_before_the_first_label_is_not_a_turn(tmp_path):
    text = "Dit transcript is geanonimiseerd.\nDe opname begon laat.\nI: Daar gaan we.\nR: Goed.\n"
    transcript = read_text(tmp_path, text)
    assert turn_texts(transcript) == [("I", "Daar gaan we."), ("R", "Goed.")]
    assert transcript.text.startswith("Dit transcript is geanonimiseerd.\n")


def test_text_without_labels_is_one_turn(tmp_path):
    transcript = read_text(tmp_path, "Eerste alinea.\n\nTweede alinea.\n")
    assert turn_texts(transcript) == [("SPEAKER", "Eerste alinea.\n\nTweede alinea.")]
    assert paragraph_texts(transcript) == [["Eerste alinea.", "Tweede alinea."]]
    assert transcript.interviewer_label is None


def test_tab_separated_labels_as_in_table_rows_need_two_lines(tmp_path):
    text = "Spreker\tTekst\n00:00:05\tI\tHoe begon het?\n00:00:09\tR\tMet een brief.\nI\tEn toen?\nR\tNiets.\n"
    transcript = read_text(tmp_path, text)
    assert turn_texts(transcript) == [
        ("I", "Hoe begon het?"), ("R", "Met een brief."), ("I", "En toen?"), ("R", "Niets.")
    ]
    assert [turn.start_time for turn in transcript.turns] == [5.0, 9.0, None, None]
