"""The segments export: one row per coding, in the codings CSV columns that ``codings import`` reads back.

Through the store, for every project; ``segment_rows.StreamedSegments`` reads a folder's project with sqlite3 alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

import numpy as np
from sqlalchemy import String, func, select, type_coerce

from qualcode.domain.turn_time import clock_text
from qualcode.export.coded_units import chosen_coders
from qualcode.export.segment_rows import CodedSegment
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CaseRow, CodeRow, CodingRow, DocumentRow, SegmentRow


def coded_segments(store: ProjectStore, *, coders: Sequence[str] | None = None) -> CodedSegments:
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
        turn_times = _turn_times(connection, coded)
    # Sorting integer ranks in numpy is several times faster than an ORDER BY on the joined names.
    ranks = [_ranks(sorted(documents, key=lambda doc_id: documents[doc_id][0])),
             _ranks(sorted(coder_names, key=coder_names.__getitem__)), _ranks(list(codes))]
    column = [np.fromiter(map(itemgetter(index), rows), dtype=np.int64, count=len(rows)) for index in range(5)]
    order = np.lexsort((ranks[2][column[2]], ranks[1][column[1]], column[4], column[3], ranks[0][column[0]]))
    times = _turn_time_of_rows(column[0], column[3], column[4], turn_times)
    return CodedSegments(rows, order.tolist(), times, documents, coder_names, codes)


class CodedSegments(Sequence[CodedSegment]):
    """The coded segments in export order, each made when it is read.

    A writer reads them a slice at a time, so the quotes of a hundred thousand codings (their text,
    the largest part) are never in memory together; reading them twice gives equal segments.
    """

    def __init__(self, rows: Sequence[tuple], ordered: list[int], times: list[str | None],
                 documents: dict[int, tuple[str, str | None, str]], coder_names: dict[int, str],
                 codes: dict[int, str]) -> None:
        self._rows, self._ordered, self._times = rows, ordered, times
        self._documents, self._coder_names, self._codes = documents, coder_names, codes

    def __len__(self) -> int:
        return len(self._ordered)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._segment(row) for row in self._ordered[index]]
        return self._segment(self._ordered[index])

    def _segment(self, row: int) -> CodedSegment:
        doc_id, coder_id, code_id, start, end, memo, created, updated = self._rows[row]
        name, case, text = self._documents[doc_id]
        return CodedSegment(name, case, self._coder_names[coder_id], self._codes[code_id], start, end,
                            text[start:end], memo, created, updated, self._times[row])


def _turn_times(connection, document_ids: list[int]) -> dict[int, tuple[list[int], list[int], list[str | None]]]:
    """Per document with timed turns: the turns' ends, starts and times as ``hh:mm:ss``."""
    timed: dict[int, tuple[list[int], list[int], list[str | None]]] = {}
    for doc_id, start, end, time in connection.execute(
        select(SegmentRow.document_id, SegmentRow.start, SegmentRow.end, SegmentRow.start_time)
        .where(SegmentRow.kind == "turn", SegmentRow.document_id.in_(document_ids))
        .order_by(SegmentRow.document_id, SegmentRow.idx)
    ):
        ends, starts, times = timed.setdefault(doc_id, ([], [], []))
        ends.append(end)
        starts.append(start)
        times.append(clock_text(time) if time is not None else None)
    return {doc_id: turns for doc_id, turns in timed.items() if any(turns[2])}


def _turn_time_of_rows(documents: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                       turn_times: dict[int, tuple[list[int], list[int], list[str | None]]]) -> list[str | None]:
    """Per coding (``starts``/``ends`` in ``documents``): the time of the first turn it covers (a coding may
    start on the label before it), or None."""
    times = np.full(len(documents), None, dtype=object)
    for doc_id, (turn_ends, turn_starts, clocks) in turn_times.items():
        rows = np.flatnonzero(documents == doc_id)
        index = np.searchsorted(np.asarray(turn_ends), starts[rows], side="right")
        inside = index < len(turn_ends)
        index = np.minimum(index, len(turn_ends) - 1)
        covered = inside & (np.asarray(turn_starts)[index] < ends[rows])
        times[rows[covered]] = np.asarray(clocks, dtype=object)[index[covered]]
    return times.tolist()


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
