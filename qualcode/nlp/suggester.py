"""Rank codes for segments by combining indicator words, coded examples, the learned model and vector similarity.

Each source gives a code a score in [0, 1] and a reason; the suggestion's score is their
noisy-OR, ``1 - Π(1 - s)``, so independent evidence adds up and no source alone reaches 1.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping, Sequence

import numpy

from qualcode.domain.models import Codebook
from qualcode.nlp.calibration import Calibration
from qualcode.nlp.coded_examples import CODEBOOK_DOCUMENT, CodedExample
from qualcode.nlp.example_model import ExampleModel
from qualcode.nlp.indicator_matcher import IndicatorMatcher
from qualcode.nlp.learned_model import MIN_SUPPORT, LearnedModel
from qualcode.nlp.parsed_document import ParsedDocument, parse_spans
from qualcode.nlp.pipeline_loader import LoadedPipeline
from qualcode.nlp.segment_features import SegmentFeatures, features_from_tokens
from qualcode.nlp.suggestion import SegmentSuggestions, Suggestion
from qualcode.nlp.vector_similarity import CodeVectors
from qualcode.domain.language import _, ngettext

MIN_SCORE = 0.1
# The model's probability counts for support / (support + SUPPORT_SHRINK) of itself: a code learned
# from 5 examples gives half its probability, from 45 nine tenths. Below MODEL_MIN_SCORE it is noise.
SUPPORT_SHRINK = 5
MODEL_MIN_SCORE = 0.1


class Suggester:
    """Suggestions for one codebook with one pipeline and (optionally) one learned model.

    Reading is safe from a worker thread; :meth:`with_model` returns a new suggester that shares
    everything but the model, so a retrained model can be swapped in without blocking readers.
    """

    def __init__(self, pipeline: LoadedPipeline, codebook: Codebook, model: LearnedModel | None = None,
                 example_vectors: Mapping[str, Sequence[numpy.ndarray]] | None = None,
                 examples: ExampleModel | None = None) -> None:
        self.pipeline = pipeline
        self.codebook = codebook
        self.model = model
        self.examples = examples
        self.calibration: Calibration | None = None
        self._codebook_examples: list[CodedExample] | None = None
        self._positions = {code.key: position for position, code in enumerate(codebook.codes)}
        self._matcher = IndicatorMatcher(codebook, self._lemmatize)
        self._vectors: CodeVectors | None = None
        if pipeline.info.has_vectors:
            descriptions = {}
            for code in codebook.codes:
                text = ". ".join(part for part in (code.name, code.description, code.inclusion) if part)
                with pipeline.lock:
                    vector = features_from_tokens(pipeline.nlp(text), with_vectors=True).vector
                if vector is not None:
                    descriptions[code.key] = vector
            self._vectors = CodeVectors(descriptions, example_vectors or {})

    @property
    def with_vectors(self) -> bool:
        return self._vectors is not None

    def _lemmatize(self, words: list[str]) -> list[str]:
        with self.pipeline.lock:
            return [next((token.lemma_.lower() or token.lower_ for token in doc), word)
                    for word, doc in zip(words, self.pipeline.nlp.pipe(words), strict=True)]

    def with_model(self, model: LearnedModel | None) -> Suggester:
        """A suggester like this one with another learned model."""
        other = copy.copy(self)
        other.model = model
        return other

    def with_examples(self, examples: ExampleModel | None) -> Suggester:
        """A suggester like this one with another example model."""
        other = copy.copy(self)
        other.examples = examples
        return other

    def with_calibration(self, calibration: Calibration | None) -> Suggester:
        """A suggester like this one that shows only suggestions above the calibrated threshold, with their odds."""
        other = copy.copy(self)
        other.calibration = calibration
        return other

    def codebook_examples(self) -> list[CodedExample]:
        """Each code's own words (name, description, inclusion, indicators) as a pseudo-example, parsed once."""
        if self._codebook_examples is None:
            found = []
            for code in self.codebook.codes:
                text = ". ".join(part for part in (code.name, code.description, code.inclusion,
                                                   ", ".join(code.indicators)) if part)
                found.append(CodedExample(code.key, self.features(text).content, CODEBOOK_DOCUMENT, text))
            self._codebook_examples = found
        return self._codebook_examples

    def features(self, text: str) -> SegmentFeatures:
        """Parse one text and return what the scorers read."""
        with self.pipeline.lock:
            return features_from_tokens(self.pipeline.nlp(text), with_vectors=self.with_vectors)

    def features_in(self, parsed: ParsedDocument, start: int, end: int) -> SegmentFeatures:
        """Features of the span [start, end) of an already parsed document."""
        return features_from_tokens(parsed.tokens_between(start, end), with_vectors=self.with_vectors)

    def for_segment(self, text: str, exclude: Collection[str] = ()) -> list[Suggestion]:
        """Ranked suggestions for one segment's text, leaving out the codes in ``exclude``."""
        return self.for_features([self.features(text)], [exclude])[0]

    def for_features(self, features: Sequence[SegmentFeatures],
                     exclude: Sequence[Collection[str]] | None = None) -> list[list[Suggestion]]:
        """Ranked suggestions for many segments at once (one model call for all)."""
        predictions: list[dict[str, float]] = (
            self.model.predict([item.content for item in features]) if self.model else [{} for _ in features])
        results = []
        for index, item in enumerate(features):
            excluded = set(exclude[index]) if exclude else set()
            results.append(self._rank(item, predictions[index], excluded))
        return results

    def _rank(self, features: SegmentFeatures, prediction: Mapping[str, float],
              excluded: set[str]) -> list[Suggestion]:
        scores: dict[str, list[float]] = {}
        reasons: dict[str, list[str]] = {}

        def add(code_key: str, score: float, reason: str) -> None:
            if code_key in self._positions and code_key not in excluded:
                scores.setdefault(code_key, []).append(score)
                reasons.setdefault(code_key, []).append(reason)

        for evidence in self._matcher.match(features.forms, features.lemmas):
            add(evidence.code_key, evidence.score, evidence.reason())
        if self.model is not None:
            for code_key, probability in prediction.items():
                support = self.model.support.get(code_key, 0)
                score = probability * support / (support + SUPPORT_SHRINK)
                if score >= MODEL_MIN_SCORE and support >= MIN_SUPPORT:
                    add(code_key, score,
                        ngettext("learned from {count} coded example of this code (model {probability:.2f})",
                                 "learned from {count} coded examples of this code (model {probability:.2f})",
                                 support).format(count=support, probability=probability))
        if self.examples is not None:
            for found in self.examples.evidence(features.content):
                add(found.code_key, found.score, found.reason)
        if self._vectors is not None:
            for evidence in self._vectors.match(features.vector):
                add(evidence.code_key, evidence.score, evidence.reason())
        suggestions = []
        floor = self.calibration.threshold if self.calibration is not None else MIN_SCORE
        for code_key, parts in scores.items():
            missing = 1.0
            for part in parts:
                missing *= 1.0 - part
            score = 1.0 - missing
            if score >= floor:
                odds = self.calibration.describe(score) if self.calibration is not None else None
                suggestions.append(Suggestion(code_key, round(score, 4),
                                              (*reasons[code_key], *((odds,) if odds else ()))))
        suggestions.sort(key=lambda item: (-item.score, self._positions[item.code_key]))
        return suggestions

    def parse(self, text: str, spans: Sequence[tuple[int, int]]) -> ParsedDocument:
        """Parse the given spans of a document with this suggester's pipeline."""
        with self.pipeline.lock:
            return parse_spans(self.pipeline.nlp, text, spans)

    def for_document(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        parsed: ParsedDocument | None = None,
        exclude: Mapping[tuple[int, int], Collection[str]] | None = None,
    ) -> list[SegmentSuggestions]:
        """Suggestions for each (start, end) span of a document, in the order given.

        ``parsed`` (from the parse cache) is used when given, else the spans are parsed now.
        ``exclude`` maps a span to the codes not to offer there (rejected or already coded).
        """
        parsed = parsed if parsed is not None else self.parse(text, spans)
        features = [self.features_in(parsed, start, end) for start, end in spans]
        excluded = [(exclude or {}).get((start, end), ()) for start, end in spans]
        ranked = self.for_features(features, excluded)
        return [SegmentSuggestions(start, end, tuple(items)) for (start, end), items in zip(spans, ranked, strict=True)]
