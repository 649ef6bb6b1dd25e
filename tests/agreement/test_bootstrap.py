"""The seeded bootstrap interval for kappa: reproducible, and equivalent to resampling units."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.agreement import (
    PresenceCounts,
    bootstrap_interval,
    cohen_kappa,
    count_presence,
    presence_agreement,
)


def _coders(seed: int, units: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.random(units) < 0.3
    b = np.where(rng.random(units) < 0.8, a, rng.random(units) < 0.3)
    return a, b


def test_same_seed_same_interval_other_seed_other_interval() -> None:
    counts = count_presence(*_coders(1, 400))

    first = bootstrap_interval(counts, seed=42)
    again = bootstrap_interval(counts, seed=42)
    other = bootstrap_interval(counts, seed=43)

    assert first == again
    assert (first.low, first.high) != (other.low, other.high)
    assert first.low < presence_agreement(counts).kappa.value < first.high
    assert (first.confidence, first.resamples, first.seed) == (0.95, 2000, 42)


def test_matches_a_bootstrap_that_resamples_units() -> None:
    a, b = _coders(5, 300)
    index = np.random.default_rng(0).integers(0, 300, size=(4000, 300))
    drawn_a, drawn_b = a[index], b[index]
    p_o = (drawn_a == drawn_b).mean(axis=1)
    p_e = drawn_a.mean(axis=1) * drawn_b.mean(axis=1) + (1 - drawn_a.mean(axis=1)) * (
        1 - drawn_b.mean(axis=1)
    )
    naive_low, naive_high = np.quantile((p_o - p_e) / (1 - p_e), [0.025, 0.975])

    interval = bootstrap_interval(count_presence(a, b), seed=7, resamples=4000)

    assert interval.low == pytest.approx(naive_low, abs=0.02)
    assert interval.high == pytest.approx(naive_high, abs=0.02)


def test_reliability_data_and_counts_give_the_same_interval() -> None:
    a, b = _coders(9, 200)
    rows = [[bool(x), bool(y)] for x, y in zip(a, b, strict=True)]

    from_rows = bootstrap_interval(rows, seed=3)
    from_counts = bootstrap_interval(count_presence(a, b), seed=3)

    assert (from_rows.low, from_rows.high) == pytest.approx((from_counts.low, from_counts.high))
    assert cohen_kappa(rows).value == pytest.approx(presence_agreement(count_presence(a, b)).kappa.value)


def test_interval_narrows_with_more_units() -> None:
    small = bootstrap_interval(count_presence(*_coders(2, 100)), seed=1)
    large = bootstrap_interval(count_presence(*_coders(2, 10_000)), seed=1)

    assert large.high - large.low < (small.high - small.low) / 4


def test_undefined_kappa_gives_no_interval() -> None:
    interval = bootstrap_interval(PresenceCounts(0, 0, 0, 25), seed=1)

    assert not interval.defined
    assert (interval.low, interval.high) == (None, None)
    assert "no variation" in interval.reason


def test_resamples_without_variation_are_left_out_and_counted() -> None:
    interval = bootstrap_interval(
        PresenceCounts(both=1, only_a=0, only_b=0, neither=3), seed=0, resamples=500
    )

    assert interval.defined
    assert 0 < interval.undefined_resamples < 500
    assert interval.low == interval.high == 1.0


def test_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="confidence"):
        bootstrap_interval(PresenceCounts(1, 1, 1, 1), seed=0, confidence=95)
    with pytest.raises(ValueError, match="resamples"):
        bootstrap_interval(PresenceCounts(1, 1, 1, 1), seed=0, resamples=0)
