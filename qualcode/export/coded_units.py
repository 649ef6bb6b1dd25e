"""Codings as ranges of units and words: the shared input of frequencies and co-occurrence.

Everything is read in a handful of queries (codings, documents, segments, cases), each
document's text once. A coding *touches* a unit (turn, paragraph or sentence) or a word
when it covers at least one character of it; a coding that covers only a speaker label or
a header touches no unit. Words are counted as ``storage.documents.count_words`` counts them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from sqlalchemy import select

from qualcode.domain.language import _
from qualcode.domain.models import Codebook, Unit
from qualcode.domain.sentences import sentence_spans
from qualcode.storage.cases import list_cases
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CaseRow, CoderRow, CodingRow, DocumentRow, SegmentRow

UNITS: tuple[Unit, ...] = ("turn", "paragraph", "sentence")
WORD = re.compile(r"(\w+(?:[-'’]\w+)*)")
"""A word, exactly as ``storage.documents.count_words`` finds them (a test keeps the two equal).

Captured, so that ``WORD.split`` alternates gaps and words: their lengths give every word's
position without a match object per word.
"""

AttributeValue = str | int | float | bool | None


@dataclass(frozen=True)
class ReportDocument:
    id: int
    name: str
    case: str | None
    attributes: dict[str, AttributeValue]
    """The attributes of the document's case (empty without a case)."""


@dataclass(frozen=True, eq=False)
class CodingArrays:
    """The codings as parallel int64 arrays, sorted by document, coder, code, start and end.

    ``first_unit:stop_unit`` and ``first_word:stop_word`` are the half-open index ranges of
    the units and words of its document that each coding touches (empty when it touches none).
    """

    document_id: np.ndarray
    coder_id: np.ndarray
    code_id: np.ndarray
    start: np.ndarray
    end: np.ndarray
    first_unit: np.ndarray
    stop_unit: np.ndarray
    first_word: np.ndarray
    stop_word: np.ndarray

    def __len__(self) -> int:
        return len(self.start)


@dataclass(frozen=True, eq=False)
class CodedUnits:
    """The codings of the chosen coders placed on units and words."""

    unit: Unit
    codebook: Codebook
    documents: dict[int, ReportDocument]
    """Every document of the project, in name order."""
    coders: dict[int, str]
    codings: CodingArrays
    attribute_names: tuple[str, ...]
    """Every case attribute in the project, sorted."""


def check_unit(unit: str) -> Unit:
    if unit not in UNITS:
        raise ProjectError(_("the unit must be turn, paragraph or sentence, not {unit!r}").format(unit=unit))
    return unit  # type: ignore[return-value]


def chosen_coders(store: ProjectStore, names: Sequence[str] | None) -> dict[int, str]:
    """Coder ids and names: the named ones (NotFoundError for an unknown name), or all coders."""
    with store.session() as session:
        known = {name: coder_id for coder_id, name in session.execute(select(CoderRow.id, CoderRow.name))}
    if not names:
        return {coder_id: name for name, coder_id in sorted(known.items())}
    for name in names:
        if name not in known:
            raise NotFoundError(_("no coder named {name!r} (coders: {known})").format(name=name, known=', '.join(sorted(known)) or _("none yet")))
    return {known[name]: name for name in dict.fromkeys(names)}


def load_coded_units(store: ProjectStore, unit: str = "turn", coders: Sequence[str] | None = None) -> CodedUnits:
    """Read the codings of ``coders`` (default: all) and place each on units and words."""
    unit = check_unit(unit)
    coder_names = chosen_coders(store, coders)
    cases = list_cases(store)
    attributes = {case.id: case.attributes for case in cases}
    with store.session() as session:
        connection = session.connection()
        rows = connection.execute(
            select(CodingRow.document_id, CodingRow.coder_id, CodingRow.code_id, CodingRow.start, CodingRow.end)
            .where(CodingRow.coder_id.in_(list(coder_names)))
        ).all()
        documents = {
            doc_id: ReportDocument(id=doc_id, name=name, case=label, attributes=attributes.get(case_id, {}))
            for doc_id, name, case_id, label in connection.execute(
                select(DocumentRow.id, DocumentRow.name, DocumentRow.case_id, CaseRow.label)
                .join(CaseRow, CaseRow.id == DocumentRow.case_id, isouter=True)
                .order_by(DocumentRow.name)
            )
        }
        columns = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=5 * len(rows)).reshape(-1, 5).T
        order = np.lexsort(columns[::-1])
        document_id, coder_id, code_id, start, end = (column[order] for column in columns)
        coded = np.unique(document_id).tolist()
        texts = dict(connection.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(coded))).all())
        segments = connection.execute(
            select(SegmentRow.document_id, SegmentRow.start, SegmentRow.end)
            .where(SegmentRow.kind == ("turn" if unit == "turn" else "paragraph"), SegmentRow.document_id.in_(coded))
            .order_by(SegmentRow.document_id, SegmentRow.idx)
        ).all()
    spans: dict[int, list[tuple[int, int]]] = {doc_id: [] for doc_id in coded}
    for doc_id, span_start, span_end in segments:
        spans[doc_id].append((span_start, span_end))
    if unit == "sentence":
        spans = {doc_id: [sentence for span in paragraphs for sentence in sentence_spans(texts[doc_id], *span)]
                 for doc_id, paragraphs in spans.items()}
    ranges = np.zeros((4, len(start)), dtype=np.int64)
    bounds = np.searchsorted(document_id, coded + [np.iinfo(np.int64).max])
    for doc_id, low, high in zip(coded, bounds[:-1], bounds[1:]):
        units = np.array(spans[doc_id], dtype=np.int64).reshape(-1, 2)
        parts = WORD.split(texts[doc_id])
        edges = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
        word_starts, word_ends = edges[0:-1:2], edges[1::2]
        for row, (boundaries, side, values) in enumerate((
            (units[:, 1], "right", start), (units[:, 0], "left", end),
            (word_ends, "right", start), (word_starts, "left", end),
        )):
            ranges[row, low:high] = np.searchsorted(boundaries, values[low:high], side)
    return CodedUnits(
        unit=unit, codebook=load_codebook(store), documents=documents, coders=coder_names,
        codings=CodingArrays(document_id, coder_id, code_id, start, end, *ranges),
        attribute_names=tuple(sorted({name for case in cases for name in case.attributes})),
    )


def covered_per_group(first: np.ndarray, stop: np.ndarray, group_starts: np.ndarray) -> np.ndarray:
    """How many indices each group's half-open ranges cover together.

    Groups are consecutive runs starting at ``group_starts``; inside a group the ranges are
    sorted by ``first``. A range adds what lies beyond the furthest stop of the ranges before
    it in its group; offsetting each group above the one before lets one running maximum serve all.
    """
    if len(first) == 0:
        return np.zeros(0, dtype=np.int64)
    sizes = np.diff(np.append(group_starts, len(first)))
    offset = np.repeat(np.arange(len(group_starts), dtype=np.int64) * (int(stop.max()) + 1), sizes)
    reached = np.maximum.accumulate(stop + offset) - offset
    before = np.empty_like(reached)
    before[0] = 0
    before[1:] = reached[:-1]
    before[group_starts] = 0
    return np.add.reduceat(np.maximum(stop - np.maximum(first, before), 0), group_starts)
