"""A decided form is found as a word with its possessives and compounds, and nowhere inside another word."""

from __future__ import annotations

from qualcode.domain.pseudonym_forms import FormDecision, OccurrenceDecision, find_mentions, text_replacements
from qualcode.domain.pseudonymised_text import pseudonymise


def mentioned(text, form):
    return [text[start:end] for start, end in find_mentions(text, form)]


def test_inflections_possessives_and_compounds():
    text = "Wolters' kamer, Hans' auto en Jans fiets; de Lindenhof en het Lindenhof-ziekenhuis. De Lindenhof."
    assert mentioned(text, "Wolters") == ["Wolters"]
    assert mentioned(text, "Hans") == ["Hans"]
    assert mentioned(text, "Jan") == ["Jan"]
    assert mentioned(text, "Lindenhof") == ["Lindenhof", "Lindenhof", "Lindenhof"]
    assert mentioned(text, "de Lindenhof") == ["de Lindenhof", "De Lindenhof"]


def test_not_inside_other_words():
    text = "Ederveen, Hansen, Bede en Hans-Peter"
    assert mentioned(text, "Ede") == []
    assert mentioned(text, "Hans") == ["Hans"]      # Hans-Peter: the hyphen makes a compound
    assert mentioned(text, "Hansen") == ["Hansen"]
    assert mentioned(text, "  ") == []


def test_replacements_prefer_the_longer_form_and_respect_single_rejections():
    text = "Hans Wolters belde. Wolters zei niets, Wolters lachte."
    forms = [FormDecision("Wolters", "person", "accepted", "[Persoon 1]"),
             FormDecision("Hans Wolters", "person", "accepted", "[Persoon 1]"),
             FormDecision("belde", "other", "rejected", "")]
    rejected_one = OccurrenceDecision(1, text.rindex("Wolters"), text.rindex("Wolters") + 7, "person", "rejected", "")
    result = pseudonymise(text, text_replacements(text, forms, [rejected_one])).text
    assert result == "[Persoon 1] belde. [Persoon 1] zei niets, Wolters lachte."


def test_many_forms_in_one_pass_take_the_longest_at_each_place():
    from qualcode.domain.pseudonym_forms import find_all_mentions

    text = "Hans Wolters en Wolters' vrouw; de Lindenhof-ziekenhuis. Hansen niet."
    found = [(text[start:end], form) for start, end, form in find_all_mentions(text, ["Hans", "Hans Wolters",
                                                                                      "Wolters", "de Lindenhof"])]
    assert found == [("Hans Wolters", "Hans Wolters"), ("Wolters", "Wolters"), ("de Lindenhof", "de Lindenhof")]
    assert find_all_mentions(text, ["  "]) == []
