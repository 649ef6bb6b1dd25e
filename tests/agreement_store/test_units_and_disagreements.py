"""Units, --min-overlap and disagreement regions on plain data (no project)."""

from __future__ import annotations

import pytest

from qualcode.agreement.disagreements import agreed_regions, chosen_spans, find_disagreements, merge_spans
from qualcode.agreement.units import UnitDocument, coded_units, parse_min_overlap

TEXT = "R: een twee drie\nvier vijf zes\n"
#       0123456789012345 6789012345678 9
PARAGRAPHS = ((3, 16), (17, 30))


@pytest.mark.parametrize(("text", "share"), [("0.5", 0.5), ("50%", 0.5), (" 30 % ", 0.3), ("1", 1.0), ("100%", 1.0)])
def test_min_overlap_is_a_share_or_a_percentage(text, share) -> None:
    assert parse_min_overlap(text) == pytest.approx(share)


@pytest.mark.parametrize(("text", "message"), [
    ("50", "above 1: write 50% or 0.5"), ("0", "above 0"), ("-0.2", "above 0"), ("150%", "above 0"),
    ("half", "a share like 0.5"),
])
def test_a_bad_min_overlap_says_what_to_write(text, message) -> None:
    with pytest.raises(ValueError, match=message):
        parse_min_overlap(text)


def test_a_unit_is_coded_from_the_union_of_a_coders_spans() -> None:
    document = UnitDocument(1, "d", "x" * 20, ((0, 10), (10, 20)))

    # Two codings of 3 characters each cover 6 of 10: enough at 0.6, not at 0.61; 3 of 10 meet 0.3 exactly.
    assert coded_units(document, [(0, 3), (5, 8)], 0.6).tolist() == [True, False]
    assert coded_units(document, [(0, 3), (5, 8)], 0.61).tolist() == [False, False]
    assert coded_units(document, [(10, 13)], 0.3).tolist() == [False, True]
    assert coded_units(document, [(9, 11)]).tolist() == [True, True]
    assert coded_units(document, [(9, 11)], 0.2).tolist() == [False, False]
    assert coded_units(UnitDocument(1, "d", "x" * 5), [(1, 3)]).tolist() == [False, True, True, False, False]


def test_segment_disagreements_are_the_units_one_coder_codes_in_document_order() -> None:
    document = UnitDocument(1, "d", TEXT, PARAGRAPHS)
    a_spans, b_spans = [(7, 11), (17, 21)], [(3, 6), (25, 29)]

    found = find_disagreements(document, a_spans, b_spans, min_overlap=0.3)

    # Paragraph 1: A covers 4/13, B 3/13 (< 0.3). Paragraph 2: A 4/13, B 4/13: agreed.
    assert [(d.start, d.end, d.a_spans, d.b_spans, d.coded_by) for d in found] == [(3, 16, ((7, 11),), ((3, 6),), "a")]
    assert found[0].context == "R: een twee drie" and found[0].context_start == 0
    assert [(d.start, d.end) for d in find_disagreements(document, a_spans, b_spans)] == []


def test_character_disagreements_are_maximal_runs_only_one_coder_covers() -> None:
    document = UnitDocument(1, "d", TEXT)
    a_spans, b_spans = [(3, 11), (20, 25)], [(7, 16), (22, 23)]

    found = find_disagreements(document, a_spans, b_spans)

    assert [(d.start, d.end, d.coded_by) for d in found] == [(3, 7, "a"), (11, 16, "b"), (20, 22, "a"), (23, 25, "a")]
    assert (found[1].a_spans, found[1].b_spans) == ((), ((7, 16),))
    assert found[2].context == "vier vijf zes" and found[2].context_start == 17
    # Adjacent A-only and B-only characters form one region that each codes a part of.
    [touching] = find_disagreements(document, [(3, 7)], [(7, 11)])
    assert (touching.start, touching.end, touching.coded_by) == (3, 11, "a and b")
    assert agreed_regions(document, a_spans, b_spans) == [(7, 11), (22, 23)]


@pytest.mark.parametrize(("choice", "expected"), [
    ("a", [(5, 8)]), ("b", [(7, 10)]), ("both", [(5, 10)]), ("neither", []),
])
def test_settling_chooses_spans_clipped_to_the_region(choice, expected) -> None:
    assert chosen_spans(5, 10, [(0, 8)], [(7, 12)], choice) == expected


def test_merging_spans_joins_overlapping_and_touching_ones() -> None:
    assert merge_spans([(5, 7), (0, 3), (3, 4), (6, 9), (12, 12)]) == [(0, 4), (5, 9)]
