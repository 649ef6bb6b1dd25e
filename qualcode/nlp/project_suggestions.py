"""Suggestions for a project in the store: cached parses, learning from a coder's codings and decisions,
accept/reject, and leave-one-document-out evaluation.

Every function here may take seconds with a real model: call them from a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy

from qualcode.domain.language import _
from qualcode.domain.models import Codebook, Coding, Document, Segment, Unit
from qualcode.nlp.calibration import Calibration, calibrate
from qualcode.nlp.coded_examples import Background, CodedExample
from qualcode.nlp.evaluation import EvaluationReport, score_rankings
from qualcode.nlp.example_model import ExampleModel
from qualcode.nlp.parsed_document import ParsedDocument, parse_spans
from qualcode.nlp.pipeline_loader import PIPELINE_SETTING, LoadedPipeline, load_pipeline
from qualcode.nlp.suggester import Suggester
from qualcode.nlp.suggestion import SegmentSuggestions, Suggestion
from qualcode.nlp.training_data import Decision, LabelledSpan, codes_on_segment, labelled_spans
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import document_segments, get_document, list_documents
from qualcode.storage.errors import NotFoundError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.settings import get_setting
from qualcode.storage.suggestion_store import list_feedback, load_parse, paragraph_spans, record_feedback, \
    save_parse


# Calibrating leaves out coded documents spread over the project, one at a time: at most this many,
# and no more once their paragraphs number CALIBRATION_SEGMENTS (enough to count odds, quick to score).
CALIBRATION_DOCUMENTS = 8
CALIBRATION_SEGMENTS = 300


def load_project_pipeline(store: ProjectStore) -> LoadedPipeline:
    """The pipeline for this project: ``$QUALCODE_SPACY_MODEL``, its ``nlp.pipeline`` setting, an installed model, or offline."""
    return load_pipeline(get_setting(store, PIPELINE_SETTING))


def parse_document(store: ProjectStore, pipeline: LoadedPipeline, document: Document,
                   *, use_cache: bool | None = None) -> ParsedDocument:
    """The document's paragraphs parsed, from the parse cache when it holds them for this text and pipeline.

    The cache is used (read and written) by default only for real models; the offline pipeline
    parses faster than the cache decodes.
    """
    spans = paragraph_spans(store, document.id)
    use_cache = (not pipeline.info.offline) if use_cache is None else use_cache
    key = pipeline.info.cache_key
    if use_cache:
        payload = load_parse(store, document.id, key, document.text_sha256)
        if payload is not None:
            try:
                with pipeline.lock:
                    cached = ParsedDocument.from_bytes(pipeline.nlp, payload)
            except (ValueError, KeyError, TypeError):
                cached = None  # unreadable: parse again and overwrite it
            if cached is not None and cached.spans == spans:
                return cached
    with pipeline.lock:
        parsed = parse_spans(pipeline.nlp, document.text, spans)
    if use_cache:
        save_parse(store, document.id, key, document.text_sha256, parsed.to_bytes())
    return parsed


@dataclass
class _ProjectMaterial:
    """What learning reads for one coder: documents, their paragraphs and parses, codings and decisions."""

    codebook: Codebook
    documents: dict[int, Document]
    paragraphs: dict[int, list[Segment]]
    parsed: dict[int, ParsedDocument]
    codings: list[Coding]
    decisions: list[Decision]

    @property
    def code_keys(self) -> dict[int, str]:
        return {code.id: code.key for code in self.codebook.codes}

    def spans(self) -> list[LabelledSpan]:
        return labelled_spans([segment for segments in self.paragraphs.values() for segment in segments],
                              self.codings, self.decisions, self.code_keys)


def _material(store: ProjectStore, pipeline: LoadedPipeline, coder_id: int,
              documents: Sequence[int] | None = None) -> _ProjectMaterial:
    codebook = load_codebook(store)
    keys = {code.id: code.key for code in codebook.codes}
    ids = [summary.id for summary in list_documents(store)] if documents is None else list(documents)
    loaded = {doc_id: get_document(store, doc_id) for doc_id in ids}
    decisions = [
        Decision(item.document_id, item.start, item.end, keys[item.code_id], item.decision == "accepted")
        for item in list_feedback(store, coder_id=coder_id) if item.code_id in keys and item.document_id in loaded
    ]
    return _ProjectMaterial(
        codebook=codebook,
        documents=loaded,
        paragraphs={doc_id: document_segments(store, doc_id, "paragraph") for doc_id in ids},
        parsed={doc_id: parse_document(store, pipeline, document) for doc_id, document in loaded.items()},
        codings=[coding for coding in list_codings(store, coder_id=coder_id) if coding.document_id in loaded],
        decisions=decisions,
    )


def _example_vectors(spans: Sequence[LabelledSpan], parsed: Mapping[int, ParsedDocument], suggester: Suggester
                     ) -> dict[str, list[numpy.ndarray]]:
    """With word vectors: the vectors of each code's coded passages."""
    vectors: dict[str, list[numpy.ndarray]] = {}
    for span in spans:
        features = suggester.features_in(parsed[span.document_id], span.start, span.end)
        if features.vector is not None:
            for code_key, value in span.cats.items():
                if value >= 0.5:
                    vectors.setdefault(code_key, []).append(features.vector)
    return vectors


