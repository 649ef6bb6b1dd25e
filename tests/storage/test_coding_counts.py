"""Usage per code and coded share per document, checked against counts made by hand."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.storage.coders import ensure_coder, ensure_coder_in
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.coding_counts import (
    CodeUsage,
    code_usage,
    codings_per_coder_and_document,
    coded_shares,
    document_coverage,
    spoken_characters,
)
from qualcode.storage.codings import NewCoding, covered_characters, insert_codings
from qualcode.storage.documents import store_transcript
from tests.project_factory import small_project

PARSED = ParsedTranscript(text="R: " + "woord " * 20, turns=(ParsedTurn(speaker="R", start=3, end=123, paragraphs=((3, 123),)),),
                          source_format="txt", interviewer_label=None)

pytestmark = pytest.mark.both_backends


def test_usage_and_share_per_coder(project_place):
    store = small_project(project_place("p"))
    eva, daan = ensure_coder(store, "eva").id, ensure_coder(store, "daan").id
    codes = {code.key.split("/")[-1]: code.id for code in load_codebook(store).codes}
    apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=70)
    apply_code(store, coder_id=eva, document_id=1, code_id=codes["gedoe-over-geld"], start=60, end=80)
    apply_code(store, coder_id=daan, document_id=1, code_id=codes["noodzaak"], start=3, end=10)
    assert code_usage(store, eva) == {codes["noodzaak"]: CodeUsage(1, 2), codes["gedoe-over-geld"]: CodeUsage(1, 1)}
    # Turns: "Hoe kijkt u naar de samenwerking?" (33) and the two-line answer (73).
    assert spoken_characters(store) == {1: 33 + 73}
    assert coded_shares(store, eva) == {1: 40 / 106}
    assert coded_shares(store, daan) == {1: 7 / 106}


spans = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 60), st.integers(1, 25), st.sampled_from("ab")),
                 max_size=25)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(planned=spans)
def test_coverage_from_the_database_is_the_union_of_the_spans(tmp_path_factory, planned):
    store = small_project(tmp_path_factory.mktemp("p"))
    with store.transaction() as session:
        coders = {name: ensure_coder_in(session, name).id for name in "ab"}
        documents = [1] + [store_transcript(session, PARSED, name=f"d{number}", source_name=f"d{number}.txt",
                                            source_sha256=str(number)).id for number in range(3)]
        insert_codings(session, [NewCoding(documents[document], 1, coders[coder], start, start + length)
                                 for document, start, length, coder in planned])
    for coder, every in (("a", False), ("b", False), ("a", True)):
        expected: dict[int, list[tuple[int, int]]] = {}
        for document, start, length, who in dict.fromkeys(planned):
            if every or who == coder:
                expected.setdefault(documents[document], []).append((start, start + length))
        assert document_coverage(store, coders[coder], every_coder=every) == {
            document: (len(found), covered_characters(found)) for document, found in expected.items()}
    store.close()


def test_codings_are_counted_per_coder_and_document(tmp_path):
    store = small_project(tmp_path / "p")
    eva, daan = ensure_coder(store, "eva").id, ensure_coder(store, "daan").id
    codes = [code.id for code in load_codebook(store).codes]
    apply_code(store, coder_id=eva, document_id=1, code_id=codes[0], start=40, end=70)
    apply_code(store, coder_id=eva, document_id=1, code_id=codes[1], start=60, end=80)
    apply_code(store, coder_id=daan, document_id=1, code_id=codes[0], start=3, end=10)
    assert codings_per_coder_and_document(store) == {(eva, 1): 2, (daan, 1): 1}
