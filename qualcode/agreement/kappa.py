"""Percent agreement and the kappa family for nominal categories.

Missing values: a unit enters percent agreement, Brennan–Prediger, Gwet's AC1 and Fleiss'
kappa when at least two coders gave it a value, and the chance terms of AC1 and Fleiss'
kappa when at least one did (Gwet's generalisation, as in his irrCAC package); Cohen's
kappa and Scott's pi (two coders) use complete units only and drop the rest. Use
Krippendorff's alpha when many values are missing.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from qualcode.agreement.reliability_data import ReliabilityData, ReliabilityInput, as_reliability_data
from qualcode.agreement.result import AgreementResult

PERCENT_FORMULA = "p_o = agreeing coder pairs / coder pairs, averaged over units"
COHEN_FORMULA = "κ = (p_o − p_e) / (1 − p_e),  p_e = Σ_k p_A(k)·p_B(k)"
SCOTT_FORMULA = "π = (p_o − p_e) / (1 − p_e),  p_e = Σ_k ((p_A(k) + p_B(k)) / 2)²"
FLEISS_FORMULA = "κ = (P̄ − P̄_e) / (1 − P̄_e),  P̄_e = Σ_k p_k²"
BRENNAN_PREDIGER_FORMULA = "κ_BP = (p_o − 1/q) / (1 − 1/q)"
GWET_FORMULA = "AC1 = (p_a − p_e) / (1 − p_e),  p_e = Σ_k π_k·(1 − π_k) / (q − 1)"

NO_PAIRS = "no unit has values from two coders"


def percent_agreement(data: ReliabilityInput) -> AgreementResult:
    """Share of agreeing coder pairs within a unit, averaged over units with two or more values.

    For two coders: the share of units coded by both on which they gave the same value.
    """
    measure = "Percent agreement"
    reliability = _with_coders(data, measure, minimum=2)
    agreement, units = _pairwise_agreement(reliability.value_counts())
    if units == 0:
        return AgreementResult.undefined(
            measure, PERCENT_FORMULA, NO_PAIRS, units=0, coders=reliability.coders
        )
    return AgreementResult.of(
        measure, PERCENT_FORMULA, agreement, units=units, coders=reliability.coders, observed=agreement
    )


def cohen_kappa(data: ReliabilityInput) -> AgreementResult:
    """Cohen's (1960) kappa for exactly two coders; units missing either value are dropped."""
    reliability = _with_coders(data, "Cohen's kappa", exactly=2)
    return cohen_kappa_from_table(contingency_table(reliability), reliability.categories)


def cohen_kappa_from_table(table: Any, categories: tuple[Any, ...] | None = None) -> AgreementResult:
    """Cohen's kappa from a square table of counts: rows coder A's category, columns coder B's."""
    measure = "Cohen's kappa"
    counts = _square_table(table, measure)
    n, p_o, p_e, degenerate = kappa_components(counts)
    units = round(float(n))
    if n == 0:
        return AgreementResult.undefined(measure, COHEN_FORMULA, NO_PAIRS, units=0, coders=2)
    if degenerate:
        used = int(np.flatnonzero(counts.sum(axis=1))[0])
        reason = f"no variation: both coders gave every unit the same category ({_label(categories, used)})"
        return AgreementResult.undefined(
            measure, COHEN_FORMULA, reason, units=units, coders=2, observed=p_o, expected=p_e
        )
    return AgreementResult.of(
        measure, COHEN_FORMULA, (p_o - p_e) / (1 - p_e), units=units, coders=2, observed=p_o, expected=p_e
    )


