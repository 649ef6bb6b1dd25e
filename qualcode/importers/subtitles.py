"""Subtitle files (.vtt, .srt) as transcripts: consecutive cues of one speaker merge into one turn.

The speaker of a cue line is its ``<v Name>`` voice tag, else a ``Name:`` prefix recognised as
in labelled text (see ``speaker_turns``; when two cue lines start with a name, as in Zoom's
transcripts, a name that starts only one counts too), else whoever spoke before (``SPEAKER`` at
the start).
The stored text has one block per turn, ``Name: cue text cue text``, blocks separated by a blank
line; the turn (its single paragraph) spans the text after ``Name: ``. Its start time is the
start of its first cue, in seconds.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pysrt
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from qualcode.domain.language import _
from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.importers.errors import TranscriptError
from qualcode.importers.header import read_header
from qualcode.importers.interjections import split_interjections
from qualcode.importers.speaker_turns import DEFAULT_SPEAKER, find_labels

# One line of cue text: its voice tag's name if any, its text without tags, its cue's start (s).
_CueLine = tuple[str | None, str, float]


def vtt_transcript(text: str, path: Path) -> ParsedTranscript:
    """Turns of a WebVTT file's text; ``NOTE`` blocks before the first cue such as
    ``NOTE Respondent: R3`` are read as a header (metadata and case)."""
    try:
        captions = webvtt.from_string(text)
    except (MalformedFileError, MalformedCaptionError) as error:
        raise TranscriptError(path, _("is not a valid WebVTT file: {error}").format(error=error)) from None
    lines = [
        (_voice(raw), html.unescape(plain), caption.start_time.in_milliseconds() / 1000)
        for caption in captions
        if caption.lines  # a cue cut off after its timing has none
        for raw, plain in zip(caption.lines, caption.text.split("\n"), strict=True)
    ]
    notes = [line for comment in captions.header_comments for line in comment.splitlines()]
    header = read_header([*notes, ""])
    return replace(turns_from_cues(lines, "vtt", path), metadata=header.metadata, case_label=header.case_label)


def srt_transcript(text: str, path: Path) -> ParsedTranscript:
    """Turns of a SubRip file's text (SubRip has no voice tags)."""
    try:
        items = pysrt.from_string(text, error_handling=pysrt.SubRipFile.ERROR_RAISE)
    except pysrt.Error as error:
        block = " ".join(str(error.args[-1]).split())[:60]
        raise TranscriptError(path, _("is not a valid SubRip (.srt) file: cannot read the block {block!r}").format(block=block)) from None
    lines = [
        (None, plain, item.start.ordinal / 1000) for item in items for plain in item.text_without_tags.split("\n")
    ]
    return turns_from_cues(lines, "srt", path)


def _voice(raw_line: str) -> str | None:
    voice = webvtt.Caption.VOICE_SPAN_PATTERN.match(raw_line.lstrip())
    # noScribe writes <v //S02> for a cue that an overlap ends: the speaker is S02.
    return " ".join(voice[1].lstrip("/").split()) or None if voice else None


def turns_from_cues(lines: list[_CueLine], source_format: str, path: Path) -> ParsedTranscript:
    """Cue lines (voice or None, words, start in seconds) as turns in a text laid out for reading."""
    turns: list[tuple[str, list[str], float]] = []
    for speaker, words, start_time in _spoken_lines(lines):
        if turns and turns[-1][0] == speaker:
            turns[-1][1].append(words)
        else:
            turns.append((speaker, [words], start_time))
    if not turns:
        raise TranscriptError(path, _("has no subtitle cues with text"))
    blocks: list[str] = []
    parsed: list[ParsedTurn] = []
    position = 0
    for speaker, texts, start_time in turns:
        content = unicodedata.normalize("NFC", " ".join(texts))
        start = position + len(speaker) + 2
        parsed.append(ParsedTurn(speaker, start, start + len(content), ((start, start + len(content)),), start_time))
        blocks.append(f"{speaker}: {content}")
        position += len(blocks[-1]) + 2
    if any(voice for voice, _, _ in lines):
        layout = "subtitles: voice tags (<v Name>)"
    elif any(speaker != DEFAULT_SPEAKER for speaker, _, _ in turns):
        layout = "subtitles: speaker label in the cues (Name: text)"
    else:
        layout = "subtitles without speakers: one turn"
    text = "\n\n".join(blocks)
    return ParsedTranscript(text, split_interjections(text, parsed), source_format, layout=layout)


def _spoken_lines(lines: list[_CueLine]) -> Iterable[tuple[str, str, float]]:
    """(speaker, words, start) per cue line with words; voices first, then ``Name:`` prefixes."""
    plains = [" ".join(plain.split()) for _, plain, _ in lines]
    # Zoom writes ``Name: words`` in every cue: there, a name that speaks once is still a speaker.
    named = sum(1 for label in find_labels(plains) if label is not None)
    labels = find_labels(plains, repeats=1 if named >= 2 else 2)
    speaker = DEFAULT_SPEAKER
    for (voice, _cue_text, start_time), plain, label in zip(lines, plains, labels, strict=True):
        if voice:
            speaker = unicodedata.normalize("NFC", voice)
        elif label is not None:
            speaker, plain = unicodedata.normalize("NFC", label.speaker), plain[label.content_start :]
        if plain:
            yield speaker, plain, start_time
