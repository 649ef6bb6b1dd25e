"""A normalised transcript text to a ParsedTranscript: its header block, then its speaker turns."""

from __future__ import annotations

from qualcode.domain.transcript import ParsedTranscript
from qualcode.importers.header import read_header
from qualcode.importers.speaker_turns import find_turns


def parse_labelled_text(text: str, source_format: str) -> ParsedTranscript:
    """Header metadata and turns of ``text``, which ``normalise_text`` produced; no interviewer yet."""
    lines = text.split("\n")
    header = read_header(lines)
    turns = find_turns(lines, header.line_count)
    return ParsedTranscript(text, turns, source_format, header.metadata, case_label=header.case_label)
