"""Undefined measures report a reason, never 0, NaN or a crash; misuse raises ValueError."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qualcode.agreement import (
    LEVELS,
    AgreementResult,
    brennan_prediger,
    cohen_kappa,
    cohen_kappa_from_table,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    scott_pi,
)

TWO_CODER_MEASURES = [cohen_kappa, scott_pi]
CHANCE_CORRECTED = [
    cohen_kappa,
    scott_pi,
    fleiss_kappa,
    *[lambda d, lv=lv: krippendorff_alpha(d, lv) for lv in LEVELS],
]


def _assert_undefined(result: AgreementResult, *words: str) -> None:
    assert result.value is None
    assert not result.defined
    assert result.reason
    for word in words:
        assert word in result.reason


@pytest.mark.parametrize("measure", CHANCE_CORRECTED)
def test_all_units_in_one_category(measure) -> None:
    result = measure([[3, 3], [3, 3], [3, 3]])

    _assert_undefined(result, "no variation", "3")


@pytest.mark.parametrize("measure", CHANCE_CORRECTED)
def test_a_single_agreed_unit(measure) -> None:
    _assert_undefined(measure([[1, 1]]), "no variation")


@pytest.mark.parametrize(
    "measure",
    [*CHANCE_CORRECTED, percent_agreement, brennan_prediger, gwet_ac1],
)
def test_all_values_missing(measure) -> None:
    result = measure([[None, None], [None, None]])

    _assert_undefined(result)
    assert result.units == 0


@pytest.mark.parametrize(
    "measure",
    [*CHANCE_CORRECTED, percent_agreement, brennan_prediger, gwet_ac1],
)
def test_no_units_at_all(measure) -> None:
    _assert_undefined(measure([]))


@pytest.mark.parametrize("measure", [krippendorff_alpha, percent_agreement, gwet_ac1, brennan_prediger])
def test_no_unit_with_two_values(measure) -> None:
    result = measure([[1, None], [None, 2], [3, None]])

    _assert_undefined(result, "two coders")


def test_a_single_disagreeing_unit_is_defined() -> None:
    # p_o = 0 and p_e = 0: kappa is 0 by its formula, not undefined.
    assert cohen_kappa([["ja", "nee"]]).value == 0.0
    assert percent_agreement([["ja", "nee"]]).value == 0.0


def test_one_category_for_brennan_prediger_and_gwet_needs_a_category_count() -> None:
    rows = [["ja", "ja"], ["ja", "ja"]]

    _assert_undefined(brennan_prediger(rows), "category_count")
    _assert_undefined(gwet_ac1(rows), "category_count")
    assert brennan_prediger(rows, category_count=2).value == 1.0
    assert gwet_ac1(rows, category_count=2).value == 1.0


def test_coders_each_using_another_single_category() -> None:
    result = cohen_kappa([["ja", "nee"], ["ja", "nee"]])

    assert result.value == 0.0  # p_o = 0, p_e = 0
    assert scott_pi([["ja", "nee"], ["ja", "nee"]]).value == -1.0  # p_o = 0, p_e = 1/2


def test_empty_table_and_degenerate_table() -> None:
    _assert_undefined(cohen_kappa_from_table([[0, 0], [0, 0]]), "no unit")
    _assert_undefined(cohen_kappa_from_table([[0, 0], [0, 7]], ("not coded", "coded")), "'coded'")


def test_results_never_hold_nan() -> None:
    with pytest.raises(ValueError, match="not finite"):
        AgreementResult.of("x", "f", math.nan, units=1, coders=2)
    with pytest.raises(ValueError, match="either a value or a reason"):
        AgreementResult("x", "f", None, None, 1, 2)


@pytest.mark.parametrize("measure", TWO_CODER_MEASURES)
def test_two_coder_measures_refuse_three_coders(measure) -> None:
    with pytest.raises(ValueError, match="fleiss_kappa or krippendorff_alpha"):
        measure([[1, 2, 3]])


@pytest.mark.parametrize("measure", [fleiss_kappa, krippendorff_alpha, percent_agreement, gwet_ac1])
def test_one_coder_is_refused(measure) -> None:
    with pytest.raises(ValueError, match="at least 2 coders"):
        measure([[1], [2]])


def test_rows_of_unequal_length_are_refused() -> None:
    with pytest.raises(ValueError, match="row 1 has 3 values, expected 2"):
        cohen_kappa([[1, 2], [1, 2, 3]])


def test_interval_alpha_needs_numbers_and_ratio_needs_non_negative_numbers() -> None:
    with pytest.raises(ValueError, match="numeric values"):
        krippendorff_alpha([["a", "b"], ["b", "b"]], level="interval")
    with pytest.raises(ValueError, match="non-negative"):
        krippendorff_alpha([[-1, 2], [2, 2]], level="ratio")
    with pytest.raises(ValueError, match="level must be one of"):
        krippendorff_alpha([[1, 2]], level="nominaal")


def test_unhashable_value_is_named() -> None:
    with pytest.raises(ValueError, match="row 1, coder 0"):
        krippendorff_alpha([["a", "b"], [["a"], "b"]])


def test_nan_counts_as_missing() -> None:
    with_nan = krippendorff_alpha(np.array([[1.0, np.nan], [2.0, 2.0], [1.0, 1.0], [2.0, 1.0]]))
    with_none = krippendorff_alpha([[1, None], [2, 2], [1, 1], [2, 1]])

    assert with_nan.value == pytest.approx(with_none.value)
    assert with_nan.units == 3
