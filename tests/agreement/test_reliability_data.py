"""Validating and indexing the units × coders matrix."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.agreement import as_reliability_data, krippendorff_alpha


def test_rows_of_strings_are_indexed_in_sorted_order() -> None:
    data = as_reliability_data([["nee", "ja"], [None, "ja"], ["misschien", "nee"]])

    assert data.categories == ("ja", "misschien", "nee")
    assert data.codes.tolist() == [[2, 0], [-1, 0], [1, 2]]
    assert data.numbers is None
    assert (data.units, data.coders) == (3, 2)
    assert data.value_counts().tolist() == [[1, 0, 1], [1, 0, 0], [0, 1, 1]]


def test_numbers_keep_their_values_and_order() -> None:
    data = as_reliability_data([[10, 2.5], [None, 10]])

    assert data.categories == (2.5, 10)
    assert data.codes.tolist() == [[1, 0], [-1, 1]]
    assert np.isnan(data.numbers[1, 0])


def test_values_that_cannot_be_ordered_keep_first_seen_order() -> None:
    data = as_reliability_data([["b", 1], [1, "a"]])

    assert data.categories == ("b", 1, "a")
    assert not data.ordered
    assert krippendorff_alpha(data).defined
    with pytest.raises(ValueError, match="can be ordered"):
        krippendorff_alpha(data, level="ordinal")


def test_arrays_and_rows_give_the_same_data() -> None:
    rows = [[1, 2, None], [2, 2, 3], [None, 1, 1]]
    array = np.array([[1, 2, np.nan], [2, 2, 3], [np.nan, 1, 1]])

    from_rows, from_array = as_reliability_data(rows), as_reliability_data(array)

    assert from_rows.categories == from_array.categories
    assert np.array_equal(from_rows.codes, from_array.codes)
    assert np.array_equal(as_reliability_data(np.array([[1, 2], [3, 1]])).codes, [[0, 1], [2, 0]])


def test_boolean_arrays_take_the_fast_path() -> None:
    data = as_reliability_data(np.array([[True, False], [True, True]]))

    assert data.categories == (False, True)
    assert data.codes.tolist() == [[1, 0], [1, 1]]
    assert as_reliability_data(np.array([[True, True]])).categories == (True,)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("12", "list of rows"),
        ([[1, 2], "ab"], "row 1 is not a sequence"),
        ([[]], "no values"),
        (np.zeros((2, 2, 2)), "2-D"),
    ],
)
def test_malformed_data_is_refused(data, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        as_reliability_data(data)


def test_infinite_values_are_refused() -> None:
    with pytest.raises(ValueError, match="row 1, coder 0: value inf is not finite"):
        as_reliability_data([[1, 2], [float("inf"), 2]])


def test_integers_far_apart_and_fractions_are_indexed_alike() -> None:
    data = as_reliability_data([[0, 10**9], [0.5, 10**9]])

    assert data.categories == (0, 0.5, 10**9)
    assert data.codes.tolist() == [[0, 2], [1, 2]]
