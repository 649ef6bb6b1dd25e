"""Agreement's plain read of the codings gives each coder's codings as ``list_codings`` does, coder by coder."""

from __future__ import annotations

from qualcode.storage.coded_spans import coded_spans
from qualcode.storage.coders import ensure_coder, get_coder
from qualcode.storage.codings import list_codings
from tests.agreement_store.coded_project import CODINGS, NOODZAAK, coded_project


def test_the_spans_are_each_coders_codings_in_the_order_given(tmp_path) -> None:
    store, _ = coded_project(tmp_path / "p", {**CODINGS, ("anna", NOODZAAK): [(3, 16)]})
    eva, daan = get_coder(store, "eva").id, get_coder(store, "daan").id

    expected = [(c.document_id, c.code_id, c.coder_id, c.start, c.end)
                for coder in (daan, eva) for c in list_codings(store, coder_id=coder)]
    assert [tuple(span) for span in coded_spans(store, [daan, eva, daan])] == expected
    assert len(expected) == 5 and coded_spans(store, [ensure_coder(store, "nobody").id]) == []
    assert coded_spans(store, [daan])[0].coder_id == daan
