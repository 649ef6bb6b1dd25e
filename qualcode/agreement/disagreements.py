"""Where two coders disagree on one code: the units (or character runs) one coded and the other did not.

For segment units a disagreement is a unit that exactly one coder codes (at the chosen
minimum overlap); at character level it is a maximal run of characters that exactly one
coder covers, so a coding that starts earlier and one that ends later are one region each.
Settling a region means choosing what the consensus has inside it: A's spans, B's spans,
both (their union) or neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from qualcode.agreement.character_mask import character_mask
from qualcode.agreement.units import Span, UnitDocument, coded_units

Choice = Literal["a", "b", "both", "neither"]
CodedBy = Literal["a", "b", "a and b"]
CHOICES: tuple[Choice, ...] = ("a", "b", "both", "neither")


@dataclass(frozen=True)
class Disagreement:
    """One region of one document where exactly one coder coded the code.

    ``a_spans`` and ``b_spans`` are each coder's codings of the code that overlap the region
    (overlapping codings merged), whole, so they may reach outside it. ``context`` is the
    text of the lines around the region, starting at offset ``context_start``.
    """

    document_id: int
    document: str
    start: int
    end: int
    a_spans: tuple[Span, ...]
    b_spans: tuple[Span, ...]
    context_start: int
    context: str
    coded_by: CodedBy
    """Who codes the region: the one coder who codes the unit, or at character level who covers
    characters of it (``"a and b"`` when A's and B's only-characters touch)."""

    @property
    def context_end(self) -> int:
        return self.context_start + len(self.context)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """The union of spans as sorted, non-overlapping, non-touching spans."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def clip_spans(spans: Iterable[Span], start: int, end: int) -> list[Span]:
    """The parts of the (merged) spans that lie inside ``start:end``."""
    return [(max(s, start), min(e, end)) for s, e in merge_spans(spans) if s < end and e > start]


def chosen_spans(start: int, end: int, a_spans: Sequence[Span], b_spans: Sequence[Span], choice: Choice) -> list[Span]:
    """What the consensus holds inside ``start:end`` after settling it with ``choice``."""
    if choice == "a":
        return clip_spans(a_spans, start, end)
    if choice == "b":
        return clip_spans(b_spans, start, end)
    if choice == "both":
        return clip_spans([*a_spans, *b_spans], start, end)
    if choice == "neither":
        return []
    raise ValueError(f"a choice is one of {', '.join(CHOICES)}, not {choice!r}")


def find_disagreements(
    document: UnitDocument, a_spans: Sequence[Span], b_spans: Sequence[Span], min_overlap: float | None = None
) -> list[Disagreement]:
    """The disagreement regions of one document in document order."""
    regions = disagreement_regions(document, a_spans, b_spans, min_overlap)
    merged_a, merged_b = merge_spans(a_spans), merge_spans(b_spans)
    found = []
    for (start, end), coded_by in regions:
        context_start, context_end = _lines_around(document.text, start, end)
        found.append(Disagreement(
            document.id, document.name, start, end,
            tuple(span for span in merged_a if span[0] < end and span[1] > start),
            tuple(span for span in merged_b if span[0] < end and span[1] > start),
            context_start, document.text[context_start:context_end], coded_by,
        ))
    return found


def disagreement_regions(
    document: UnitDocument, a_spans: Sequence[Span], b_spans: Sequence[Span], min_overlap: float | None = None
) -> list[tuple[Span, CodedBy]]:
    """Where ``find_disagreements`` finds a disagreement, and who codes it, without its spans and context."""
    if document.units is None:
        return _character_regions(len(document.text), a_spans, b_spans)
    coded_a = coded_units(document, a_spans, min_overlap)
    coded_b = coded_units(document, b_spans, min_overlap)
    return [(document.units[index], "a" if coded_a[index] else "b") for index in np.flatnonzero(coded_a != coded_b)]


def _character_regions(length: int, a_spans: Sequence[Span], b_spans: Sequence[Span]) -> list[tuple[Span, CodedBy]]:
    """Maximal runs of characters exactly one coder covers, and who covers characters in each run.

    What ``character_mask`` of each coder, XOR-ed, gives, found from the spans' edges alone.
    """
    for start, end in (*a_spans, *b_spans):
        if start < 0 or end < start or end > length:
            raise ValueError(f"span ({start}, {end}) does not lie within 0..{length} with start <= end")
    merged_a, merged_b = merge_spans(a_spans), merge_spans(b_spans)
    edges = sorted({edge for span in (*merged_a, *merged_b) for edge in span})
    regions: list[tuple[Span, CodedBy]] = []
    index_a = index_b = 0
    run_start, in_a, in_b = -1, False, False
    for left, right in zip(edges, edges[1:]):
        while index_a < len(merged_a) and merged_a[index_a][1] <= left:
            index_a += 1
        while index_b < len(merged_b) and merged_b[index_b][1] <= left:
            index_b += 1
        covered_a = index_a < len(merged_a) and merged_a[index_a][0] <= left
        covered_b = index_b < len(merged_b) and merged_b[index_b][0] <= left
        if covered_a != covered_b:
            if run_start < 0:
                run_start, in_a, in_b = left, False, False
            in_a, in_b = in_a or covered_a, in_b or covered_b
            continue
        if run_start >= 0:
            regions.append(((run_start, left), "a and b" if in_a and in_b else "a" if in_a else "b"))
            run_start = -1
    if run_start >= 0:
        regions.append(((run_start, edges[-1]), "a and b" if in_a and in_b else "a" if in_a else "b"))
    return regions


def agreed_regions(
    document: UnitDocument, a_spans: Sequence[Span], b_spans: Sequence[Span], min_overlap: float | None = None
) -> list[Span]:
    """Where both coders code: character runs both cover, or the units both code."""
    if document.units is None:
        length = len(document.text)
        return _runs(character_mask(length, a_spans) & character_mask(length, b_spans))
    both = coded_units(document, a_spans, min_overlap) & coded_units(document, b_spans, min_overlap)
    return [document.units[index] for index in np.flatnonzero(both)]


def _runs(mask: np.ndarray) -> list[Span]:
    """Maximal runs of True as (start, end) spans."""
    edges = np.flatnonzero(np.diff(np.concatenate([[False], mask, [False]]).astype(np.int8)))
    return [(int(start), int(end)) for start, end in zip(edges[::2], edges[1::2], strict=True)]


def _lines_around(text: str, start: int, end: int) -> Span:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end == -1 else line_end
