"""A spaCy component that sets Dutch lemmas with simplemma (the offline pipeline's lemmatizer)."""

from __future__ import annotations

import simplemma
from spacy.language import Language
from spacy.tokens import Doc

COMPONENT_NAME = "qualcode_simplemma_lemmatizer"


class SimplemmaLemmatizer:
    """Sets ``token.lemma_`` to simplemma's lower-case Dutch lemma; other tokens get their lower form.

    Separable verbs come back from simplemma as ``af_spreken``; the underscore is dropped.
    """

    def __init__(self, language: str = "nl") -> None:
        self.language = language
        self._lemmas: dict[str, str] = {}

    def lemma(self, lower: str) -> str:
        """The lemma of a lower-case word form (cached)."""
        cached = self._lemmas.get(lower)
        if cached is None:
            cached = simplemma.lemmatize(lower, self.language).lower().replace("_", "")
            self._lemmas[lower] = cached
        return cached

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            lower = token.lower_
            token.lemma_ = self.lemma(lower) if token.is_alpha else lower
        return doc


@Language.factory(COMPONENT_NAME, assigns=["token.lemma"], default_config={"language": "nl"})
def make_simplemma_lemmatizer(nlp: Language, name: str, language: str) -> SimplemmaLemmatizer:
    """spaCy factory for :class:`SimplemmaLemmatizer`."""
    return SimplemmaLemmatizer(language)
