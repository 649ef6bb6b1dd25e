"""Interjections (noScribe's ``//S02: ... //``, ``[R: ja]``) become turns of their own speaker; inner times go."""

from __future__ import annotations

from tests.importers.transcript_spans import read_text


def _turns(transcript):
    return [(turn.speaker, "\n".join(transcript.text[a:b] for a, b in turn.paragraphs), turn.start_time)
            for turn in transcript.turns]


def test_noscribe_overlap_is_a_turn_of_its_speaker_at_that_point(tmp_path):
    text = (
        "S00: [00:00:01] Hoe was de eerste kennismaking?\n"
        "S01: [00:00:05] Die was in het voorjaar. //S02: In maart. // Ja, in maart, bij ons in de vergaderzaal.\n"
        "Daarna nog een keer.\n"
        "S00: [00:00:20] En toen?\n"
    )
    assert _turns(read_text(tmp_path, text)) == [
        ("S00", "Hoe was de eerste kennismaking?", 1.0),
        ("S01", "Die was in het voorjaar.", 5.0),
        ("S02", "In maart.", None),
        ("S01", "Ja, in maart, bij ons in de vergaderzaal.\nDaarna nog een keer.", None),
        ("S00", "En toen?", 20.0),
    ]


def test_bracketed_back_channel_of_a_known_speaker(tmp_path):
    text = (
        "I: Wat vond de vakgroep ervan?\n"
        "R: Eerst was er argwaan [I: hm-hm] en daarna nieuwsgierigheid. [Noot: naam weggelaten] Echt.\n"
        "I: Waarom argwaan? [R: tja]\n"
    )
    assert _turns(read_text(tmp_path, text)) == [
        ("I", "Wat vond de vakgroep ervan?", None),
        ("R", "Eerst was er argwaan", None),
        ("I", "hm-hm", None),
        ("R", "en daarna nieuwsgierigheid. [Noot: naam weggelaten] Echt.", None),
        ("I", "Waarom argwaan?", None),
        ("R", "tja", None),
    ]


def test_overlap_inside_a_vtt_cue(tmp_path):
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v S01>Dat was lastig //S00: Ja. // voor iedereen.\n\n"
        "00:00:06.000 --> 00:00:08.000\n<v S00>Waarom?\n"
    )
    transcript = read_text(tmp_path, text, name="overlap.vtt")
    assert _turns(transcript) == [
        ("S01", "Dat was lastig", 1.0), ("S00", "Ja.", None), ("S01", "voor iedereen.", None), ("S00", "Waarom?", 6.0)
    ]


def test_chained_overlaps_and_an_unclosed_one(tmp_path):
    text = (
        "S01: [00:04:20] Dus wie was er eerder? //S00: De anderen, denk ik. //S02: Dat klopt.//\n"
        "S00: [00:04:30] Nou ja, ik laat het //S01: maar rusten\n"
    )
    assert _turns(read_text(tmp_path, text)) == [
        ("S01", "Dus wie was er eerder?", 260.0),
        ("S00", "De anderen, denk ik.", None),
        ("S02", "Dat klopt.", None),
        ("S00", "Nou ja, ik laat het", 270.0),
        ("S01", "maar rusten", None),
    ]


def test_a_voice_that_starts_with_the_overlap_marks(tmp_path):
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v //S02>Ja, ja.\n"
    assert _turns(read_text(tmp_path, text, name="stem.vtt")) == [("S02", "Ja, ja.", 1.0)]


def test_a_time_inside_a_turn_is_in_no_paragraph(tmp_path):
    text = (
        "S00: [00:04:45] Dat was het begin. [00:05:49] Daarna ging het snel. [00:06:10]\n"
        "S01: [00:06:12] Hoe snel?\n"
    )
    transcript = read_text(tmp_path, text)
    assert [[transcript.text[a:b] for a, b in turn.paragraphs] for turn in transcript.turns] == [
        ["Dat was het begin.", "Daarna ging het snel."], ["Hoe snel?"]
    ]
    assert [turn.start_time for turn in transcript.turns] == [285.0, 372.0]
