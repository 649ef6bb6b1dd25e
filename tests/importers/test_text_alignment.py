"""Carrying a span from a text to its corrected version: edits beside it leave its text alone, edits
inside it are reported, a deleted span cannot be placed."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.importers.text_alignment import Alignment

# Interview-like text: Dutch words, spaces and line breaks, with many repeats (ja, het, dat) so that
# character alignments are ambiguous. The coded span is made of other words than the edits beside
# it bring in: when an edit copies the span's own words next to it, no alignment can tell which copy
# was coded (a case the report marks as "text changed", never silently).
WORDS = ["ja", "het", "dat", "we", "hebben", "lang", "niet", "R:", "I:", "é", "een"]
SPAN_WORDS = ["vertrouwen", "gepraat", "geld", "samenwerking", "ja", "niet"]
SEPARATORS = [" ", " ", " ", "\n", ". ", ", "]


@st.composite
def words(draw, vocabulary=tuple(WORDS), min_size=0):
    chosen = draw(st.lists(st.sampled_from(vocabulary), min_size=min_size, max_size=12))
    return "".join(word + draw(st.sampled_from(SEPARATORS)) for word in chosen)


OUTSIDE = words()
DELETED = st.text(alphabet="0123", min_size=1, max_size=15)
EDIT_TEXT = st.one_of(words(), st.text(alphabet="ab \nxyé", max_size=4))


@st.composite
def edited(draw, text):
    """``text`` after a few random inserts, deletes and replacements."""
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 6)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        if kind == "insert":
            text = text[:start] + draw(EDIT_TEXT) + text[start:]
        elif kind == "delete":
            text = text[:start] + text[end:]
        else:
            text = text[:start] + draw(EDIT_TEXT) + text[end:]
    return text


@st.composite
def edits_outside(draw):
    before, span, after = draw(OUTSIDE), draw(words(tuple(SPAN_WORDS), min_size=1)).rstrip(), draw(OUTSIDE)
    return before + span + after, (len(before), len(before) + len(span)), \
        draw(edited(before)) + span + draw(edited(after))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(edits_outside())
def test_edits_outside_a_span_leave_its_text_identical(case):
    old, (start, end), new = case
    placed = Alignment(old, new).place(start, end)
    assert new[placed.start : placed.end] == old[start:end]
    assert placed.status in ("unchanged", "moved")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet="xyz \n", max_size=30), st.text(alphabet="abcde", min_size=2, max_size=15),
       st.text(alphabet="xyz \n", max_size=30), st.data())
def test_an_edit_inside_a_span_is_reported_as_text_changed(before, span, after, data):
    cut = data.draw(st.integers(1, len(span) - 1))
    kind = data.draw(st.sampled_from(["insert", "delete", "replace"]))
    inner = data.draw(st.text(alphabet="abcdeq", min_size=1, max_size=4))
    if kind == "insert":
        changed = span[:cut] + inner + span[cut:]
    elif kind == "delete":
        changed = span[:cut] + span[cut + 1 :]
    else:
        changed = span[:cut] + inner + span[cut + 1 :]
    new = before + changed + after
    placed = Alignment(before + span + after, new).place(len(before), len(before) + len(span))
    if span in new:  # the same letters again: no alignment can tell this from an edit beside the span
        return
    assert placed.status == "text changed"
    assert new[placed.start : placed.end] != span


@settings(max_examples=200, deadline=None, derandomize=True)
@given(OUTSIDE, DELETED, OUTSIDE, st.integers(0, 3), st.integers(0, 3))
def test_a_deleted_span_cannot_be_placed(before, span, after, more_before, more_after):
    old = before + span + after
    new = before[: max(0, len(before) - more_before)] + after[more_after:]
    placed = Alignment(old, new).place(len(before), len(before) + len(span))
    assert placed.status == "unplaced" and placed.start == placed.end


def test_the_statuses_of_a_typical_correction():
    old = "R: Het vertrouwen was er niet.\nI: En het geld?\nR: Daar hebben we lang over gepraat.\n"
    new = "R: Het vertrouwn was er niet.\nI: En het geld?\nR: Daar hebben we heel lang over gepraat.\n"
    alignment = Alignment(old, new)
    assert alignment.place(3, 6).status == "unchanged"
    moved = alignment.place(old.index("En het geld?"), old.index("En het geld?") + 12)
    assert moved.status == "moved" and new[moved.start : moved.end] == "En het geld?"
    changed = alignment.place(old.index("Daar"), old.index("gepraat.") + 8)
    assert changed.status == "text changed"
    assert new[changed.start : changed.end] == "Daar hebben we heel lang over gepraat."


def test_text_inserted_at_the_edges_of_a_span_stays_outside_it():
    old = "een twee drie"
    alignment = Alignment(old, "een, twee! drie")
    placed = alignment.place(4, 8)
    assert "een, twee! drie"[placed.start : placed.end] == "twee"


def test_a_span_outside_the_old_text_is_an_error():
    with pytest.raises(ValueError, match="not inside the old text"):
        Alignment("abc", "abd").place(2, 5)
