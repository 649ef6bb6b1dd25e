"""The stored text of a source and the placing of selections on it, against independent computations."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.importers.normalised_text import normalise_text
from qualcode.importers.refi_model import RefiSelection
from qualcode.importers.refi_positions import Counting, name_matches, place_selections
from qualcode.importers.refi_text import align

CHARACTERS = list("ab Zé\t\r\n\x0b\x0c\x1c\x01\x85\u2028\u00a0\ufeff") + ["e\u0301", "😀", "👩‍⚕️", "\r\n"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(CHARACTERS), max_size=40).map("".join))
def test_stored_text_is_what_the_transcript_reader_stores(raw):
    aligned = align(raw)
    assert aligned.text == normalise_text(raw.removeprefix("\ufeff"))
    for index, char in enumerate(raw):
        if char.isalpha() and unicodedata.is_normalized("NFC", raw):
            assert aligned.text[aligned.to_stored(index)] == char
    assert aligned.to_stored(len(raw)) in (len(aligned.text), None)


def test_a_position_inside_a_composed_character_has_no_stored_place():
    aligned = align("Cafe\u0301 open")
    assert aligned.text == "Café open"
    assert aligned.to_stored(4) is None  # between "e" and its combining accent
    assert aligned.to_stored(3) == 3 and aligned.to_stored(5) == 4 and aligned.to_stored(6) == 5


WORDS = ["vertrouwen", "geld", "samenwerking", "maatschap", "cardioloog", "dienst", "fusie", "regio", "bestuur"]
SPECIALS = ["😀", "👩‍⚕️", "💶💶", "\r\n", "\n"]


def _document(rng: random.Random, bom: bool) -> tuple[str, list[tuple[int, int]]]:
    """A text of words, emoji and line breaks, and word-aligned spans (code points into the text)."""
    parts, spans, position = ["\ufeff"] if bom else [], [], 1 if bom else 0
    for _ in range(400):
        piece = rng.choice(WORDS) if rng.random() < 0.7 else rng.choice(SPECIALS)
        if piece in WORDS and rng.random() < 0.1:
            spans.append((position, position + len(piece)))
        parts.append(piece)
        parts.append(" ")
        position += len(piece) + 1
    return "".join(parts), spans


def _positions(text: str, index: int, counting: Counting) -> int:
    """Where ``index`` lies when counted as ``counting`` says, computed by encoding the prefix."""
    prefix = text[:index]
    if not counting.bom_counted:
        prefix = prefix.removeprefix("\ufeff")
    if counting.crlf_as_one:
        prefix = prefix.replace("\r\n", "\n")
    return len(prefix.encode("utf-16-le")) // 2 if counting.utf16 else len(prefix)


@pytest.mark.parametrize("counting", [Counting(), Counting(utf16=True), Counting(utf16=True, crlf_as_one=True),
                                      Counting(bom_counted=True), Counting(utf16=True, bom_counted=True)])
@pytest.mark.parametrize("seed", range(5))
def test_the_counting_a_tool_used_is_detected_and_every_span_lands_on_its_words(counting, seed):
    rng = random.Random(seed)
    text, spans = _document(rng, bom=True)
    selections = tuple(
        RefiSelection(guid=f"{n}", name="", start=_positions(text, start, counting),
                      end=_positions(text, end, counting), user_guid=None, created=None, modified=None,
                      description="", codings=())
        for n, (start, end) in enumerate(spans)
    )
    aligned = align(text)
    placement = place_selections(aligned, selections)
    assert placement.counting == counting
    assert not placement.tied
    assert [aligned.text[p.start:p.end] for p in placement.placed] == [text[s:e] for s, e in spans]


def test_names_decide_when_selections_are_not_on_word_boundaries():
    text = "😀 abcdefghij klmnopqrst 😀 uvwxyzabcd efghijklmn"
    quotes = ["cdefg", "mnopq", "wxyza", "ghijk"]
    selections = tuple(
        RefiSelection(guid=str(n), name=quote, start=len(text[:text.index(quote)].encode("utf-16-le")) // 2,
                      end=len(text[:text.index(quote) + 5].encode("utf-16-le")) // 2, user_guid=None, created=None,
                      modified=None, description="", codings=())
        for n, quote in enumerate(quotes)
    )
    aligned = align(text)
    placement = place_selections(aligned, selections)
    assert placement.counting == Counting(utf16=True)
    assert placement.evidence[0].names_matching == 4
    assert [aligned.text[p.start:p.end] for p in placement.placed] == quotes


@pytest.mark.parametrize("name, text, expected", [
    ("", "anything", None),
    ("Het vertrouwen", "Het  vertrouwen", True),
    ("For some reason babies aren't…", "For some reason babies aren't supposed to", True),
    ("damage done by fatty foods", "I eat bacon", False),
])
def test_a_selection_name_is_evidence_only_when_it_quotes_the_text(name, text, expected):
    assert name_matches(name, text) is expected


def test_a_selection_two_countings_place_equally_well_is_refused_as_ambiguous():
    # In code points 2-3 is "a"; in UTF-16 units (the emoji is two) it is the space before it. Both
    # fit and both sit on word boundaries, and nothing else in the file tells them apart.
    aligned = align("😀 a b c")
    selection = RefiSelection(guid="1", name="", start=2, end=3, user_guid=None, created=None, modified=None,
                              description="", codings=())
    placement = place_selections(aligned, (selection,))
    assert placement.tied
    assert not placement.placed[0].fits
    assert "depends on whether positions count code points or UTF-16 code units" in placement.placed[0].problem
