"""Counting a code once over every document's units laid end to end gives the table that adding up each document gave."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.agreement.coded_text import measure_coded_text
from qualcode.agreement.pooled_units import pooled_unit_counts
from qualcode.agreement.units import CodedSpan, UnitDocument
from qualcode.domain.models import Code

CODES = (Code(id=1, key="g/a", name="a", group_id=1), Code(id=2, key="g/b", name="b", group_id=1))


@st.composite
def document(draw, document_id: int) -> UnitDocument:
    length = draw(st.integers(0, 60))
    edges = sorted(set(draw(st.lists(st.integers(0, length), max_size=10))) | {0, length})
    units = tuple((start, end) for start, end in zip(edges, edges[1:]) if draw(st.booleans()))
    return UnitDocument(document_id, f"d{document_id}", "x" * length, units)


@st.composite
def projects(draw):
    """Up to four documents and codings of 2 or 3 coders with two codes, spans anywhere in their document."""
    documents = [draw(document(number)) for number in range(1, draw(st.integers(0, 4)) + 1)]
    coders = (1, 2, 3)[:draw(st.sampled_from([2, 3]))]
    codings = []
    for unit_document in documents:
        length = len(unit_document.text)
        span = st.tuples(st.integers(0, length), st.integers(0, length)).map(sorted)
        for coder in coders:
            for code in CODES:
                codings += [CodedSpan(unit_document.id, code.id, coder, start, end)
                            for start, end in draw(st.lists(span, max_size=4))]
    return documents, coders, codings


@settings(max_examples=300, deadline=None)
@given(project=projects(), min_overlap=st.sampled_from([None, 0.3, 0.5, 1.0]))
def test_the_code_rows_and_the_pooled_row_are_those_summed_document_by_document(project, min_overlap):
    documents, coders, codings = project
    fast = measure_coded_text(documents, CODES, coders, codings, unit="paragraph", min_overlap=min_overlap,
                              by_document=False)
    summed = measure_coded_text(documents, CODES, coders, codings, unit="paragraph", min_overlap=min_overlap,
                                by_document=True)
    assert fast.rows == summed.rows
    assert fast.pooled == summed.pooled
    assert fast.by_document == ()


def test_a_span_outside_its_document_is_refused_as_per_document():
    documents = [UnitDocument(1, "d1", "x" * 10, ((0, 10),)), UnitDocument(2, "d2", "x" * 10, ((0, 10),))]
    codings = [CodedSpan(2, 1, 2, 0, 4), CodedSpan(1, 1, 1, 3, 12)]
    with pytest.raises(ValueError, match=r"span \(3, 12\) does not lie within 0..10"):
        pooled_unit_counts(documents, [1], [1, 2], codings)


def test_character_units_are_not_counted_this_way():
    with pytest.raises(ValueError, match="not characters"):
        pooled_unit_counts([UnitDocument(1, "d1", "abc")], [1], [1, 2], [])
