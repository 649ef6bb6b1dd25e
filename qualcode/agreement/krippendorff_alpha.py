"""Krippendorff's alpha for nominal, ordinal, interval and ratio data with missing values.

Follows Krippendorff (2011), "Computing Krippendorff's alpha-reliability": only pairable
values count (units with two or more values); α = 1 − D_o / D_e. The nominal, ordinal and
interval forms are computed from per-unit sums (no coincidence matrix), so the cost grows
with the number of values, not with the square of the number of distinct values.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from qualcode.agreement.reliability_data import ReliabilityData, ReliabilityInput, as_reliability_data
from qualcode.agreement.result import AgreementResult

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")

FORMULAS: dict[str, str] = {
    "nominal": "α = 1 − D_o / D_e,  δ²(c, k) = 0 if c = k else 1",
    "ordinal": "α = 1 − D_o / D_e,  δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)²",
    "interval": "α = 1 − D_o / D_e,  δ²(c, k) = (c − k)²",
    "ratio": "α = 1 − D_o / D_e,  δ²(c, k) = ((c − k) / (c + k))²",
}

_RATIO_BLOCK = 512


def krippendorff_alpha(data: ReliabilityInput, level: Level = "nominal") -> AgreementResult:
    """Krippendorff's alpha for two or more coders; missing values allowed.

    ``level`` is the metric: ``"nominal"`` (any hashable values), ``"ordinal"`` (values
    that sort), ``"interval"`` or ``"ratio"`` (numbers; ratio needs them non-negative).
    Units with fewer than two values are not pairable and are left out.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    measure = f"Krippendorff's alpha ({level})"
    formula = FORMULAS[level]
    reliability = as_reliability_data(data)
    if reliability.units > 0 and reliability.coders < 2:
        raise ValueError(f"{measure} needs at least 2 coders, the data has {reliability.coders}")
    present = reliability.codes >= 0
    values_per_unit = present.sum(axis=1)
    pairable = values_per_unit >= 2
    units = int(pairable.sum())
    if units == 0:
        reason = "fewer than two pairable values: no unit has values from two coders"
        return AgreementResult.undefined(measure, formula, reason, units=0, coders=reliability.coders)
    codes = reliability.codes[pairable]
    present, counts = present[pairable], values_per_unit[pairable]
    totals = np.bincount(codes[present], minlength=len(reliability.categories))
    used = np.flatnonzero(totals)
    if len(used) == 1:
        reason = (
            f"no variation: all {int(totals.sum())} pairable values are {reliability.categories[used[0]]!r}"
        )
        return AgreementResult.undefined(measure, formula, reason, units=units, coders=reliability.coders)
    if level == "nominal":
        observed, expected = _nominal_disagreements(codes, present, counts, totals)
    elif level == "ordinal":
        positions = _ordinal_positions(reliability, totals)
        observed, expected = _squared_difference_disagreements(positions[codes], present, counts)
    elif level == "interval":
        numbers = _numbers(reliability, measure)[pairable]
        observed, expected = _squared_difference_disagreements(numbers, present, counts)
    else:
        numbers = _numbers(reliability, measure)
        if (numbers < 0).any():
            raise ValueError(f"{measure} needs non-negative values; the data has {float(np.nanmin(numbers))}")
        observed, expected = _ratio_disagreements(numbers[pairable], present, counts, totals, reliability)
    return alpha_result(measure, formula, observed, expected, units=units, coders=reliability.coders)


def nominal_alpha_from_coincidences(
    disagreeing_pairs: float, totals: np.ndarray, *, units: int, coders: int, categories: tuple[Any, ...]
) -> AgreementResult:
    """Nominal alpha from the off-diagonal coincidences and the pairable values per category.

    ``disagreeing_pairs`` is Σ_u (ordered pairs of unlike values in u) / (m_u − 1).
    """
    measure = "Krippendorff's alpha (nominal)"
    formula = FORMULAS["nominal"]
    n = float(totals.sum())
    if n < 2:
        reason = "fewer than two pairable values: no unit has values from two coders"
        return AgreementResult.undefined(measure, formula, reason, units=units, coders=coders)
    used = np.flatnonzero(totals)
    if len(used) == 1:
        reason = f"no variation: all {int(n)} pairable values are {categories[used[0]]!r}"
        return AgreementResult.undefined(measure, formula, reason, units=units, coders=coders)
    expected = (n * n - float((totals.astype(float) ** 2).sum())) / (n * (n - 1))
    return alpha_result(measure, formula, disagreeing_pairs / n, expected, units=units, coders=coders)


