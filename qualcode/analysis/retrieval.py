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

import sqlite3
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import NamedTuple

from qualcode.analysis.span_sets import (
    Spans, covering_units, difference, intersection, normalised, overlaps, union,
)
from qualcode.analysis.text_matching import phrase_spans
from qualcode.domain.code_query import (
    And, CodeQuery, CodeRef, CoderIs, Expression, FollowedBy, Near, Not, Or, QueryError, SavedQueryRef, TextMatch,
    WhereAttribute, code_refs, parse_query,
)
from qualcode.domain.language import _
from qualcode.domain.retrieval import RetrievalCounts, RetrievalFilters, RetrievedSegment
from qualcode.domain.sentences import sentence_spans
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore

UNITS = ("turn", "paragraph", "sentence")
NO_CODER = ""
"""The coder of segments found by a query that names no code and no coder (``TEXT "..."`` alone)."""


class _Turn(NamedTuple):
    start: int
    end: int
    index: int
    speaker: str
    role: str
    start_time: float | None


@dataclass
class _Document:
    id: int
    name: str
    case: str | None
    attributes: dict[str, str | None]
    turns: list[_Turn] = field(default_factory=list)
    paragraphs: list[tuple[int, int, str]] = field(default_factory=list)     # start, end, role
    codings: dict[int, dict[int, list[tuple[int, int, int, str]]]] = field(default_factory=dict)
    """coder id -> code id -> [(start, end, coding id, memo)] in text order."""


@dataclass(frozen=True)
class _Codebook:
    keys: dict[int, str]                 # code id -> key, in codebook order
    group_of: dict[int, str]             # code id -> group key


