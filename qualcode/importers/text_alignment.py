"""Align an old text with its corrected version and carry spans (start, end) from one to the other.

The alignment is rapidfuzz's ``Indel.opcodes`` (insertions and deletions: the longest common
subsequence) in three passes: over the lines, to find the lines both texts share (long lines that
occur once in each), then over the words between those lines, then over the characters between
shared words. On a 50,000-word interview that takes milliseconds, where one character alignment of
the whole text takes seconds (``uv run python bench/text_alignment.py`` prints both), and whole words
are kept together where a character alignment would match a "." with any other "."

A span's start follows the character it starts with and its end the character it ends with, so text
inserted just before or just after a span stays outside it and text inserted inside it is inside;
characters replaced at a span's edge (a deletion next to an insertion) are replaced inside it.
Where the alignment is ambiguous (a word inserted next to the same word), the span's own text is
looked for near where it landed, so that an edit beside a span does not change what the span holds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import count
from typing import Literal

from rapidfuzz.distance import Indel

ANCHOR_LENGTH = 20
"""Lines shorter than this are aligned by their words and characters, never matched whole."""

SpanStatus = Literal["unchanged", "moved", "text changed", "unplaced"]
"""unchanged: same place, same text; moved: same text elsewhere; text changed: edited inside;
unplaced: every character of it was deleted."""


@dataclass(frozen=True)
class Opcode:
    """``old[old_start:old_end]`` became ``new[new_start:new_end]``; tag: equal, insert or delete."""

    tag: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int


@dataclass(frozen=True)
class PlacedSpan:
    """Where a span of the old text lands in the new one (start == end when unplaced)."""

    start: int
    end: int
    status: SpanStatus


class Alignment:
    """The character alignment of two texts, for mapping any number of spans."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self.opcodes = _character_opcodes(old, new)
        # Indices of the opcodes that cover old characters (not pure insertions), by where they start.
        self._covering = [index for index, op in enumerate(self.opcodes) if op.old_end > op.old_start]
        self._covering_starts = [self.opcodes[index].old_start for index in self._covering]

    def _covering_index(self, old_index: int) -> int:
        return self._covering[bisect_right(self._covering_starts, old_index) - 1]

    def _new_start(self, start: int) -> int:
        index = self._covering_index(start)
        op = self.opcodes[index]
        if op.tag == "equal":
            return op.new_start + (start - op.old_start)
        # A deletion right after an insertion is a replacement: the span starts with what replaced it.
        previous = self.opcodes[index - 1] if index else None
        return previous.new_start if previous is not None and previous.tag == "insert" else op.new_start

    def _new_end(self, end: int) -> int:
        index = self._covering_index(end - 1)
        op = self.opcodes[index]
        if op.tag == "equal":
            return op.new_start + (end - op.old_start)
        following = self.opcodes[index + 1] if index + 1 < len(self.opcodes) else None
        return following.new_end if following is not None and following.tag == "insert" else op.new_start

    def place(self, start: int, end: int) -> PlacedSpan:
        """Where ``old[start:end]`` (start < end) lands in the new text, and what happened to it."""
        if not 0 <= start < end <= len(self.old):
            raise ValueError(f"span {start}:{end} is not inside the old text of {len(self.old)} characters")
        wanted = self.old[start:end]
        new_start, new_end = self._new_start(start), max(self._new_start(start), self._new_end(end))
        if self.new[new_start:new_end] == wanted:
            return PlacedSpan(new_start, new_end, "unchanged" if (new_start, new_end) == (start, end) else "moved")
        found = self._nearby(wanted, new_start, new_end)
        if found is not None:
            return PlacedSpan(found, found + len(wanted), "unchanged" if found == start else "moved")
        return PlacedSpan(new_start, new_end, "text changed" if new_end > new_start else "unplaced")

    def _nearby(self, wanted: str, new_start: int, new_end: int) -> int | None:
        """The occurrence of ``wanted`` nearest to ``new_start`` within twice its length and the edits
        that touch it of where it landed: the same text on the other side of an ambiguous edit."""
        touching = [op for op in self.opcodes if op.tag != "equal"
                    and op.new_start <= new_end and op.new_end >= new_start]
        if not touching:
            return None
        edited = sum(max(op.old_end - op.old_start, op.new_end - op.new_start) for op in touching)
        reach = 2 * (len(wanted) + edited)
        low, high = max(0, new_start - reach), min(len(self.new), new_end + reach)
        candidates = []
        position = self.new.find(wanted, low, high)
        while position != -1:
            candidates.append(position)
            position = self.new.find(wanted, position + 1, high)
        return min(candidates, key=lambda found: abs(found - new_start)) if candidates else None