def open_suggester(store: ProjectStore, pipeline: LoadedPipeline, coder_id: int | None) -> Suggester:
    """A suggester that knows the coder's coded passages, with an abstain threshold calibrated on them.

    Without a coder it suggests from the codebook alone (indicators and the codes' own words).
    """
    codebook = load_codebook(store)
    base = Suggester(pipeline, codebook)
    material = _material(store, pipeline, coder_id) if coder_id is not None else _material_without_coder(
        store, pipeline, codebook)
    background = _background(material, base)
    words: dict[tuple[int, int, int], tuple[str, ...]] = {}
    suggester = base.with_examples(example_model(material, base, background=background, words=words))
    if coder_id is not None and pipeline.info.has_vectors:
        suggester = Suggester(pipeline, codebook, _example_vectors(material.spans(), material.parsed, base),
                              suggester.examples)
    calibration = calibration_for(store, material, base, background=background, words=words) \
        if coder_id is not None else None
    return suggester.with_calibration(calibration)


class ExampleLearner:
    """Rebuilds a coder's example model after each coding or accept, from parses and words it keeps.

    The documents are parsed at the first rebuild (or when it is made, with ``prepare``); later
    rebuilds read the coder's codings and decisions from the store, parse only a document not seen
    yet, and take each passage's words from a cache, so they cost milliseconds even for thousands of
    codings. Run it in a worker thread, one rebuild at a time.
    """

    def __init__(self, store: ProjectStore, suggester: Suggester, coder_id: int, *, prepare: bool = False) -> None:
        self._store = store
        self._coder_id = coder_id
        self._base = suggester.with_examples(None)
        self._material: _ProjectMaterial | None = None
        self._background: Background | None = None
        self._words: dict[tuple[int, int, int], tuple[str, ...]] = {}
        self._lock = threading.Lock()   # one rebuild at a time: they update the kept material
        if prepare:
            self._prepare()

    def _prepare(self) -> _ProjectMaterial:
        if self._material is None:
            self._material = _material(self._store, self._base.pipeline, self._coder_id)
            self._background = _background(self._material, self._base)
            _coded_examples(self._material, self._base, words=self._words)   # the words of what is coded now
        return self._material

    def rebuild(self) -> ExampleModel:
        """The example model from the coder's codings and decisions as they are now in the store."""
        with self._lock:
            return self._rebuild()

    def _rebuild(self) -> ExampleModel:
        material = self._prepare()
        keys = material.code_keys
        material.codings = list_codings(self._store, coder_id=self._coder_id)
        material.decisions = [
            Decision(item.document_id, item.start, item.end, keys[item.code_id], item.decision == "accepted")
            for item in list_feedback(self._store, coder_id=self._coder_id) if item.code_id in keys]
        needed = {coding.document_id for coding in material.codings} | {item.document_id for item in material.decisions}
        for document_id in needed - set(material.parsed):
            document = get_document(self._store, document_id)
            material.documents[document_id] = document
            material.parsed[document_id] = parse_document(self._store, self._base.pipeline, document)
        examples = _coded_examples(material, self._base, words=self._words)
        return ExampleModel(examples, self._base.codebook_examples(), self._background)


def _material_without_coder(store: ProjectStore, pipeline: LoadedPipeline, codebook: Codebook) -> _ProjectMaterial:
    ids = [summary.id for summary in list_documents(store)]
    loaded = {doc_id: get_document(store, doc_id) for doc_id in ids}
    return _ProjectMaterial(
        codebook=codebook, documents=loaded,
        paragraphs={doc_id: document_segments(store, doc_id, "paragraph") for doc_id in ids},
        parsed={doc_id: parse_document(store, pipeline, document) for doc_id, document in loaded.items()},
        codings=[], decisions=[])


