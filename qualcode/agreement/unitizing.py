"""Krippendorff's unitizing alpha (uα) for coders' spans of one category on a continuum.

Follows Krippendorff (1995), "On the reliability of unitizing continuous data", and
Content Analysis (2nd ed., 2004, section 12.4), as implemented and checked against the
book's example by DKPro Statistics. Each coder's spans split the continuum into units
(marked) and gaps (unmarked); D_o sums, over pairs of coders, the squared start and end
differences of overlapping units and the squared length of a unit lying in the other
coder's gap; D_e is the disagreement expected from all possible unitizations.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qualcode.agreement.krippendorff_alpha import alpha_result
from qualcode.agreement.result import AgreementResult

MEASURE = "Krippendorff's unitizing alpha"
FORMULA = "uα = 1 − D_o / D_e  (Krippendorff 2004, §12.4)"


def unitizing_alpha(length: int, spans: Sequence[Sequence[tuple[int, int]]]) -> AgreementResult:
    """uα for one category (e.g. one code in one document) on the continuum 0..``length``.

    ``spans`` holds, per coder, the (start, end) spans that coder marked (end exclusive,
    e.g. character offsets). Two or more coders; a coder may mark nothing. A coder's spans
    must not overlap (merge them first); touching spans count as separate units.
    Undefined when nobody marked anything.
    """
    if isinstance(length, bool) or not isinstance(length, (int, np.integer)) or length < 1:
        raise ValueError(f"{MEASURE}: the continuum length must be a positive integer, got {length!r}")
    coders = len(spans)
    if coders < 2:
        raise ValueError(f"{MEASURE} needs at least 2 coders, got {coders}")
    units = [_units(coder, coder_spans, int(length)) for coder, coder_spans in enumerate(spans)]
    unit_count = sum(len(starts) for starts, _ in units)
    if unit_count == 0:
        reason = "no variation: no coder marked any span"
        return AgreementResult.undefined(MEASURE, FORMULA, reason, units=int(length), coders=coders)
    observed = _observed(units, int(length))
    expected = _expected(units, int(length))
    return alpha_result(MEASURE, FORMULA, observed, expected, units=int(length), coders=coders)


def _units(coder: int, spans: Sequence[tuple[int, int]], length: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted starts and ends of one coder's spans, validated."""
    if len(spans) == 0:
        return np.zeros(0), np.zeros(0)
    bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    bounds = bounds[np.lexsort((bounds[:, 1], bounds[:, 0]))]
    starts, ends = bounds[:, 0], bounds[:, 1]
    bad = (starts < 0) | (ends <= starts) | (ends > length)
    if bad.any():
        start, end = bounds[int(np.flatnonzero(bad)[0])]
        raise ValueError(
            f"coder {coder}: span ({start}, {end}) is empty or outside the continuum 0..{length}"
        )
    overlapping = np.flatnonzero(starts[1:] < ends[:-1])
    if len(overlapping):
        first, second = bounds[int(overlapping[0])], bounds[int(overlapping[0]) + 1]
        raise ValueError(
            f"coder {coder}: spans ({first[0]}, {first[1]}) and ({second[0]}, {second[1]}) overlap; "
            "merge a coder's overlapping spans first"
        )
    return starts.astype(float), ends.astype(float)


def _observed(units: list[tuple[np.ndarray, np.ndarray]], length: int) -> float:
    total = 0.0
    for i in range(len(units)):
        for j in range(i + 1, len(units)):
            total += _pair_distance(units[i], units[j])
    coders = len(units)
    return 2 * total / (coders * (coders - 1) * float(length) ** 2)


def _pair_distance(first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray]) -> float:
    """Σ δ² between two coders' sections: overlapping units, and units inside the other's gaps."""
    starts_a, ends_a = first
    starts_b, ends_b = second
    low = np.searchsorted(ends_b, starts_a, side="right")
    high = np.searchsorted(starts_b, ends_a, side="left")
    matches = np.maximum(high - low, 0)
    a_index = np.repeat(np.arange(len(starts_a)), matches)
    offsets = np.cumsum(matches) - matches
    b_index = low[a_index] + np.arange(int(matches.sum())) - offsets[a_index]
    overlap = ((starts_a[a_index] - starts_b[b_index]) ** 2 + (ends_a[a_index] - ends_b[b_index]) ** 2).sum()
    b_matched = np.zeros(len(starts_b), dtype=bool)
    b_matched[b_index] = True
    lone_a = ((ends_a - starts_a)[matches == 0] ** 2).sum()
    lone_b = ((ends_b - starts_b)[~b_matched] ** 2).sum()
    return float(overlap + lone_a + lone_b)


def _expected(units: list[tuple[np.ndarray, np.ndarray]], length: int) -> float:
    lengths = np.concatenate([ends - starts for starts, ends in units])
    gaps = np.sort(np.concatenate([_gaps(starts, ends, length) for starts, ends in units]))
    unit_count = len(lengths)
    within = (unit_count - 1) * (2 * lengths**3 - 3 * lengths**2 + lengths) / 3
    # Σ over gaps g >= l of (g − l + 1), for every unit length l at once.
    first_fitting = np.searchsorted(gaps, lengths, side="left")
    gap_sums = np.concatenate([np.cumsum(gaps[::-1])[::-1], [0.0]])
    fitting = len(gaps) - first_fitting
    placements = gap_sums[first_fitting] - (lengths - 1) * fitting
    numerator = 2 / length * float((within + lengths**2 * placements).sum())
    coders = len(units)
    denominator = coders * length * (coders * length - 1) - float((lengths * (lengths - 1)).sum())
    return numerator / denominator


def _gaps(starts: np.ndarray, ends: np.ndarray, length: int) -> np.ndarray:
    """Lengths of the unmarked stretches between and around one coder's units."""
    edges_start = np.concatenate([[0.0], ends])
    edges_end = np.concatenate([starts, [float(length)]])
    gaps = edges_end - edges_start
    return gaps[gaps > 0]
