"""Speaker lines: a line that holds only a speaker and a time, the words on the lines below it.

Amberscript writes ``Spreker 1 [00:00:01]``, Otter ``Speaker 1  0:01``, Word's transcribe
``00:00:01 Spreker 1``; the time may be bare, in brackets or parentheses, and a dash may stand
between time and name. A speaker line needs a time, except when the researcher names this layout
(``--layout speaker-lines``): then a line that is only a role label (``Interviewer``, ``Spreker 2``)
or a name that starts at least two such lines counts too. As in labelled text, a plain name must
start two speaker lines and never begins with a word that opens Dutch sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from qualcode.importers.speaker_turns import LABEL, LineReading, is_sentence_opener
from qualcode.importers.turn_times import ANY_TIME, seconds

# Where the time stands on a speaker line; it names the tool that writes it so.
TimePlace = Literal["before", "bracketed after", "after", "none"]

_BOLD = r"(?:\*\*|__)"
_SPEAKER_LINE = re.compile(
    rf"\s*(?:(?P<before>{ANY_TIME})\s+(?:[-–]\s+)?)?{_BOLD}?{LABEL}{_BOLD}?"
    rf"(?:\s+(?:[-–]\s+)?(?P<after>{ANY_TIME}))?\s*:?{_BOLD}?\s*"
)


def speaker_line_readings(lines: Sequence[str], *, timeless: bool = False) -> list[LineReading | None]:
    """A new turn for each speaker line among ``lines``, None for the others."""
    return [reading for reading, _ in _readings(lines, timeless)]


def is_speaker_line(line: str) -> bool:
    """Whether ``line`` has a speaker line's shape: a label with a time, or a role label alone (``Interviewer``)."""
    match = _SPEAKER_LINE.fullmatch(line)
    if match is None:
        return False
    return bool(match["before"] or match["after"]) or match["name"] is None


def time_place(lines: Sequence[str]) -> TimePlace:
    """Where most speaker lines among ``lines`` have their time."""
    places = Counter(place for reading, place in _readings(lines, True) if reading is not None)
    return places.most_common(1)[0][0] if places else "none"


def _readings(lines: Sequence[str], timeless: bool) -> list[tuple[LineReading | None, TimePlace]]:
    matches = [_SPEAKER_LINE.fullmatch(line) if line else None for line in lines]
    counts = Counter(match["label"] for match in matches if match is not None)
    readings: list[tuple[LineReading | None, TimePlace]] = []
    for line, match in zip(lines, matches, strict=True):
        if match is None or is_sentence_opener(match):
            readings.append((None, "none"))
            continue
        time = match["before"] or match["after"]
        plain_name = match["name"] is not None
        if (time is None and not timeless) or (plain_name and counts[match["label"]] < 2):
            readings.append((None, "none"))
            continue
        place: TimePlace = "none"
        if match["before"]:
            place = "before"
        elif match["after"]:
            place = "bracketed after" if match["after"][0] in "[(" else "after"
        readings.append((LineReading(match["label"], len(line), len(line), seconds(time) if time else None), place))
    return readings
