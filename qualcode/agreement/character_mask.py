"""Per-character booleans from coded spans: the unit of NVivo-style character-level agreement."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def character_mask(length: int, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """A boolean array of ``length``: True for every character inside at least one span.

    Spans are (start, end) code-point offsets, end exclusive; overlapping spans are unioned.
    """
    if len(spans) == 0:
        _checked(length, np.zeros((0, 2), dtype=np.int64))
        return np.zeros(length, dtype=bool)
    starts, ends = _checked(length, np.asarray(spans, dtype=np.int64).reshape(-1, 2))
    depth = np.bincount(starts, minlength=length + 1) - np.bincount(ends, minlength=length + 1)
    return np.cumsum(depth[:length]) > 0


def span_union(length: int, spans: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """The union of ``spans`` as sorted, disjoint (starts, ends): what ``character_mask`` marks, as runs.

    Checked as ``character_mask`` checks them; empty spans drop out. A coder has a few spans of a
    code in a document, so plain Python merges them faster than numpy's calls would.
    """
    if length < 0:
        raise ValueError(f"length must be non-negative, got {length}")
    for start, end in spans:
        if start < 0 or end < start or end > length:
            raise ValueError(f"span ({start}, {end}) does not lie within 0..{length} with start <= end")
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if starts and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)


def _checked(length: int, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if length < 0:
        raise ValueError(f"length must be non-negative, got {length}")
    starts, ends = bounds[:, 0], bounds[:, 1]
    bad = (starts < 0) | (ends < starts) | (ends > length)
    if bad.any():
        start, end = bounds[int(np.flatnonzero(bad)[0])]
        raise ValueError(f"span ({start}, {end}) does not lie within 0..{length} with start <= end")
    return starts, ends
