"""Times as transcription tools write them: ``[00:12:31]``, ``(12:31)``, ``0:01``, ``00:00:01.250``, ``#00:00:09-2#``.

A bare or bracketed clock is ``m:ss``, ``mm:ss`` or ``h:mm:ss`` with optional milliseconds
(``.250`` or ``,250``). f4/f5transkript writes ``#hh:mm:ss-d#`` at the end of a paragraph, ``d``
being tenths of a second.
"""

from __future__ import annotations

import re

CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
HOURS_CLOCK = r"\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?"
BRACKETED_CLOCK = rf"\[{CLOCK}\]|\({CLOCK}\)"
F4_TIME = r"#\d{1,2}:\d{2}:\d{2}(?:-\d{1,3})?#"
ANY_TIME = rf"{BRACKETED_CLOCK}|{F4_TIME}|{CLOCK}"

# A cell of a table's time column: a time, or a span ``00:00:01 - 00:00:08`` whose start counts.
_TIME_CELL = re.compile(rf"\s*(?P<start>{ANY_TIME})(?:\s*(?:-|–|-->)\s*(?:{ANY_TIME}))?\s*")
_END_MARKER = re.compile(rf"\s*(?P<time>{F4_TIME})$")


def seconds(time: str) -> float:
    """``[01:02:03.5]`` → 3723.5; ``(12:31)`` is minutes and seconds; ``#00:00:09-2#`` → 9.2."""
    clock, _, tenths = time.strip().strip("[]()#").partition("-")
    total = 0.0
    for part in clock.replace(",", ".").split(":"):
        total = total * 60 + float(part)
    return total + (float(f"0.{tenths}") if tenths else 0.0)


def cell_time(cell: str) -> float | None:
    """The seconds of a table cell that holds only a time or a span of two (its start), else None."""
    match = _TIME_CELL.fullmatch(cell)
    return seconds(match["start"]) if match else None


def end_marker(text: str, start: int, end: int) -> tuple[int, float] | None:
    """An f4 time closing ``text[start:end]``: the end of what precedes it, and its seconds."""
    match = _END_MARKER.search(text, start, end)
    if match is None:
        return None
    return match.start(), seconds(match["time"])
