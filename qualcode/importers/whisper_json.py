"""Whisper and WhisperX JSON as a transcript: ``segments`` with ``start``, ``end``, ``text``, maybe ``speaker``.

Consecutive segments of one speaker make one turn whose time is the start of its first segment;
the stored text is laid out as for subtitles (``SPEAKER_00: words``, turns separated by a blank
line). Segments without a speaker are read like subtitle cues without a voice: a ``Name:`` at
their start names the speaker, else the speaker before goes on.
"""

from __future__ import annotations

import json
from pathlib import Path

from qualcode.domain.language import _
from qualcode.domain.transcript import ParsedTranscript
from qualcode.importers.errors import TranscriptError
from qualcode.importers.subtitles import turns_from_cues
from qualcode.importers.text_decoding import decode_text

_MAX_SPEAKER = 100


def whisper_transcript(data: bytes, path: Path) -> ParsedTranscript:
    """The turns of a Whisper/WhisperX ``.json`` file; anything else is refused with the reason."""
    try:
        document = json.loads(decode_text(data, path))
    except json.JSONDecodeError as error:
        raise TranscriptError(path, _("is not valid JSON: {msg} at line {line}").format(msg=error.msg, line=error.lineno)) from None
    except RecursionError:
        raise TranscriptError(path, _("is not a transcript: its JSON is nested too deeply")) from None
    segments = document.get("segments") if isinstance(document, dict) else None
    if not isinstance(segments, list):
        raise TranscriptError(path, _("is not a Whisper transcript: it has no list of 'segments'"))
    cues = []
    for number, segment in enumerate(segments, start=1):
        if not isinstance(segment, dict) or not isinstance(segment.get("text"), str):
            raise TranscriptError(path, _("segment {number} has no 'text'").format(number=number))
        start = segment.get("start")
        if isinstance(start, bool) or not isinstance(start, int | float) or not 0 <= start < 10**7:
            raise TranscriptError(path, _("segment {number} has no valid 'start' time in seconds").format(number=number))
        speaker = segment.get("speaker")
        if speaker is not None and (not isinstance(speaker, str) or not 0 < len(speaker.strip()) <= _MAX_SPEAKER):
            raise TranscriptError(path, _("segment {number} has a 'speaker' that is not a short text").format(number=number))
        text = " ".join(segment["text"].split())
        cues.append((" ".join(speaker.split()) if speaker else None, text, float(start)))
    transcript = turns_from_cues(cues, "json", path)
    return ParsedTranscript(
        transcript.text, transcript.turns, "json", layout="Whisper JSON: segments, one turn per speaker"
    )
