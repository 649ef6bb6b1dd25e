"""Interjections inside another speaker's turn become short turns of their own speaker at that point.

Two notations: noScribe's overlap ``//S02: Ist das herrlich. //`` (the closing ``//`` may be
missing at the end of a paragraph or be the opening of the next overlap) and a bracketed
back-channel ``[R: ja]``. The turn around it is split: its words before the interjection stay a turn of its
speaker, the interjection is a turn of the speaker it names (its words only, without marks or
label), and the words after it continue as a new turn of the first speaker. So no one's words are
attributed to someone else. A bracketed label counts only when it names a speaker who also has
turns of their own, so that ``[Noot: ...]`` or ``[Naam: geanonimiseerd]`` stay words; the ``//``
notation is explicit and counts for any label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.domain.transcript import ParsedTurn
from qualcode.importers.speaker_turns import LABEL

_OVERLAP_OPENING = re.compile(rf"//\s*{LABEL}\s*:\s*")
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
                before = _trimmed(text, position, found.start)
                if before is not None:
                    paragraphs.append(before)
                if paragraphs:
                    result.append(_turn(speaker, paragraphs, start_time))
                    paragraphs, start_time = [], None
                if found.words[0] < found.words[1]:
                    result.append(_turn(found.speaker, [found.words], None))
                position = found.end
            after = _trimmed(text, position, end)
            if after is not None:
                paragraphs.append(after)
        if paragraphs:
            result.append(_turn(speaker, paragraphs, start_time))
    return tuple(result)


@dataclass(frozen=True)
class _Interjection:
    """Where an interjection starts and ends (marks included), who speaks, and their words."""

    start: int
    end: int
    speaker: str
    words: tuple[int, int]


def _interjections(text: str, start: int, end: int, speakers: set[str]) -> list[_Interjection]:
    found = _overlaps(text, start, end)
    found += [
        _Interjection(match.start(), match.end(), match["label"], (match.start("words"), match.end("words")))
        for match in _BACKCHANNEL.finditer(text, start, end)
        if match["label"] in speakers and not any(o.start <= match.start() < o.end for o in found)
    ]
    return sorted(found, key=lambda interjection: interjection.start)


def _overlaps(text: str, start: int, end: int) -> list[_Interjection]:
    """noScribe's ``//S02: words //``; the words end at the closing ``//``, at the next opening
    (``//S00: ... //S02: ...//`` holds two) or at the end of the paragraph."""
    openings = list(_OVERLAP_OPENING.finditer(text, start, end))
    found = []
    for number, opening in enumerate(openings):
        limit = openings[number + 1].start() if number + 1 < len(openings) else end
        closing = text.find("//", opening.end(), limit)
        words_end, overlap_end = (closing, closing + 2) if closing >= 0 else (limit, limit)
        words = _trimmed(text, opening.end(), words_end) or (opening.end(), opening.end())
        found.append(_Interjection(opening.start(), overlap_end, opening["label"], words))
    return found


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _turn(speaker: str, paragraphs: list[tuple[int, int]], start_time: float | None) -> ParsedTurn:
    return ParsedTurn(speaker, paragraphs[0][0], paragraphs[-1][1], tuple(paragraphs), start_time)
