"""``TEXT "..."`` in a query: the words as the workbench search finds them, and their inflections.

A phrase matches where the text holds it case-insensitively with any whitespace between the words
(exactly the workbench's ``/`` search), and also where whole words follow each other, separated by
whitespace, whose Dutch lemmas (simplemma, as the offline NLP pipeline uses) are the phrase words'
lemmas: ``TEXT "vertrouwen"`` finds ``vertrouwt``, ``TEXT "ziekenhuis"`` finds ``ziekenhuizen``.
"""

from __future__ import annotations

import re
from functools import cache

from qualcode.storage.text_search import search_pattern

WORD = re.compile(r"\w+")
_forms_by_lemma: dict[str, set[str]] = {}
_seen_forms: set[str] = set()


@cache
def lemma(word: str) -> str:
    """simplemma's lower-case Dutch lemma of a word (separable verbs without the underscore)."""
    import simplemma

    lower = word.lower()
    return simplemma.lemmatize(lower, "nl").lower().replace("_", "")


def _learn(forms: set[str]) -> None:
    for form in forms - _seen_forms:
        _forms_by_lemma.setdefault(lemma(form), set()).add(form)
        _seen_forms.add(form)


def _vocabulary(text: str) -> frozenset[str]:
    """The lower-case words of a text, remembered for the texts seen last (a screen re-runs queries)."""
    key = (len(text), hash(text))
    words = _vocabularies.get(key)
    if words is None:
        # Splitting on whitespace is several times faster than a regular expression over the whole
        # text; only the few distinct tokens with punctuation go through one.
        tokens = set(text.lower().split())
        plain = {token for token in tokens if token.isalnum()}
        words = frozenset(plain.union(WORD.findall(" ".join(tokens - plain))))
        if len(_vocabularies) >= VOCABULARIES_KEPT:
            _vocabularies.pop(next(iter(_vocabularies)))
        _vocabularies[key] = words
    return words


VOCABULARIES_KEPT = 2000
_vocabularies: dict[tuple[int, int], frozenset[str]] = {}


def phrase_spans(phrase: str, text: str) -> list[tuple[int, int]]:
    """Where ``phrase`` occurs in ``text``, as the search finds it or as inflected whole words."""
    exact = search_pattern(phrase)
    if exact is None:
        return []
    spans = [match.span() for match in exact.finditer(text)]
    words = phrase.split()
    if not all(WORD.fullmatch(word) for word in words):
        return spans
    vocabulary = _vocabulary(text)
    _learn(vocabulary)
    present = [(_forms_by_lemma.get(lemma(word), set()) & vocabulary) | {word.lower()} for word in words]
    if all(forms == {word.lower()} for forms, word in zip(present, words, strict=True)):
        return spans      # no other inflection in this text: the search's matches hold every lemma match
    alternatives = ["(?:" + "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)) + ")"
                    for forms in present]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(alternatives) + r"(?!\w)", re.IGNORECASE)
    return spans + [match.span() for match in pattern.finditer(text)]
