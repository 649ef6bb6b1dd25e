"""Presence/absence of one code per unit for two or more coders: how many coders coded each unit.

Every unit has a value from every coder (coded or not), so Fleiss' kappa, nominal alpha and
percent agreement depend only on how many units exactly j of the m coders coded. Those
counts are summable over codes and documents like the 2×2 ``PresenceCounts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from qualcode.agreement.kappa import FLEISS_FORMULA, PERCENT_FORMULA
from qualcode.agreement.krippendorff_alpha import nominal_alpha_from_coincidences
from qualcode.agreement.presence import PRESENCE_CATEGORIES
from qualcode.agreement.result import AgreementResult


@dataclass(frozen=True)
class GroupPresenceCounts:
    """``coded_by[j]``: how many units exactly j of the coders coded (j = 0 … coders)."""

    coded_by: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.coded_by) < 3:
            raise ValueError("coded_by needs an entry for 0 … m coders, m at least 2")
        if any(count < 0 for count in self.coded_by):
            raise ValueError(f"counts must be non-negative, got {self.coded_by}")

    @property
    def coders(self) -> int:
        return len(self.coded_by) - 1

    @property
    def units(self) -> int:
        return sum(self.coded_by)

    def __add__(self, other: GroupPresenceCounts) -> GroupPresenceCounts:
        if other.coders != self.coders:
            raise ValueError(f"cannot pool counts of {self.coders} and {other.coders} coders")
        return GroupPresenceCounts(tuple(a + b for a, b in zip(self.coded_by, other.coded_by, strict=True)))


@dataclass(frozen=True)
class GroupPresenceAgreement:
    """The counts with percent agreement, Fleiss' kappa and nominal alpha."""

    counts: GroupPresenceCounts
    percent_agreement: AgreementResult
    fleiss_kappa: AgreementResult
    alpha: AgreementResult


def count_group_presence(coded: Any) -> GroupPresenceCounts:
    """Count from a units × coders boolean matrix (True: the coder coded the unit)."""
    matrix = np.asarray(coded)
    if matrix.ndim != 2 or matrix.shape[1] < 2:
        raise ValueError(f"expected a units × coders matrix with at least two coders, got shape {matrix.shape}")
    if matrix.dtype.kind != "b":
        raise ValueError(f"expected booleans, got dtype {matrix.dtype}")
    per_unit = matrix.sum(axis=1)
    return GroupPresenceCounts(tuple(int(n) for n in np.bincount(per_unit, minlength=matrix.shape[1] + 1)))


def group_presence_agreement(counts: GroupPresenceCounts) -> GroupPresenceAgreement:
    """Percent agreement (agreeing coder pairs), Fleiss' kappa and nominal alpha of the counts."""
    m, units = counts.coders, counts.units
    j = np.arange(m + 1, dtype=float)
    weights = np.asarray(counts.coded_by, dtype=float)
    agreeing_pairs = (j * (j - 1) + (m - j) * (m - j - 1)) / (m * (m - 1))
    if units == 0:
        percent = AgreementResult.undefined("Percent agreement", PERCENT_FORMULA, "no units", units=0, coders=m)
        fleiss = AgreementResult.undefined("Fleiss' kappa", FLEISS_FORMULA, "no units", units=0, coders=m)
    else:
        p_bar = float((weights * agreeing_pairs).sum() / units)
        percent = AgreementResult.of("Percent agreement", PERCENT_FORMULA, p_bar, units=units, coders=m,
                                     observed=p_bar)
        fleiss = _fleiss(weights, p_bar, units, m)
    coded_values = float((weights * j).sum())
    totals = np.array([units * m - coded_values, coded_values])
    disagreeing = float((weights * 2 * j * (m - j)).sum() / (m - 1))
    alpha = nominal_alpha_from_coincidences(disagreeing, totals, units=units, coders=m,
                                            categories=PRESENCE_CATEGORIES)
    return GroupPresenceAgreement(counts, percent, fleiss, alpha)


def _fleiss(weights: np.ndarray, p_bar: float, units: int, m: int) -> AgreementResult:
    j = np.arange(m + 1, dtype=float)
    share_coded = float((weights * j).sum() / (units * m))
    p_e = share_coded**2 + (1 - share_coded) ** 2
    if share_coded in (0.0, 1.0):
        category = PRESENCE_CATEGORIES[int(share_coded)]
        return AgreementResult.undefined(
            "Fleiss' kappa", FLEISS_FORMULA, f"no variation: every value is the same category ({category})",
            units=units, coders=m, observed=p_bar, expected=p_e,
        )
    return AgreementResult.of("Fleiss' kappa", FLEISS_FORMULA, (p_bar - p_e) / (1 - p_e), units=units, coders=m,
                              observed=p_bar, expected=p_e)