def _character_opcodes(old: str, new: str) -> list[Opcode]:
    """Character opcodes for the whole texts, refined level by level: lines, words, characters."""
    opcodes: list[Opcode] = []
    _align(old, new, 0, 0, 0, opcodes)
    return opcodes


def _align(old: str, new: str, old_from: int, new_from: int, level: int, opcodes: list[Opcode]) -> None:
    """Append the opcodes of ``old`` against ``new`` (which start at ``old_from`` and ``new_from`` in
    the whole texts): the units of this level both share are equal, what lies between them is
    aligned at the next level, and the characters last."""
    if level == len(_LEVELS):
        for op in Indel.opcodes(old, new):
            if op.tag != "equal" or op.src_end > op.src_start:
                opcodes.append(Opcode(op.tag, old_from + op.src_start, old_from + op.src_end,
                                      new_from + op.dest_start, new_from + op.dest_end))
        return
    old_units, new_units = _LEVELS[level](old), _LEVELS[level](new)
    old_offsets, new_offsets = _offsets(old_units), _offsets(new_units)
    old_tokens, new_tokens = _anchor_tokens(old_units, new_units) if level == 0 else (old_units, new_units)
    gap_old = gap_new = 0  # where the units since the last shared one start
    for op in [*Indel.opcodes(old_tokens, new_tokens), None]:
        if op is not None and op.tag != "equal":
            continue
        old_start, new_start = (old_offsets[op.src_start], new_offsets[op.dest_start]) if op is not None \
            else (len(old), len(new))
        if old_start > gap_old or new_start > gap_new:
            _align(old[gap_old:old_start], new[gap_new:new_start], old_from + gap_old, new_from + gap_new,
                   level + 1, opcodes)
        if op is not None:
            gap_old, gap_new = old_offsets[op.src_end], new_offsets[op.dest_end]
            opcodes.append(Opcode("equal", old_from + old_start, old_from + gap_old,
                                  new_from + new_start, new_from + gap_new))


_WORD = re.compile(r"\w+[^\w\s]*|[^\w\s]+|\s+")
_LEVELS = (lambda text: text.splitlines(keepends=True), _WORD.findall)
"""How a text splits into units at each level but the last (characters): lines, then words (with the
punctuation after them, so that a "." only matches a "." after the same word), other punctuation and
the spaces between."""


def _anchor_tokens(old_lines: list[str], new_lines: list[str]) -> tuple[list[int], list[int]]:
    """The lines as numbers for the line pass: a line that occurs once in each text and is at least
    ANCHOR_LENGTH long gets one number in both; every other line a number of its own, so that blank
    lines and short answers ("Ja.") never pin the alignment and are aligned character by character."""
    old_counts, new_counts = Counter(old_lines), Counter(new_lines)
    anchors = {line: number for number, line in enumerate(
        line for line in old_counts
        if old_counts[line] == 1 and new_counts[line] == 1 and len(line) >= ANCHOR_LENGTH)}
    unique = count(len(anchors))
    return ([anchors[line] if line in anchors else next(unique) for line in old_lines],
            [anchors[line] if line in anchors else next(unique) for line in new_lines])


def _offsets(units: list[str]) -> list[int]:
    offsets = [0]
    for unit in units:
        offsets.append(offsets[-1] + len(unit))
    return offsets
