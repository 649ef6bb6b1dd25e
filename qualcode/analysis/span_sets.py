"""Sets of text positions held as sorted, disjoint, non-adjacent (start, end) spans, end exclusive.

A query's operands are such sets; ``AND``, ``OR`` and ``NOT`` are intersection, union and
complement, which on spans cost time in proportion to the number of spans, not of characters.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

Spans = list[tuple[int, int]]


def normalised(spans: Iterable[tuple[int, int]]) -> Spans:
    """The spans merged where they overlap or touch, in order; empty spans dropped."""
    merged: Spans = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def union(left: Spans, right: Spans) -> Spans:
    return normalised(left + right) if left and right else list(left or right)


def intersection(left: Spans, right: Spans) -> Spans:
    """Positions in both (both normalised)."""
    result: Spans = []
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        end = min(left[i][1], right[j][1])
        if start < end:
            result.append((start, end))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return normalised(result) if result else result


def difference(left: Spans, right: Spans) -> Spans:
    """Positions in ``left`` but not in ``right`` (both normalised)."""
    result: Spans = []
    j = 0
    for start, end in left:
        while j < len(right) and right[j][1] <= start:
            j += 1
        k, current = j, start
        while k < len(right) and right[k][0] < end:
            if right[k][0] > current:
                result.append((current, right[k][0]))
            current = max(current, right[k][1])
            k += 1
        if current < end:
            result.append((current, end))
    return result


def covering_units(spans: Spans, units: Sequence[tuple[int, int]], unit_ends: Sequence[int]) -> Spans:
    """The units (sorted, disjoint; ``unit_ends`` their ends) that share a position with ``spans``."""
    chosen: list[tuple[int, int]] = []
    for start, end in spans:
        first = bisect_right(unit_ends, start)
        for index in range(first, len(units)):
            unit_start, unit_end = units[index]
            if unit_start >= end:
                break
            if unit_start < unit_end and (not chosen or chosen[-1] != (unit_start, unit_end)):
                chosen.append((unit_start, unit_end))
    return normalised(chosen)


def overlaps(spans: Spans, start: int, end: int) -> bool:
    """Whether the normalised ``spans`` share a position with ``start:end``."""
    index = bisect_left(spans, (start, start))
    if index > 0 and spans[index - 1][1] > start:
        return True
    return index < len(spans) and spans[index][0] < end
