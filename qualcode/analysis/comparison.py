"""Case comparison: crosstabs of codes × attribute values, cases or documents, and the framework matrix.

Rows are queries: a code id (the default: every code in codebook order), a group, a glob or a
saved query (``@name``). A cell holds the very segments ``retrieve`` finds for its row in its
column, so choosing a cell shows exactly what it counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from qualcode.analysis.retrieval import retrieve_each
from qualcode.domain.language import _
from qualcode.domain.retrieval import RetrievalFilters, RetrievedSegment
from qualcode.storage.errors import ProjectError
from qualcode.storage.framework_summaries import framework_summaries
from qualcode.storage.project_store import ProjectStore

ColumnKind = Literal["attribute", "case", "document"]
NO_VALUE = "(none)"
"""The column of documents without a case, or whose case lacks the attribute."""


@dataclass(frozen=True)
class CrosstabRow:
    """A row: what it shows (a code's name, or the query) and the query that finds its segments."""

    query: str
    label: str
    group: str
    """The code group's name, or ``queries`` for a row that is not one code."""


@dataclass(frozen=True)
class CrosstabCell:
    segments: tuple[RetrievedSegment, ...]
    cases: int
    """Cases in the column with at least one segment in the cell."""
    share_of_cases: float | None
    """``cases`` over the cases in the column; None when the column has no case."""


@dataclass(frozen=True)
class Crosstab:
    kind: ColumnKind
    attribute: str | None
    rows: tuple[CrosstabRow, ...]
    columns: tuple[str, ...]
    column_cases: tuple[int, ...]
    """How many cases each column holds."""
    cells: dict[tuple[int, int], CrosstabCell]
    """(row index, column index) -> cell; every pair is present."""

    def cell(self, row: int, column: int) -> CrosstabCell:
        return self.cells[(row, column)]


def code_rows(store: ProjectStore, queries: Sequence[str] | None = None) -> tuple[CrosstabRow, ...]:
    """Rows for ``queries`` (code ids, groups, globs, @saved queries), or one per code in codebook order."""
    from qualcode.storage.codebook_store import load_codebook

    codebook = load_codebook(store)
    groups = {group.id: group.name for group in codebook.groups}
    order = {group.id: index for index, group in enumerate(codebook.groups)}
    codes = sorted(codebook.codes, key=lambda code: order.get(code.group_id, 0))
    if queries is None:
        return tuple(CrosstabRow(code.key, code.name, groups[code.group_id]) for code in codes)
    by_key = {code.key: code for code in codes}
    rows = []
    for query in queries:
        code = by_key.get(query)
        rows.append(CrosstabRow(query, code.name, groups[code.group_id]) if code else CrosstabRow(query, query, "queries"))
    return tuple(rows)


def _columns(store: ProjectStore, kind: ColumnKind, attribute: str | None, filters: RetrievalFilters):
    """Column labels, each document's column, and the cases of each column."""
    with store.session() as session:
        connection = session.connection()
        documents = connection.exec_driver_sql(
            "SELECT documents.name, cases.label, documents.case_id FROM documents "
            "LEFT JOIN cases ON cases.id = documents.case_id ORDER BY documents.name").all()
        values = dict(connection.exec_driver_sql(
            "SELECT case_id, value FROM case_attributes WHERE name = ?", (attribute,)).all()) if attribute else {}
        known_attributes = {row[0] for row in connection.exec_driver_sql("SELECT DISTINCT name FROM case_attributes")}
        all_cases = dict(connection.exec_driver_sql("SELECT id, label FROM cases").all())
    if filters.documents is not None:
        documents = [row for row in documents if row[0] in filters.documents]
    if kind == "attribute":
        if attribute not in known_attributes:
            known = ", ".join(sorted(known_attributes)) or "none yet"
            raise ProjectError(_("no case attribute {attribute!r} (attributes: {known})").format(attribute=attribute, known=known))
        column_of = {name: values.get(case_id) or NO_VALUE for name, _, case_id in documents}
        cases_of: dict[str, set[str]] = {}
        for case_id, label in all_cases.items():
            cases_of.setdefault(values.get(case_id) or NO_VALUE, set()).add(label)
        for name, label, _case_id in documents:
            cases_of.setdefault(column_of[name], set()).update([label] if label else [])
        columns = sorted(set(column_of.values()) | set(cases_of), key=lambda value: (value == NO_VALUE, value))
    elif kind == "case":
        column_of = {name: label or NO_VALUE for name, label, _ in documents}
        columns = sorted(set(column_of.values()) | set(all_cases.values()), key=lambda v: (v == NO_VALUE, v))
        cases_of = {label: {label} for label in columns if label != NO_VALUE}
    elif kind == "document":
        column_of = {name: name for name, _, _ in documents}
        columns = [name for name, _, _ in documents]
        cases_of = {name: {label} if label else set() for name, label, _ in documents}
    else:
        raise ProjectError(_("unknown crosstab columns {kind!r}: choose attribute, case or document").format(kind=kind))
    return columns, column_of, cases_of


def crosstab(store: ProjectStore, *, kind: ColumnKind = "attribute", attribute: str | None = None,
             rows: Sequence[str] | None = None, filters: RetrievalFilters = RetrievalFilters(),
             unit: str | None = None) -> Crosstab:
    """Codes (or queries) × attribute values, cases or documents: each cell's segments and share of cases."""
    columns, column_of, cases_of = _columns(store, kind, attribute, filters)
    column_index = {label: index for index, label in enumerate(columns)}
    table_rows = code_rows(store, rows)
    cells: dict[tuple[int, int], CrosstabCell] = {}
    results = retrieve_each(store, [row.query for row in table_rows], filters=filters, unit=unit)
    for row_index, segments in enumerate(results):
        found: list[list[RetrievedSegment]] = [[] for _ in columns]
        for segment in segments:
            found[column_index[column_of[segment.document]]].append(segment)
        for index, label in enumerate(columns):
            in_column = cases_of.get(label, set())
            cases = len({segment.case for segment in found[index] if segment.case in in_column})
            cells[(row_index, index)] = CrosstabCell(tuple(found[index]), cases,
                                                     cases / len(in_column) if in_column else None)
    return Crosstab(kind, attribute, table_rows, tuple(columns),
                    tuple(len(cases_of.get(label, ())) for label in columns), cells)


@dataclass(frozen=True)
class FrameworkCell:
    segments: tuple[RetrievedSegment, ...]
    summary: str
    code_id: int
    case_id: int


@dataclass(frozen=True)
class FrameworkMatrix:
    """Codes × cases (NVivo's framework matrix, MAXQDA's summary grid), grouped as the codebook is."""

    groups: tuple[tuple[str, tuple[int, ...]], ...]
    """(group name, indexes into ``codes``) in codebook order."""
    codes: tuple[tuple[int, str, str], ...]
    """(code id, code key, code name) in codebook order."""
    cases: tuple[tuple[int, str], ...]
    """(case id, label) in label order."""
    cells: dict[tuple[int, int], FrameworkCell]
    """(code index, case index) -> cell; every pair is present."""


def framework_matrix(store: ProjectStore, *, filters: RetrievalFilters = RetrievalFilters(),
                     unit: str | None = None) -> FrameworkMatrix:
    """Every code × every case: the segments of the code in the case's documents, and its summary."""
    from qualcode.storage.cases import list_cases
    from qualcode.storage.codebook_store import load_codebook

    codebook = load_codebook(store)
    order = {group.id: index for index, group in enumerate(codebook.groups)}
    codes = sorted(codebook.codes, key=lambda code: order.get(code.group_id, 0))
    cases = [(case.id, case.label) for case in list_cases(store)]
    case_index = {label: index for index, (_, label) in enumerate(cases)}
    summaries = framework_summaries(store)
    groups = tuple((group.name, tuple(i for i, code in enumerate(codes) if code.group_id == group.id))
                   for group in codebook.groups)
    cells: dict[tuple[int, int], FrameworkCell] = {}
    results = retrieve_each(store, [code.key for code in codes], filters=filters, unit=unit)
    for code_index, (code, segments) in enumerate(zip(codes, results, strict=True)):
        found: list[list[RetrievedSegment]] = [[] for _ in cases]
        for segment in segments:
            if segment.case in case_index:
                found[case_index[segment.case]].append(segment)
        for index, (case_id, _label) in enumerate(cases):
            cells[(code_index, index)] = FrameworkCell(tuple(found[index]), summaries.get((code.id, case_id), ""),
                                                       code.id, case_id)
    return FrameworkMatrix(groups, tuple((code.id, code.key, code.name) for code in codes), tuple(cases), cells)
