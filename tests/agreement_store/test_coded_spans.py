"""Agreement's plain reads give the codings and segments that ``list_codings`` and ``document_segments`` give."""

from __future__ import annotations

import pytest

from qualcode.storage.coded_spans import coded_spans, segment_spans
from qualcode.storage.coders import ensure_coder, get_coder
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import document_segments, list_documents
from tests.agreement_store.coded_project import CODINGS, NOODZAAK, coded_project


def test_the_spans_are_each_coders_codings_in_the_order_given(tmp_path) -> None:
    store, _ = coded_project(tmp_path / "p", {**CODINGS, ("anna", NOODZAAK): [(3, 16)]})
    eva, daan = get_coder(store, "eva").id, get_coder(store, "daan").id

    expected = [(c.document_id, c.code_id, c.coder_id, c.start, c.end)
                for coder in (daan, eva) for c in list_codings(store, coder_id=coder)]
    assert [tuple(span) for span in coded_spans(store, [daan, eva, daan])] == expected
    assert len(expected) == 5 and coded_spans(store, [ensure_coder(store, "nobody").id]) == []
    assert coded_spans(store, [daan])[0].coder_id == daan


def test_the_segments_are_those_each_document_has_in_text_order(tmp_path) -> None:
    store, _ = coded_project(tmp_path / "p")
    documents = sorted(document.id for document in list_documents(store))
    assert len(documents) == 2
    for kind in ("turn", "paragraph"):
        assert segment_spans(store, kind) == [(document_id, segment.start, segment.end) for document_id in documents
                                              for segment in document_segments(store, document_id, kind)]
    with pytest.raises(ValueError, match="not 'sentence'"):
        segment_spans(store, "sentence")
