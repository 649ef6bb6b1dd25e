"""Reliability data: a units × coders matrix of values, validated and indexed once.

The common input of every coefficient is a list of rows, one per unit, one value per
coder, ``None`` (or a float NaN) where a coder gave no value. A 2-D numpy array
(units × coders) is accepted as well and takes a vectorised path.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeAlias

import numpy as np

ReliabilityInput: TypeAlias = "Sequence[Sequence[Hashable | None]] | np.ndarray | ReliabilityData"

_REAL_TYPES = (int, float, np.integer, np.floating)
_COUNTING_RANGE = 1 << 16


@dataclass(frozen=True, eq=False)
class ReliabilityData:
    """A validated units × coders matrix.

    ``codes[u, c]`` is the index in ``categories`` of coder ``c``'s value for unit ``u``,
    or -1 where it is missing. ``categories`` holds the distinct values in ascending
    order when they can be ordered (``ordered``), else in order of first appearance.
    ``numbers`` is the same matrix as floats with NaN for missing, present only when
    every value is a real number (needed for interval and ratio alpha).
    """

    codes: np.ndarray
    categories: tuple[Any, ...]
    ordered: bool
    numbers: np.ndarray | None

    @property
    def units(self) -> int:
        return int(self.codes.shape[0])

    @property
    def coders(self) -> int:
        return int(self.codes.shape[1])

    def value_counts(self) -> np.ndarray:
        """How many coders gave each category to each unit: a units × categories int array."""
        units, width = self.units, len(self.categories)
        present = self.codes >= 0
        unit_index = np.broadcast_to(np.arange(units)[:, None], self.codes.shape)[present]
        flat = unit_index * width + self.codes[present]
        return np.bincount(flat, minlength=units * width).reshape(units, width)


def as_reliability_data(data: ReliabilityInput) -> ReliabilityData:
    """Validate reliability data once; raise ``ValueError`` naming the offending row."""
    if isinstance(data, ReliabilityData):
        return data
    if isinstance(data, np.ndarray):
        return _from_array(data)
    if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
        raise ValueError("reliability data must be a list of rows (one per unit, one value per coder)")
    return _from_rows(data)


def _from_rows(rows: Sequence[Sequence[Hashable | None]]) -> ReliabilityData:
    if len(rows) == 0:
        return _empty(0)
    row_types = set(map(type, rows))
    if str in row_types or bytes in row_types or not all(hasattr(kind, "__len__") for kind in row_types):
        _raise_for_first_bad_row(rows)
    lengths = set(map(len, rows))
    if len(lengths) != 1:
        _raise_for_first_bad_row(rows)
    width = lengths.pop()
    if width == 0:
        raise ValueError("row 0 has no values; each row needs one value per coder")
    flat = list(chain.from_iterable(rows))
    if all(kind is type(None) or issubclass(kind, _REAL_TYPES) for kind in set(map(type, flat))):
        numbers = np.array(flat, dtype=float).reshape(len(rows), width)
        return _from_numbers(numbers)
    return _from_values(flat, len(rows), width)


def _raise_for_first_bad_row(rows: Sequence[object]) -> None:
    width = None
    for index, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not hasattr(row, "__len__"):
            raise ValueError(f"row {index} is not a sequence of values (one per coder): {row!r}")
        if width is None:
            width = len(row)  # type: ignore[arg-type]
        elif len(row) != width:  # type: ignore[arg-type]
            raise ValueError(f"row {index} has {len(row)} values, expected {width} (one per coder)")  # type: ignore[arg-type]


def _from_array(array: np.ndarray) -> ReliabilityData:
    if array.ndim != 2:
        raise ValueError(f"reliability data must be 2-D (units × coders), got shape {array.shape}")
    if array.shape[0] == 0:
        return _empty(array.shape[1])
    if array.shape[1] == 0:
        raise ValueError("reliability data has no coders (zero columns)")
    if array.dtype.kind == "b":
        return _from_booleans(array)
    if array.dtype.kind in "iuf":
        return _from_numbers(array.astype(float, copy=False))
    rows = array.tolist()
    return _from_rows(rows)


def _from_booleans(array: np.ndarray) -> ReliabilityData:
    used = [value for value in (False, True) if bool((array == value).any())]
    codes = array.astype(np.int64) if len(used) == 2 else np.zeros(array.shape, dtype=np.int64)
    return ReliabilityData(codes, tuple(used), True, array.astype(float))


def _from_numbers(numbers: np.ndarray) -> ReliabilityData:
    if np.isinf(numbers).any():
        row, coder = np.argwhere(np.isinf(numbers))[0]
        raise ValueError(f"row {row}, coder {coder}: value {numbers[row, coder]} is not finite")
    missing = np.isnan(numbers)
    distinct, inverse = _distinct(numbers[~missing])
    codes = np.full(numbers.shape, -1, dtype=np.int64)
    codes[~missing] = inverse
    categories = tuple(int(v) if float(v).is_integer() else float(v) for v in distinct.tolist())
    return ReliabilityData(codes, categories, True, numbers)


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and each value's index among them; counting, not sorting, for small integers."""
    if len(values) == 0:
        return values, np.zeros(0, dtype=np.int64)
    low, high = values.min(), values.max()
    if high - low < _COUNTING_RANGE and bool((values == np.floor(values)).all()):
        offsets = (values - low).astype(np.int64)
        used = np.bincount(offsets) > 0
        return np.flatnonzero(used) + low, (np.cumsum(used) - 1)[offsets]
    return np.unique(values, return_inverse=True)


def _from_values(flat: list[Hashable | None], units: int, width: int) -> ReliabilityData:
    index: dict[Hashable, int] = {}
    codes = np.full(units * width, -1, dtype=np.int64)
    for position, value in enumerate(flat):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        try:
            codes[position] = index.setdefault(value, len(index))
        except TypeError:
            row, coder = divmod(position, width)
            raise ValueError(f"row {row}, coder {coder}: value {value!r} cannot be a category") from None
    first_seen = list(index)
    try:
        ordered_values = sorted(first_seen)  # type: ignore[type-var]
    except TypeError:
        return ReliabilityData(codes.reshape(units, width), tuple(first_seen), False, None)
    rank = {value: position for position, value in enumerate(ordered_values)}
    # The trailing -1 maps missing (-1) to itself.
    remap = np.array([rank[value] for value in first_seen] + [-1], dtype=np.int64)
    return ReliabilityData(remap[codes].reshape(units, width), tuple(ordered_values), True, None)


def _empty(coders: int) -> ReliabilityData:
    return ReliabilityData(np.zeros((0, coders), dtype=np.int64), (), True, np.zeros((0, coders)))
