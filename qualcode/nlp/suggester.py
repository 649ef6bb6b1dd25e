"""Rank codes for segments by combining indicator words, coded examples and vector similarity.

Each source gives a code a weight and a reason; the suggestion's score is ``1 - exp(-Σ weight)``,
so independent evidence adds up and no source alone reaches 1. Adding the weights ranked better
than a noisy-OR of capped scores on the tuning interviews and the sample project (see the README).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Collection, Mapping, Sequence

import numpy

from qualcode.domain.language import _
from qualcode.domain.models import Codebook
from qualcode.nlp.calibration import Calibration
from qualcode.nlp.coded_examples import CODEBOOK_DOCUMENT, CodedExample
from qualcode.nlp.document_context import Evidence, in_context
from qualcode.nlp.example_model import ExampleModel
from qualcode.nlp.indicator_matcher import IndicatorMatcher
from qualcode.nlp.parsed_document import ParsedDocument, parse_spans
from qualcode.nlp.pipeline_loader import LoadedPipeline
from qualcode.nlp.segment_features import SegmentFeatures, features_from_tokens
from qualcode.nlp.suggestion import SegmentSuggestions, Suggestion
from qualcode.nlp.vector_similarity import CodeVectors

# Without a calibration (fewer than two coded documents), suggestions below MIN_SCORE are not shown:
# on the tuning set and the sample, 0.3 kept all but three right top suggestions and hid half of those
# on uncoded turns.
MIN_SCORE = 0.3
# The interviewer's question just before a respondent turn names its topic: its indicator words and its
# likeness to a code's own words in the codebook count at QUESTION_WEIGHT of what they count in the
# answer (0.4 to 0.6 did as well on the tuning interviews and the sample; matching the question against
# coded passages, learned words or the questions before coded passages gained nothing more there).
QUESTION_WEIGHT = 0.5
MAX_QUESTION_WORDS = 4


class Suggester:
    """Suggestions for one codebook with one pipeline and (optionally) one coder's example model.

    Reading is safe from a worker thread; :meth:`with_examples` returns a new suggester that shares
    everything but the example model, so a rebuilt one can be swapped in without blocking readers.
    """

    def __init__(self, pipeline: LoadedPipeline, codebook: Codebook,
                 example_vectors: Mapping[str, Sequence[numpy.ndarray]] | None = None,
                 examples: ExampleModel | None = None) -> None:
        self.pipeline = pipeline
        self.codebook = codebook
        self.examples = examples
        self.calibration: Calibration | None = None
        self.floor = MIN_SCORE
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

    def ranking_everything(self) -> Suggester:
        """A suggester like this one that ranks every code with any evidence, below any threshold: for
        measuring how good the ranking is and for calibrating the threshold itself."""
        other = copy.copy(self)
        other.calibration = None
        other.floor = 0.0
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
                     exclude: Sequence[Collection[str]] | None = None,
                     questions: Sequence[SegmentFeatures | None] | None = None,
                     quotes: Sequence[str] | None = None) -> list[list[Suggestion]]:
        """Ranked suggestions for many segments at once (``questions``: each one's interviewer question, if any).

        With ``quotes`` (the segments' texts), the segments are a document's respondent segments in order and are
        read together (see :mod:`qualcode.nlp.document_context`): the previous one's topic carries over and a code
        found throughout the document counts for less.
        """
        found = [self._evidence(item, questions[index] if questions else None) for index, item in enumerate(features)]
        if quotes is not None:
            found = in_context(found, quotes)
        return [self._finish(evidence, set(exclude[index]) if exclude else set())
                for index, evidence in enumerate(found)]

    def _evidence(self, features: SegmentFeatures,
                  question: SegmentFeatures | None = None) -> dict[str, tuple[list[float], list[str]]]:
        """Per code, the weight each source gives it in a segment and its reason."""
        found: dict[str, tuple[list[float], list[str]]] = {}

        def add(code_key: str, score: float, reason: str) -> None:
            if code_key in self._positions:
                parts, reasons = found.setdefault(code_key, ([], []))
                parts.append(score)
                reasons.append(reason)

        for evidence in self._matcher.match(features.forms, features.lemmas):
            add(evidence.code_key, evidence.score, evidence.reason())
        if self.examples is not None:
            for item in self.examples.evidence(features.content):
                add(item.code_key, item.score, item.reason)
        if self._vectors is not None:
            for evidence in self._vectors.match(features.vector):
                add(evidence.code_key, evidence.score, evidence.reason())
        if question is not None:
            for code_key, (score, words) in self._question_evidence(question).items():
                add(code_key, QUESTION_WEIGHT * score,
                    _("the question asked about {words}").format(words=", ".join(words[:MAX_QUESTION_WORDS])))
        return found

    def _finish(self, evidence: Evidence, excluded: Collection[str]) -> list[Suggestion]:
        """The codes not excluded ranked by ``1 - exp(-Σ weight)``, above the floor or calibrated threshold."""
        suggestions = []
        floor = self.calibration.threshold if self.calibration is not None else self.floor
        for code_key, (parts, reasons) in evidence.items():
            if code_key in excluded:
                continue
            score = 1.0 - math.exp(-sum(parts))
            if score >= floor and score > 0.0:
                odds = self.calibration.describe(score) if self.calibration is not None else None
                suggestions.append(Suggestion(code_key, round(score, 4), (*reasons, *((odds,) if odds else ()))))
        suggestions.sort(key=lambda item: (-item.score, self._positions[item.code_key]))
        return suggestions

    def _question_evidence(self, question: SegmentFeatures) -> dict[str, tuple[float, list[str]]]:
        """Per code, the summed weight of the question's indicator words and its likeness to the code's own
        words, and the words that matched as the question writes them."""
        found: dict[str, tuple[float, list[str]]] = {}
        written = dict(reversed(list(zip(question.lemmas, question.forms, strict=True))))

        def add(code_key: str, score: float, words: Sequence[str]) -> None:
            total, matched = found.get(code_key, (0.0, []))
            found[code_key] = (total + score, list(dict.fromkeys([*matched, *words])))

        for evidence in self._matcher.match(question.forms, question.lemmas):
            add(evidence.code_key, evidence.score, [hit.found for hit in evidence.hits])
        if self.examples is not None:
            for item in self.examples.codebook_evidence(question.content):
                add(item.code_key, item.score, [written.get(word, word) for word in item.words])
        return found

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
        questions: Mapping[tuple[int, int], tuple[int, int]] | None = None,
    ) -> list[SegmentSuggestions]:
        """Suggestions for each (start, end) span of a document, in the order given.

        ``parsed`` (from the parse cache) is used when given, else the spans are parsed now.
        ``exclude`` maps a span to the codes not to offer there (rejected or already coded);
        ``questions`` maps a span to the interviewer's question just before it, whose words count too.
        """
        questions = questions or {}
        asked_parsed = parsed if parsed is not None else self.parse(text, sorted(set(questions.values())))
        parsed = parsed if parsed is not None else self.parse(text, spans)
        features = [self.features_in(parsed, start, end) for start, end in spans]
        excluded = [(exclude or {}).get((start, end), ()) for start, end in spans]
        asked = [self.features_in(asked_parsed, *questions[span]) if span in questions else None for span in spans]
        ranked = self.for_features(features, excluded, asked, quotes=[text[start:end] for start, end in spans])
        return [SegmentSuggestions(start, end, tuple(items)) for (start, end), items in zip(spans, ranked, strict=True)]
