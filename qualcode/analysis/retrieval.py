"""Retrieval: the coded passages a code query finds, document by document, with their context.

A query is evaluated per document and per coder, on sets of text positions: a code stands for
the positions the coder coded with it, ``AND`` / ``OR`` / ``NOT`` are intersection, union and
complement (within the turns the role filter lets through), ``TEXT`` the positions of a phrase
(and its inflections, see :mod:`qualcode.analysis.text_matching`),
``WHERE`` and ``CODER`` all positions or none. ``NEAR n`` keeps the passages of either side that
lie within n turns of a passage of the other; ``A FOLLOWED BY n B`` the passages of A with a
passage of B starting after it within n turns, and those. With a unit (turn, paragraph,
sentence) every operand first grows to the units it touches, so ``AND`` means "in the same unit"
and each unit found is one segment; without one, each maximal run of found positions is one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from qualcode.analysis.query_evaluation import DocumentEvaluation
from qualcode.analysis.query_plan import QueryPlan, plan_query
from qualcode.analysis.retrieval_reading import (
    CodebookKeys, LoadedDocument, coders_per_document, load_codebook_keys, load_codings, load_documents,
    load_segments, snapshot, text_reader,
)
from qualcode.domain.code_query import CodeQuery, parse_query
from qualcode.domain.language import _
from qualcode.domain.retrieval import RetrievalCounts, RetrievalFilters, RetrievedSegment
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore

UNITS = ("turn", "paragraph", "sentence")
NO_CODER = ""
"""The coder of segments found by a query that names no code and no coder (``TEXT "..."`` alone)."""


def _format_time(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def retrieve(store: ProjectStore, query: str | CodeQuery, *, filters: RetrievalFilters = RetrievalFilters(),
             unit: str | None = None, context: int = 0) -> Iterator[RetrievedSegment]:
    """The segments ``query`` finds, in document (name) and text order, yielded document by document.

    Raises QueryError for a malformed query or one naming a code, coder or attribute the
    project does not have, NotFoundError for an unknown coder or document in ``filters`` (before
    the first segment is yielded), and ProjectError for an unknown unit.
    """
    if unit is not None and unit not in UNITS:
        raise ProjectError(_("unknown unit {unit!r}: choose turn, paragraph or sentence").format(unit=unit))
    if context < 0:
        raise ProjectError(_("context must be 0 or more characters, not {context}").format(context=context))
    parsed = parse_query(query) if isinstance(query, str) else query
    prepared = _prepare(store, [parsed], filters, unit)
    return _segments(store, prepared, filters, unit, context)


def check_query(store: ProjectStore, query: str | CodeQuery) -> CodeQuery:
    """The parsed query when it parses and every code, coder, attribute and saved query in it exists.

    Raises QueryError otherwise.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    with snapshot(store) as connection:
        plan_query(connection, parsed, load_codebook_keys(connection))
    return parsed


@dataclass
class _Prepared:
    plans: list[QueryPlan]
    codebook: CodebookKeys
    documents: list[LoadedDocument]
    coder_filter: list[int] | None
    coder_names: dict[int, str]
    need_paragraphs: bool
    coders: dict[int, set[int]] = field(default_factory=dict)
    """document id -> the (allowed) coders with codings in it, for the documents read so far."""


def _prepare(store: ProjectStore, queries: Sequence[CodeQuery], filters: RetrievalFilters,
             unit: str | None) -> _Prepared:
    """Check every query and the filters, and list the documents; :func:`_read` reads what they hold."""
    with snapshot(store) as connection:
        codebook = load_codebook_keys(connection)
        plans = [plan_query(connection, parsed, codebook) for parsed in queries]
        coder_ids = plans[0].coder_ids if plans else {
            name: coder_id for coder_id, name in connection.execute("SELECT id, name FROM coders")}
        coder_filter = None
        if filters.coders is not None:
            missing = [name for name in filters.coders if name not in coder_ids]
            if missing:
                known = ", ".join(sorted(coder_ids)) or "none yet"
                raise NotFoundError(_("no coder named {missing!r} (coders: {known})").format(missing=missing[0], known=known))
            coder_filter = [coder_ids[name] for name in filters.coders]
        documents = load_documents(connection, filters)
    return _Prepared(plans, codebook, documents, coder_filter, {v: k for k, v in coder_ids.items()},
                     need_paragraphs=unit in ("paragraph", "sentence"))


def _read(connection, prepared: _Prepared, batch: list[LoadedDocument]) -> None:
    """Read the turns (and paragraphs), the codings and their coders of a batch of documents."""
    by_id = {document.id: document for document in batch}
    document_ids = None if len(batch) == len(prepared.documents) else sorted(by_id)
    load_segments(connection, by_id, document_ids, prepared.need_paragraphs)
    code_ids = {code_id for plan in prepared.plans for ids in plan.code_ids.values() for code_id in ids}
    load_codings(connection, by_id, document_ids, code_ids, prepared.coder_filter)
    if any(plan.per_coder for plan in prepared.plans):
        prepared.coders.update(coders_per_document(connection, document_ids, prepared.coder_filter))


