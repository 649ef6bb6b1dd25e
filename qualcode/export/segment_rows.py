"""A row of the segments export, and the rows of a folder's project streamed from one sorted sqlite3 query."""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import NamedTuple

from qualcode.domain.codings_csv import SEGMENTS_COLUMNS
from qualcode.domain.turn_time import clock_text
from qualcode.export.report_files import ReportTable
from qualcode.storage.sqlite_reading import (
    count_codings,
    read_coder_names,
    read_document_text,
    read_segment_rows,
    read_timed_documents,
    read_turn_places,
)


class CodedSegment(NamedTuple):
    """A coding with its document, case, coder and code by name, and the text it covers.

    A named tuple in the order of ``SEGMENTS_COLUMNS``: a hundred thousand of them are made in
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
    time: str | None
    """The time of the first turn the coding covers, ``hh:mm:ss``; None when that turn has none."""


def segments_table(segments: Sequence[CodedSegment]) -> ReportTable:
    """The codings CSV: ``SEGMENTS_COLUMNS``."""
    return ReportTable("segments", "", SEGMENTS_COLUMNS, segments, plain_cells=True)


class StreamedSegments(Sequence[CodedSegment]):
    """The coded segments of a folder's project in export order (``segments_csv.coded_segments``), read with
    sqlite3 as they are written.

    One sorted query gives the codings; a document's text and turns are read when its first coding
    comes and let go after its last, so a hundred thousand quotes are never in memory together.
    Slices read in order walk the query once (as the writers read them); reading back starts it again.
    """

    def __init__(self, connection: sqlite3.Connection, coders: Sequence[str] | None = None) -> None:
        self._connection = connection
        self._coder_ids = list(read_coder_names(connection, coders))
        self._length = count_codings(connection, self._coder_ids)
        self._walk: Iterator[CodedSegment] | None = None
        self._position = 0

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._length)
            if step != 1:
                return [self[number] for number in range(start, stop, step)]
            return self._read(start, stop) if start < stop else []
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("segment index out of range")
        return self._read(index, index + 1)[0]

    def _read(self, start: int, stop: int) -> list[CodedSegment]:
        if self._walk is None or start < self._position:
            self._walk, self._position = self._segments(), 0
        if start > self._position:
            next(islice(self._walk, start - self._position - 1, None), None)
        found = list(islice(self._walk, stop - start))
        self._position = stop
        return found

    def _segments(self) -> Iterator[CodedSegment]:
        made = tuple.__new__  # what CodedSegment(...) calls, without its keyword handling
        current, text, ends, starts, clocks = None, "", [], [], []
        timed_documents = read_timed_documents(self._connection)
        for document_id, name, case, coder, code, start, end, memo, created, updated in read_segment_rows(
                self._connection, self._coder_ids):
            if document_id != current:
                current, text = document_id, read_document_text(self._connection, document_id)
                turns = read_turn_places(self._connection, document_id) if document_id in timed_documents else []
                ends = [turn_end for _, turn_end, _ in turns]
                starts = [turn_start for turn_start, _, _ in turns]
                clocks = [clock_text(time) if time is not None else None for _, _, time in turns]
            time = None
            if ends:
                turn = bisect_right(ends, start)  # the first turn ending after the start: the label before it counts
                if turn < len(ends) and starts[turn] < end:
                    time = clocks[turn]
            yield made(CodedSegment, (name, case, coder, code, start, end, text[start:end], memo, created, updated, time))
