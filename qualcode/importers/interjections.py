"""Interjections inside another speaker's turn become short turns of their own speaker at that point.

Two notations: noScribe's overlap ``//S02: Ist das herrlich. //`` and a bracketed back-channel
``[R: ja]``. The turn around it is split: its words before the interjection stay a turn of its
speaker, the interjection is a turn of the speaker it names (its words only, without marks or
label), and the words after it continue as a new turn of the first speaker. So no one's words are
attributed to someone else. A bracketed label counts only when it names a speaker who also has
turns of their own, so that ``[Noot: ...]`` or ``[Naam: geanonimiseerd]`` stay words; the ``//``
notation is explicit and counts for any label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qualcode.domain.transcript import ParsedTurn
from qualcode.importers.speaker_turns import LABEL

_OVERLAP = re.compile(rf"//\s*{LABEL}\s*:\s*(?P<words>.*?)\s*//")
_BACKCHANNEL = re.compile(rf"\[\s*{LABEL}\s*:\s*(?P<words>[^\[\]\n]{{1,200}}?)\s*\]")


def split_interjections(text: str, turns: Sequence[ParsedTurn]) -> tuple[ParsedTurn, ...]:
    """``turns`` with every interjection inside a paragraph made a turn of its own speaker."""
    speakers = {turn.speaker for turn in turns}
    result: list[ParsedTurn] = []
    for turn in turns:
        speaker, start_time, paragraphs = turn.speaker, turn.start_time, []
        for start, end in turn.paragraphs:
            position = start
            for found in _interjections(text, start, end, speakers):
                before = _trimmed(text, position, found.start())
                if before is not None:
                    paragraphs.append(before)
                if paragraphs:
                    result.append(_turn(speaker, paragraphs, start_time))
                    paragraphs, start_time = [], None
                words = (found.start("words"), found.end("words"))
                if words[0] < words[1]:
                    result.append(_turn(found["label"], [words], None))
                position = found.end()
            after = _trimmed(text, position, end)
            if after is not None:
                paragraphs.append(after)
        if paragraphs:
            result.append(_turn(speaker, paragraphs, start_time))
    return tuple(result)


def _interjections(text: str, start: int, end: int, speakers: set[str]) -> list[re.Match[str]]:
    found = [match for match in _OVERLAP.finditer(text, start, end)]
    found += [
        match for match in _BACKCHANNEL.finditer(text, start, end)
        if match["label"] in speakers and not any(o.start() <= match.start() < o.end() for o in found)
    ]
    return sorted(found, key=lambda match: match.start())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _turn(speaker: str, paragraphs: list[tuple[int, int]], start_time: float | None) -> ParsedTurn:
    return ParsedTurn(speaker, paragraphs[0][0], paragraphs[-1][1], tuple(paragraphs), start_time)
