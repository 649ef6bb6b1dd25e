"""Presence/absence of one code per unit for two coders: the 2×2 counts and their agreement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from qualcode.agreement.kappa import GWET_FORMULA, cohen_kappa_from_table
from qualcode.agreement.krippendorff_alpha import nominal_alpha_from_coincidences
from qualcode.agreement.result import AgreementResult

PRESENCE_CATEGORIES = ("not coded", "coded")
PERCENT_FORMULA = "p_o = (both + neither) / units"


@dataclass(frozen=True)
class PresenceCounts:
    """How many units coders A and B both coded, only one coded, or neither coded."""

    both: int
    only_a: int
    only_b: int
    neither: int

    def __post_init__(self) -> None:
        for name in ("both", "only_a", "only_b", "neither"):
            count = getattr(self, name)
            if not isinstance(count, (int, np.integer)) or isinstance(count, bool) or count < 0:
                raise ValueError(f"{name} must be a non-negative integer, got {count!r}")

    @property
    def units(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    def __add__(self, other: PresenceCounts) -> PresenceCounts:
        """Pool two tables, e.g. over codes or documents."""
        return PresenceCounts(
            self.both + other.both,
            self.only_a + other.only_a,
            self.only_b + other.only_b,
            self.neither + other.neither,
        )

    def table(self) -> np.ndarray:
        """The 2×2 contingency table: rows coder A, columns coder B, (not coded, coded)."""
        return np.array([[self.neither, self.only_b], [self.only_a, self.both]], dtype=np.int64)


@dataclass(frozen=True)
class PresenceAgreement:
    """The counts of one 2×2 table with percent agreement, Cohen's kappa, nominal alpha and Gwet's AC1."""

    counts: PresenceCounts
    percent_agreement: AgreementResult
    kappa: AgreementResult
    alpha: AgreementResult
    ac1: AgreementResult


def count_presence(a: Any, b: Any) -> PresenceCounts:
    """Count a 2×2 table from per-unit booleans of coder A and coder B (numpy arrays or lists)."""
    coded_a, coded_b = _booleans(a, "a"), _booleans(b, "b")
    if coded_a.shape != coded_b.shape:
        raise ValueError(f"a and b must have one value per unit each, got {coded_a.size} and {coded_b.size}")
    both = int(np.count_nonzero(coded_a & coded_b))
    total_a, total_b = int(np.count_nonzero(coded_a)), int(np.count_nonzero(coded_b))
    return PresenceCounts(both, total_a - both, total_b - both, coded_a.size - total_a - total_b + both)


def presence_agreement(counts: PresenceCounts) -> PresenceAgreement:
    """Percent agreement, Cohen's kappa, Krippendorff's nominal alpha and Gwet's AC1 of a 2×2 table."""
    units = counts.units
    if units == 0:
        percent = AgreementResult.undefined(
            "Percent agreement", PERCENT_FORMULA, "no units", units=0, coders=2
        )
    else:
        share = (counts.both + counts.neither) / units
        percent = AgreementResult.of(
            "Percent agreement", PERCENT_FORMULA, share, units=units, coders=2, observed=share
        )
    disagreeing = counts.only_a + counts.only_b
    totals = np.array([2 * counts.neither + disagreeing, 2 * counts.both + disagreeing], dtype=np.int64)
    alpha = nominal_alpha_from_coincidences(
        2.0 * disagreeing, totals, units=units, coders=2, categories=PRESENCE_CATEGORIES
    )
    return PresenceAgreement(
        counts, percent, cohen_kappa_from_table(counts.table(), PRESENCE_CATEGORIES), alpha, presence_ac1(counts)
    )


def presence_ac1(counts: PresenceCounts) -> AgreementResult:
    """Gwet's AC1 of a 2×2 table, with q = 2 categories (coded, not coded) whichever were used.

    p_a = (both + neither) / units; π = (2·both + only_a + only_b) / (2·units), the share of
    "coded" values; p_e = 2·π·(1 − π). The same as ``gwet_ac1`` on the units with ``category_count=2``.
    """
    measure = "Gwet's AC1"
    units = counts.units
    if units == 0:
        return AgreementResult.undefined(measure, GWET_FORMULA, "no units", units=0, coders=2)
    agreement = (counts.both + counts.neither) / units
    coded_share = (2 * counts.both + counts.only_a + counts.only_b) / (2 * units)
    expected = 2 * coded_share * (1 - coded_share)
    return AgreementResult.of(measure, GWET_FORMULA, (agreement - expected) / (1 - expected), units=units, coders=2,
                              observed=agreement, expected=expected)


def _booleans(values: Any, name: str) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one boolean per unit (1-D), got shape {array.shape}")
    if array.dtype.kind == "b":
        return array
    if array.size == 0:
        return np.zeros(0, dtype=bool)
    if array.dtype.kind in "iu" and bool(((array == 0) | (array == 1)).all()):
        return array.astype(bool)
    raise ValueError(f"{name} must hold booleans (or 0/1), got dtype {array.dtype}")
