"""Read a ParsedTranscript back as text: what each turn and paragraph span covers."""

from __future__ import annotations

from pathlib import Path

from qualcode.domain.transcript import ParsedTranscript
from qualcode.importers import read_transcript


def turn_texts(transcript: ParsedTranscript) -> list[tuple[str, str]]:
    return [(turn.speaker, transcript.text[turn.start : turn.end]) for turn in transcript.turns]


def paragraph_texts(transcript: ParsedTranscript) -> list[list[str]]:
    return [[transcript.text[start:end] for start, end in turn.paragraphs] for turn in transcript.turns]


def read_text(tmp_path: Path, text: str, name: str = "interview.txt", **options) -> ParsedTranscript:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_transcript(path, **options)
