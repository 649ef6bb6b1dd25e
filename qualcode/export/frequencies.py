"""Code frequencies: per document and coder (tidy), per code, and as codes × documents, cases or attribute values.

Definitions (the same in the CLI, the files and the TUI):

- *codings*: how many codings the coder put on the document with the code.
- *units coded*: how many units (turns by default; paragraphs or sentences when asked) the
  code's codings touch, each unit counted once however many codings touch it. A coding
  touches a unit when it covers at least one of its characters.
- *words coded*: how many words the code's codings touch together (a word covered by two
  codings, or only partly covered, counts once).
- A document is *coded* by a coder when the coder has at least one coding in it. The tidy
  table has a row for every code in every (document, coder) pair that is coded, zeros
  included, so a zero means "coded this interview and did not use this code".
- A code *occurs* in a document (or case) when any of the chosen coders used it there.
  Percentages are of the coded documents (or of their cases).
- Codes are counted on their own: a coding with a sub-code does not count for its parent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from qualcode.domain.language import _, ngettext
from qualcode.domain.models import Unit
from qualcode.export.coded_units import AttributeValue, ReportDocument, covered_per_group, load_coded_units
from qualcode.export.report_files import ReportTable
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore

Measure = Literal["codings", "units", "words", "documents", "cases"]
MEASURES: tuple[Measure, ...] = ("codings", "units", "words", "documents", "cases")
Columns = Literal["document", "case", "attribute"]
NO_VALUE = "(no value)"
"""The matrix column of documents without a case, or whose case lacks the attribute."""


@dataclass(frozen=True)
class FrequencyRow:
    """One code in one document for one coder."""

    document: str
    case: str | None
    coder: str
    group: str
    code: str
    codings: int
    units_coded: int
    words_coded: int


@dataclass(frozen=True)
class CodeTotals:
    """One code over all coded documents and chosen coders."""

    group: str
    code: str
    name: str
    codings: int
    units_coded: int
    words_coded: int
    documents: int
    documents_percent: float | None
    cases: int
    cases_percent: float | None


@dataclass(frozen=True)
class FrequencyReport:
    unit: Unit
    coders: tuple[str, ...]
    documents: tuple[ReportDocument, ...]
    """The coded documents, in name order."""
    rows: tuple[FrequencyRow, ...]
    totals: tuple[CodeTotals, ...]
    attribute_names: tuple[str, ...]
    """Every case attribute in the project: what ``frequency_matrix(attribute=...)`` accepts."""


@dataclass(frozen=True)
class MatrixRow:
    group: str
    code: str
    name: str
    values: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class FrequencyMatrix:
    """Codes × documents, cases or values of one case attribute, of one measure."""

    measure: Measure
    by: Columns
    attribute: str | None
    """The case attribute whose values are the columns (``by == "attribute"``), else ``None``."""
    columns: tuple[AttributeValue, ...]
    rows: tuple[MatrixRow, ...]


def code_frequencies(store: ProjectStore, *, unit: str = "turn", coders: Sequence[str] | None = None) -> FrequencyReport:
    """Count every code per coded document and coder; NotFoundError for an unknown coder."""
    data = load_coded_units(store, unit, coders)
    arrays = data.codings
    changes = (np.diff(arrays.document_id) != 0) | (np.diff(arrays.coder_id) != 0) | (np.diff(arrays.code_id) != 0)
    group_starts = np.flatnonzero(np.concatenate(([len(arrays) > 0], changes)))
    counts = dict(zip(
        zip(arrays.document_id[group_starts].tolist(), arrays.coder_id[group_starts].tolist(),
            arrays.code_id[group_starts].tolist()),
        zip(np.diff(np.append(group_starts, len(arrays))).tolist(),
            covered_per_group(arrays.first_unit, arrays.stop_unit, group_starts).tolist(),
            covered_per_group(arrays.first_word, arrays.stop_word, group_starts).tolist()),
    ))
    coded_pairs = {(doc_id, coder_id) for doc_id, coder_id, _ in counts}
    coded_ids = {doc_id for doc_id, _ in coded_pairs}
    documents = tuple(doc for doc in data.documents.values() if doc.id in coded_ids)
    groups = {group.id: group.key for group in data.codebook.groups}
    codes = data.codebook.codes
    rows = [
        FrequencyRow(document=doc.name, case=doc.case, coder=coder_name, group=groups[code.group_id], code=code.key,
                     codings=found[0], units_coded=found[1], words_coded=found[2])
        for doc in documents
        for coder_id, coder_name in sorted(data.coders.items(), key=lambda item: item[1])
        if (doc.id, coder_id) in coded_pairs
        for code in codes
        for found in [counts.get((doc.id, coder_id, code.id), (0, 0, 0))]
    ]
    sums: dict[str, list[int]] = {code.key: [0, 0, 0] for code in codes}
    occurs: dict[str, tuple[set[str], set[str]]] = {code.key: (set(), set()) for code in codes}
    for row in rows:
        if row.codings:
            total = sums[row.code]
            total[0] += row.codings
            total[1] += row.units_coded
            total[2] += row.words_coded
            occurs[row.code][0].add(row.document)
            if row.case:
                occurs[row.code][1].add(row.case)
    coded_cases = {doc.case for doc in documents if doc.case}
    totals = [
        CodeTotals(
            group=groups[code.group_id], code=code.key, name=code.name, codings=sums[code.key][0],
            units_coded=sums[code.key][1], words_coded=sums[code.key][2],
            documents=len(in_documents), documents_percent=_percent(len(in_documents), len(documents)),
            cases=len(in_cases), cases_percent=_percent(len(in_cases), len(coded_cases)),
        )
        for code in codes
        for in_documents, in_cases in [occurs[code.key]]
    ]
    return FrequencyReport(unit=data.unit, coders=tuple(sorted(data.coders.values())), documents=documents,
                           rows=tuple(rows), totals=tuple(totals), attribute_names=data.attribute_names)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def resolve_attribute(report: FrequencyReport, name: str) -> str:
    """The case attribute called ``name`` (ignoring case); NotFoundError listing the attributes there are."""
    if name in report.attribute_names:
        return name
    matches = [known for known in report.attribute_names if known.lower() == name.strip().lower()]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(report.attribute_names) or "none; import a cases CSV first"
    raise NotFoundError(_("no case attribute {name!r} (attributes: {known})").format(name=name, known=known))


@dataclass(frozen=True)
class MissingValues:
    """Of the coded documents a report counts: how many have no case, and how many a case without the attribute."""

    documents: int
    without_case: int
    without_value: int
    """Documents whose case has no value for the attribute (0 when counting by case)."""


def missing_values(report: FrequencyReport, attribute: str | None = None) -> MissingValues:
    """What lands in the ``(no value)`` column of a matrix by case (``attribute`` None) or by that attribute."""
    without_case = sum(1 for doc in report.documents if doc.case is None)
    without_value = 0 if attribute is None else sum(
        1 for doc in report.documents if doc.case is not None and doc.attributes.get(attribute) is None)
    return MissingValues(len(report.documents), without_case, without_value)


def missing_values_text(missing: MissingValues, attribute: str | None = None) -> str | None:
    """A sentence for people on what the ``(no value)`` column holds; None when every document has a value."""
    if not missing.without_case and not missing.without_value:
        return None
    parts = []
    if missing.without_case:
        parts.append(ngettext("{count} of {documents} coded documents has no case",
                              "{count} of {documents} coded documents have no case", missing.without_case).format(
            count=missing.without_case, documents=missing.documents))
    if missing.without_value:
        parts.append(ngettext("{count} has a case without a value for {attribute}",
                              "{count} have a case without a value for {attribute}", missing.without_value).format(
            count=missing.without_value, attribute=attribute))
    return _("{what}: counted under {column}").format(what=_(", ").join(parts), column=NO_VALUE)


def frequency_matrix(
    report: FrequencyReport, *, measure: str = "codings", by: str = "document", attribute: str | None = None,
) -> FrequencyMatrix:
    """Codes × the coded documents, their cases, or the values ``attribute`` takes among those cases.

    ``by`` is ``document`` or ``case``; giving ``attribute`` implies ``by="attribute"``.
    ``measure`` sums codings, units or words over the column's documents and chosen coders,
    or counts the documents or cases in the column in which the code occurs.
    """
    if measure not in MEASURES:
        raise ProjectError(_("the measure must be one of {measures}, not {measure!r}").format(measures=', '.join(MEASURES), measure=measure))
    if attribute is not None:
        by, attribute = "attribute", resolve_attribute(report, attribute)
    elif by not in ("document", "case"):
        raise ProjectError(_("a matrix is by document, by case or by a case attribute, not by {by!r}").format(by=by))
    column_of = {
        doc.name: doc.name if by == "document" else doc.case if by == "case" else doc.attributes.get(attribute)
        for doc in report.documents
    }
    columns = list(column_of.values()) if by == "document" else _sorted_values(set(column_of.values()))
    position = {column: index for index, column in enumerate(columns)}
    found: dict[str, list[set]] = {}
    sums: dict[str, list[int]] = {}
    field = {"codings": "codings", "units": "units_coded", "words": "words_coded"}.get(measure)
    for row in report.rows:
        if not row.codings:
            continue
        index = position[column_of[row.document]]
        if field:
            sums.setdefault(row.code, [0] * (len(columns) + 1))
            sums[row.code][index] += getattr(row, field)
            sums[row.code][-1] += getattr(row, field)
        else:
            item = row.document if measure == "documents" else row.case
            if item is not None:
                sets = found.setdefault(row.code, [set() for _ in range(len(columns) + 1)])
                sets[index].add(item)
                sets[-1].add(item)
    matrix_rows = []
    for totals in report.totals:
        values = sums.get(totals.code) if field else [len(s) for s in found.get(totals.code, [])]
        values = values or [0] * (len(columns) + 1)
        matrix_rows.append(MatrixRow(group=totals.group, code=totals.code, name=totals.name,
                                     values=tuple(values[:-1]), total=values[-1]))
    labels = tuple(NO_VALUE if column is None else column for column in columns)
    return FrequencyMatrix(measure=measure, by=by, attribute=attribute,  # type: ignore[arg-type]
                           columns=labels, rows=tuple(matrix_rows))


def _sorted_values(values: set[AttributeValue]) -> list[AttributeValue]:
    """Numbers in numeric order, then text in natural order (R2 before R10), then the missing value."""
    def key(value: AttributeValue):
        if value is None:
            return (2, 0, [])
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return (0, value, [])
        return (1, 0, [(0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                       for part in re.split(r"(\d+)", str(value)) if part])
    return sorted(values, key=key)


LONG_COLUMNS = ("document", "case", "coder", "group", "code", "codings", "units_coded", "words_coded")
CODES_COLUMNS = ("group", "code", "name", "codings", "units_coded", "words_coded",
                 "documents", "documents_percent", "cases", "cases_percent")


def long_table(report: FrequencyReport) -> ReportTable:
    return ReportTable("frequencies", "long", LONG_COLUMNS, [
        (r.document, r.case, r.coder, r.group, r.code, r.codings, r.units_coded, r.words_coded) for r in report.rows
    ])


def codes_table(report: FrequencyReport) -> ReportTable:
    return ReportTable("frequencies", "codes", CODES_COLUMNS, [
        (t.group, t.code, t.name, t.codings, t.units_coded, t.words_coded, t.documents, t.documents_percent,
         t.cases, t.cases_percent) for t in report.totals
    ])


def matrix_table(matrix: FrequencyMatrix) -> ReportTable:
    if matrix.by == "attribute":
        part = "by-" + re.sub(r"[^\w-]+", "-", str(matrix.attribute)).strip("-")
    else:
        part = "matrix" if matrix.by == "document" else "cases"
    return ReportTable("frequencies", part, ("group", "code", "name", *matrix.columns, "total"), [
        (row.group, row.code, row.name, *row.values, row.total) for row in matrix.rows
    ])


FREQUENCY_TABLES = ("long", "codes", "matrix", "cases", "by")
"""The tables of ``qualcode export frequencies``: per row, per code, and codes × documents, cases or an attribute."""


def frequency_table(report: FrequencyReport, table: str, *, measure: Measure = "codings",
                    attribute: str | None = None) -> ReportTable:
    """One of :data:`FREQUENCY_TABLES`, as the command and the reports screen write it (``by`` needs ``attribute``)."""
    match table:
        case "long":
            return long_table(report)
        case "codes":
            return codes_table(report)
        case "matrix":
            return matrix_table(frequency_matrix(report, measure=measure))
        case "cases":
            return matrix_table(frequency_matrix(report, measure=measure, by="case"))
        case "by":
            return matrix_table(frequency_matrix(report, measure=measure, attribute=attribute))
    raise ValueError(f"no frequency table {table!r}; choose from {', '.join(FREQUENCY_TABLES)}")
