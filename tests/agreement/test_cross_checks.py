"""Random reliability data checked against the krippendorff package and scikit-learn."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.agreement import (
    LEVELS,
    as_reliability_data,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    scott_pi,
)

krippendorff = pytest.importorskip("krippendorff")
sklearn_metrics = pytest.importorskip("sklearn.metrics")


def _random_matrix(seed: int, units: int, coders: int, values: int, missing: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, values + 1, size=(units, 1))
    noise = rng.integers(1, values + 1, size=(units, coders))
    matrix = np.where(rng.random((units, coders)) < 0.6, truth, noise).astype(float)
    matrix[rng.random((units, coders)) < missing] = np.nan
    return matrix


def _rows(matrix: np.ndarray) -> list[list[int | None]]:
    return [[None if np.isnan(v) else int(v) for v in row] for row in matrix]


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("level", LEVELS)
def test_alpha_matches_krippendorff_package(seed: int, level: str) -> None:
    matrix = _random_matrix(seed, units=40 + 17 * seed, coders=2 + seed % 5, values=2 + seed % 7, missing=0.2)

    ours = krippendorff_alpha(_rows(matrix), level=level)
    reference = krippendorff.alpha(matrix.T, level_of_measurement=level)

    assert ours.value == pytest.approx(reference, abs=1e-10)
    assert krippendorff_alpha(matrix, level=level).value == pytest.approx(ours.value, abs=1e-12)


@pytest.mark.parametrize("level", LEVELS)
def test_alpha_with_continuous_values_matches_krippendorff_package(level: str) -> None:
    rng = np.random.default_rng(7)
    truth = rng.gamma(2.0, 3.0, size=(80, 1))
    matrix = truth + rng.normal(0, 1.5, size=(80, 4)).clip(-truth, None)
    matrix[rng.random(matrix.shape) < 0.15] = np.nan

    ours = krippendorff_alpha(matrix, level=level)

    assert ours.value == pytest.approx(krippendorff.alpha(matrix.T, level_of_measurement=level), abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=3, max_size=3),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from(LEVELS),
)
def test_alpha_agrees_or_is_undefined_like_the_package(rows: list[list[int | None]], level: str) -> None:
    matrix = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float).T
    ours = krippendorff_alpha(rows, level=level)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            reference = krippendorff.alpha(matrix, level_of_measurement=level)
        except ValueError:  # the package refuses data without two values or a pairable unit
            reference = float("nan")

    if ours.defined:
        assert ours.value == pytest.approx(reference, abs=1e-9)
    else:
        assert ours.reason
        assert np.isnan(reference)


@pytest.mark.parametrize("seed", range(15))
def test_cohen_kappa_matches_scikit_learn(seed: int) -> None:
    matrix = _random_matrix(seed, units=30 + 11 * seed, coders=2, values=2 + seed % 6, missing=0.1)
    complete = ~np.isnan(matrix).any(axis=1)

    ours = cohen_kappa(_rows(matrix))

    assert ours.units == int(complete.sum())
    reference = sklearn_metrics.cohen_kappa_score(matrix[complete, 0], matrix[complete, 1])
    assert ours.value == pytest.approx(reference, abs=1e-12)


def test_cohen_kappa_with_string_categories_matches_scikit_learn() -> None:
    rng = np.random.default_rng(3)
    labels = np.array(["belemmerend", "bevorderend", "neutraal"])
    a = labels[rng.integers(0, 3, 200)]
    b = np.where(rng.random(200) < 0.7, a, labels[rng.integers(0, 3, 200)])

    ours = cohen_kappa([[x, y] for x, y in zip(a, b, strict=True)])

    assert ours.value == pytest.approx(sklearn_metrics.cohen_kappa_score(a, b), abs=1e-12)


@pytest.mark.parametrize("seed", range(8))
def test_two_coder_identities(seed: int) -> None:
    # With two coders and no missing values, Fleiss' kappa is Scott's pi, and nominal alpha
    # is Scott's pi corrected for small samples: α = 1 − (1 − π)·(2n − 1)/(2n) (Krippendorff 2004).
    matrix = _random_matrix(seed, units=25 + 9 * seed, coders=2, values=3, missing=0.0)
    rows = _rows(matrix)
    pi = scott_pi(rows).value
    pairs = 2 * len(rows)

    assert fleiss_kappa(rows).value == pytest.approx(pi, abs=1e-12)
    assert krippendorff_alpha(rows).value == pytest.approx(1 - (1 - pi) * (pairs - 1) / pairs, abs=1e-12)


def _irrcac_fleiss_kappa(matrix: np.ndarray) -> float:
    """irrCAC's fleiss.kappa.raw (Gwet), transcribed step by step from its R source."""
    rated = matrix[~np.isnan(matrix).all(axis=1)]  # irrCAC asks for units without values removed
    categories = np.unique(rated[~np.isnan(rated)])
    agree_mat = np.stack([(rated == k).sum(axis=1) for k in categories], axis=1).astype(float)
    ri_vec = agree_mat.sum(axis=1)
    sum_q = (agree_mat * (agree_mat - 1)).sum(axis=1)
    two_or_more = ri_vec >= 2
    pa = (sum_q[two_or_more] / (ri_vec * (ri_vec - 1))[two_or_more]).sum() / two_or_more.sum()
    pi_vec = (agree_mat / ri_vec[:, None]).sum(axis=0) / len(rated)
    pe = np.sum(np.outer(pi_vec, pi_vec) * np.identity(len(categories)))
    return float((pa - pe) / (1 - pe))


