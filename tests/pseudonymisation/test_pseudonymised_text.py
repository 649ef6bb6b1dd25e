"""Replacing spans moves every offset exactly: a coding's new text is the pseudonymisation of its old text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualcode.domain.pseudonymised_text import Replacement, pseudonymise

ALPHABET = st.sampled_from("ab é\n😀")


@st.composite
def text_with_replacements(draw):
    text = draw(st.text(ALPHABET, min_size=1, max_size=40))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    replacements = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        if start < end:
            replacements.append(Replacement(start, end, draw(st.text(st.sampled_from("[P1]😀"), max_size=12))))
    return text, replacements


@given(text_with_replacements(), st.data())
def test_every_span_maps_to_the_pseudonymisation_of_its_text(case, data):
    text, replacements = case
    mapped = pseudonymise(text, replacements)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    # A span grows to take whole any replacement it cuts; then its new text is its old text pseudonymised.
    for r in replacements:
        if r.start < start < r.end:
            start = r.start
        if r.start < end < r.end:
            end = r.end
    inside = [Replacement(r.start - start, r.end - start, r.pseudonym) for r in replacements
              if start <= r.start and r.end <= end]
    new_start, new_end = mapped.map_span(start, end)
    if start == end:
        assert new_start == new_end
    else:
        assert mapped.text[new_start:new_end] == pseudonymise(text[start:end], inside).text


@given(text_with_replacements())
def test_the_text_outside_replacements_is_kept(case):
    text, replacements = case
    mapped = pseudonymise(text, replacements)
    assert mapped.map_span(0, len(text)) == (0, len(mapped.text))
    position = 0
    for r in replacements:
        assert text[position:r.start] in mapped.text
        position = r.end


def test_a_cut_replacement_is_taken_whole():
    mapped = pseudonymise("ik sprak Hans Wolters gisteren", [Replacement(9, 21, "[Persoon 1]")])
    assert mapped.text == "ik sprak [Persoon 1] gisteren"
    start, end = mapped.map_span(3, 14)          # "sprak Hans": ends inside the name
    assert mapped.text[start:end] == "sprak [Persoon 1]"
    start, end = mapped.map_span(21, 30)
    assert mapped.text[start:end] == " gisteren"


@pytest.mark.parametrize("replacements", [
    [Replacement(0, 5, "x"), Replacement(3, 7, "y")],     # overlapping
    [Replacement(5, 40, "x")],                            # beyond the text
    [Replacement(4, 4, "x")],                             # empty
])
def test_bad_replacements_are_refused(replacements):
    with pytest.raises(ValueError):
        pseudonymise("een korte tekst", replacements)
