"""Plain-text transcripts: encodings, line ends and normalisation of the stored text."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from qualcode.importers import read_transcript
from tests.importers.transcript_spans import turn_texts

DUTCH = "I: Hoe gaat het met de coöperatie?\nR: Nou, één ding: het café – ‘zo’ zeggen we – kost €5.\n"
EXPECTED_TURNS = [
    ("I", "Hoe gaat het met de coöperatie?"),
    ("R", "Nou, één ding: het café – ‘zo’ zeggen we – kost €5."),
]


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("cp1252"), id="cp1252-crlf"),
        pytest.param(lambda text: text.encode("cp1252"), id="cp1252-lf"),
        pytest.param(lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"), id="utf8-bom-crlf"),
        pytest.param(lambda text: text.replace("\n", "\r").encode("utf-8"), id="utf8-cr"),
        pytest.param(lambda text: text.encode("utf-16"), id="utf16-bom"),
        pytest.param(lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), id="utf16-be-bom"),
    ],
)
def test_encodings_and_line_ends(tmp_path, encode):
    path = tmp_path / "interview.txt"
    path.write_bytes(encode(DUTCH))
    transcript = read_transcript(path)
    assert transcript.text == DUTCH.rstrip("\n")
    assert turn_texts(transcript) == EXPECTED_TURNS
    assert transcript.source_format == "txt"


def test_short_windows_1252_line_is_not_taken_for_another_code_page(tmp_path):
    path = tmp_path / "kort.txt"
    path.write_bytes("café, één, coöperatie, ‘zo’ – €".encode("cp1252"))
    assert read_transcript(path).text == "café, één, coöperatie, ‘zo’ – €"


def test_invisible_control_characters_are_dropped(tmp_path):
    path = tmp_path / "dos.txt"
    path.write_bytes("I: Één vraag?\x07\r\nR: Ja.\r\n\x1a".encode("cp1252"))
    transcript = read_transcript(path)
    assert transcript.text == "I: Één vraag?\nR: Ja."
    assert turn_texts(transcript) == [("I", "Één vraag?"), ("R", "Ja.")]


def test_stored_text_is_nfc_with_trailing_whitespace_trimmed(tmp_path):
    path = tmp_path / "interview.txt"
    decomposed = unicodedata.normalize("NFD", "\n\nI: Coöperatie?   \nR: Één ding.\t\n\n\n")
    path.write_text(decomposed, encoding="utf-8")
    transcript = read_transcript(path)
    assert transcript.text == "I: Coöperatie?\nR: Één ding."
    assert unicodedata.is_normalized("NFC", transcript.text)
    assert turn_texts(transcript) == [("I", "Coöperatie?"), ("R", "Één ding.")]


def test_markdown_is_kept_as_written(tmp_path):
    path = tmp_path / "interview.md"
    path.write_text("# Interview 2\n\n**I:** Wat vond u *echt* lastig?\n\n**R:** _Het geld._\n", encoding="utf-8")
    transcript = read_transcript(path)
    assert transcript.text == "# Interview 2\n\n**I:** Wat vond u *echt* lastig?\n\n**R:** _Het geld._"
    assert transcript.metadata == {"title": "Interview 2"}
    assert turn_texts(transcript) == [("I", "Wat vond u *echt* lastig?"), ("R", "_Het geld._")]
