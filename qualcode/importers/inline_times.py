"""Times inside a turn (noScribe writes ``... die Oma. [00:05:49] Dann ...``) are left out of its paragraphs.

A bracketed ``[hh:mm:ss]`` within a paragraph splits it in two: the words before and after it
stay paragraphs of the same turn, the time itself is in none. The turn keeps its own time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from qualcode.domain.transcript import ParsedTurn
from qualcode.importers.turn_times import HOURS_CLOCK

_INLINE_TIME = re.compile(rf"\s*\[{HOURS_CLOCK}\]\s*")


def split_at_inline_times(text: str, turns: Sequence[ParsedTurn]) -> tuple[ParsedTurn, ...]:
    """``turns`` whose paragraphs no longer hold a bracketed time."""
    result = []
    for turn in turns:
        paragraphs = [piece for start, end in turn.paragraphs for piece in _pieces(text, start, end)]
        if paragraphs:
            result.append(replace(turn, start=paragraphs[0][0], end=paragraphs[-1][1], paragraphs=tuple(paragraphs)))
    return tuple(result)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces, position = [], start
    for match in _INLINE_TIME.finditer(text, start, end):
        if position < match.start():
            pieces.append((position, match.start()))
        position = match.end()
    if position < end:
        pieces.append((position, end))
    return pieces
