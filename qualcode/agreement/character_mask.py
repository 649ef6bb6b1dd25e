"""Per-character booleans from coded spans: the unit of NVivo-style character-level agreement."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def character_mask(length: int, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """A boolean array of ``length``: True for every character inside at least one span.

    Spans are (start, end) code-point offsets, end exclusive; overlapping spans are unioned.
    """
    if length < 0:
        raise ValueError(f"length must be non-negative, got {length}")
    if len(spans) == 0:
        return np.zeros(length, dtype=bool)
    bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    starts, ends = bounds[:, 0], bounds[:, 1]
    bad = (starts < 0) | (ends < starts) | (ends > length)
    if bad.any():
        start, end = bounds[int(np.flatnonzero(bad)[0])]
        raise ValueError(f"span ({start}, {end}) does not lie within 0..{length} with start <= end")
    depth = np.bincount(starts, minlength=length + 1) - np.bincount(ends, minlength=length + 1)
    return np.cumsum(depth[:length]) > 0