@pytest.mark.parametrize("seed", range(10))
def test_fleiss_kappa_with_missing_values_matches_irrcac(seed: int) -> None:
    matrix = _random_matrix(seed, units=20 + 7 * seed, coders=3 + seed % 4, values=2 + seed % 4, missing=0.3)

    assert fleiss_kappa(matrix).value == pytest.approx(_irrcac_fleiss_kappa(matrix), abs=1e-12)


@pytest.mark.parametrize("seed", range(8))
def test_multi_coder_percent_agreement_is_mean_pairwise(seed: int) -> None:
    matrix = _random_matrix(seed, units=30, coders=4, values=3, missing=0.25)
    expected = []
    for row in matrix:
        values = row[~np.isnan(row)]
        if len(values) >= 2:
            pairs = [(x, y) for i, x in enumerate(values) for j, y in enumerate(values) if i != j]
            expected.append(np.mean([x == y for x, y in pairs]))

    result = percent_agreement(matrix)

    assert result.value == pytest.approx(np.mean(expected), abs=1e-12)
    assert result.units == len(expected)
    q = len(as_reliability_data(matrix).categories)
    assert brennan_prediger(matrix).value == pytest.approx((result.value - 1 / q) / (1 - 1 / q), abs=1e-12)


def test_gwet_ac1_two_coders_by_hand() -> None:
    # 8 yes/yes, 1 no/no, 1 yes/no: p_a = .9; π_yes = 17/20, p_e = 2·.85·.15 = .255.
    rows = [["y", "y"]] * 8 + [["n", "n"], ["y", "n"]]

    result = gwet_ac1(rows)

    assert result.expected == pytest.approx(0.255)
    assert result.value == pytest.approx((0.9 - 0.255) / (1 - 0.255))


def test_gwet_ac1_counts_single_values_in_category_shares_only() -> None:
    # Units rated by one coder leave p_a alone but enter π_k (Gwet's irrCAC gwet.ac1.raw).
    complete = [["y", "y"]] * 8 + [["n", "n"], ["y", "n"]]
    with_singles = [*complete, ["y", None], ["y", None], ["n", None]]

    result = gwet_ac1(with_singles)

    assert result.observed == pytest.approx(0.9)
    shares_yes = (8 + 0 + 0.5 + 2) / 13
    assert result.expected == pytest.approx(2 * shares_yes * (1 - shares_yes))
    assert result.units == 10
