"""Sweeping over span edges counts exactly what per-character masks count, for any spans and coders."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.agreement.character_counts import character_counts
from qualcode.agreement.character_mask import character_mask
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