def excluded_codes(segments: Sequence[Segment], codings: Sequence[Coding], decisions: Sequence[Decision],
                   code_keys: Mapping[int, str]) -> dict[tuple[int, int], set[str]]:
    """Per segment, the codes not to offer: rejected there (on it or a span around it) or already coded."""
    rejected: dict[tuple[int, int, str], bool] = {}
    for decision in decisions:  # in the order given: a later accept undoes an earlier reject
        rejected[(decision.start, decision.end, decision.code_key)] = not decision.accepted
    excluded = {}
    for segment in segments:
        codes = codes_on_segment(segment, codings, code_keys)
        codes |= {code_key for (start, end, code_key), is_rejected in rejected.items()
                  if is_rejected and start <= segment.start and segment.end <= end}
        excluded[(segment.start, segment.end)] = codes
    return excluded


def suggest_document(store: ProjectStore, suggester: Suggester, document: Document, unit: Unit = "turn",
                     coder_id: int | None = None, *, include_interviewer: bool = False) -> list[SegmentSuggestions]:
    """Suggestions for every segment of a document; with a coder, leaving out what they rejected or coded.

    Interviewer turns are skipped unless ``include_interviewer``.
    """
    segments = [segment for segment in document_segments(store, document.id, unit)
                if include_interviewer or segment.role != "interviewer"]
    exclude: dict[tuple[int, int], set[str]] = {}
    if coder_id is not None:
        keys = {code.id: code.key for code in suggester.codebook.codes}
        codings = list_codings(store, document_id=document.id, coder_id=coder_id)
        decisions = [Decision(item.document_id, item.start, item.end, keys[item.code_id], item.decision == "accepted")
                     for item in list_feedback(store, coder_id=coder_id, document_id=document.id)
                     if item.code_id in keys]
        exclude = excluded_codes(segments, codings, decisions, keys)
    parsed = parse_document(store, suggester.pipeline, document)
    return suggester.for_document(document.text, [(segment.start, segment.end) for segment in segments],
                                  parsed=parsed, exclude=exclude,
                                  questions=interviewer_questions(document_segments(store, document.id, "turn"),
                                                                  segments))


def interviewer_questions(turns: Sequence[Segment], segments: Sequence[Segment]
                          ) -> dict[tuple[int, int], tuple[int, int]]:
    """The question each segment answers: for a segment outside the interviewer's turns whose turn follows an
    interviewer turn, that turn's (start, end), by the segment's (start, end)."""
    by_index = {turn.turn_index: turn for turn in turns}
    found = {}
    for segment in segments:
        before = by_index.get(segment.turn_index - 1)
        if segment.role != "interviewer" and before is not None and before.role == "interviewer":
            found[(segment.start, segment.end)] = (before.start, before.end)
    return found


def record_decision(store: ProjectStore, *, document_id: int, start: int, end: int, code_key: str, coder_id: int,
                    accepted: bool, score: float | None = None) -> None:
    """Record that the coder accepted or rejected ``code_key`` on a span (the coding itself is added separately)."""
    code = load_codebook(store).code_by_key(code_key)
    if code is None:
        raise NotFoundError(f"no code {code_key!r} in the codebook")
    record_feedback(store, document_id=document_id, start=start, end=end, code_id=code.id, coder_id=coder_id,
                    decision="accepted" if accepted else "rejected", score=score)


def _background(material: _ProjectMaterial, suggester: Suggester) -> Background:
    """Content lemmas of every respondent paragraph of the project, coded or not, and of the codebook's
    texts: the words' background."""
    return Background([suggester.features_in(material.parsed[doc_id], segment.start, segment.end).content
                       for doc_id, segments in material.paragraphs.items() for segment in segments
                       if segment.role != "interviewer"],
                      [example.words for example in suggester.codebook_examples()])