def _batches(documents: list[LoadedDocument]) -> Iterator[list[LoadedDocument]]:
    """The documents in runs of 1, 4, 16, ...: the first is read (and shown) at once, the rest in few queries."""
    start, size = 0, 1
    while start < len(documents):
        yield documents[start:start + size]
        start, size = start + size, size * 4


def _document_segments(document: LoadedDocument, plan: QueryPlan, prepared: _Prepared, filters: RetrievalFilters,
                       unit: str | None, context: int, text_of) -> list[RetrievedSegment]:
    """One query's segments in one document; ``text_of()`` reads the document's text when needed."""
    if plan.per_coder:
        coder_ids = sorted(prepared.coders.get(document.id, ()), key=lambda c: prepared.coder_names[c])
        if not coder_ids:
            return []
    else:
        coder_ids = [None]
    evaluation = DocumentEvaluation(document, plan, filters, unit,
                                    text_of() if plan.needs_text or unit == "sentence" else None)
    found: list[tuple[int, int, int | None]] = []
    for coder_id in coder_ids:
        for start, end in evaluation.segments(evaluation.evaluate(plan.query.root, coder_id)):
            found.append((start, end, coder_id))
    if not found:
        return []
    found.sort(key=lambda item: (item[0], item[1], prepared.coder_names.get(item[2], NO_CODER)))
    text = text_of()
    return [_segment(document, evaluation, plan, prepared, text, start, end, coder_id, context)
            for start, end, coder_id in found]


def _segments(store: ProjectStore, prepared: _Prepared, filters: RetrievalFilters, unit: str | None,
              context: int) -> Iterator[RetrievedSegment]:
    plan = prepared.plans[0]
    with snapshot(store) as connection:       # one snapshot for the whole retrieval
        for batch in _batches(prepared.documents):
            _read(connection, prepared, batch)
            for document in batch:
                yield from _document_segments(document, plan, prepared, filters, unit, context,
                                              text_reader(connection, document.id))


def retrieve_each(store: ProjectStore, queries: Sequence[str | CodeQuery], *,
                  filters: RetrievalFilters = RetrievalFilters(), unit: str | None = None,
                  context: int = 0) -> list[list[RetrievedSegment]]:
    """What ``retrieve`` finds for each query, reading the project once for all (crosstab rows)."""
    if unit is not None and unit not in UNITS:
        raise ProjectError(_("unknown unit {unit!r}: choose turn, paragraph or sentence").format(unit=unit))
    parsed = [parse_query(query) if isinstance(query, str) else query for query in queries]
    prepared = _prepare(store, parsed, filters, unit)
    results: list[list[RetrievedSegment]] = [[] for _ in parsed]
    with snapshot(store) as connection:
        _read(connection, prepared, prepared.documents)
        for document in prepared.documents:
            text_of = text_reader(connection, document.id)
            for index, plan in enumerate(prepared.plans):
                results[index] += _document_segments(document, plan, prepared, filters, unit, context, text_of)
    return results


def _segment(document: LoadedDocument, evaluation: DocumentEvaluation, plan: QueryPlan, prepared: _Prepared,
             text: str, start: int, end: int, coder_id: int | None, context: int) -> RetrievedSegment:
    codes: list[int] = []
    coding_ids: list[int] = []
    memos: list[str] = []
    for code_id, codings in document.codings.get(coder_id, {}).items():
        if code_id not in plan.positive_code_ids:
            continue
        for coding_start, coding_end, coding_id, memo in codings:
            if coding_start < end and coding_end > start:
                if code_id not in codes:
                    codes.append(code_id)
                coding_ids.append(coding_id)
                if memo and memo not in memos:
                    memos.append(memo)
    order = list(prepared.codebook.keys)
    codes.sort(key=order.index)
    index = bisect_right(evaluation.turn_starts, start) - 1
    turn = document.turns[index] if index >= 0 else None
    return RetrievedSegment(
        document=document.name, document_id=document.id, case=document.case,
        speaker=turn.speaker if turn else None, role=turn.role if turn else None,
        time=_format_time(turn.start_time) if turn else None, turn_index=turn.index if turn else -1,
        coder=prepared.coder_names.get(coder_id, NO_CODER),
        codes=tuple(prepared.codebook.keys[code_id] for code_id in codes), coding_ids=tuple(sorted(coding_ids)),
        start=start, end=end, text=text[start:end], before=text[max(0, start - context):start],
        after=text[end:end + context], memo="\n".join(memos) or None,
    )


def retrieval_counts(segments: Sequence[RetrievedSegment] | Iterable[RetrievedSegment]) -> RetrievalCounts:
    """How many segments, documents, cases and coders a retrieval found."""
    segments = list(segments)
    return RetrievalCounts(
        segments=len(segments),
        documents=len({segment.document_id for segment in segments}),
        cases=len({segment.case for segment in segments if segment.case is not None}),
        coders=len({segment.coder for segment in segments if segment.coder != NO_CODER}),
    )
