"""What a coder's codings teach about a new segment: the nearest coded passages and each code's marking words.

Three signals per code, each a weight with a reason a researcher can check:

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

from qualcode.nlp.coded_examples import Background, CodedExample, ExampleIndex
from qualcode.nlp.keyword_mining import marking_words
from qualcode.domain.language import _, ngettext

# Each signal's weight in the suggester's sum (chosen on the tuning interviews and the sample
# project, see the README): the nearest coded passage adds NEAREST_WEIGHT × its cosine, from
# NEAREST_MIN up (a lower cosine shares a word or two, which says nothing a researcher could check).
NEAREST_MIN = 0.08
NEAREST_WEIGHT = 0.5
# The codebook text adds CODEBOOK_WEIGHT at a cosine of CODEBOOK_FULL or more, proportionally below.
CODEBOOK_FULL = 0.35
CODEBOOK_WEIGHT = 0.8
# Marking words add up: z-scores summing to KEYWORD_SCALE give 1 - 1/e of KEYWORD_WEIGHT.
KEYWORD_SCALE = 12.0
KEYWORD_WEIGHT = 0.3
# A code learned from n coded passages counts n / (n + SUPPORT_SHRINK) of its nearest passage.
SUPPORT_SHRINK = 1.0
MAX_WORDS_SHOWN = 4


@dataclass(frozen=True)
class ExampleEvidence:
    """One signal's score for one code and the reason shown with it."""

    code_key: str
    score: float
    reason: str
    words: tuple[str, ...] = ()


class ExampleModel:
    """Nearest coded examples, codebook pseudo-examples and marking words for one coder. Read-only once built."""

    def __init__(self, examples: Sequence[CodedExample], pseudo_examples: Sequence[CodedExample],
                 background: Background) -> None:
        """``background``: the words of every respondent segment of the project (coded or not) and the codebook."""
        accepted = [example for example in examples if example.accepted]
        self._coded = ExampleIndex(examples, background)
        self._codebook = ExampleIndex(pseudo_examples, background)
        self.support = Counter(example.code_key for example in accepted)
        code_counts: dict[str, Counter[str]] = {}
        for example in accepted:
            code_counts.setdefault(example.code_key, Counter()).update(example.words)
        all_counts = Counter(background.counts)
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

    def codebook_evidence(self, words: Sequence[str]) -> list[ExampleEvidence]:
        """Per code, how much content lemmas are like the code's own words in the codebook."""
        found = []
        for code_key, nearest in self._codebook.nearest(words).items():
            score = CODEBOOK_WEIGHT * min(1.0, nearest.similarity / CODEBOOK_FULL)
            shown = ", ".join(nearest.shared[:MAX_WORDS_SHOWN])
            found.append(ExampleEvidence(code_key, score,
                                         _("like the code's description ({similarity:.2f}, shared: {words})").format(
                                             similarity=nearest.similarity, words=shown), nearest.shared))
        return found

    def evidence(self, words: Sequence[str]) -> list[ExampleEvidence]:
        """Every signal that speaks for a code in a segment given as content lemmas."""
        found = []
        for code_key, nearest in self._coded.nearest(words).items():
            similarity = nearest.similarity
            if nearest.rejected_similarity > similarity:
                similarity *= 1.0 - nearest.rejected_similarity
            if similarity < NEAREST_MIN:
                continue
            score = NEAREST_WEIGHT * similarity * self._shrink(code_key)
            shown = ", ".join(nearest.shared[:MAX_WORDS_SHOWN])
            found.append(ExampleEvidence(code_key, score, (
                _("like a passage coded in {document} ({similarity:.2f}, shared: {words}): “{quote}”").format(
                    document=nearest.example.document, similarity=similarity, words=shown,
                    quote=nearest.example.shown_quote()))))
        found.extend(self.codebook_evidence(words))
        present = set(words)
        for code_key, keywords in self.keywords.items():
            matched = sorted((word for word in present if word in keywords), key=lambda word: -keywords[word])
            if not matched:
                continue
            total = sum(keywords[word] for word in matched)
            score = KEYWORD_WEIGHT * (1.0 - math.exp(-total / KEYWORD_SCALE))
            support = self.support.get(code_key, 0)
            found.append(ExampleEvidence(code_key, score, (
                ngettext("learned words: {words} (from {count} coded passage)",
                         "learned words: {words} (from {count} coded passages)", support).format(
                    words=", ".join(matched[:MAX_WORDS_SHOWN]), count=support))))
        return found
