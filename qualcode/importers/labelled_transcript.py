"""A normalised transcript text to a ParsedTranscript: its header block, then its speaker turns."""

from __future__ import annotations

from qualcode.domain.transcript import ParsedTranscript
from qualcode.importers.header import read_header
from qualcode.importers.inline_times import split_at_inline_times
from qualcode.importers.interjections import split_interjections
from qualcode.importers.transcript_layouts import lay_out


def parse_labelled_text(text: str, source_format: str, layout: str | None = None) -> ParsedTranscript:
    """Header metadata and turns of ``text``, which ``normalise_text`` produced; no interviewer yet.
    Interjections (``//S02: ja //``, ``[R: ja]``) become turns of their own speaker; times inside a
    turn (``[00:05:49]``) are left out of its paragraphs.

    ``layout`` names one of ``transcript_layouts.LAYOUTS`` instead of recognising it.
    """
    lines = text.split("\n")
    header = read_header(lines)
    laid_out = lay_out(lines, header.line_count, layout)
    return ParsedTranscript(
        text, split_at_inline_times(text, split_interjections(text, laid_out.turns)), source_format, header.metadata,
        case_label=header.case_label, layout=laid_out.layout,
    )
