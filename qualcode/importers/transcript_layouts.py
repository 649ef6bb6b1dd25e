"""Which layout a transcript's text has, recognised from the lines themselves, not the file's suffix.

Three ways for a line to start a turn, each tried on every line: a table row whose columns are a
time, a speaker and the words (``table_rows``); a label before the words on the same line, as
typed by hand or written by noScribe and f4 (``speaker_turns``); a line with only a speaker and a
time, the words below it, as Amberscript, Otter and Word write (``speaker_lines``). A line is
read by the first that recognises it, in that order. The layout reported is the way that started
most turns. Naming a layout (``--layout``) uses that way alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.domain.transcript import ParsedTurn
from qualcode.importers.layout_names import LAYOUTS
from qualcode.importers.speaker_lines import speaker_line_readings, time_place
from qualcode.importers.speaker_turns import LineReading, find_turns, label_readings
from qualcode.importers.table_rows import Columns, table_readings
from qualcode.importers.turn_times import end_marker

_SPEAKER_LINE_STYLES = {
    "before": "Word-style: time and speaker line, then text",
    "bracketed after": "Amberscript-style: speaker line, then text",
    "after": "Otter-style: speaker line, then text",
    "none": "speaker line, then text",
}


@dataclass(frozen=True)
class LaidOut:
    """The turns of a text and the layout they were found in, described for a person."""

    turns: tuple[ParsedTurn, ...]
    layout: str


def lay_out(lines: Sequence[str], first_line: int, layout: str | None = None) -> LaidOut:
    """Turns of ``lines`` from ``first_line`` on, in ``layout`` (one of ``LAYOUTS``) or the recognised one."""
    body = lines[first_line:]
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; the layouts are: {', '.join(LAYOUTS)}")
    ways: dict[str, list[LineReading | None]] = {}
    table_columns: Columns | None = None
    if layout in (None, "table"):
        ways["table"], table_columns = table_readings(body)
    if layout in (None, "labels"):
        ways["labels"] = label_readings(body)
    if layout in (None, "speaker-lines"):
        ways["speaker-lines"] = speaker_line_readings(body, timeless=layout == "speaker-lines")
    readings: list[LineReading | None] = []
    starts: Counter[str] = Counter()
    for index in range(len(body)):
        way, reading = next(
            ((way, found[index]) for way, found in ways.items() if found[index] is not None), ("", None)
        )
        readings.append(reading)
        if reading is not None and reading.speaker is not None:
            starts[way] += 1
    turns = find_turns(lines, readings, first_line)
    return LaidOut(turns, _describe(starts, body, table_columns))


def _describe(starts: Counter[str], body: Sequence[str], columns: Columns | None) -> str:
    if not starts:
        return "no speaker labels: one turn"
    way = starts.most_common(1)[0][0]
    if way == "table":
        return f"table rows: {columns.describe()}" if columns else "table rows"
    if way == "speaker-lines":
        return _SPEAKER_LINE_STYLES[time_place(body)]
    if any(end_marker(line, 0, len(line)) is not None for line in body):
        return "f4-style: speaker label, text, time at the end"
    return "labelled lines: speaker label, then text"