def _coded_examples(material: _ProjectMaterial, suggester: Suggester, exclude: Collection[int] = (),
                    words: dict[tuple[int, int, int], tuple[str, ...]] | None = None) -> list[CodedExample]:
    """The coder's codings and accept/reject decisions as examples, each with its document and quote,
    leaving out the documents in ``exclude``.

    ``words`` caches each passage's content lemmas by (document, start, end) between calls.
    """
    keys = material.code_keys
    cache = words if words is not None else {}

    def content(document_id: int, start: int, end: int) -> tuple[str, ...]:
        key = (document_id, start, end)
        if key not in cache:
            cache[key] = suggester.features_in(material.parsed[document_id], start, end).content
        return cache[key]

    found = []
    for coding in material.codings:
        if coding.document_id in exclude or coding.code_id not in keys:
            continue
        document = material.documents[coding.document_id]
        found.append(CodedExample(keys[coding.code_id], content(coding.document_id, coding.start, coding.end),
                                  document.name, document.text[coding.start:coding.end]))
    for decision in material.decisions:
        if decision.document_id in exclude:
            continue
        document = material.documents[decision.document_id]
        words_there = content(decision.document_id, decision.start, decision.end)
        found.append(CodedExample(decision.code_key, words_there, document.name,
                                  document.text[decision.start:decision.end], decision.accepted))
    return found


def example_model(material: _ProjectMaterial, suggester: Suggester, *, exclude: Collection[int] = (),
                  cold: bool = False, background: Background | None = None,
                  words: dict[tuple[int, int, int], tuple[str, ...]] | None = None) -> ExampleModel:
    """The example model of a coder (``cold``: from the codebook alone), leaving out the documents in ``exclude``."""
    examples = [] if cold else _coded_examples(material, suggester, exclude, words)
    return ExampleModel(examples, suggester.codebook_examples(),
                        background if background is not None else _background(material, suggester))


@dataclass(frozen=True)
class AbstainReport:
    """What a coder would have been shown on left-out documents with a threshold calibrated on the others.

    ``coded_shown`` of ``coded`` coded respondent segments got a suggestion, whose top code was right
    ``shown_right`` times; ``uncoded_shown`` of ``uncoded`` uncoded respondent segments got one.
    """

    coded: int
    coded_shown: int
    shown_right: int
    uncoded: int
    uncoded_shown: int


@dataclass(frozen=True)
class ColdWarmReport:
    """Leave-one-document-out scores from the codebook alone (cold) and learning from the other documents (warm),
    and (with three or more coded documents) what the calibrated threshold would have shown.

    ``cold.documents`` and ``warm.documents`` count the documents scored; ``coded_documents`` all the
    coder's coded documents, each scored one learning from the others.
    """

    cold: EvaluationReport
    warm: EvaluationReport
    abstain: AbstainReport | None = None
    coded_documents: int = 0


@dataclass(frozen=True)
class _HeldOutSegment:
    """A respondent segment of a left-out document: the coder's codes there and both rankings."""

    document_id: int
    gold: set[str]
    cold: tuple[Suggestion, ...]
    warm: tuple[Suggestion, ...]


def _leave_one_out(store: ProjectStore, material: _ProjectMaterial, base: Suggester, unit: Unit,
                   documents: Sequence[int], *, with_cold: bool = True, also_exclude: Collection[int] = (),
                   background: Background | None = None,
                   words: dict[tuple[int, int, int], tuple[str, ...]] | None = None) -> list[_HeldOutSegment]:
    """Each of ``documents`` in turn, ranked by every code with evidence from the coder's other documents
    (leaving out ``also_exclude`` too)."""
    base = base.ranking_everything()
    background = _background(material, base) if background is None else background
    cold = base.with_examples(example_model(material, base, cold=True, background=background)) if with_cold else None
    keys = material.code_keys
    words = {} if words is None else words
    found = []
    for held_out in documents:
        warm = base.with_examples(example_model(material, base, exclude={held_out, *also_exclude},
                                                background=background, words=words))
        segments = [segment for segment in document_segments(store, held_out, unit) if segment.role != "interviewer"]
        questions = interviewer_questions(document_segments(store, held_out, "turn"), segments)
        held_codings = [coding for coding in material.codings if coding.document_id == held_out]
        spans = [(segment.start, segment.end) for segment in segments]
        text, parsed = material.documents[held_out].text, material.parsed[held_out]
        warm_results = warm.for_document(text, spans, parsed=parsed, questions=questions)
        cold_results = cold.for_document(text, spans, parsed=parsed, questions=questions) \
            if cold is not None else warm_results
        for segment, cold_result, warm_result in zip(segments, cold_results, warm_results, strict=True):
            found.append(_HeldOutSegment(held_out, codes_on_segment(segment, held_codings, keys),
                                         cold_result.suggestions, warm_result.suggestions))
    return found


