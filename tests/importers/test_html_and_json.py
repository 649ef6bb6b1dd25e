"""HTML transcripts (noScribe, Google Docs, Word's web page), Whisper JSON and Zoom's names inside cues."""

from __future__ import annotations

import json

import pytest

from qualcode.importers import TranscriptError, read_transcript
from tests.importers import layout_samples as samples

NOSCRIBE_HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Gesprek</title>
<style>p {{ margin: 0 }} .ts {{ color: #78909C }}</style>
<script>document.write("S09: niet voorlezen")</script></head>
<body>
<p><b>Gesprek dermatologie Hoeveen</b></p>
<p><a name="ts_1000_S00"><span class="ts">S00:</span> [00:00:01] {samples.QUESTION_1}</a></p>
<p><a name="ts_9000_S01"><span class="ts">S01:</span> [00:00:09] {samples.ANSWER_1[0]}<br>
{samples.ANSWER_1[1]}</a></p>
<!-- S02: een opmerking die niemand zei -->
<p><a name="ts_31000_S00"><span class="ts">S00:</span> [00:00:31] {samples.QUESTION_2}</a></p>
<p><a name="ts_35000_S01"><span class="ts">S01:</span> [00:00:35] {samples.ANSWER_2[0].replace("?", "&#63;")}</a></p>
<noscript>S09: ook niet</noscript>
<img src="https://example.org/track.png">
</body></html>
"""


def _turns(transcript):
    return [(turn.speaker, "\n".join(transcript.text[a:b] for a, b in turn.paragraphs), turn.start_time)
            for turn in transcript.turns]


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_noscribe_html(tmp_path, suffix):
    path = tmp_path / f"gesprek{suffix}"
    path.write_text(NOSCRIBE_HTML, encoding="utf-8")
    transcript = read_transcript(path)
    assert _turns(transcript) == samples.expected("S00", "S01")
    assert transcript.metadata == {"title": "Gesprek dermatologie Hoeveen"}
    assert "S09" not in transcript.text and "S02" not in transcript.text and "color" not in transcript.text
    assert transcript.interviewer_label == "S00"


def test_html_table_of_turns_like_a_docx_table(tmp_path):
    rows = "".join(
        f"<tr><td>{time}</td><td>{speaker}</td><td><p>{text}</p></td></tr>"
        for time, speaker, text in samples.table_rows(("time", "speaker", "text"))
    )
    path = tmp_path / "tabel.html"
    path.write_text(f"<html><body><table><tr><th>Tijd</th><th>Spreker</th><th>Tekst</th></tr>{rows}</table>"
                    "</body></html>", encoding="utf-8")
    transcript = read_transcript(path)
    assert [(turn.speaker, turn.start_time) for turn in transcript.turns] == [
        ("I", 1.0), ("R", 9.0), ("I", 31.0), ("R", 35.0)
    ]
    assert transcript.layout == "table rows: time, speaker, text"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<html><body><p>   </p><script>x()</script></body></html>", "contains no text"),
        (b"<div>" * 4_000 + b"R: Diep.", None),
        (b"<div>" * 100_000 + b"R: Diep.", "nests its HTML elements 100,000 deep, over the limit of 5,000 (raise it with QUALCODE_MAX_HTML_DEPTH)"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><p>I: &b;&b;</p>', None),
    ],
    ids=["only-a-script", "nested", "too-deeply-nested", "entity-definitions"],
)
def test_hostile_or_empty_html(tmp_path, content, reason):
    path = tmp_path / "vreemd.html"
    path.write_bytes(content)
    if reason is None:
        transcript = read_transcript(path)
        assert len(transcript.text) < 100  # nothing was expanded or repeated
    else:
        with pytest.raises(TranscriptError) as raised:
            read_transcript(path)
        assert raised.value.reason == reason


WHISPERX = {
    "segments": [
        {"start": 1.02, "end": 8.5, "text": f" {samples.QUESTION_1}", "speaker": "SPEAKER_01"},
        {"start": 9.0, "end": 18.1, "text": f" {samples.ANSWER_1[0]}", "speaker": "SPEAKER_00"},
        {"start": 18.4, "end": 29.9, "text": f" {samples.ANSWER_1[1]}", "speaker": "SPEAKER_00"},
        {"start": 31.0, "end": 34.0, "text": f" {samples.QUESTION_2}", "speaker": "SPEAKER_01"},
        {"start": 35.0, "end": 41.0, "text": f" {samples.ANSWER_2[0]}", "speaker": "SPEAKER_00",
         "words": [{"word": "Eerst", "start": 35.0}]},
    ],
    "language": "nl",
}


def test_whisperx_json_joins_consecutive_segments_of_a_speaker(tmp_path):
    path = tmp_path / "gesprek.json"
    path.write_text(json.dumps(WHISPERX), encoding="utf-8")
    transcript = read_transcript(path)
    assert [(turn.speaker, transcript.text[turn.start : turn.end], turn.start_time)
            for turn in transcript.turns] == [
        ("SPEAKER_01", samples.QUESTION_1, 1.02),
        ("SPEAKER_00", " ".join(samples.ANSWER_1), 9.0),
        ("SPEAKER_01", samples.QUESTION_2, 31.0),
        ("SPEAKER_00", samples.ANSWER_2[0], 35.0),
    ]
    assert transcript.interviewer_label == "SPEAKER_01"
    assert transcript.layout == "Whisper JSON: segments, one turn per speaker"


def test_whisper_json_without_speakers_is_one_turn(tmp_path):
    path = tmp_path / "gesprek.json"
    segments = [{"start": 0, "end": 2, "text": "Goedemorgen."}, {"start": 2, "end": 4, "text": "Daar gaan we."}]
    path.write_text(json.dumps({"text": "...", "segments": segments}), encoding="utf-8")
    transcript = read_transcript(path)
    assert [(turn.speaker, transcript.text[turn.start : turn.end]) for turn in transcript.turns] == [
        ("SPEAKER", "Goedemorgen. Daar gaan we.")
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{", "is not valid JSON: Expecting property name enclosed in double quotes at line 1"),
        ("[1, 2]", "is not a Whisper transcript: it has no list of 'segments'"),
        ('{"segments": {"start": 1}}', "is not a Whisper transcript: it has no list of 'segments'"),
        ('{"segments": [{"start": 1}]}', "segment 1 has no 'text'"),
        ('{"segments": [{"start": "1", "text": "Ja."}]}', "segment 1 has no valid 'start' time in seconds"),
        ('{"segments": [{"start": -1, "text": "Ja."}]}', "segment 1 has no valid 'start' time in seconds"),
        ('{"segments": [{"start": NaN, "text": "Ja."}]}', "segment 1 has no valid 'start' time in seconds"),
        ('{"segments": [{"start": true, "text": "Ja."}]}', "segment 1 has no valid 'start' time in seconds"),
        ('{"segments": [{"start": 1, "text": "Ja.", "speaker": 7}]}',
         "segment 1 has a 'speaker' that is not a short text"),
        ('{"segments": []}', "has no subtitle cues with text"),
        ("[" * 100_000 + "]" * 100_000, "is not a transcript: its JSON is nested too deeply"),
    ],
    ids=["truncated", "a-list", "segments-not-a-list", "no-text", "start-a-string", "start-negative",
         "start-nan", "start-boolean", "speaker-a-number", "no-segments", "nested"],
)
def test_bad_whisper_json_is_refused_with_the_reason(tmp_path, content, reason):
    path = tmp_path / "gesprek.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TranscriptError) as raised:
        read_transcript(path)
    assert raised.value.reason == reason


ZOOM_VTT = f"""WEBVTT

1
00:00:01.000 --> 00:00:08.000
Anouk de Wit: {samples.QUESTION_1}

2
00:00:09.000 --> 00:00:18.000
Petra Smits: {samples.ANSWER_1[0]}

3
00:00:18.500 --> 00:00:30.000
Petra Smits: {samples.ANSWER_1[1]}

4
00:00:31.000 --> 00:00:34.000
Anouk de Wit: {samples.QUESTION_2}

5
00:00:35.000 --> 00:00:41.000
Kees Bos: {samples.ANSWER_2[0]}
"""


def test_zoom_vtt_names_in_the_cues_even_a_name_that_speaks_once(tmp_path):
    path = tmp_path / "zoom.vtt"
    path.write_text(ZOOM_VTT, encoding="utf-8")
    transcript = read_transcript(path)
    assert [(turn.speaker, transcript.text[turn.start : turn.end], turn.start_time)
            for turn in transcript.turns] == [
        ("Anouk de Wit", samples.QUESTION_1, 1.0),
        ("Petra Smits", " ".join(samples.ANSWER_1), 9.0),
        ("Anouk de Wit", samples.QUESTION_2, 31.0),
        ("Kees Bos", samples.ANSWER_2[0], 35.0),
    ]
    assert transcript.interviewer_label == "Anouk de Wit"
    assert transcript.layout == "subtitles: speaker label in the cues (Name: text)"


def test_noscribe_vtt_voice_tags(tmp_path):
    path = tmp_path / "noscribe.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:08.000\n<v S00>Ik begin maar gewoon te vertellen.\n\n"
        f"00:00:09.000 --> 00:00:12.000\n<v S01>{samples.QUESTION_2}\n\n"
        "00:00:13.000 --> 00:00:20.000\n<v S00>Eerst was er argwaan, daarna vooral nieuwsgierigheid naar elkaar.\n\n"
        "00:00:21.000 --> 00:00:23.000\n<v S01>Waarom argwaan?\n",
        encoding="utf-8",
    )
    transcript = read_transcript(path)
    assert [turn.speaker for turn in transcript.turns] == ["S00", "S01", "S00", "S01"]
    assert transcript.interviewer_label == "S01"
