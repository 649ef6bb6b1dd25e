"""Replacing spans of a text by pseudonyms, and the exact map from old offsets to new ones."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Replacement:
    """The characters ``start``..``end`` of a text are to read ``pseudonym``."""

    start: int
    end: int
    pseudonym: str


@dataclass(frozen=True)
class PseudonymisedText:
    """A text after its replacements, with what is needed to move offsets into it.

    A replaced span is atomic: a span that starts or ends inside one grows to take all of it, so
    a coding's pseudonymised text is always the pseudonymisation of (at least) its original text.
    """

    text: str
    replacements: tuple[Replacement, ...]
    _new_starts: tuple[int, ...]
    _old_ends: tuple[int, ...]
    _old_starts: tuple[int, ...]

    def _shift(self, count: int) -> int:
        """How far the first ``count`` replacements moved what follows them."""
        if count == 0:
            return 0
        last = self.replacements[count - 1]
        return self._new_starts[count - 1] + len(last.pseudonym) - last.end

    def map_start(self, position: int) -> int:
        """Where a span starting at ``position`` starts in the new text."""
        inside = bisect_right(self._old_starts, position) - 1
        if inside >= 0 and self.replacements[inside].start < position < self.replacements[inside].end:
            return self._new_starts[inside]
        return position + self._shift(bisect_right(self._old_ends, position))

    def map_end(self, position: int) -> int:
        """Where a span ending at ``position`` ends in the new text."""
        inside = bisect_left(self._old_ends, position)
        if inside < len(self.replacements) and self.replacements[inside].start < position < self.replacements[inside].end:
            return self._new_starts[inside] + len(self.replacements[inside].pseudonym)
        return position + self._shift(bisect_right(self._old_ends, position))

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        """The new offsets of the span ``start``..``end`` (an empty span stays empty)."""
        if start == end:
            new = self.map_start(start)
            return new, new
        return self.map_start(start), self.map_end(end)


def pseudonymise(text: str, replacements: Sequence[Replacement]) -> PseudonymisedText:
    """``text`` with every replacement made; the replacements must lie in the text and not overlap."""
    ordered = sorted(replacements)
    pieces: list[str] = []
    new_starts: list[int] = []
    position = 0
    length = 0
    for replacement in ordered:
        if not 0 <= replacement.start < replacement.end <= len(text):
            raise ValueError(f"replacement {replacement.start}..{replacement.end} is not a span of the text")
        if replacement.start < position:
            raise ValueError(f"replacement {replacement.start}..{replacement.end} overlaps the one before it")
        pieces.append(text[position:replacement.start])
        length += replacement.start - position
        new_starts.append(length)
        pieces.append(replacement.pseudonym)
        length += len(replacement.pseudonym)
        position = replacement.end
    pieces.append(text[position:])
    return PseudonymisedText(
        text="".join(pieces),
        replacements=tuple(ordered),
        _new_starts=tuple(new_starts),
        _old_ends=tuple(r.end for r in ordered),
        _old_starts=tuple(r.start for r in ordered),
    )
