"""Settling disagreements into the consensus coder: exactly the right codings, undoable, recorded."""

from __future__ import annotations

import pytest

from qualcode.storage.actions import undo
from qualcode.storage.agreement_data import code_disagreements, coded_text_agreement, load_agreement_scope
from qualcode.storage.coders import find_coder, get_coder
from qualcode.storage.codings import NewCoding, add_coding, list_codings
from qualcode.storage.consensus import (
    adopt_agreements, settle_disagreement, settlement_counts, settlement_progress, settlements,
)
from qualcode.storage.errors import ProjectError
from tests.agreement_store.coded_project import NOODZAAK, VERTROUWEN, code_id, coded_project


def _spans(store, coder: str, key: str | None = None) -> list[tuple[int, int, int]]:
    coder_id = get_coder(store, coder).id
    codes = {code_id(store, k): k for k in (VERTROUWEN, NOODZAAK)}
    return [(c.document_id, c.start, c.end) for c in list_codings(store, coder_id=coder_id)
            if key is None or codes.get(c.code_id) == key]


def _everyone_else(store) -> list:
    consensus = find_coder(store, "consensus")
    return [c for c in list_codings(store) if consensus is None or c.coder_id != consensus.id]


def _settle(store, document_id, start, end, choice, **options):
    return settle_disagreement(
        store, coder_a_id=get_coder(store, "eva").id, coder_b_id=get_coder(store, "daan").id,
        code_id=code_id(store, VERTROUWEN), document_id=document_id, start=start, end=end, choice=choice, **options)


@pytest.mark.parametrize(("choice", "expected"), [
    # Paragraph 20-44: eva coded 20-31, daan 26-44.
    ("a", [(20, 31)]), ("b", [(26, 44)]), ("both", [(20, 44)]), ("neither", []),
])
def test_each_way_of_settling_writes_the_consensus_codings_inside_the_unit_and_nothing_else(
    tmp_path, choice, expected
) -> None:
    store, document_id = coded_project(tmp_path / "p")
    before = _everyone_else(store)

    settlement = _settle(store, document_id, 20, 44, choice)

    assert _spans(store, "consensus") == [(document_id, *span) for span in expected]
    consensus = get_coder(store, "consensus")
    assert all(c.origin == "consensus" and c.code_id == code_id(store, VERTROUWEN)
               for c in list_codings(store, coder_id=consensus.id))
    assert _everyone_else(store) == before
    eva, daan = get_coder(store, "eva").id, get_coder(store, "daan").id
    recorded = settlements(store, coder_a_id=eva, coder_b_id=daan)
    assert list(recorded) == [(document_id, code_id(store, VERTROUWEN), 20, 44)]
    assert recorded[document_id, code_id(store, VERTROUWEN), 20, 44].choice == choice == settlement.choice


def test_settling_keeps_the_consensus_codings_outside_the_region(tmp_path) -> None:
    store, document_id = coded_project(tmp_path / "p")
    _settle(store, document_id, 20, 44, "both")
    consensus_id = get_coder(store, "consensus").id
    # An earlier consensus coding reaching from the paragraph into the next one, and one elsewhere.
    add_coding(store, NewCoding(document_id, code_id(store, VERTROUWEN), consensus_id, 40, 50, memo="m"))
    add_coding(store, NewCoding(document_id, code_id(store, VERTROUWEN), consensus_id, 63, 76))
    add_coding(store, NewCoding(document_id, code_id(store, NOODZAAK), consensus_id, 20, 44))

    _settle(store, document_id, 20, 44, "neither")

    assert _spans(store, "consensus", VERTROUWEN) == [(document_id, 44, 50), (document_id, 63, 76)]
    assert _spans(store, "consensus", NOODZAAK) == [(document_id, 20, 44)]
    [kept] = [c for c in list_codings(store, coder_id=consensus_id) if c.start == 44]
    assert kept.memo == "m"


def test_settling_again_replaces_the_earlier_choice_and_undo_unsettles(tmp_path) -> None:
    store, document_id = coded_project(tmp_path / "p")
    eva, daan = get_coder(store, "eva").id, get_coder(store, "daan").id

    _settle(store, document_id, 20, 44, "a", actor_id=eva)
    _settle(store, document_id, 20, 44, "b", actor_id=eva)
    assert _spans(store, "consensus") == [(document_id, 26, 44)]
    assert next(iter(settlements(store, coder_a_id=eva, coder_b_id=daan).values())).choice == "b"

    undo(store, eva)
    assert _spans(store, "consensus") == [(document_id, 20, 31)]
    assert next(iter(settlements(store, coder_a_id=eva, coder_b_id=daan).values())).choice == "a"
    undo(store, eva)
    assert _spans(store, "consensus") == []
    assert settlements(store, coder_a_id=eva, coder_b_id=daan) == {}


