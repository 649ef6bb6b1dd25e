"""Nearest coded examples: TF-IDF cosine over content lemmas between a segment and each coded passage.

An example is what a coder coded (or accepted, or rejected) with a code, or the code's own words in
the codebook (its name, description, inclusion criteria and indicators) as a pseudo-example. The
inverse document frequencies come from every respondent segment of the project and the codebook, so
common words of the interviews weigh little whatever the codes are.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

CODEBOOK_DOCUMENT = "codebook"
QUOTE_LENGTH = 90


@dataclass(frozen=True)
class CodedExample:
    """A passage coded with ``code_key`` (``accepted`` False: a rejected suggestion), as content lemmas."""

    code_key: str
    words: tuple[str, ...]
    document: str
    quote: str
    accepted: bool = True

    @property
    def from_codebook(self) -> bool:
        return self.document == CODEBOOK_DOCUMENT

    def shown_quote(self) -> str:
        """The quote on one line, cut to a length a reason line can hold."""
        text = " ".join(self.quote.split())
        return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"


@dataclass(frozen=True)
class NearestExample:
    """The coded example of one code most like a segment, the rejected one most like it, and the shared words."""

    code_key: str
    similarity: float
    example: CodedExample
    shared: tuple[str, ...]
    rejected_similarity: float = 0.0


def inverse_document_frequencies(bags: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed idf, ``log((1 + N) / (1 + df)) + 1``, over bags of words."""
    frequency: Counter[str] = Counter()
    count = 0
    for bag in bags:
        count += 1
        frequency.update(set(bag))
    return {word: math.log((1 + count) / (1 + df)) + 1.0 for word, df in frequency.items()}


class Background:
    """The project's words: smoothed idf over its respondent paragraphs (and the codebook's texts), how
    often each word occurs, and the TF-IDF vector of every coded passage once computed.

    Built once per project and kept between rebuilds of the example model, so a rebuild after an
    accept only indexes the passages' vectors again instead of computing them.
    """

    def __init__(self, bags: Iterable[Sequence[str]], extra: Iterable[Sequence[str]] = ()) -> None:
        bags = list(bags)
        self.idf = inverse_document_frequencies([*bags, *extra])
        self.counts: Counter[str] = Counter()
        for bag in bags:
            self.counts.update(bag)
        self._default_idf = max(self.idf.values(), default=1.0)
        self._vectors: dict[tuple[str, ...], dict[str, float]] = {}

    def vector(self, words: Sequence[str], *, keep: bool = False) -> dict[str, float]:
        """The unit-length sublinear TF-IDF vector of ``words`` (``keep``: remember it for next time)."""
        key = tuple(words)
        found = self._vectors.get(key)
        if found is None:
            counts = Counter(key)
            vector = {word: (1.0 + math.log(count)) * self.idf.get(word, self._default_idf)
                      for word, count in counts.items()}
            norm = math.sqrt(sum(value * value for value in vector.values()))
            found = {word: value / norm for word, value in vector.items()} if norm else {}
            if keep:
                self._vectors[key] = found
        return found


class ExampleIndex:
    """Cosine similarity of sublinear TF-IDF vectors, through an inverted index over the examples' words."""

    def __init__(self, examples: Sequence[CodedExample], background: Background) -> None:
        self.examples = tuple(examples)
        self._background = background
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for position, example in enumerate(self.examples):
            for word, weight in background.vector(example.words, keep=True).items():
                self._postings.setdefault(word, []).append((position, weight))

    def nearest(self, words: Sequence[str]) -> dict[str, NearestExample]:
        """Per code, the most similar accepted example (with the similarity of the most similar rejected one)."""
        query = self._background.vector(words)
        scores: dict[int, float] = {}
        for word, weight in query.items():
            for position, other in self._postings.get(word, ()):
                scores[position] = scores.get(position, 0.0) + weight * other
        best: dict[str, tuple[float, int]] = {}
        rejected: dict[str, float] = {}
        for position, score in scores.items():
            example = self.examples[position]
            if not example.accepted:
                rejected[example.code_key] = max(rejected.get(example.code_key, 0.0), score)
            elif score > best.get(example.code_key, (0.0, -1))[0]:
                best[example.code_key] = (score, position)
        found = {}
        for code_key, (score, position) in best.items():
            example = self.examples[position]
            shared = sorted(set(query) & set(example.words), key=lambda word: -query[word])
            found[code_key] = NearestExample(code_key, score, example, tuple(shared), rejected.get(code_key, 0.0))
        return found
