"""A row of the segments export, and the rows of a folder's project streamed document by document with sqlite3."""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import NamedTuple

from qualcode.domain.codings_csv import SEGMENTS_COLUMNS
from qualcode.domain.turn_time import clock_text
from qualcode.export.csv_dialects import GUARDED_FIRST, guard_formula, guarded_cell
from qualcode.export.report_files import ReportTable
from qualcode.storage.sqlite_reading import (
    count_codings,
    read_coder_names,
    read_coded_documents,
    read_coder_and_code_names,
    read_document_codings,
    read_document_text,
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
    """The codings CSV: ``SEGMENTS_COLUMNS`` (rows that ``StreamedSegments`` guarded are written as they are)."""
    guarded = isinstance(segments, StreamedSegments) and segments.guard_formulas
    return ReportTable("segments", "", SEGMENTS_COLUMNS, segments, plain_cells=True, guarded=guarded)


class StreamedSegments(Sequence[CodedSegment]):
    """The coded segments of a folder's project in export order (``segments_csv.coded_segments``), read with
    sqlite3 as they are written.

    The documents are read in order, each with its text, turns and codings, and let go after its last
    segment is read, so a hundred thousand quotes are never in memory together. Slices read in order
    walk the documents once (as the writers read them); reading back starts again.

    With ``guard_formulas`` every text that starts like a formula carries the CSV's formula guard, as the
    writer would give it: here a document's name and case are looked at once, the coders' and codes'
    names once, and of each coding only the texts that vary (quote, memo, times), where the writer
    would look at every cell of every row.
    """

    def __init__(self, connection: sqlite3.Connection, coders: Sequence[str] | None = None, *,
                 guard_formulas: bool = False) -> None:
        self.guard_formulas = guard_formulas
        self._connection = connection
        self._coder_ids = list(read_coder_names(connection, coders))
        self._length = count_codings(connection, self._coder_ids)
        self._walk: Iterator[list[CodedSegment]] | None = None
        self._position = 0
        self._waiting: list[CodedSegment] = []
        """The segments of the document being read that are not read yet."""

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
            self._walk, self._position, self._waiting = self._documents(), 0, []
        found: list[CodedSegment] = []
        while self._position < stop:
            if not self._waiting:
                self._waiting = next(self._walk)
            taken = min(stop - self._position, len(self._waiting))
            found.extend(self._waiting[max(0, start - self._position):taken])
            del self._waiting[:taken]
            self._position += taken
        return found

    def _documents(self) -> Iterator[list[CodedSegment]]:
        """Each coded document's segments, in order."""
        timed_documents = read_timed_documents(self._connection)
        # The coders' and codes' names that take the guard: most projects have none, and rows need no look-up.
        names = {name: guarded for name in read_coder_and_code_names(self._connection)
                 if (guarded := guarded_cell(name)) is not name}
        for document_id, name, case in read_coded_documents(self._connection, self._coder_ids):
            text = read_document_text(self._connection, document_id)
            rows = read_document_codings(self._connection, document_id, self._coder_ids)
            clock = _no_clock
            if document_id in timed_documents:
                turns = read_turn_places(self._connection, document_id)
                clock = partial(_turn_clock, starts=[turn[0] for turn in turns], ends=[turn[1] for turn in turns],
                                clocks=[clock_text(time) if time is not None else None for _, _, time in turns])
            if self.guard_formulas:
                yield _guarded_segments(rows, guarded_cell(name), guarded_cell(case), text, clock, names)
            else:
                yield [_made(CodedSegment, (name, case, coder, code, start, end, text[start:end], memo, created, updated,
                                            clock(start, end)))
                       for coder, code, start, end, memo, created, updated in rows]


def _guarded_segments(rows: list[tuple], name: str, case: str | None, text: str,
                      clock: Callable[[int, int], str | None], names: dict[str, str]) -> list[CodedSegment]:
    """The segments of one document's codings with the formula guard on every text that needs it (``names``:
    the coders' and codes' names that take it, with it)."""
    found = []
    for coder, code, start, end, memo, created, updated in rows:
        quote = text[start:end]
        if quote[:1] in GUARDED_FIRST:
            quote = guard_formula(quote)
        if memo.__class__ is str and memo[:1] in GUARDED_FIRST:
            memo = guard_formula(memo)
        if created.__class__ is str and created[:1] in GUARDED_FIRST:
            created = guard_formula(created)
        if updated.__class__ is str and updated[:1] in GUARDED_FIRST:
            updated = guard_formula(updated)
        if names:
            coder, code = names.get(coder, coder), names.get(code, code)
        found.append(_made(CodedSegment, (name, case, coder, code, start, end, quote, memo, created, updated,
                                          clock(start, end))))
    return found


def _no_clock(start: int, end: int) -> None:
    return None


_made = tuple.__new__
"""What ``CodedSegment(...)`` calls, without its keyword handling: a hundred thousand are made here."""


def _turn_clock(start: int, end: int, *, starts: list[int], ends: list[int], clocks: list[str | None]) -> str | None:
    """The time of the first turn a coding from ``start`` to ``end`` covers; None when that turn has none."""
    turn = bisect_right(ends, start)  # the first turn ending after the start: the label before it counts
    return clocks[turn] if turn < len(ends) and starts[turn] < end else None
