"""Sweeping over span edges counts exactly what per-character masks count, for any spans and coders."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.agreement.character_counts import character_counts
from qualcode.agreement.character_mask import character_mask
from qualcode.agreement.disagreements import find_disagreements
from qualcode.agreement.group_presence import count_group_presence
from qualcode.agreement.presence import count_presence
from qualcode.agreement.units import UnitDocument


@st.composite
def projects(draw):
    lengths = draw(st.lists(st.integers(0, 40), min_size=1, max_size=4))
    documents = [UnitDocument(10 + index, f"d{index}", "x" * length) for index, length in enumerate(lengths)]
    code_ids = draw(st.lists(st.integers(1, 9), min_size=1, max_size=3, unique=True))
    coder_ids = draw(st.lists(st.integers(1, 9), min_size=2, max_size=4, unique=True))
    spans = {}
    for document in documents:
        length = len(document.text)
        for code_id in code_ids:
            for coder_id in coder_ids:
                starts = draw(st.lists(st.integers(0, length), max_size=4))
                spans[document.id, code_id, coder_id] = [
                    (start, draw(st.integers(start, length))) for start in starts
                ]
    return documents, code_ids, coder_ids, spans


@settings(max_examples=200, deadline=None)
@given(projects())
def test_the_sweep_counts_what_the_masks_count(project):
    documents, code_ids, coder_ids, spans = project
    counted = character_counts(documents, code_ids, coder_ids, spans)
    for document in documents:
        for code_id in code_ids:
            masks = [character_mask(len(document.text), spans[document.id, code_id, coder]) for coder in coder_ids]
            matrix = np.stack(masks, axis=1).reshape(len(document.text), len(coder_ids))
            group, pair = counted[document.id, code_id]
            assert group == count_group_presence(matrix)
            if len(coder_ids) == 2:
                assert pair == count_presence(masks[0], masks[1])
            else:
                assert pair is None


def test_a_span_outside_its_document_is_refused_as_the_masks_refuse_it():
    document = UnitDocument(1, "d", "abcdef")
    with pytest.raises(ValueError, match=r"span \(2, 9\) does not lie within 0..6"):
        character_counts([document], [1], [1, 2], {(1, 1, 1): [(0, 3)], (1, 1, 2): [(2, 9)]})


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40).flatmap(lambda length: st.tuples(
    st.just(length),
    st.lists(st.tuples(st.integers(0, length), st.integers(0, length)).map(sorted).map(tuple), max_size=5),
    st.lists(st.tuples(st.integers(0, length), st.integers(0, length)).map(sorted).map(tuple), max_size=5))))
def test_disagreement_regions_from_span_edges_are_those_of_the_masks(case):
    length, a_spans, b_spans = case
    document = UnitDocument(1, "d", "x\ny " * (length // 4) + "x" * (length % 4))
    coded_a, coded_b = character_mask(length, a_spans), character_mask(length, b_spans)
    expected = []
    edges = np.flatnonzero(np.diff(np.concatenate([[False], coded_a ^ coded_b, [False]]).astype(np.int8)))
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        in_a, in_b = bool(coded_a[start:end].any()), bool(coded_b[start:end].any())
        expected.append((int(start), int(end), "a and b" if in_a and in_b else "a" if in_a else "b"))
    found = find_disagreements(document, a_spans, b_spans)
    assert [(d.start, d.end, d.coded_by) for d in found] == expected
