"""What the suggesters read from a parsed segment: word forms, lemmas, content lemmas and a mean vector."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from spacy.tokens import Token

# Verbs that carry tense, mood or a turn of speech rather than a topic ("we hebben gezegd dat ze het
# willen gaan doen"): spaCy's Dutch stop list keeps them as content. Left out of the content lemmas,
# they no longer make a segment look like a code's description or a coded passage; on the tuning
# interviews and the sample that put more right codes in the top three from the codebook alone.
LIGHT_VERBS = frozenset({
    "zeggen", "weten", "gaan", "komen", "doen", "kunnen", "moeten", "willen", "zullen", "hebben", "zijn",
    "worden", "maken", "zien", "vinden", "denken", "staan", "zitten", "liggen", "laten", "krijgen", "horen",
    "geven", "houden"})


@dataclass(frozen=True, eq=False)
class SegmentFeatures:
    """Lower-case word forms and lemmas (punctuation left out), content lemmas (no stop words or light
    verbs) and the mean word vector."""

    forms: tuple[str, ...]
    lemmas: tuple[str, ...]
    content: tuple[str, ...]
    vector: numpy.ndarray | None = None


def features_from_tokens(tokens: Iterable[Token], with_vectors: bool = False) -> SegmentFeatures:
    """Features of a run of tokens; ``with_vectors`` averages the vectors of content words that have one."""
    forms: list[str] = []
    lemmas: list[str] = []
    content: list[str] = []
    vectors = []
    for token in tokens:
        if token.is_punct or token.is_space:
            continue
        lower = token.lower_
        lemma = token.lemma_.lower() or lower
        forms.append(lower)
        lemmas.append(lemma)
        if token.is_alpha and not token.is_stop and lemma not in LIGHT_VERBS:
            content.append(lemma)
            if with_vectors and token.has_vector:
                vectors.append(token.vector)
    vector = numpy.mean(vectors, axis=0) if vectors else None
    return SegmentFeatures(tuple(forms), tuple(lemmas), tuple(content), vector)