def _coded_documents(material: _ProjectMaterial) -> list[int]:
    return sorted({coding.document_id for coding in material.codings})


def evaluate_coder(store: ProjectStore, pipeline: LoadedPipeline, coder_id: int, unit: Unit = "turn",
                   documents: Sequence[str] | None = None) -> ColdWarmReport:
    """Leave each coded document out in turn: suggest for its respondent segments from the codebook alone
    (cold) and after learning from the coder's other documents (warm), and compare with the codings.

    ``documents`` (names or ids) scores only those, each still learning from every other coded
    document of the coder, so their counts are exactly what the full run counts for them.
    With three or more coded documents it also calibrates a threshold on the other documents (each
    left out in turn) and counts what it would have shown on the left-out one.
    Raises NotFoundError when the coder has coded fewer than two documents, or for a named document
    that is not in the project or that the coder has not coded.
    """
    named = None if documents is None else [get_document(store, reference) for reference in documents]
    material = _material(store, pipeline, coder_id)
    coded = _coded_documents(material)
    if len(coded) < 2:
        raise NotFoundError(f"leave-one-document-out needs codings in at least two documents; this coder has "
                            f"{len(coded)}")
    scored = coded if named is None else _coded_among(named, coded)
    base = Suggester(pipeline, material.codebook)
    background = _background(material, base)
    words: dict[tuple[int, int, int], tuple[str, ...]] = {}
    segments = _leave_one_out(store, material, base, unit, scored, background=background, words=words)
    gold = [segment.gold for segment in segments]
    order = [code.key for code in material.codebook.codes]
    cold, warm = (
        score_rankings(gold, [[item.code_key for item in getattr(segment, name)] for segment in segments],
                       documents=len(scored), code_order=order)
        for name in ("cold", "warm"))
    abstain = None
    if len(coded) >= 3:
        thresholds = {}
        for held_out in scored:
            others = [document_id for document_id in coded if document_id != held_out]
            calibration = _calibrate(_leave_one_out(store, material, base, unit, others, with_cold=False,
                                                    also_exclude={held_out}, background=background, words=words))
            thresholds[held_out] = calibration.threshold if calibration is not None else 0.0
        shown = [segment for segment in segments
                 if segment.warm and segment.warm[0].score >= thresholds[segment.document_id]]
        abstain = AbstainReport(
            coded=sum(1 for segment in segments if segment.gold),
            coded_shown=sum(1 for segment in shown if segment.gold),
            shown_right=sum(1 for segment in shown if segment.warm[0].code_key in segment.gold),
            uncoded=sum(1 for segment in segments if not segment.gold),
            uncoded_shown=sum(1 for segment in shown if not segment.gold))
    return ColdWarmReport(cold, warm, abstain, coded_documents=len(coded))


def _coded_among(named: Sequence[Document], coded: Collection[int]) -> list[int]:
    """The ids of the named documents, in project order, once each; NotFoundError for one the coder has not coded."""
    for document in named:
        if document.id not in coded:
            raise NotFoundError(_("the coder has no codings in {name!r}: nothing to score there").format(
                name=document.name))
    return sorted({document.id for document in named})


def _calibrate(segments: Sequence[_HeldOutSegment]) -> Calibration | None:
    return calibrate([(segment.warm[0].score, segment.warm[0].code_key in segment.gold)
                      for segment in segments if segment.warm])


def calibration_for(store: ProjectStore, material: _ProjectMaterial, base: Suggester, unit: Unit = "turn", *,
                    background: Background | None = None,
                    words: dict[tuple[int, int, int], tuple[str, ...]] | None = None) -> Calibration | None:
    """The abstain threshold and odds from leave-one-document-out over (up to CALIBRATION_DOCUMENTS of) the
    coder's coded documents; None with fewer than two coded documents."""
    coded = _coded_documents(material)
    if len(coded) < 2:
        return None
    step = max(1, len(coded) // CALIBRATION_DOCUMENTS)
    chosen, segments_seen = [], 0
    for document_id in coded[::step][:CALIBRATION_DOCUMENTS]:
        chosen.append(document_id)
        segments_seen += len(material.paragraphs[document_id])
        if segments_seen >= CALIBRATION_SEGMENTS:
            break
    return _calibrate(_leave_one_out(store, material, base, unit, chosen, with_cold=False, background=background,
                                     words=words))
