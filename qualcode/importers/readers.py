"""Read a transcript file into a ParsedTranscript, choosing the reader by the file's suffix."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from qualcode.domain.language import _
from qualcode.domain.transcript import ParsedTranscript
from qualcode.importers.errors import TranscriptError
from qualcode.importers.html_document import html_text
from qualcode.importers.interviewer_label import interviewer_guess
from qualcode.importers.labelled_transcript import parse_labelled_text
from qualcode.importers.normalised_text import normalise_text
from qualcode.importers.open_document import odt_text
from qualcode.importers.resource_limits import (
    LimitError,
    check_paragraphs,
    check_regular_file,
    check_text_length,
    read_regular_file,
)
from qualcode.importers.rich_text import rtf_text
from qualcode.importers.subtitles import srt_transcript, vtt_transcript
from qualcode.importers.text_decoding import decode_text
from qualcode.importers.transcript_layouts import LAYOUTS
from qualcode.importers.whisper_json import whisper_transcript
from qualcode.importers.word_document import docx_text

_TEXT_READERS: dict[str, Callable[[bytes, Path], str]] = {
    ".txt": decode_text,
    ".md": decode_text,
    ".docx": docx_text,
    ".odt": odt_text,
    ".rtf": rtf_text,
    ".html": html_text,
    ".htm": html_text,
}
_SUBTITLE_READERS: dict[str, Callable[[str, Path], ParsedTranscript]] = {
    ".vtt": vtt_transcript,
    ".srt": srt_transcript,
}
# Formats whose layout the format itself fixes: --layout does not apply to them.
_FIXED_LAYOUT_READERS: dict[str, Callable[[bytes, Path], ParsedTranscript]] = {".json": whisper_transcript}
SUPPORTED_SUFFIXES = (*_TEXT_READERS, *_SUBTITLE_READERS, *_FIXED_LAYOUT_READERS)

_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def read_transcript(path: Path, *, interviewer: str | None = None, layout: str | None = None) -> ParsedTranscript:
    """Read ``path``; ``interviewer`` names the interviewer's speaker label instead of guessing it,
    ``layout`` the layout of a text document (one of ``LAYOUTS``) instead of recognising it.

    Raises ``TranscriptError`` naming the file and the reason when it cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if layout is not None and layout not in LAYOUTS:
        raise TranscriptError(path, _("there is no layout {layout!r}; the layouts are: {layouts}").format(layout=layout, layouts=', '.join(LAYOUTS)))
    data = read_source_bytes(path)
    if suffix in _SUBTITLE_READERS:
        transcript = _SUBTITLE_READERS[suffix](_check_length(decode_text(data, path), path), path)
    elif suffix in _FIXED_LAYOUT_READERS:
        transcript = _FIXED_LAYOUT_READERS[suffix](data, path)
    else:
        text = normalise_text(_TEXT_READERS[suffix](data, path))
        _check_length(text, path)
        if not text:
            raise TranscriptError(path, _("contains no text"))
        if not _LETTER_OR_DIGIT.search(text):
            raise TranscriptError(path, _("has no recognisable text (no letters or digits)"))
        transcript = parse_labelled_text(text, suffix[1:], layout)
    try:
        check_paragraphs(sum(len(turn.paragraphs) for turn in transcript.turns))
    except LimitError as error:
        raise TranscriptError(path, str(error)) from None
    guess = interviewer_guess(transcript, interviewer, path)
    return replace(transcript, interviewer_label=guess.label, interviewer_evidence=guess.evidence)


def _check_length(text: str, path: Path) -> str:
    try:
        check_text_length(len(text))
    except LimitError as error:
        raise TranscriptError(path, str(error)) from None
    return text


def read_source_bytes(path: Path) -> bytes:
    """The bytes of a transcript file: a regular file of a supported kind, within the size limit."""
    path = Path(path)
    try:
        check_regular_file(path, what="transcript file")
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            kind = f"{suffix!r} files" if suffix else "files without a suffix"
            raise TranscriptError(path, _("qualcode cannot read {kind}; it reads {supported_suffixes}").format(kind=kind, supported_suffixes=', '.join(SUPPORTED_SUFFIXES)))
        data = read_regular_file(path, what="transcript file")
    except LimitError as error:
        raise TranscriptError(path, str(error)) from None
    except FileNotFoundError:
        raise TranscriptError(path, _("file not found")) from None
    except OSError as error:
        raise TranscriptError(path, _("cannot read it: {value}").format(value=error.strerror or error)) from None
    if not data:
        raise TranscriptError(path, _("the file is empty"))
    return data
