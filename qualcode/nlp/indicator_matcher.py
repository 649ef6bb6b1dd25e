"""Match a codebook's indicator terms in segments: on lemmas and lower case, with Dutch inflections and compounds.

A word in a segment matches an indicator word when it is

- the same word, or has the same lemma (``afspraken`` → ``afspraak``);
- a form of a stem indicator (``financ*``, or a term the Dutch lexicon does not know);
- an inflection: same beginning and a different ending of at most a few letters, judged with
  rapidfuzz (prefix similarity ≥ length − 2 and ratio ≥ 82; indicator words of 5+ letters only),
  so ``honoraria`` ~ ``honorarium`` and ``vertrouwd`` ~ ``vertrouwen`` but ``verbouwen`` ≁ ``vertrouwen``,
  and a verb is not its agent noun (``trekken`` ≁ ``trekker``);
- a compound: the indicator as head (``werktijd``, ``overheidsgelden``) or as modifier with an
  optional linking ``s``/``e``/``en`` (``vertrouwensband``), the other part being a word of its own
  and not a derivational suffix, so ``geld`` matches ``geldzorgen`` but not ``geldig``, and a known
  word keeps the head in its lemma (``geregeld`` is ``regelen``, not a kind of ``geld``), and a
  lemma that only cuts the indicator short is no head (``vergeten`` is no kind of ``etentje``);
- a negation: ``wan``/``on``/``mis`` + the indicator or its root (``wantrouwen`` ~ ``vertrouwen``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import simplemma
from rapidfuzz import fuzz
from rapidfuzz.distance import Prefix
from spacy.lang.nl.stop_words import STOP_WORDS

from qualcode.domain.models import Codebook
from qualcode.domain.language import _

WEIGHTS = {"word": 1.0, "stem": 0.9, "inflection": 0.9, "compound": 0.85, "negation": 0.85, "modifier": 0.75}
# How much one exact indicator word adds to a code's indicator score; more words add up as a noisy-OR.
HIT_STRENGTH = 0.5
MAX_SCORE = 0.95
MAX_FORMS_SHOWN = 3

FUZZY_MIN_LENGTH = 5
FUZZY_MAX_EXTRA = 3
FUZZY_MIN_RATIO = 82.0
COMPOUND_MIN_PART = 3
COMPOUND_MIN_HEAD = 4
MODIFIER_MIN_REST = 4
INFLECTIONAL_ENDINGS = ("", "en", "n", "s", "'s", "e", "es")
LINKING_MORPHEMES = ("", "s", "e", "en", "er")
NEGATION_PREFIXES = ("wan", "on", "mis")
UNSTRESSED_PREFIXES = ("ver", "be", "ge", "ont", "her", "er")
DERIVATIONAL_ENDINGS = frozenset({
    "heid", "heden", "lijk", "lijke", "lijker", "elijk", "elijke", "baar", "bare", "loos", "loze",
    "achtig", "achtige", "schap", "schappen", "ingen", "isch", "ische", "igheid", "ster", "sters",
    "erij", "tjes", "ige", "iger", "igen", "ing",
})
# Adverbs that look like compounds of a noun (``tegelijkertijd`` is not a kind of ``tijd``).
NOT_COMPOUNDS = frozenset({"tegelijkertijd", "destijds", "bijtijds", "intussen", "ondertussen"})
VOWELS = frozenset("aeiouyáéíóúäëïöü")


@dataclass(frozen=True)
class IndicatorHit:
    """One indicator term found in a segment as one word form (or phrase)."""

    term: str
    found: str
    kind: str
    weight: float

    def describe(self) -> str:
        """``vertrouwensband (compound of vertrouwen)``, or just the term when found as written."""
        if self.found == self.term:
            return self.term
        if self.kind == "word":
            return f"{self.found} ({self.term})"
        kind = "compound" if self.kind == "modifier" else self.kind
        explained = {"stem": _("{found} (stem of {term})"), "inflection": _("{found} (inflection of {term})"),
                     "compound": _("{found} (compound of {term})"), "negation": _("{found} (negation of {term})")}
        return explained[kind].format(found=self.found, term=self.term)


@dataclass(frozen=True)
class IndicatorEvidence:
    """The indicator terms of one code found in a segment, and the score they give."""

    code_key: str
    hits: tuple[IndicatorHit, ...]
    score: float

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit.term for hit in self.hits))

    def reason(self) -> str:
        return _("indicator words: {words}").format(words=", ".join(hit.describe() for hit in self.hits))


@dataclass(frozen=True)
class _Word:
    text: str
    lemma: str
    is_stem: bool


@dataclass(frozen=True)
class _Term:
    code_key: str
    text: str
    words: tuple[int, ...]


def _has_vowel(text: str) -> bool:
    return any(char in VOWELS for char in text)


def _verb_and_agent(verb: str, agent: str) -> bool:
    """``trekken`` and ``trekker``: a verb and the noun for who does it differ by more than an inflection."""
    return verb.endswith("en") and agent.startswith(verb[:-2] + "er")


class IndicatorMatcher:
    """Finds each code's indicator terms in a segment's word forms and lemmas."""

    def __init__(self, codebook: Codebook, lemmatize: Callable[[list[str]], list[str]]) -> None:
        """``lemmatize`` gives the lower-case lemma of each word in a list (one batch for all indicators)."""
        raw_terms = [(code.key, " ".join(raw.lower().split())) for code in codebook.codes for raw in code.indicators]
        raw_terms = [(code_key, term) for code_key, term in raw_terms if term.strip("* ")]
        words = list(dict.fromkeys(word for _, term in raw_terms for word in term.split(" ")))
        plain = list(dict.fromkeys(word.rstrip("*") for word in words))
        lemmas = dict(zip(plain, lemmatize(plain), strict=True))
        self._words: list[_Word] = []
        self._word_ids: dict[str, int] = {}
        for word in words:
            text = word.rstrip("*")
            if text not in self._word_ids:
                is_stem = word.endswith("*") or (
                    len(text) >= FUZZY_MIN_LENGTH and not simplemma.is_known(text, "nl"))
                self._word_ids[text] = len(self._words)
                self._words.append(_Word(text, text if is_stem else lemmas[text].lower(), is_stem))
        self._terms = [
            _Term(code_key, term.replace("*", ""), tuple(self._word_ids[word.rstrip("*")] for word in term.split(" ")))
            for code_key, term in raw_terms
        ]
        self._exact: dict[str, set[int]] = {}
        self._by_prefix: dict[str, set[int]] = {}
        self._roots: dict[str, set[int]] = {}
        for word_id, word in enumerate(self._words):
            for form in {word.text, word.lemma}:
                self._exact.setdefault(form, set()).add(word_id)
            self._by_prefix.setdefault(word.text[:4], set()).add(word_id)
            for prefix in UNSTRESSED_PREFIXES:
                root = word.text[len(prefix):]
                if word.text.startswith(prefix) and len(root) >= 4:
                    self._roots.setdefault(root, set()).add(word_id)
        self._single = {}
        for term_id, term in enumerate(self._terms):
            if len(term.words) == 1:
                self._single.setdefault(term.words[0], []).append(term_id)
        self._phrases = [term_id for term_id, term in enumerate(self._terms) if len(term.words) > 1]
        self._cache: dict[tuple[str, str], tuple[tuple[int, str], ...]] = {}

    @property
    def is_empty(self) -> bool:
        return not self._terms

    def word_matches(self, form: str, lemma: str) -> tuple[tuple[int, str], ...]:
        """(indicator word id, kind) pairs for one lower-case word form and its lemma, best kind per word."""
        key = (form, lemma)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._compute(form, lemma)
            self._cache[key] = cached
        return cached

    def _compute(self, form: str, lemma: str) -> tuple[tuple[int, str], ...]:
        found: dict[int, str] = {}

        def add(word_id: int, kind: str) -> None:
            if word_id not in found or WEIGHTS[kind] > WEIGHTS[found[word_id]]:
                found[word_id] = kind

        candidates = (form,) if lemma == form else (form, lemma)
        for candidate in candidates:
            for word_id in self._exact.get(candidate, ()):
                add(word_id, "word")
        if form in STOP_WORDS or form in NOT_COMPOUNDS or not form.isalpha():
            return tuple(found.items())
        for candidate in candidates:
            self._match_prefixed(candidate, add)
            self._match_head(candidate, add)
            self._match_negation(candidate, add)
        return tuple(found.items())

    def _match_prefixed(self, candidate: str, add: Callable[[int, str], None]) -> None:
        """Stems, inflections and compounds with the indicator as modifier: same first four letters."""
        for word_id in self._by_prefix.get(candidate[:4], ()):
            word = self._words[word_id].text
            if candidate == word:
                continue
            if self._words[word_id].is_stem and candidate.startswith(word):
                add(word_id, "stem")
            elif self._is_inflection(candidate, word):
                add(word_id, "inflection")
            elif len(word) >= COMPOUND_MIN_HEAD and candidate.startswith(word) and self._is_modifier_compound(
                candidate[len(word):]
            ):
                add(word_id, "modifier")
        if candidate.startswith("ge"):
            for word_id in self._by_prefix.get(candidate[2:6], ()):
                word = self._words[word_id]
                if word.is_stem and candidate[2:].startswith(word.text):
                    add(word_id, "stem")

    @staticmethod
    def _is_inflection(candidate: str, word: str) -> bool:
        if len(word) < FUZZY_MIN_LENGTH or abs(len(candidate) - len(word)) > FUZZY_MAX_EXTRA:
            return False
        if _verb_and_agent(candidate, word) or _verb_and_agent(word, candidate):
            return False
        if Prefix.similarity(candidate, word) < len(word) - 2:
            return False
        return fuzz.ratio(candidate, word, score_cutoff=FUZZY_MIN_RATIO) > 0

    @staticmethod
    def _is_modifier_compound(rest: str) -> bool:
        for link in LINKING_MORPHEMES:
            if rest.startswith(link):
                head = rest[len(link):]
                if len(head) >= MODIFIER_MIN_REST and _has_vowel(head) and head not in DERIVATIONAL_ENDINGS \
                        and not any(head == ending + inflection for ending in DERIVATIONAL_ENDINGS
                                    for inflection in ("e", "en", "s")):
                    return True
        return False

    def _match_head(self, candidate: str, add: Callable[[int, str], None]) -> None:
        """Compounds with the indicator (possibly inflected) as head: ``werktijd``, ``overheidsgelden``.

        A word the Dutch lexicon knows must keep the head in its lemma: ``geregeld`` (lemma
        ``regelen``) ends in ``geld`` but is not a kind of money.
        """
        known_lemma = simplemma.lemmatize(candidate, "nl") if simplemma.is_known(candidate, "nl") else None
        for split in range(COMPOUND_MIN_PART, len(candidate) - COMPOUND_MIN_HEAD + 1):
            modifier, tail = candidate[:split], candidate[split:]
            if not _has_vowel(modifier) or modifier in STOP_WORDS or modifier in UNSTRESSED_PREFIXES:
                continue  # herkennen is a prefixed verb, not a compound of kennen
            for ending in INFLECTIONAL_ENDINGS:
                if ending and not tail.endswith(ending):
                    continue
                head = tail[: len(tail) - len(ending)] if ending else tail
                if len(head) < COMPOUND_MIN_HEAD:
                    continue
                if known_lemma is not None and head not in known_lemma:
                    continue
                for word_id in self._exact.get(head, ()):
                    word = self._words[word_id]
                    # A lemma that only cuts the indicator short (etentje -> eten) is another word as a head.
                    if len(word.text) >= COMPOUND_MIN_HEAD and (head == word.text or not word.text.startswith(head)):
                        add(word_id, "compound")

    def _match_negation(self, candidate: str, add: Callable[[int, str], None]) -> None:
        for prefix in NEGATION_PREFIXES:
            if candidate.startswith(prefix):
                rest = candidate[len(prefix):]
                for word_id in self._exact.get(rest, set()) | self._roots.get(rest, set()):
                    add(word_id, "negation")

    def match(self, forms: Sequence[str], lemmas: Sequence[str]) -> list[IndicatorEvidence]:
        """The evidence per code for a segment given its lower-case word forms and lemmas, best first."""
        if not self._terms:
            return []
        per_token = [self.word_matches(form, lemma) for form, lemma in zip(forms, lemmas, strict=True)]
        found_per_term: dict[int, dict[str, IndicatorHit]] = {}

        def offer(term_id: int, found: str, kind: str) -> None:
            hits = found_per_term.setdefault(term_id, {})
            if found not in hits or WEIGHTS[kind] > hits[found].weight:
                hits[found] = IndicatorHit(self._terms[term_id].text, found, kind, WEIGHTS[kind])

        for position, matches in enumerate(per_token):
            for word_id, kind in matches:
                for term_id in self._single.get(word_id, ()):
                    offer(term_id, forms[position], kind)
        for term_id in self._phrases:
            words = self._terms[term_id].words
            for position in range(len(per_token) - len(words) + 1):
                kinds = []
                for offset, word_id in enumerate(words):
                    kind = next((k for w, k in per_token[position + offset] if w == word_id), None)
                    if kind is None:
                        break
                    kinds.append(kind)
                else:
                    weakest = min(kinds, key=WEIGHTS.__getitem__)
                    offer(term_id, " ".join(forms[position:position + len(words)]), weakest)
        per_code: dict[str, list[list[IndicatorHit]]] = {}
        for term_id, hits in found_per_term.items():
            ranked = sorted(hits.values(), key=lambda hit: (-hit.weight, hit.found))
            per_code.setdefault(self._terms[term_id].code_key, []).append(ranked)
        evidence = []
        for code_key, terms in per_code.items():
            terms.sort(key=lambda hits: (-hits[0].weight, hits[0].term))
            missing = 1.0
            for hits in terms:  # distinct terms add up; more forms of one term do not
                missing *= 1.0 - HIT_STRENGTH * hits[0].weight
            shown = tuple(hit for hits in terms for hit in hits[:MAX_FORMS_SHOWN])
            evidence.append(IndicatorEvidence(code_key, shown, min(MAX_SCORE, 1.0 - missing)))
        evidence.sort(key=lambda item: (-item.score, item.code_key))
        return evidence
