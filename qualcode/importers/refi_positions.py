"""Place a source's selections on qualcode's stored text, detecting how the tool counted positions.

The standard counts Unicode code points from 0, end exclusive. NVivo counts UTF-16 code units,
skips the BOM and counts CRLF as two. Rather than trust a tool's name, every counting that makes a
difference for this text is tried (code points or UTF-16 units; BOM counted or not; CRLF as one
or two) and judged on the selections themselves:

1. a selection whose ``name`` is its own text (ATLAS.ti, qualcode) must match that text;
2. people select words: the right counting puts (nearly) all starts and ends on word boundaries,
   a wrong one drifts off them as CRs and emoji accumulate;
3. every position must exist: inside the text, not between the two halves of a surrogate pair,
   not splitting a character that NFC composes, and not leaving the selection empty.

The counting that wins on (1, 2, 3) in that order is used (a wrong counting often fits every
position, so fitting alone decides little); among equals the standard's comes first. When
another counting scores the same but would put a selection elsewhere, that selection is refused
as ambiguous. Selections that do not fit the chosen
counting are returned with the reason, never moved to a guessed place.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import product

from qualcode.importers.refi_model import RefiSelection
from qualcode.importers.refi_text import BOM, AlignedText

NAME_ELLIPSES = ("…", "...")
_WIDE = re.compile("[\U00010000-\U0010FFFF]")
_CR_BEFORE_LF = re.compile("\r(?=\n)")


@dataclass(frozen=True)
class Counting:
    utf16: bool = False
    bom_counted: bool = False
    crlf_as_one: bool = False

    def label(self, aligned: AlignedText | None = None) -> str:
        """How positions are counted, naming only what makes a difference for ``aligned``."""
        has_bom, has_crlf, _ = _features(aligned.decoded) if aligned else (True, True, True)
        parts = ["UTF-16 code units" if self.utf16 else "code points"]
        if has_bom:
            parts.append("BOM counted" if self.bom_counted else "BOM skipped")
        if has_crlf:
            parts.append("CRLF as one" if self.crlf_as_one else "CRLF as two")
        return ", ".join(parts)


STANDARD = Counting()


@dataclass(frozen=True)
class PlacedSelection:
    selection: RefiSelection
    start: int | None
    end: int | None
    problem: str | None = None

    @property
    def fits(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class CountingEvidence:
    counting: Counting
    names_matching: int
    fitting: int
    on_word_boundaries: int

    @property
    def score(self) -> tuple[int, int, int]:
        return self.names_matching, self.on_word_boundaries, self.fitting


@dataclass(frozen=True)
class SourcePlacement:
    """The chosen counting, every selection placed under it, and the evidence for each counting tried."""

    counting: Counting
    placed: tuple[PlacedSelection, ...]
    evidence: tuple[CountingEvidence, ...]
    """Best first; the first is the chosen counting."""
    tied: bool = False
    """Another counting scored the same and would place some selections elsewhere; those are refused."""


def _features(decoded: str) -> tuple[bool, bool, bool]:
    return decoded.startswith(BOM), "\r\n" in decoded, _WIDE.search(decoded) is not None


class _PositionMap:
    """Positions under one counting -> indexes into the decoded text."""

    def __init__(self, decoded: str, counting: Counting):
        deltas: list[tuple[int, int]] = []
        if decoded.startswith(BOM) and not counting.bom_counted:
            deltas.append((0, -1))
        if counting.utf16:
            deltas += [(match.start(), 1) for match in _WIDE.finditer(decoded)]
        if counting.crlf_as_one:
            deltas += [(match.start(), -1) for match in _CR_BEFORE_LF.finditer(decoded)]
        deltas.sort()
        self.indexes = [index for index, _ in deltas]
        self.before = [0]
        for _, delta in deltas:
            self.before.append(self.before[-1] + delta)
        self.length = len(decoded)
        self.total = self.counted(self.length)

    def counted(self, index: int) -> int:
        """How many units come before decoded index ``index``."""
        return index + self.before[bisect_left(self.indexes, index)]

    def index(self, position: int) -> int | None:
        """The decoded index where ``position`` units have been counted, None if no character boundary is there."""
        if not 0 <= position <= self.total:
            return None
        if not self.indexes:  # every unit is one character of the decoded text
            return position
        low, high = 0, self.length
        while low < high:
            middle = (low + high) // 2
            if self.counted(middle) < position:
                low = middle + 1
            else:
                high = middle
        return low if self.counted(low) == position else None


def _place(aligned: AlignedText, positions: _PositionMap, selection: RefiSelection) -> PlacedSelection:
    start, end = selection.start, selection.end
    if start < 0 or end <= start:
        return PlacedSelection(selection, None, None, f"positions {start}-{end} do not make a span")
    stored = []
    for position in (start, end):
        index = positions.index(position)
        if index is None:
            if position > positions.total:
                reason = f"position {position} is past the end of the text ({positions.total})"
            else:
                reason = f"position {position} falls inside a character (half of a UTF-16 surrogate pair)"
            return PlacedSelection(selection, None, None, reason)
        mapped = aligned.to_stored(index)
        if mapped is None:
            return PlacedSelection(selection, None, None, f"position {position} splits a composed character")
        stored.append(mapped)
    if stored[1] <= stored[0]:
        return PlacedSelection(selection, None, None, f"{start}-{end} covers only whitespace or line ends")
    return PlacedSelection(selection, stored[0], stored[1])


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    def boundary(index: int) -> bool:
        return index in (0, len(text)) or not (text[index - 1].isalnum() and text[index].isalnum())

    return boundary(start) and boundary(end)


def name_matches(name: str, text: str) -> bool | None:
    """Whether a selection's ``name`` is its text (or the start of it, cut off with an ellipsis).

    None when the name is empty, so it is no evidence either way.
    """
    wanted = " ".join(name.split())
    if not wanted:
        return None
    for ellipsis in NAME_ELLIPSES:
        if wanted.endswith(ellipsis):
            prefix = wanted[: -len(ellipsis)].rstrip()
            return bool(prefix) and _words_start_with(text, prefix)
    return " ".join(text.split()) == wanted


def _words_start_with(text: str, prefix: str) -> bool:
    """Whether ``text``, its whitespace runs made single spaces, starts with ``prefix``.

    Only as much of the text as the prefix needs is read: the words of a text's first characters
    are the first words of the whole (the last perhaps cut short), so once they are as long as the
    prefix they decide.
    """
    size = len(prefix) + 1
    while True:
        head = " ".join(text[:size].split())
        if len(head) >= len(prefix) or size >= len(text):
            return head.startswith(prefix)
        size *= 2


def candidate_countings(aligned: AlignedText) -> list[Counting]:
    """Every counting that differs from the others for this text, the standard's first."""
    has_bom, has_crlf, has_wide = _features(aligned.decoded)
    return [
        Counting(utf16, bom, crlf)
        for utf16, bom, crlf in product((False, True) if has_wide else (False,),
                                        (False, True) if has_bom else (False,),
                                        (False, True) if has_crlf else (False,))
    ]