def alpha_result(
    measure: str, formula: str, observed: float, expected: float, *, units: int, coders: int
) -> AgreementResult:
    """α = 1 − D_o / D_e, undefined when the expected disagreement is zero."""
    if expected <= 0:
        reason = "no variation: the expected disagreement is zero"
        return AgreementResult.undefined(
            measure, formula, reason, units=units, coders=coders, observed=observed, expected=expected
        )
    return AgreementResult.of(
        measure,
        formula,
        1 - observed / expected,
        units=units,
        coders=coders,
        observed=observed,
        expected=expected,
    )


def _nominal_disagreements(
    codes: np.ndarray, present: np.ndarray, counts: np.ndarray, totals: np.ndarray
) -> tuple[float, float]:
    units, width = codes.shape[0], len(totals)
    unit_index = np.broadcast_to(np.arange(units)[:, None], codes.shape)[present]
    per_unit = np.bincount(unit_index * width + codes[present], minlength=units * width).reshape(units, width)
    unlike_pairs = counts.astype(float) ** 2 - (per_unit.astype(float) ** 2).sum(axis=1)
    n = float(totals.sum())
    observed = float((unlike_pairs / (counts - 1)).sum()) / n
    expected = (n * n - float((totals.astype(float) ** 2).sum())) / (n * (n - 1))
    return observed, expected


def _squared_difference_disagreements(
    values: np.ndarray, present: np.ndarray, counts: np.ndarray
) -> tuple[float, float]:
    """D_o and D_e for δ² = (x − y)², via Σ_{i≠j} (x_i − x_j)² = 2·m·Σ (x_i − x̄)²."""
    filled = np.where(present, values, 0.0)
    n = float(counts.sum())
    unit_means = filled.sum(axis=1) / counts
    unit_squares = (np.where(present, filled - unit_means[:, None], 0.0) ** 2).sum(axis=1)
    observed = float((2 * counts * unit_squares / (counts - 1)).sum()) / n
    pooled = filled[present]
    expected = 2 * float(((pooled - pooled.mean()) ** 2).sum()) / (n - 1)
    return observed, expected


def _ordinal_positions(reliability: ReliabilityData, totals: np.ndarray) -> np.ndarray:
    """Place each category at Σ_{g<c} n_g + n_c / 2, so that the ordinal δ² is a squared difference."""
    if not reliability.ordered:
        raise ValueError("Krippendorff's alpha (ordinal) needs values that can be ordered")
    return np.cumsum(totals) - totals / 2


def _ratio_disagreements(
    values: np.ndarray,
    present: np.ndarray,
    counts: np.ndarray,
    totals: np.ndarray,
    reliability: ReliabilityData,
) -> tuple[float, float]:
    n = float(counts.sum())
    left, right = values[:, :, None], values[:, None, :]
    both = present[:, :, None] & present[:, None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(both & (left + right > 0), (left - right) / (left + right), 0.0)
    observed = float(((ratio**2).sum(axis=(1, 2)) / (counts - 1)).sum()) / n
    distinct = np.array(reliability.categories, dtype=float)
    weights = totals.astype(float)
    expected_sum = 0.0
    for start in range(0, len(distinct), _RATIO_BLOCK):
        block = distinct[start : start + _RATIO_BLOCK, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            delta = np.where(block + distinct > 0, (block - distinct) / (block + distinct), 0.0)
        expected_sum += float(weights[start : start + _RATIO_BLOCK] @ (delta**2) @ weights)
    return observed, expected_sum / (n * (n - 1))


def _numbers(reliability: ReliabilityData, measure: str) -> np.ndarray:
    if reliability.numbers is None:
        raise ValueError(f"{measure} needs numeric values; use level='nominal' for categories")
    return reliability.numbers
