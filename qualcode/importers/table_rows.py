"""Table rows (cells joined by tabs) whose columns are a time, a speaker and the words, in any order.

A table is a run of consecutive lines with tabs; its rows of three or more cells are read when
one column holds times (or spans ``00:00:01 - 00:00:08``, whose start counts) in at least two
rows and half of them, and another holds speaker labels (short cells that look like a label, as
in labelled text) in at least half of them; so a one-row table of metadata (``Datum | 12-03-2026
| 10:00``) is not read as a turn. The words are the column with the longest cells. Rows before
the first time are a header row and belong to no turn; a row with a speaker starts a turn, a row
without one continues the turn above. The other columns stay in the stored text but outside the
turns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.importers.speaker_turns import LABEL, LineReading
from qualcode.importers.turn_times import cell_time

_MIN_COLUMNS = 3
_MIN_TIMES = 2  # a table of metadata (``Datum | 12-03-2026 | 10:00``) is no transcript
_MAX_SPEAKER = 40
_SPEAKER_CELL = re.compile(rf"\s*(?:\*\*|__)?{LABEL}(?:\*\*|__)?:?\s*")


@dataclass(frozen=True)
class Columns:
    """Which cell of a row holds the time, the speaker and the words."""

    time: int
    speaker: int
    words: int

    def describe(self) -> str:
        """``time, speaker, text`` in the table's own column order."""
        names = {self.time: "time", self.speaker: "speaker", self.words: "text"}
        return ", ".join(names[column] for column in sorted(names))


def table_readings(lines: Sequence[str]) -> tuple[list[LineReading | None], Columns | None]:
    """A reading for each line of a recognised table, None elsewhere; the columns of the first table."""
    readings: list[LineReading | None] = [None] * len(lines)
    first: Columns | None = None
    start = 0
    while start < len(lines):
        if "\t" not in lines[start]:
            start += 1
            continue
        end = start
        while end < len(lines) and "\t" in lines[end]:
            end += 1
        columns = _columns([[cell.strip() for cell in line.split("\t")] for line in lines[start:end]])
        if columns is not None:
            first = first or columns
            _read_table(lines, start, end, columns, readings)
        start = end
    return readings, first


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each tab-separated cell, without its surrounding spaces."""
    spans, position = [], 0
    for cell in line.split("\t"):
        stripped = cell.strip()
        offset = position + (cell.find(stripped) if stripped else 0)
        spans.append((offset, offset + len(stripped)))
        position += len(cell) + 1
    return spans


def _columns(rows: list[list[str]]) -> Columns | None:
    wide = [row for row in rows if len(row) >= _MIN_COLUMNS]
    if not wide:
        return None
    count = max(len(row) for row in wide)
    cells = [[row[column] for row in wide if column < len(row) and row[column]] for column in range(count)]
    times = [sum(cell_time(cell) is not None for cell in column) for column in cells]
    time = max(range(count), key=times.__getitem__)
    if times[time] < max(_MIN_TIMES, len(wide) / 2):
        return None
    others = [column for column in range(count) if column != time and cells[column]]
    speaker_shares = {column: _speaker_share(cells[column]) for column in others}
    speakers = [column for column in others if speaker_shares[column] >= 0.5]
    if not speakers:
        return None
    speaker = max(speakers, key=lambda column: (speaker_shares[column], -len(set(cells[column]))))
    rest = [column for column in others if column != speaker]
    if not rest:
        return None
    words = max(rest, key=lambda column: sum(map(len, cells[column])) / len(cells[column]))
    return Columns(time, speaker, words)


def _speaker_share(cells: list[str]) -> float:
    return sum(1 for cell in cells if len(cell) <= _MAX_SPEAKER and _SPEAKER_CELL.fullmatch(cell)) / len(cells)


def _read_table(
    lines: Sequence[str], start: int, end: int, columns: Columns, readings: list[LineReading | None]
) -> None:
    seen_time = False
    for index in range(start, end):
        line = lines[index]
        cells = _cells(line)
        cell = dict(enumerate(line[a:b] for a, b in cells))
        time = cell_time(cell.get(columns.time, "").strip("*_ "))
        if time is not None:
            seen_time = True
        if not seen_time:
            readings[index] = LineReading(None, 0, 0)  # a header row
            continue
        if len(cells) < _MIN_COLUMNS:
            continue  # a merged row: all words
        words_start, words_end = cells[columns.words] if columns.words < len(cells) else (len(line), len(line))
        readings[index] = LineReading(
            _speaker(cell.get(columns.speaker, "")), words_start, words_end, time
        )


def _speaker(cell: str) -> str | None:
    match = _SPEAKER_CELL.fullmatch(cell)
    if match is not None:
        return match["label"]
    return cell.strip("*_: ") or None if len(cell) <= _MAX_SPEAKER else None
