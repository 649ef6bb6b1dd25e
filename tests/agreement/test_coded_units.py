"""Coded segment units from the merged spans are exactly those the per-character mask gave, for any spans."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualcode.agreement.character_mask import character_mask, span_union
from qualcode.agreement.units import UnitDocument, coded_units


def _by_mask(document: UnitDocument, spans, min_overlap):
    """The former computation: a mask of every character, summed over each unit."""
    mask = character_mask(len(document.text), spans)
    bounds = np.asarray(document.units, dtype=np.int64).reshape(-1, 2)
    if len(bounds) == 0:
        return np.zeros(0, dtype=bool)
    covered_before = np.concatenate([[0], np.cumsum(mask, dtype=np.int64)])
    covered = covered_before[bounds[:, 1]] - covered_before[bounds[:, 0]]
    if min_overlap is None:
        return covered > 0
    sizes = bounds[:, 1] - bounds[:, 0]
    return (covered > 0) & (covered >= min_overlap * sizes - 1e-9)


@st.composite
def documents_and_spans(draw):
    length = draw(st.integers(0, 80))
    edges = sorted(set(draw(st.lists(st.integers(0, length), max_size=12))) | {0, length})
    units = tuple((start, end) for start, end in zip(edges, edges[1:]) if draw(st.booleans()))
    span = st.tuples(st.integers(0, length), st.integers(0, length)).map(sorted).map(tuple)
    spans = draw(st.lists(span, max_size=10))
    return UnitDocument(1, "d", "x" * length, units), spans


@given(drawn=documents_and_spans(), min_overlap=st.sampled_from([None, 0.3, 0.5, 1.0]))
def test_coded_units_are_those_of_the_character_mask(drawn, min_overlap):
    document, spans = drawn
    assert coded_units(document, spans, min_overlap).tolist() == _by_mask(document, spans, min_overlap).tolist()


@given(drawn=documents_and_spans())
def test_the_union_marks_what_the_mask_marks(drawn):
    document, spans = drawn
    starts, ends = span_union(len(document.text), spans)
    marked = np.zeros(len(document.text), dtype=bool)
    for start, end in zip(starts, ends):
        marked[start:end] = True
    assert marked.tolist() == character_mask(len(document.text), spans).tolist()
    assert all(ends[:-1] < starts[1:]) and all(starts < ends)


def test_a_span_outside_the_text_is_refused_by_both():
    document = UnitDocument(1, "d", "x" * 10, ((0, 5), (5, 10)))
    for compute in (lambda: coded_units(document, [(3, 12)]), lambda: character_mask(10, [(3, 12)])):
        with pytest.raises(ValueError, match=r"span \(3, 12\) does not lie within 0..10"):
            compute()
