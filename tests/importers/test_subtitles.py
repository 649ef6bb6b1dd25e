"""WebVTT and SubRip transcripts: speakers, merged cues and start times."""

from __future__ import annotations

import codecs

import pytest

from qualcode.importers import TranscriptError, read_transcript
from tests.importers.transcript_spans import paragraph_texts, turn_texts

VTT = """WEBVTT

NOTE exported by a transcription service

1
00:00:01.500 --> 00:00:04.000
<v Eva Meijer>Fijn dat je tijd hebt.
Zullen we beginnen?

2
00:00:04.000 --> 00:00:06.000
<v Eva Meijer>Het gaat over samenwerking.</v>

3
00:01:02.250 --> 00:01:05.000
<v.loud Jan de Vries>Ja hoor, <i>prima</i> &amp; ga je gang.

4
00:01:05.000 --> 00:01:07.000
Dat kwam van boven.

5
00:01:07.000 --> 00:01:09.000
<v Eva Meijer>Van boven?
"""


def test_vtt_voice_tags_give_speakers_and_consecutive_cues_merge(tmp_path):
    path = tmp_path / "interview.vtt"
    path.write_text(VTT, encoding="utf-8")
    transcript = read_transcript(path)
    assert transcript.text == (
        "Eva Meijer: Fijn dat je tijd hebt. Zullen we beginnen? Het gaat over samenwerking.\n\n"
        "Jan de Vries: Ja hoor, prima & ga je gang. Dat kwam van boven.\n\n"
        "Eva Meijer: Van boven?"
    )
    assert turn_texts(transcript) == [
        ("Eva Meijer", "Fijn dat je tijd hebt. Zullen we beginnen? Het gaat over samenwerking."),
        ("Jan de Vries", "Ja hoor, prima & ga je gang. Dat kwam van boven."),
        ("Eva Meijer", "Van boven?"),
    ]
    assert paragraph_texts(transcript) == [[text] for _, text in turn_texts(transcript)]
    assert [turn.start_time for turn in transcript.turns] == [1.5, 62.25, 67.0]
    assert (transcript.source_format, transcript.interviewer_label) == ("vtt", "Eva Meijer")


def test_vtt_without_voice_tags_reads_name_prefixes(tmp_path):
    path = tmp_path / "zoom.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nEva: Hoe begon het?\n\n"
        "00:00:02.000 --> 00:00:03.000\nJan: Met een brief.\n\n"
        "00:00:03.000 --> 00:00:04.000\nJan: Van boven.\n\n"
        "00:00:04.000 --> 00:00:05.000\nEva: En toen?\n",
        encoding="utf-8",
    )
    transcript = read_transcript(path)
    assert turn_texts(transcript) == [
        ("Eva", "Hoe begon het?"), ("Jan", "Met een brief. Van boven."), ("Eva", "En toen?")
    ]
    assert [turn.start_time for turn in transcript.turns] == [1.0, 2.0, 4.0]


def test_srt_with_bom_name_prefixes_and_tags(tmp_path):
    srt = (
        "1\r\n00:00:01,000 --> 00:00:02,500\r\nSPEAKER 1: Hoe begon het?\r\n\r\n"
        "2\r\n00:00:03,000 --> 00:00:05,000\r\nSPEAKER 2: Met een brief\r\n<i>van de bestuurders.</i>\r\n\r\n"
        "3\r\n00:00:05,200 --> 00:00:06,000\r\nDie kwam onverwacht.\r\n\r\n"
        "4\r\n00:01:00,000 --> 00:01:02,000\r\nSPEAKER 1: Wat vond je daarvan?\r\n"
    )
    path = tmp_path / "interview.srt"
    path.write_bytes(codecs.BOM_UTF8 + srt.encode("utf-8"))
    transcript = read_transcript(path)
    assert transcript.text == (
        "SPEAKER 1: Hoe begon het?\n\n"
        "SPEAKER 2: Met een brief van de bestuurders. Die kwam onverwacht.\n\n"
        "SPEAKER 1: Wat vond je daarvan?"
    )
    assert turn_texts(transcript) == [
        ("SPEAKER 1", "Hoe begon het?"),
        ("SPEAKER 2", "Met een brief van de bestuurders. Die kwam onverwacht."),
        ("SPEAKER 1", "Wat vond je daarvan?"),
    ]
    assert [turn.start_time for turn in transcript.turns] == [1.0, 3.0, 60.0]
    assert (transcript.source_format, transcript.interviewer_label) == ("srt", "SPEAKER 1")


def test_srt_without_speakers_is_one_speaker(tmp_path):
    path = tmp_path / "interview.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHallo.\n\n2\n00:00:02,000 --> 00:00:03,000\nDaar.\n")
    transcript = read_transcript(path)
    assert turn_texts(transcript) == [("SPEAKER", "Hallo. Daar.")]
    assert transcript.turns[0].start_time == 1.0


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("kapot.vtt", "Dit is geen WebVTT.\n", "is not a valid WebVTT file"),
        (
            "kapot.srt",
            "1\n00:00:01,000 --> 00:00:02,000\nHallo.\n\nzomaar tekst\n",
            "is not a valid SubRip (.srt) file: cannot read the block 'zomaar tekst'",
        ),
        ("leeg.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Eva></v>\n", "has no subtitle cues with text"),
    ],
)
def test_malformed_subtitles_are_refused(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TranscriptError) as raised:
        read_transcript(path)
    assert raised.value.reason.startswith(reason)


def test_vtt_note_before_the_cues_is_a_header_with_the_case(tmp_path):
    path = tmp_path / "gesprek.vtt"
    path.write_text(
        "WEBVTT\n\nNOTE Respondent: R3\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Interviewer>Hoe gaat het?</v>\n\n"
        "2\n00:00:02.500 --> 00:00:04.000\n<v Dr. Jansen>Goed, dank u.</v>\n",
        encoding="utf-8",
    )
    transcript = read_transcript(path)
    assert transcript.case_label == "R3"
    assert transcript.metadata == {"respondent": "R3"}
    assert [transcript.text[t.start : t.end] for t in transcript.turns] == ["Hoe gaat het?", "Goed, dank u."]
