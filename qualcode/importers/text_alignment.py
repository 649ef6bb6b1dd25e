"""Align an old text with its corrected version and carry spans (start, end) from one to the other.

The alignment is two library passes: ``difflib.SequenceMatcher`` over lines finds the lines both
texts share (milliseconds on a 50,000-word interview), and rapidfuzz's ``Levenshtein.opcodes`` aligns
the characters of each block of changed lines. Levenshtein over the whole text at once gives the same
kind of answer but takes seconds (``uv run python bench/text_alignment.py`` prints both).

A span's start follows the character it starts with and its end the character it ends with, so text
inserted just before or just after a span stays outside it and text inserted inside it is inside.
Where the alignment is ambiguous (a word inserted next to the same word), the span's own text is
looked for near where it landed, so an edit beside a span never changes what the span holds.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

SpanStatus = Literal["unchanged", "moved", "text changed", "unplaced"]
"""unchanged: same place, same text; moved: same text elsewhere; text changed: edited inside;
unplaced: every character of it was deleted."""


@dataclass(frozen=True)
class Opcode:
    """``old[old_start:old_end]`` became ``new[new_start:new_end]``; tag as difflib and rapidfuzz name them."""

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
        # Opcodes that cover old characters (not pure insertions), by where they start in the old text.
        self._covering = [op for op in self.opcodes if op.old_end > op.old_start]
        self._covering_starts = [op.old_start for op in self._covering]

    def _covering_op(self, index: int) -> Opcode:
        return self._covering[bisect_right(self._covering_starts, index) - 1]

    def _new_start(self, start: int) -> int:
        op = self._covering_op(start)
        if op.tag == "delete":
            return op.new_start
        return op.new_start + (start - op.old_start) if _one_to_one(op) else op.new_start

    def _new_end(self, end: int) -> int:
        op = self._covering_op(end - 1)
        if op.tag == "delete":
            return op.new_start
        return op.new_start + (end - op.old_start) if _one_to_one(op) else op.new_end

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
        """The occurrence of ``wanted`` nearest to ``new_start`` within a span's length (and the edits
        beside it) of where it landed: the same text on the other side of an ambiguous edit."""
        touching = [op for op in self.opcodes if op.tag != "equal"
                    and op.new_start <= new_end and op.new_end >= new_start]
        if not touching:
            return None
        reach = len(wanted) + sum(max(op.old_end - op.old_start, op.new_end - op.new_start) for op in touching)
        low, high = max(0, new_start - reach), min(len(self.new), new_end + reach)
        candidates = []
        position = self.new.find(wanted, low, high)
        while position != -1:
            candidates.append(position)
            position = self.new.find(wanted, position + 1, high)
        return min(candidates, key=lambda found: abs(found - new_start)) if candidates else None


def _one_to_one(op: Opcode) -> bool:
    """Equal text, or characters replaced one for one (as Levenshtein's substitutions are)."""
    return op.old_end - op.old_start == op.new_end - op.new_start


def _character_opcodes(old: str, new: str) -> list[Opcode]:
    """Character opcodes for the whole texts: shared lines by difflib, changed lines by Levenshtein."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    old_offsets, new_offsets = _line_offsets(old_lines), _line_offsets(new_lines)
    opcodes: list[Opcode] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_start, old_end, new_start, new_end = old_offsets[i1], old_offsets[i2], new_offsets[j1], new_offsets[j2]
        if tag != "replace":
            opcodes.append(Opcode(tag, old_start, old_end, new_start, new_end))
            continue
        for inner in Levenshtein.opcodes(old[old_start:old_end], new[new_start:new_end]):
            opcodes.append(Opcode(inner.tag, old_start + inner.src_start, old_start + inner.src_end,
                                  new_start + inner.dest_start, new_start + inner.dest_end))
    return opcodes


def _line_offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return offsets
