"""Transcripts in the layouts transcription tools write, recognised from the text in .txt, .docx, .odt, .rtf."""

from __future__ import annotations

import re

import docx
import pytest

from qualcode.importers import TranscriptError, read_transcript
from tests.importers import layout_samples as samples

_LEFTOVER = re.compile(r"\d:\d\d|#|\[|\]|Spreker|Speaker|^S0\d|^[IR]:", re.MULTILINE)


def _turns(transcript):
    return [(turn.speaker, "\n".join(transcript.text[a:b] for a, b in turn.paragraphs), turn.start_time)
            for turn in transcript.turns]


def _assert_clean(transcript):
    for turn in transcript.turns:
        for start, end in turn.paragraphs:
            assert not _LEFTOVER.search(transcript.text[start:end]), transcript.text[start:end]


@pytest.mark.parametrize(
    "writer", [samples.write_txt, samples.write_docx, samples.write_odt, samples.write_rtf],
    ids=["txt", "docx", "odt", "rtf"],
)
@pytest.mark.parametrize("name", list(samples.TEXT_SAMPLES))
def test_each_layout_gives_the_turns_speakers_times_and_interviewer(tmp_path, name, writer):
    text, interviewer, respondent, layout = samples.TEXT_SAMPLES[name]
    transcript = read_transcript(writer(tmp_path, text))
    assert _turns(transcript) == samples.expected(interviewer, respondent)
    assert transcript.layout == layout
    assert transcript.interviewer_label == interviewer
    _assert_clean(transcript)


def test_a_title_above_speaker_lines_stays_a_title(tmp_path):
    transcript = read_transcript(samples.write_txt(tmp_path, samples.OTTER))
    assert transcript.metadata == {"title": "Gesprek dermatologie Hoeveen"}


@pytest.mark.parametrize(
    "order",
    [("time", "speaker", "text"), ("speaker", "time", "text"), ("text", "speaker", "time"),
     ("speaker", "text", "time")],
)
@pytest.mark.parametrize("with_header", [True, False], ids=["header", "no-header"])
def test_docx_table_columns_in_any_order_with_or_without_a_header(tmp_path, order, with_header):
    header = tuple({"time": "Tijd", "speaker": "Spreker", "text": "Tekst"}[column] for column in order)
    path = samples.write_docx_table(tmp_path, samples.table_rows(order), header if with_header else None)
    transcript = read_transcript(path)
    expected = [(speaker, words.replace("\n", " "), time)
                for speaker, words, time in samples.expected("I", "R")]
    assert _turns(transcript) == expected
    assert transcript.layout == f"table rows: {', '.join(order)}"
    assert transcript.metadata == {"title": "Gesprek dermatologie Hoeveen"}
    assert transcript.interviewer_label == "I"
    _assert_clean(transcript)


def test_a_table_row_without_a_speaker_continues_the_turn_above(tmp_path):
    rows = samples.table_rows(("time", "speaker", "text"))
    rows.insert(2, ("", "", "Maar dat is een ander verhaal."))
    transcript = read_transcript(samples.write_docx_table(tmp_path, rows))
    assert [turn.speaker for turn in transcript.turns] == ["I", "R", "I", "R"]
    assert _turns(transcript)[1][1].endswith("Hoeveen iets konden doen.\nMaar dat is een ander verhaal.")


def test_table_rows_in_a_text_file_with_tabs(tmp_path):
    rows = samples.table_rows(("speaker", "time", "text"), "Interviewer", "Dr. Smits")
    text = "Spreker\tTijd\tTekst\n" + "\n".join("\t".join(row) for row in rows) + "\n"
    transcript = read_transcript(samples.write_txt(tmp_path, text))
    assert [(speaker, time) for speaker, _, time in _turns(transcript)] == [
        ("Interviewer", 1.0), ("Dr. Smits", 9.0), ("Interviewer", 31.0), ("Dr. Smits", 35.0)
    ]
    assert transcript.metadata == {}


@pytest.mark.parametrize(
    ("layout", "speakers"),
    [("speaker-lines", ["Interviewer", "Dr. Smits", "Interviewer", "Dr. Smits"]), ("labels", ["SPEAKER"])],
)
def test_the_researcher_names_the_layout(tmp_path, layout, speakers):
    # speaker lines without times are only read as such when the researcher says so
    text = (
        f"Interviewer\n{samples.QUESTION_1}\n\nDr. Smits\n{samples.ANSWER_1[0]}\n\n"
        f"Interviewer\n{samples.QUESTION_2}\n\nDr. Smits\n{samples.ANSWER_2[0]}\n"
    )
    path = samples.write_txt(tmp_path, text)
    assert [turn.speaker for turn in read_transcript(path).turns] == ["SPEAKER"]
    assert [turn.speaker for turn in read_transcript(path, layout=layout).turns] == speakers


def test_an_unknown_layout_is_refused(tmp_path):
    with pytest.raises(TranscriptError) as raised:
        read_transcript(samples.write_txt(tmp_path, samples.F4), layout="amberscript")
    assert raised.value.reason == "there is no layout 'amberscript'; the layouts are: labels, speaker-lines, table"


def test_f4_end_time_on_its_own_line_and_in_the_middle(tmp_path):
    text = (
        "I: Hoe begon het? #00:00:04-5#\n"
        "R: Met een brief #00:00:05-0# van de raad van bestuur.\n"
        "#00:00:12-3#\n"
    )
    transcript = read_transcript(samples.write_txt(tmp_path, text))
    assert _turns(transcript) == [
        ("I", "Hoe begon het?", 4.5),
        ("R", "Met een brief #00:00:05-0# van de raad van bestuur.", 12.3),
    ]


def test_hand_typed_text_with_a_time_and_a_name_is_not_a_speaker_line(tmp_path):
    text = "I: Wanneer was het overleg?\nR: Dat was op dinsdag.\nOm 10:30\nR: Iedereen was er.\n"
    assert [turn.speaker for turn in read_transcript(samples.write_txt(tmp_path, text)).turns] == ["I", "R", "R"]


def test_table_time_cells_may_be_spans(tmp_path):
    rows = [(f"{time} - 00:00:59", speaker, text) for time, speaker, text in samples.table_rows(
        ("time", "speaker", "text"), "Spreker 1", "Spreker 2")]
    transcript = read_transcript(samples.write_docx_table(tmp_path, rows, ("Tijdstempel", "Spreker", "Transcriptie")))
    assert [(turn.speaker, turn.start_time) for turn in transcript.turns] == [
        ("Spreker 1", 1.0), ("Spreker 2", 9.0), ("Spreker 1", 31.0), ("Spreker 2", 35.0)
    ]


def test_a_metadata_table_is_no_transcript_table(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for cell, value in zip(table.rows[0].cells, ("Datum", "12-03-2026", "10:00"), strict=True):
        cell.text = value
    for line in samples.F4.rstrip("\n").split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "interview.docx"
    document.save(path)
    transcript = read_transcript(path)
    assert [turn.speaker for turn in transcript.turns] == ["I", "R", "I", "R"]