def test_a_settlement_that_changes_no_coding_is_still_recorded_and_undoable(tmp_path) -> None:
    store, document_id = coded_project(tmp_path / "p")
    eva, daan = get_coder(store, "eva").id, get_coder(store, "daan").id

    _settle(store, document_id, 80, 95, "neither", actor_id=daan)

    assert _spans(store, "consensus") == []
    assert [s.choice for s in settlements(store, coder_a_id=eva, coder_b_id=daan).values()] == ["neither"]
    assert undo(store, daan).description.endswith(": neither")
    assert settlements(store, coder_a_id=eva, coder_b_id=daan) == {}


def test_settling_the_character_disagreements_and_adopting_agreements_gives_a_full_consensus(tmp_path) -> None:
    store, document_id = coded_project(tmp_path / "p")
    scope = load_agreement_scope(store, ["eva", "daan"], unit="char")
    vertrouwen = code_id(store, VERTROUWEN)
    found = code_disagreements(scope, vertrouwen)
    assert [(d.start, d.end, d.coded_by) for d in found] == [(20, 26, "a"), (31, 44, "b"), (80, 85, "a"),
                                                             (88, 95, "a")]

    written = adopt_agreements(store, scope, vertrouwen)
    for disagreement, choice in zip(found, ["a", "neither", "both", "b"], strict=True):
        _settle(store, document_id, disagreement.start, disagreement.end, choice)

    assert written == 2
    assert _spans(store, "consensus") == [(document_id, 20, 26), (document_id, 26, 31), (document_id, 80, 85),
                                          (document_id, 85, 88)]
    assert adopt_agreements(store, scope, vertrouwen) == 0


def test_adopting_agreements_on_paragraphs_takes_the_union_inside_each_agreed_unit(tmp_path) -> None:
    store, _ = coded_project(tmp_path / "p")
    scope = load_agreement_scope(store, ["eva", "daan"], unit="paragraph")

    adopt_agreements(store, scope, code_id(store, VERTROUWEN))

    assert [span[1:] for span in _spans(store, "consensus")] == [(20, 44), (80, 95)]


def test_bad_settlements_change_nothing(tmp_path) -> None:
    store, document_id = coded_project(tmp_path / "p")

    with pytest.raises(ProjectError, match="one of a, b, both, neither"):
        _settle(store, document_id, 20, 44, "maybe")
    with pytest.raises(ProjectError, match="not inside 'gesprek'"):
        _settle(store, document_id, 90, 200, "a")
    with pytest.raises(ProjectError, match="cannot be 'eva'"):
        _settle(store, document_id, 20, 44, "a", consensus="eva")
    assert find_coder(store, "consensus") is None


def test_progress_counts_the_settled_disagreements_of_a_code(tmp_path) -> None:
    store, document_id = coded_project(tmp_path / "p")
    scope = load_agreement_scope(store, ["eva", "daan"], unit="paragraph")
    vertrouwen = code_id(store, VERTROUWEN)
    start = settlement_progress(store, scope, vertrouwen, min_overlap=0.5)
    assert [(d.start, d.end) for d in start.disagreements] == [(20, 44), (80, 95)]
    assert (start.open, start.settled) == (2, {})

    _settle(store, document_id, 80, 95, "a")
    _settle(store, document_id, 3, 16, "b")  # not a disagreement: settled, but not counted

    progress = settlement_progress(store, scope, vertrouwen, min_overlap=0.5)
    assert progress.open == 1
    assert {key: s.choice for key, s in progress.settled.items()} == {(document_id, 80): "a"}
    # With any overlap both paragraphs are agreed on: nothing is left to settle.
    assert settlement_progress(store, scope, vertrouwen).disagreements == ()


@pytest.mark.parametrize(("unit", "min_overlap"), [("char", None), ("paragraph", None), ("paragraph", 0.5),
                                                   ("sentence", 1.0), ("turn", 0.5)])
def test_the_table_counts_the_disagreements_and_settlements_that_settling_lists(tmp_path, unit, min_overlap) -> None:
    store, document_id = coded_project(tmp_path / "p")
    for start, end, choice in ((20, 44, "a"), (80, 95, "b"), (20, 26, "both"), (31, 44, "a"), (3, 16, "b")):
        _settle(store, document_id, start, end, choice)  # some are disagreements at this unit, some are not
    scope = load_agreement_scope(store, ["eva", "daan"], unit=unit)
    rows = coded_text_agreement(store, ["eva", "daan"], unit=unit, min_overlap=min_overlap, by_document=False)
    counts = settlement_counts(store, scope, rows.agreement.rows, min_overlap=min_overlap)

    for row in rows.agreement.rows:
        progress = settlement_progress(store, scope, row.code_id, min_overlap=min_overlap)
        assert (counts[row.code_id].disagreements, counts[row.code_id].settled) == (
            len(progress.disagreements), len(progress.settled))
        assert counts[row.code_id].open == progress.open
    assert any(count.settled for count in counts.values()) == (unit != "paragraph" or min_overlap is not None)
