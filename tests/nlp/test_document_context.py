"""Reading a document's segments together: the previous answer's topic carried over, widespread codes discounted."""

from __future__ import annotations

import pytest

from qualcode.nlp.document_context import CONTEXT_MIN, CONTEXT_WEIGHT, SPREAD_MIN_OTHERS, SPREAD_WEIGHT, \
    in_context, opening_words

MONEY, TRUST, VISION = "belemmerend/gedoe-over-geld", "belemmerend/gebrek-aan-vertrouwen", "bevorderend/regiovisie"


def test_a_clear_topic_of_the_previous_answer_carries_over_at_a_small_weight_and_says_so():
    found = [{MONEY: ([0.8], ["indicator words: geld"]), TRUST: ([CONTEXT_MIN / 2], ["indicator words: vertrouwen"])},
             {}]
    first, second = in_context(found, ["Het geld, daar ging het steeds over, al jaren en jaren lang.", "Jawel."])
    assert first == {MONEY: ([0.8], ["indicator words: geld"]), TRUST: ([CONTEXT_MIN / 2], ["indicator words: vertrouwen"])}
    assert list(second) == [MONEY]                          # a weak topic before does not carry over
    assert second[MONEY][0] == [pytest.approx(CONTEXT_WEIGHT * 0.8)]
    assert second[MONEY][1] == ["follows on from the previous answer: “Het geld, daar ging het steeds over, al …”"]


def test_only_the_answer_before_counts_not_the_one_after_nor_one_further_back():
    found = [{MONEY: ([1.0], ["a"])}, {}, {}, {VISION: ([1.0], ["b"])}]
    result = in_context(found, ["een", "twee", "drie", "vier"])
    assert list(result[1]) == [MONEY] and result[2] == {} and list(result[3]) == [VISION]


def test_a_code_found_in_every_answer_counts_for_less_than_one_found_in_this_answer_alone():
    segments = SPREAD_MIN_OTHERS + 2
    found = [{MONEY: ([0.6], ["geld"])} for _ in range(segments)]
    found[0][VISION] = ([0.6], ["regio"])
    first = in_context(found, ["x"] * segments)[0]
    assert first[VISION][0] == [pytest.approx(0.6)]
    assert first[MONEY][0] == [pytest.approx(0.6 / (1 + SPREAD_WEIGHT * 0.6))]   # the others' own mean, 0.6
    assert "counted at" in first[MONEY][1][-1] and first[VISION][1] == ["regio"]


def test_a_short_document_gets_no_discount():
    found = [{MONEY: ([0.6], ["geld"])} for _ in range(SPREAD_MIN_OTHERS)]
    result = in_context(found, ["x"] * SPREAD_MIN_OTHERS)
    assert result[0] == {MONEY: ([0.6], ["geld"])}


def test_the_input_is_left_as_it_was():
    found = [{MONEY: ([1.0], ["geld"])}, {MONEY: ([1.0], ["geld"])}]
    in_context(found, ["een", "twee"])
    assert found == [{MONEY: ([1.0], ["geld"])}, {MONEY: ([1.0], ["geld"])}]


@pytest.mark.parametrize(("text", "shown"), [("", ""), ("Ja.", "Ja."), ("een  twee\ndrie", "een twee drie"),
                                             ("1 2 3 4 5 6 7 8 9", "1 2 3 4 5 6 7 8 …")])
def test_the_previous_answer_is_quoted_by_its_opening_words_on_one_line(text, shown):
    assert opening_words(text) == shown
