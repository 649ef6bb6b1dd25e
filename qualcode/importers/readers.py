"""Read a transcript file into a ParsedTranscript, choosing the reader by the file's suffix."""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from qualcode.domain.transcript import ParsedTranscript
from qualcode.importers.errors import TranscriptError
from qualcode.importers.html_document import html_text
from qualcode.importers.interviewer_label import interviewer_guess
from qualcode.importers.labelled_transcript import parse_labelled_text
from qualcode.importers.normalised_text import normalise_text
from qualcode.importers.open_document import odt_text
from qualcode.importers.rich_text import rtf_text
from qualcode.importers.subtitles import srt_transcript, vtt_transcript
from qualcode.importers.text_decoding import decode_text
from qualcode.importers.transcript_layouts import LAYOUTS
from qualcode.importers.whisper_json import whisper_transcript
from qualcode.importers.word_document import docx_text

# Larger files are refused: a two-hour interview is well under 1 MB of text, 20 MB gives
# room for a .docx with embedded images.
MAX_FILE_BYTES = 20 * 1024 * 1024

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
        raise TranscriptError(path, f"there is no layout {layout!r}; the layouts are: {', '.join(LAYOUTS)}")
    data = _read_bytes(path, suffix)
    if suffix in _SUBTITLE_READERS:
        transcript = _SUBTITLE_READERS[suffix](decode_text(data, path), path)
    elif suffix in _FIXED_LAYOUT_READERS:
        transcript = _FIXED_LAYOUT_READERS[suffix](data, path)
    else:
        text = normalise_text(_TEXT_READERS[suffix](data, path))
        if not text:
            raise TranscriptError(path, "contains no text")
        if not _LETTER_OR_DIGIT.search(text):
            raise TranscriptError(path, "has no recognisable text (no letters or digits)")
        transcript = parse_labelled_text(text, suffix[1:], layout)
    guess = interviewer_guess(transcript, interviewer, path)
    return replace(transcript, interviewer_label=guess.label, interviewer_evidence=guess.evidence)


def _read_bytes(path: Path, suffix: str) -> bytes:
    try:
        status = path.stat()
    except FileNotFoundError:
        raise TranscriptError(path, "file not found") from None
    except OSError as error:
        raise TranscriptError(path, f"cannot read it: {error.strerror or error}") from None
    if stat.S_ISDIR(status.st_mode):
        raise TranscriptError(path, "is a folder, not a transcript file")
    if not stat.S_ISREG(status.st_mode):
        raise TranscriptError(path, "is not a regular file")
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"{suffix!r} files" if suffix else "files without a suffix"
        raise TranscriptError(path, f"qualcode cannot read {kind}; it reads {', '.join(SUPPORTED_SUFFIXES)}")
    if status.st_size > MAX_FILE_BYTES:
        raise TranscriptError(path, f"is {status.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise TranscriptError(path, f"cannot read it: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise TranscriptError(path, f"is over the limit of {MAX_FILE_BYTES:,} bytes")
    if not data:
        raise TranscriptError(path, "the file is empty")
    return data