def kappa_components(tables: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Units, p_o, p_e and "p_e is 1" for one q × q table or a stack of them (..., q, q).

    The degenerate flag is computed on the counts (exactly, for integer counts), so rounding
    never turns "no variation" into a huge or infinite kappa; p_o and p_e are 0 where a
    table is empty.
    """
    n = tables.sum(axis=(-2, -1))
    rows, columns = tables.sum(axis=-1), tables.sum(axis=-2)
    chance = (rows * columns).sum(axis=-1)
    # Exact for integer counts below 10^12 units; tolerant of rounding in proportion tables.
    degenerate = np.isclose(chance, n * n, rtol=1e-12, atol=0) & (n > 0)
    safe_n = np.where(n == 0, 1, n)
    p_o = np.trace(tables, axis1=-2, axis2=-1) / safe_n
    p_e = chance / (safe_n * safe_n)
    return n, p_o, p_e, degenerate


def scott_pi(data: ReliabilityInput) -> AgreementResult:
    """Scott's (1955) pi for exactly two coders; units missing either value are dropped."""
    measure = "Scott's pi"
    reliability = _with_coders(data, measure, exactly=2)
    table = contingency_table(reliability)
    n = int(table.sum())
    if n == 0:
        return AgreementResult.undefined(measure, SCOTT_FORMULA, NO_PAIRS, units=0, coders=2)
    pooled = table.sum(axis=0) + table.sum(axis=1)
    p_o = np.trace(table) / n
    p_e = float(((pooled / (2 * n)) ** 2).sum())
    used = np.flatnonzero(pooled)
    if len(used) == 1:
        reason = (
            f"no variation: every value is the same category ({_label(reliability.categories, int(used[0]))})"
        )
        return AgreementResult.undefined(
            measure, SCOTT_FORMULA, reason, units=n, coders=2, observed=p_o, expected=p_e
        )
    return AgreementResult.of(
        measure, SCOTT_FORMULA, (p_o - p_e) / (1 - p_e), units=n, coders=2, observed=p_o, expected=p_e
    )


def fleiss_kappa(data: ReliabilityInput) -> AgreementResult:
    """Fleiss' (1971) kappa for two or more coders, with Gwet's generalisation for missing values.

    As irrCAC's ``fleiss.kappa.raw`` (Gwet 2014): P̄ averages agreement over units with two
    or more values, each unit's agreeing pairs over its own r_i(r_i − 1); the category shares
    p_k average each unit's shares over every unit with at least one value. With every unit
    rated by every coder this is Fleiss' own formula; with two coders it equals Scott's pi.
    """
    measure = "Fleiss' kappa"
    reliability = _with_coders(data, measure, minimum=2)
    coders = reliability.coders
    counts = reliability.value_counts()
    p_bar, units = _pairwise_agreement(counts)
    if units == 0:
        return AgreementResult.undefined(measure, FLEISS_FORMULA, NO_PAIRS, units=0, coders=coders)
    shares = _category_shares(counts)
    p_e = float((shares**2).sum())
    used = np.flatnonzero(shares)
    if len(used) == 1:
        reason = (
            f"no variation: every value is the same category ({_label(reliability.categories, int(used[0]))})"
        )
        return AgreementResult.undefined(
            measure, FLEISS_FORMULA, reason, units=units, coders=coders, observed=p_bar, expected=p_e
        )
    return AgreementResult.of(
        measure,
        FLEISS_FORMULA,
        (p_bar - p_e) / (1 - p_e),
        units=units,
        coders=coders,
        observed=p_bar,
        expected=p_e,
    )


def brennan_prediger(data: ReliabilityInput, category_count: int | None = None) -> AgreementResult:
    """Brennan & Prediger's (1981) kappa: chance agreement 1/q for q equally likely categories.

    ``category_count`` is q, the number of categories the coders could choose from
    (default: the number they used). Units with fewer than two values are dropped.
    """
    measure = "Brennan–Prediger kappa"
    reliability = _with_coders(data, measure, minimum=2)
    q = _category_count(reliability, category_count, measure)
    agreement, units = _pairwise_agreement(reliability.value_counts())
    if units == 0:
        return AgreementResult.undefined(
            measure, BRENNAN_PREDIGER_FORMULA, NO_PAIRS, units=0, coders=reliability.coders
        )
    if q < 2:
        reason = (
            "fewer than two categories: give category_count, the number of categories coders could choose"
        )
        return AgreementResult.undefined(
            measure,
            BRENNAN_PREDIGER_FORMULA,
            reason,
            units=units,
            coders=reliability.coders,
            observed=agreement,
        )
    chance = 1 / q
    return AgreementResult.of(
        measure,
        BRENNAN_PREDIGER_FORMULA,
        (agreement - chance) / (1 - chance),
        units=units,
        coders=reliability.coders,
        observed=agreement,
        expected=chance,
    )


def gwet_ac1(data: ReliabilityInput, category_count: int | None = None) -> AgreementResult:
    """Gwet's (2008) AC1 for two or more coders, as in Gwet's irrCAC ``gwet.ac1.raw``.

    p_a averages agreement over units with two or more values; the category shares π_k
    average over every unit with at least one value. ``category_count`` is q (default:
    the number of categories used).
    """
    measure = "Gwet's AC1"
    reliability = _with_coders(data, measure, minimum=2)
    q = _category_count(reliability, category_count, measure)
    counts = reliability.value_counts()
    agreement, units = _pairwise_agreement(counts)
    if units == 0:
        return AgreementResult.undefined(measure, GWET_FORMULA, NO_PAIRS, units=0, coders=reliability.coders)
    if q < 2:
        reason = (
            "fewer than two categories: give category_count, the number of categories coders could choose"
        )
        return AgreementResult.undefined(
            measure, GWET_FORMULA, reason, units=units, coders=reliability.coders, observed=agreement
        )
    shares = _category_shares(counts)
    p_e = float((shares * (1 - shares)).sum() / (q - 1))
    return AgreementResult.of(
        measure,
        GWET_FORMULA,
        (agreement - p_e) / (1 - p_e),
        units=units,
        coders=reliability.coders,
        observed=agreement,
        expected=p_e,
    )


def _with_coders(
    data: ReliabilityInput, measure: str, *, minimum: int | None = None, exactly: int | None = None
) -> ReliabilityData:
    reliability = as_reliability_data(data)
    coders = reliability.coders
    if reliability.units == 0 and coders == 0:
        return ReliabilityData(np.zeros((0, exactly or minimum or 2), dtype=np.int64), (), True, None)
    if exactly is not None and coders != exactly:
        raise ValueError(
            f"{measure} is for {exactly} coders, the data has {coders}; "
            "use fleiss_kappa or krippendorff_alpha for more"
        )
    if minimum is not None and coders < minimum:
        raise ValueError(f"{measure} needs at least {minimum} coders, the data has {coders}")
    return reliability


def _pairwise_agreement(counts: np.ndarray) -> tuple[float, int]:
    """Mean share of agreeing ordered coder pairs over units with two or more values."""
    values = counts.sum(axis=1)
    pairable = values >= 2
    units = int(pairable.sum())
    if units == 0:
        return 0.0, 0
    agreeing = (counts[pairable] * (counts[pairable] - 1)).sum(axis=1)
    return float((agreeing / (values[pairable] * (values[pairable] - 1))).mean()), units


def _category_shares(counts: np.ndarray) -> np.ndarray:
    """Each category's share of a unit's values, averaged over units with at least one value."""
    values = counts.sum(axis=1)
    rated = values >= 1
    return (counts[rated] / values[rated, None]).mean(axis=0)


def contingency_table(data: ReliabilityInput) -> np.ndarray:
    """Counts of (coder A's category, coder B's category) over units both coded, two coders.

    Rows and columns follow ``as_reliability_data(data).categories``.
    """
    reliability = _with_coders(data, "A contingency table", exactly=2)
    q = len(reliability.categories)
    complete = (reliability.codes >= 0).all(axis=1)
    a, b = reliability.codes[complete, 0], reliability.codes[complete, 1]
    return np.bincount(a * q + b, minlength=q * q).reshape(q, q)


def _square_table(table: Any, measure: str) -> np.ndarray:
    counts = np.asarray(table)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
        raise ValueError(f"{measure}: the table must be square (q × q), got shape {counts.shape}")
    if counts.dtype.kind not in "iuf" or not np.isfinite(counts).all() or (counts < 0).any():
        raise ValueError(f"{measure}: the table must hold non-negative counts")
    return counts


def _category_count(reliability: ReliabilityData, category_count: int | None, measure: str) -> int:
    used = len(reliability.categories)
    if category_count is None:
        return used
    if category_count < used:
        raise ValueError(
            f"{measure}: category_count is {category_count} but the coders used {used} categories"
        )
    return category_count


def _label(categories: tuple[Any, ...] | None, index: int) -> str:
    return repr(categories[index]) if categories else f"category {index}"