@contextmanager
def _reading(store: ProjectStore) -> Iterator[sqlite3.Connection]:
    """A read-only connection in one deferred read transaction: a consistent snapshot that never
    holds the write lock, so coding from a retrieval list while it is still loading is not blocked.
    Plain sqlite3 cursors also read tens of thousands of rows far faster than the ORM.
    On PostgreSQL: a repeatable-read, read-only transaction that takes the same SQL."""
    if store.on_server:
        from qualcode.storage.server_store import SnapshotReader
        reader = SnapshotReader(store.engine)
        try:
            yield reader
        finally:
            reader.close()
        return
    connection = sqlite3.connect(f"{Path(store.database_path).resolve().as_uri()}?mode=ro", uri=True,
                                 isolation_level=None, check_same_thread=False)
    try:
        connection.execute("SELECT 1 FROM documents LIMIT 1")
    except sqlite3.OperationalError:      # a WAL database whose -shm file a read-only opening cannot make
        connection.close()
        connection = sqlite3.connect(store.database_path, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("BEGIN")
        yield connection
    finally:
        connection.close()


def _format_time(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def _load_codebook(connection) -> _Codebook:
    rows = connection.execute(
        "SELECT codes.id, codes.key, code_groups.key FROM codes JOIN code_groups ON code_groups.id = codes.group_id "
        "ORDER BY code_groups.position, code_groups.id, codes.position, codes.id").fetchall()
    return _Codebook(keys={row[0]: row[1] for row in rows}, group_of={row[0]: row[2] for row in rows})


def resolve_code_ref(reference: CodeRef, codebook_keys: dict[int, str], group_of: dict[int, str]) -> tuple[int, ...]:
    """The code ids a code reference stands for: the code, all codes of a group, or a glob's matches."""
    pattern = reference.pattern
    exact = [code_id for code_id, key in codebook_keys.items() if key == pattern]
    if exact:
        return tuple(exact)
    in_group = [code_id for code_id in codebook_keys if group_of[code_id] == pattern]
    if in_group:
        return tuple(in_group)
    if any(character in pattern for character in "*?["):
        matched = [code_id for code_id, key in codebook_keys.items() if fnmatchcase(key, pattern)]
        if matched:
            return tuple(matched)
    folded = [code_id for code_id, key in codebook_keys.items() if key.casefold() == pattern.casefold()]
    if folded:
        return tuple(folded)
    raise QueryError(_("query:1:{position}: expected a code id, group id or glob of the codebook, not {pattern!r}").format(position=reference.position + 1, pattern=pattern), reference.position, "a code")


@dataclass
class _Plan:
    """A parsed query with every name in it checked against the project."""

    query: CodeQuery
    code_ids: dict[CodeRef, tuple[int, ...]]
    positive_code_ids: frozenset[int]
    coder_ids: dict[str, int]
    per_coder: bool
    needs_text: bool


def _walk(expression: Expression) -> Iterator[Expression]:
    yield expression
    match expression:
        case Not(operand):
            yield from _walk(operand)
        case And(left, right) | Or(left, right) | Near(left, right, _) | FollowedBy(left, right, _):
            yield from _walk(left)
            yield from _walk(right)


def _expand_saved(expression: Expression, saved: dict[str, str], seen: tuple[str, ...] = ()) -> Expression:
    """The expression with every ``@name`` replaced by that saved query's expression."""
    match expression:
        case SavedQueryRef(name, position):
            if name not in saved:
                known = ", ".join(sorted(saved)) or "none yet"
                raise QueryError(_("query:1:{position}: expected a saved query (saved queries: {known}), not '@{name}'").format(position=position + 1, known=known, name=name), position, "a saved query")
            if name in seen:
                raise QueryError(_("query:1:{position}: the saved query '@{name}' refers to itself").format(position=position + 1, name=name),
                                 position, "a saved query")
            try:
                inner = parse_query(saved[name]).root
            except QueryError as error:
                raise QueryError(_("query:1:{position}: the saved query '@{name}' no longer parses: {error}").format(position=position + 1, name=name, error=error),
                                 position, "a saved query") from None
            return _expand_saved(inner, saved, (*seen, name))
        case Not(operand):
            return Not(_expand_saved(operand, saved, seen))
        case And(left, right):
            return And(_expand_saved(left, saved, seen), _expand_saved(right, saved, seen))
        case Or(left, right):
            return Or(_expand_saved(left, saved, seen), _expand_saved(right, saved, seen))
        case Near(left, right, turns):
            return Near(_expand_saved(left, saved, seen), _expand_saved(right, saved, seen), turns)
        case FollowedBy(left, right, turns):
            return FollowedBy(_expand_saved(left, saved, seen), _expand_saved(right, saved, seen), turns)
    return expression


def _plan(connection, query: CodeQuery, codebook: _Codebook) -> _Plan:
    if any(isinstance(node, SavedQueryRef) for node in _walk(query.root)):
        saved = dict(connection.execute("SELECT name, text FROM saved_queries").fetchall())
        query = CodeQuery(query.text, _expand_saved(query.root, saved))
    coder_ids = {name: coder_id for coder_id, name in connection.execute("SELECT id, name FROM coders")}
    attributes = {row[0] for row in connection.execute("SELECT DISTINCT name FROM case_attributes")}
    code_ids: dict[CodeRef, tuple[int, ...]] = {}
    per_coder, needs_text = False, False
    for node in _walk(query.root):
        match node:
            case CodeRef():
                code_ids[node] = resolve_code_ref(node, codebook.keys, codebook.group_of)
                per_coder = True
            case CoderIs(name, position):
                per_coder = True
                if name not in coder_ids:
                    known = ", ".join(sorted(coder_ids)) or "none yet"
                    raise QueryError(_("query:1:{position}: expected a coder of the project (coders: {known}), not {name!r}").format(position=position + 1, known=known, name=name), position, "a coder")
            case WhereAttribute(attribute, _, _, position):
                if attribute not in attributes:
                    known = ", ".join(sorted(attributes)) or "none yet"
                    raise QueryError(_("query:1:{position}: expected a case attribute (attributes: {known}), not {attribute!r}").format(position=position + 1, known=known, attribute=attribute), position, "a case attribute")
            case TextMatch():
                needs_text = True
    positive = frozenset(code_id for ref in code_refs(query.root, positive_only=True) for code_id in code_ids[ref])
    return _Plan(query, code_ids, positive, coder_ids, per_coder, needs_text)


def _documents(connection, filters: RetrievalFilters) -> list[_Document]:
    rows = connection.execute(
        "SELECT documents.id, documents.name, cases.label, documents.case_id FROM documents "
        "LEFT JOIN cases ON cases.id = documents.case_id ORDER BY documents.name").fetchall()
    if filters.documents is not None:
        known = {row[1] for row in rows}
        missing = [name for name in filters.documents if name not in known]
        if missing:
            raise NotFoundError(_("no document {missing!r} (documents: {known})").format(missing=missing[0], known=', '.join(sorted(known)) or _("none yet")))
        rows = [row for row in rows if row[1] in filters.documents]
    attributes: dict[int, dict[str, str | None]] = defaultdict(dict)
    for case_id, name, value in connection.execute("SELECT case_id, name, value FROM case_attributes"):
        attributes[case_id][name] = value
    documents = [_Document(document_id, name, case, attributes.get(case_id, {}))
                 for document_id, name, case, case_id in rows]
    for attribute, allowed in filters.attributes:
        documents = [document for document in documents if document.attributes.get(attribute) in allowed]
    return documents


def _role_passes(role: str, roles: tuple[str, ...] | None) -> bool:
    return roles is None or role in roles or role == "unknown"


def _in_documents(document_ids: Sequence[int] | None) -> str:
    """The SQL condition that keeps rows of ``document_ids`` (every row for None)."""
    return "1 = 1" if document_ids is None else f"document_id IN ({','.join(str(int(i)) for i in document_ids)})"


def _load_segments(connection, documents: dict[int, _Document], document_ids: Sequence[int] | None,
                   need_paragraphs: bool) -> None:
    turn = _Turn._make
    for row in connection.execute(
            "SELECT document_id, start, \"end\", turn_index, speaker, role, start_time FROM segments "
            f"WHERE kind = 'turn' AND {_in_documents(document_ids)} ORDER BY document_id, kind, idx").fetchall():
        document = documents.get(row[0])
        if document is not None:
            document.turns.append(turn(row[1:]))
    if need_paragraphs:
        for document_id, start, end, role in connection.execute(
                "SELECT document_id, start, \"end\", role FROM segments "
                f"WHERE kind = 'paragraph' AND {_in_documents(document_ids)} ORDER BY document_id, kind, idx"
        ).fetchall():
            document = documents.get(document_id)
            if document is not None:
                document.paragraphs.append((start, end, role))


def _load_codings(connection, documents: dict[int, _Document], document_ids: Sequence[int] | None,
                  code_ids: Iterable[int], coder_ids: Iterable[int] | None) -> None:
    code_list = ",".join(str(int(code_id)) for code_id in sorted(set(code_ids)))
    if not code_list:
        return
    # For some documents, the unary + keeps SQLite on the document index rather than the code index.
    code_column = "code_id" if document_ids is None else "+code_id"
    sql = ("SELECT document_id, coder_id, code_id, start, \"end\", id, memo FROM codings "
           f"WHERE {_in_documents(document_ids)} AND {code_column} IN ({code_list})")
    if coder_ids is not None:
        sql += f" AND coder_id IN ({','.join(str(int(c)) for c in coder_ids) or 'NULL'})"
    # Sorted here rather than by an ORDER BY: SQLite's temporary B-tree costs more than Python's sort.
    touched: list[list[tuple[int, int, int, str]]] = []
    for document_id, coder_id, code_id, start, end, coding_id, memo in connection.execute(sql).fetchall():
        document = documents.get(document_id)
        if document is not None:
            spans = document.codings.setdefault(coder_id, {}).setdefault(code_id, [])
            if not spans:
                touched.append(spans)
            spans.append((start, end, coding_id, memo))
    for spans in touched:
        spans.sort()


def _coders_with_codings(connection, document_ids: Sequence[int] | None,
                         coder_ids: Iterable[int] | None) -> dict[int, set[int]]:
    result: dict[int, set[int]] = defaultdict(set)
    allowed = set(coder_ids) if coder_ids is not None else None
    for document_id, coder_id in connection.execute(
            f"SELECT DISTINCT document_id, coder_id FROM codings WHERE {_in_documents(document_ids)}"):
        if allowed is None or coder_id in allowed:
            result[document_id].add(coder_id)
    return result


class _Evaluation:
    """One document's query evaluation: its universe, its units and the text when needed."""

    def __init__(self, document: _Document, plan: _Plan, filters: RetrievalFilters, unit: str | None,
                 text: str | None) -> None:
        self.document, self.plan, self.text = document, plan, text
        turns = document.turns
        self.turn_starts = [turn.start for turn in turns]
        if unit in (None, "turn"):
            units = [(turn.start, turn.end) for turn in turns if _role_passes(turn.role, filters.roles)]
        elif unit == "paragraph":
            units = [(start, end) for start, end, role in document.paragraphs if _role_passes(role, filters.roles)]
        else:
            units = [span for start, end, role in document.paragraphs if _role_passes(role, filters.roles)
                     for span in sentence_spans(text, start, end)]
        self.units = [span for span in units if span[0] < span[1]]
        self.unit_ends = [end for _, end in self.units]
        self.universe = normalised(self.units)
        self.by_unit = unit is not None
        self._text_spans: dict[str, Spans] = {}

    def _restrict(self, spans: Spans) -> Spans:
        spans = intersection(normalised(spans), self.universe)
        return covering_units(spans, self.units, self.unit_ends) if self.by_unit else spans

    def turn_of(self, position: int) -> int:
        index = bisect_right(self.turn_starts, position) - 1
        return self.document.turns[index].index if index >= 0 else -1

    def evaluate(self, expression: Expression, coder_id: int | None) -> Spans:
        match expression:
            case CodeRef():
                codings = self.document.codings.get(coder_id, {})
                return self._restrict([(start, end) for code_id in self.plan.code_ids[expression]
                                       for start, end, _, _ in codings.get(code_id, ())])
            case TextMatch(phrase):
                if phrase not in self._text_spans:
                    self._text_spans[phrase] = self._restrict(phrase_spans(phrase, self.text))
                return self._text_spans[phrase]
            case WhereAttribute(attribute, values, negated):
                matches = self.document.attributes.get(attribute) in values
                return list(self.universe) if matches != negated else []
            case CoderIs(name):
                return list(self.universe) if self.plan.coder_ids[name] == coder_id else []
            case And(left, right):
                first = self.evaluate(left, coder_id)
                return intersection(first, self.evaluate(right, coder_id)) if first else []
            case Or(left, right):
                return union(self.evaluate(left, coder_id), self.evaluate(right, coder_id))
            case Not(operand):
                return difference(self.universe, self.evaluate(operand, coder_id))
            case Near(left, right, turns):
                return self._near(self.evaluate(left, coder_id), self.evaluate(right, coder_id), turns, False)
            case FollowedBy(left, right, turns):
                return self._near(self.evaluate(left, coder_id), self.evaluate(right, coder_id), turns, True)
        raise TypeError(f"not a query expression: {expression!r}")

    def _near(self, left: Spans, right: Spans, turns: int, ordered: bool) -> Spans:
        if not left or not right:
            return []
        left_turns = [(self.turn_of(start), self.turn_of(end - 1)) for start, end in left]
        right_turns = [(self.turn_of(start), self.turn_of(end - 1)) for start, end in right]
        kept: Spans = []
        for (a_start, a_end), (a_first, a_last) in zip(left, left_turns, strict=True):
            for (b_start, b_end), (b_first, b_last) in zip(right, right_turns, strict=True):
                if ordered:
                    close = b_start >= a_end and b_first - a_last <= turns
                else:
                    close = max(a_first, b_first) - min(a_last, b_last) <= turns
                if close:
                    kept += [(a_start, a_end), (b_start, b_end)]
        return normalised(kept)

    def segments(self, spans: Spans) -> list[tuple[int, int]]:
        """The passages to show: each unit found (with a unit), or each maximal run of positions."""
        if not self.by_unit:
            return spans
        return [unit for unit in self.units if overlaps(spans, unit[0], unit[0] + 1)]


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
    with _reading(store) as connection:
        _plan(connection, parsed, _load_codebook(connection))
    return parsed


@dataclass
class _Prepared:
    plans: list[_Plan]
    codebook: _Codebook
    documents: list[_Document]
    coder_filter: list[int] | None
    coder_names: dict[int, str]
    need_paragraphs: bool
    coders: dict[int, set[int]] = field(default_factory=dict)
    """document id -> the (allowed) coders with codings in it, for the documents read so far."""


def _prepare(store: ProjectStore, queries: Sequence[CodeQuery], filters: RetrievalFilters,
             unit: str | None) -> _Prepared:
    """Check every query and the filters, and list the documents; :func:`_read` reads what they hold."""
    with _reading(store) as connection:
        codebook = _load_codebook(connection)
        plans = [_plan(connection, parsed, codebook) for parsed in queries]
        coder_ids = plans[0].coder_ids if plans else {
            name: coder_id for coder_id, name in connection.execute("SELECT id, name FROM coders")}
        coder_filter = None
        if filters.coders is not None:
            missing = [name for name in filters.coders if name not in coder_ids]
            if missing:
                known = ", ".join(sorted(coder_ids)) or "none yet"
                raise NotFoundError(_("no coder named {missing!r} (coders: {known})").format(missing=missing[0], known=known))
            coder_filter = [coder_ids[name] for name in filters.coders]
        documents = _documents(connection, filters)
    return _Prepared(plans, codebook, documents, coder_filter, {v: k for k, v in coder_ids.items()},
                     need_paragraphs=unit in ("paragraph", "sentence"))


def _read(connection, prepared: _Prepared, batch: list[_Document]) -> None:
    """Read the turns (and paragraphs), the codings and their coders of a batch of documents."""
    by_id = {document.id: document for document in batch}
    document_ids = None if len(batch) == len(prepared.documents) else sorted(by_id)
    _load_segments(connection, by_id, document_ids, prepared.need_paragraphs)
    code_ids = {code_id for plan in prepared.plans for ids in plan.code_ids.values() for code_id in ids}
    _load_codings(connection, by_id, document_ids, code_ids, prepared.coder_filter)
    if any(plan.per_coder for plan in prepared.plans):
        prepared.coders.update(_coders_with_codings(connection, document_ids, prepared.coder_filter))


def _batches(documents: list[_Document]) -> Iterator[list[_Document]]:
    """The documents in runs of 1, 4, 16, ...: the first is read (and shown) at once, the rest in few queries."""
    start, size = 0, 1
    while start < len(documents):
        yield documents[start:start + size]
        start, size = start + size, size * 4


def _document_segments(document: _Document, plan: _Plan, prepared: _Prepared, filters: RetrievalFilters,
                       unit: str | None, context: int, text_of) -> list[RetrievedSegment]:
    """One query's segments in one document; ``text_of()`` reads the document's text when needed."""
    if plan.per_coder:
        coder_ids = sorted(prepared.coders.get(document.id, ()), key=lambda c: prepared.coder_names[c])
        if not coder_ids:
            return []
    else:
        coder_ids = [None]
    evaluation = _Evaluation(document, plan, filters, unit,
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


def _texts(connection: sqlite3.Connection, document_id: int):
    """A reader of one document's text that asks the database at most once."""
    text: list[str] = []

    def text_of() -> str:
        if not text:
            row = connection.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
            text.append(row[0] if row else "")
        return text[0]

    return text_of


def _segments(store: ProjectStore, prepared: _Prepared, filters: RetrievalFilters, unit: str | None,
              context: int) -> Iterator[RetrievedSegment]:
    plan = prepared.plans[0]
    with _reading(store) as connection:       # one snapshot for the whole retrieval
        for batch in _batches(prepared.documents):
            _read(connection, prepared, batch)
            for document in batch:
                yield from _document_segments(document, plan, prepared, filters, unit, context,
                                              _texts(connection, document.id))


def retrieve_each(store: ProjectStore, queries: Sequence[str | CodeQuery], *,
                  filters: RetrievalFilters = RetrievalFilters(), unit: str | None = None,
                  context: int = 0) -> list[list[RetrievedSegment]]:
    """What ``retrieve`` finds for each query, reading the project once for all (crosstab rows)."""
    if unit is not None and unit not in UNITS:
        raise ProjectError(_("unknown unit {unit!r}: choose turn, paragraph or sentence").format(unit=unit))
    parsed = [parse_query(query) if isinstance(query, str) else query for query in queries]
    prepared = _prepare(store, parsed, filters, unit)
    results: list[list[RetrievedSegment]] = [[] for _ in parsed]
    with _reading(store) as connection:
        _read(connection, prepared, prepared.documents)
        for document in prepared.documents:
            text_of = _texts(connection, document.id)
            for index, plan in enumerate(prepared.plans):
                results[index] += _document_segments(document, plan, prepared, filters, unit, context, text_of)
    return results


def _segment(document: _Document, evaluation: _Evaluation, plan: _Plan, prepared: _Prepared, text: str, start: int,
             end: int, coder_id: int | None, context: int) -> RetrievedSegment:
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