def place_selections(aligned: AlignedText, selections: tuple[RefiSelection, ...]) -> SourcePlacement:
    """Detect the counting of ``selections`` and place them on ``aligned.text``."""
    trials = []
    for counting in candidate_countings(aligned):
        positions = _PositionMap(aligned.decoded, counting)
        placed = tuple(_place(aligned, positions, selection) for selection in selections)
        fitting = [item for item in placed if item.fits]
        names = sum(1 for item in fitting
                    if name_matches(item.selection.name, aligned.text[item.start:item.end]))
        words = sum(1 for item in fitting if _on_word_boundaries(aligned.text, item.start, item.end))
        trials.append((CountingEvidence(counting, names, len(fitting), words), placed))
    # Stable sort: among equal scores the standard's counting, listed first, stays first.
    trials.sort(key=lambda trial: trial[0].score, reverse=True)
    best_evidence, best_placed = trials[0]
    rivals = [(evidence.counting, placed) for evidence, placed in trials[1:] if evidence.score == best_evidence.score]
    settled, tied = [], False
    for index, item in enumerate(best_placed):
        elsewhere = [counting for counting, placed in rivals
                     if (placed[index].start, placed[index].end) != (item.start, item.end)]
        if item.fits and elsewhere:
            labels = " or ".join(counting.label(aligned) for counting in [best_evidence.counting, *elsewhere])
            item = PlacedSelection(item.selection, None, None,
                                   f"its place depends on whether positions count {labels}, "
                                   "and the file's other selections do not settle which")
            tied = True
        settled.append(item)
    return SourcePlacement(best_evidence.counting, tuple(settled), tuple(evidence for evidence, _ in trials), tied)
