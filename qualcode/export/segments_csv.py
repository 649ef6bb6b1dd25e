"""The segments export: one row per coding, in the codings CSV columns that ``codings import`` reads back."""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

import numpy as np
from sqlalchemy import String, func, select, type_coerce

from qualcode.domain.codings_csv import CODINGS_COLUMNS
from qualcode.export.coded_units import chosen_coders
from qualcode.export.report_files import ReportTable
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CaseRow, CodeRow, CodingRow, DocumentRow


class CodedSegment(NamedTuple):
    """A coding with its document, case, coder and code by name, and the text it covers.

    A named tuple in the order of ``CODINGS_COLUMNS``: a hundred thousand of them are made in
    a fraction of the time frozen dataclasses take.
    """

    document: str
    case: str | None
    coder: str
    code: str
    start: int
    end: int
    text: str
    memo: str
    created_at: str | None
    updated_at: str | None
    """Times as ISO 8601 text in UTC (``2026-03-12T14:05:09.123456+00:00``), as the CSV holds them."""


def coded_segments(store: ProjectStore, *, coders: Sequence[str] | None = None) -> list[CodedSegment]:
    """Every coding of ``coders`` (default: all; NotFoundError for an unknown name).

    Ordered by document name, position, coder and codebook order. One query for the codings,
    one for the documents they are in (each text read once), one for the code keys.
    """
    coder_names = chosen_coders(store, coders)
    with store.session() as session:
        connection = session.connection()
        rows = connection.execute(
            select(CodingRow.document_id, CodingRow.coder_id, CodingRow.code_id, CodingRow.start, CodingRow.end,
                   CodingRow.memo, _iso_utc(CodingRow.created_at), _iso_utc(CodingRow.updated_at))
            .where(CodingRow.coder_id.in_(list(coder_names)))
        ).all()
        coded = sorted({row[0] for row in rows})
        documents = {
            doc_id: (name, case, text) for doc_id, name, case, text in connection.execute(
                select(DocumentRow.id, DocumentRow.name, CaseRow.label, DocumentRow.text)
                .join(CaseRow, CaseRow.id == DocumentRow.case_id, isouter=True)
                .where(DocumentRow.id.in_(coded))
            )
        }
        codes = dict(connection.execute(select(CodeRow.id, CodeRow.key).order_by(CodeRow.position, CodeRow.id)).all())
    # Sorting integer ranks in numpy is several times faster than an ORDER BY on the joined names.
    ranks = [_ranks(sorted(documents, key=lambda doc_id: documents[doc_id][0])),
             _ranks(sorted(coder_names, key=coder_names.__getitem__)), _ranks(list(codes))]
    column = [np.fromiter(map(itemgetter(index), rows), dtype=np.int64, count=len(rows)) for index in range(5)]
    order = np.lexsort((ranks[2][column[2]], ranks[1][column[1]], column[4], column[3], ranks[0][column[0]]))
    return [
        CodedSegment(*documents[doc_id][:2], coder_names[coder_id], codes[code_id], start, end,
                     documents[doc_id][2][start:end], memo, created, updated)
        for doc_id, coder_id, code_id, start, end, memo, created, updated in map(rows.__getitem__, order.tolist())
    ]


def _ranks(ids: list[int]) -> np.ndarray:
    """An array that maps each id to its position in ``ids``."""
    ranks = np.zeros(max(ids, default=0) + 1, dtype=np.int64)
    ranks[ids] = np.arange(len(ids))
    return ranks


def _iso_utc(column):
    """A stored time as ISO 8601 text with its offset, edited in SQL.

    The store writes times in UTC without an offset (``2026-03-12 14:05:09.123456``);
    converting 200,000 datetimes in Python would cost more than the rest of the export.
    """
    return func.replace(type_coerce(column, String), " ", "T").concat("+00:00")


def segments_table(segments: Sequence[CodedSegment]) -> ReportTable:
    """The codings CSV: exactly ``CODINGS_COLUMNS``."""
    return ReportTable("segments", "", CODINGS_COLUMNS, segments, plain_cells=True)
