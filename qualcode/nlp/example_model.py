"""What a coder's codings teach about a new segment: the nearest coded passages and each code's marking words.

Three signals per code, each a score in [0, 1] with a reason a researcher can check:

- the most similar coded passage (TF-IDF cosine of content lemmas), discounted when a rejected
  suggestion of the code is more similar still: "like a passage coded in interview-01: “...”";
- the most similar codebook text of the code (name, description, inclusion, indicators): this is
  what a code with no codings yet is learned from;
- the code's marking words (log-odds with an informative Dirichlet prior) found in the segment.

Building one takes a few milliseconds per hundred examples (no training loop), so it is rebuilt
after every accept or coding.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.nlp.coded_examples import CodedExample, ExampleIndex, inverse_document_frequencies
from qualcode.nlp.keyword_mining import marking_words
from qualcode.domain.language import _, ngettext

# A cosine of NEAREST_FULL with a coded passage counts fully; below NEAREST_MIN it is noise.
NEAREST_FULL = 0.6
NEAREST_MIN = 0.08
NEAREST_WEIGHT = 0.9
CODEBOOK_FULL = 0.35
CODEBOOK_MIN = 0.05
CODEBOOK_WEIGHT = 0.7
# Marking words add up: z-scores summing to KEYWORD_SCALE give 1 - 1/e of KEYWORD_WEIGHT.
KEYWORD_SCALE = 12.0
KEYWORD_WEIGHT = 0.5
# A code learned from n coded passages counts n / (n + SUPPORT_SHRINK) of its nearest and keyword scores.
SUPPORT_SHRINK = 1.0
MAX_WORDS_SHOWN = 4


@dataclass(frozen=True)
class ExampleEvidence:
    """One signal's score for one code and the reason shown with it."""

    code_key: str
    score: float
    reason: str


class ExampleModel:
    """Nearest coded examples, codebook pseudo-examples and marking words for one coder. Read-only once built."""

    def __init__(self, examples: Sequence[CodedExample], pseudo_examples: Sequence[CodedExample],
                 background: Sequence[Sequence[str]]) -> None:
        """``background``: the content lemmas of every respondent segment of the project (coded or not)."""
        accepted = [example for example in examples if example.accepted]
        idf = inverse_document_frequencies([*background, *(example.words for example in examples),
                                            *(example.words for example in pseudo_examples)])
        self._coded = ExampleIndex(examples, idf)
        self._codebook = ExampleIndex(pseudo_examples, idf)
        self.support = Counter(example.code_key for example in accepted)
        code_counts: dict[str, Counter[str]] = {}
        for example in accepted:
            code_counts.setdefault(example.code_key, Counter()).update(example.words)
        all_counts: Counter[str] = Counter()
        for words in background:
            all_counts.update(words)
        for counts in code_counts.values():
            all_counts |= counts  # a coded passage outside the background still counts once
        prior = Counter(all_counts)
        for example in pseudo_examples:
            prior.update(example.words)
        self.keywords = marking_words(code_counts, all_counts, prior)

    @property
    def examples(self) -> int:
        return sum(self.support.values())

    def _shrink(self, code_key: str) -> float:
        support = self.support.get(code_key, 0)
        return support / (support + SUPPORT_SHRINK)

    def evidence(self, words: Sequence[str]) -> list[ExampleEvidence]:
        """Every signal that speaks for a code in a segment given as content lemmas."""
        found = []
        for code_key, nearest in self._coded.nearest(words).items():
            similarity = nearest.similarity
            if nearest.rejected_similarity > similarity:
                similarity *= 1.0 - nearest.rejected_similarity
            if similarity < NEAREST_MIN:
                continue
            score = NEAREST_WEIGHT * min(1.0, similarity / NEAREST_FULL) * self._shrink(code_key)
            shown = ", ".join(nearest.shared[:MAX_WORDS_SHOWN])
            found.append(ExampleEvidence(code_key, score, (
                _("like a passage coded in {document} ({similarity:.2f}, shared: {words}): “{quote}”").format(
                    document=nearest.example.document, similarity=similarity, words=shown,
                    quote=nearest.example.shown_quote()))))
        for code_key, nearest in self._codebook.nearest(words).items():
            if nearest.similarity < CODEBOOK_MIN:
                continue
            score = CODEBOOK_WEIGHT * min(1.0, nearest.similarity / CODEBOOK_FULL)
            shown = ", ".join(nearest.shared[:MAX_WORDS_SHOWN])
            found.append(ExampleEvidence(code_key, score,
                                         _("like the code's description ({similarity:.2f}, shared: {words})").format(
                                             similarity=nearest.similarity, words=shown)))
        present = set(words)
        for code_key, keywords in self.keywords.items():
            matched = sorted((word for word in present if word in keywords), key=lambda word: -keywords[word])
            if not matched:
                continue
            total = sum(keywords[word] for word in matched)
            score = KEYWORD_WEIGHT * (1.0 - math.exp(-total / KEYWORD_SCALE)) * self._shrink(code_key)
            support = self.support.get(code_key, 0)
            found.append(ExampleEvidence(code_key, score, (
                ngettext("learned words: {words} (from {count} coded passage)",
                         "learned words: {words} (from {count} coded passages)", support).format(
                    words=", ".join(matched[:MAX_WORDS_SHOWN]), count=support))))
        return found
