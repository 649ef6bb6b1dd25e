"""Speaker turns in a labelled transcript: ``I:``, ``Resp.:``, ``Jan de Vries:``, ``SPEAKER 1:``, timestamps.

A line starts a turn when it begins with a speaker label and a colon (or a tab, as in a table
row read as ``speaker<TAB>text``), optionally in markdown bold (``**I:**``) and with a timestamp
(``[00:12:31]``, ``(12:31)``, ``00:12:31``) before or after the label. The turn runs to the next
label; each non-empty line of it is a paragraph. Label and timestamp are outside the spans.

So that a sentence such as ``Kijk: dat zit zo`` does not start a turn, a label that is only a
capitalised name (``Marieke:``, ``Jan de Vries:``) counts when it starts at least two lines, and
never when its first word is a common Dutch sentence opener. Role labels (``I``, ``R2``,
``Interviewer``, ``Resp.``, ``Spreker 2``), single capitals (``A:``) and names with a title
(``Dr. Bakker``, ``mevrouw Jansen``) count at once. A label followed by a tab instead of a colon
also needs two lines that start with it (with a colon or a tab), so that a table's header row
``Spreker<TAB>Tekst`` is not a turn.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.domain.transcript import ParsedTurn
from qualcode.importers.turn_times import BRACKETED_CLOCK, CLOCK, HOURS_CLOCK, end_marker, seconds

DEFAULT_SPEAKER = "SPEAKER"

_TIME = CLOCK
_HOURS_TIME = HOURS_CLOCK
_BRACKETED_TIME = BRACKETED_CLOCK
_BOLD = r"(?:\*\*|__)"
_NUMBER = r"(?:[ _]?\d{1,3})?"

_ROLE = (
    r"(?i:interviewers?|interviewster|onderzoeker|moderator|respondente?|geïnterviewde|geinterviewde"
    r"|deelnemer|participant|spreker|speaker)" + _NUMBER
)
_ABBREVIATION = r"(?i:int|interv|resp)\.?\d{0,3}"
_LETTER = r"[A-Z]\d{0,3}"
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][\w'’-]{0,24}"
_INITIAL = r"[A-Z]\."
_PARTICLE = r"(?:van|von|de|der|den|het|ten|ter|te|op|in|'t|’t|la|le|du|da|di|zu)"
_NAME = rf"(?:{_CAPITALISED}|{_INITIAL})(?: (?:{_CAPITALISED}|{_INITIAL}|{_PARTICLE})){{0,4}}"
_TITLE = r"(?:(?i:dr|drs|prof|mr|mw|mevr|dhr|ir|ing)\.|(?i:mevrouw|meneer|mijnheer))"

# A speaker label; the ``name`` group is set only for a label that is nothing but a capitalised name.
LABEL = (
    rf"(?P<label>(?P<role>{_ROLE})|(?P<abbreviation>{_ABBREVIATION})|(?P<titled>{_TITLE} {_NAME})"
    rf"|(?P<letter>{_LETTER})|(?P<name>{_NAME}))"
)

_LABEL_LINE = re.compile(
    rf"\s*(?:(?P<before>{_BRACKETED_TIME}|{_TIME})\s+(?:[-–]\s+)?)?"
    rf"{_BOLD}?"
    rf"{LABEL}"
    rf"(?: (?P<inside>{_BRACKETED_TIME}))?"
    rf"{_BOLD}?"
    rf"(?: ?:{_BOLD}?(?!//)|(?P<tab>\t))"
    rf"\s*(?:(?P<after>{_BRACKETED_TIME}|{_HOURS_TIME})(?!\S)\s*)?"
)

# Words (casefolded) that open spoken Dutch sentences, not names: "Kijk: ...", "Nou: ...", "Eh: ...".
SENTENCE_OPENERS = frozenset(
    "ach ah bijvoorbeeld conclusie daar daarom dan dat die dit dus eh ehm een eerst en goed hé het hier "
    "hm hmm hoe ik ja je jij kijk kortom let maar mijn namelijk nb nee noot nou of oftewel oh ok oke oké "
    "omdat onze ook opmerking punt stel tja toen u uh uhm vraag want wat we welke wie wij zeg zeker zij "
    "zo".split()
)


@dataclass(frozen=True)
class SpeakerLabel:
    """A recognised label on a line: who speaks, where the content starts, the time if given."""

    speaker: str
    content_start: int
    start_time: float | None


@dataclass(frozen=True)
class LineReading:
    """How a line enters the turns: ``speaker`` starts a new turn (None: the current turn goes on)
    whose words on this line are ``line[start:end]`` (empty when the words follow on later lines)."""

    speaker: str | None
    start: int
    end: int
    start_time: float | None = None


def is_label_line(line: str) -> bool:
    """Whether a line has the shape of a labelled line (before the two-line rule for names)."""
    return _LABEL_LINE.match(line) is not None


def find_labels(lines: Sequence[str], *, repeats: int = 2) -> list[SpeakerLabel | None]:
    """The accepted speaker label of each line, or None; a name must start ``repeats`` of ``lines``."""
    matches = [_LABEL_LINE.match(line) if line else None for line in lines]
    counts = Counter(match["label"] for match in matches if match is not None)
    labels: list[SpeakerLabel | None] = []
    for match in matches:
        if match is None or (_needs_repeat(match) and counts[match["label"]] < repeats) or is_sentence_opener(match):
            labels.append(None)
            continue
        time = match["before"] or match["inside"] or match["after"]
        labels.append(SpeakerLabel(match["label"], match.end(), seconds(time) if time else None))
    return labels


def label_readings(lines: Sequence[str]) -> list[LineReading | None]:
    """``find_labels`` as line readings: the words run from after the label to the end of the line."""
    return [
        None if label is None else LineReading(label.speaker, label.content_start, len(line), label.start_time)
        for line, label in zip(lines, find_labels(lines), strict=True)
    ]


def find_turns(
    lines: Sequence[str], readings: Sequence[LineReading | None], first_line: int = 0
) -> tuple[ParsedTurn, ...]:
    """Turns of ``"\\n".join(lines)`` from ``first_line`` on; ``readings`` has one entry per line from
    ``first_line`` on, None for a line that is all words; lines carry no trailing whitespace.

    Lines before the first new turn are not part of a turn. When no line starts a turn, every
    non-empty line from ``first_line`` on is one turn by ``DEFAULT_SPEAKER``. An f4 time that
    closes a paragraph (``#00:00:09-2#``) is left out of it and, when the turn has no time at
    its start, becomes the turn's time.
    """
    body = lines[first_line:]
    unlabelled = all(reading is None or reading.speaker is None for reading in readings)
    position = sum(len(line) + 1 for line in lines[:first_line])
    text = "\n".join(lines)
    turns: list[ParsedTurn] = []
    speaker, start_time, end_time = (DEFAULT_SPEAKER, None, None) if unlabelled else (None, None, None)
    paragraphs: list[tuple[int, int]] = []
    for line, reading in zip(body, readings, strict=True):
        if reading is None:
            indent = len(line) - len(line.lstrip())
            reading = LineReading(None, indent, len(line))
        if reading.speaker is not None:
            if speaker is not None and paragraphs:
                turns.append(_turn(speaker, paragraphs, start_time if start_time is not None else end_time))
            speaker, start_time, end_time, paragraphs = reading.speaker, reading.start_time, None, []
        if speaker is not None and reading.start < reading.end:
            start, end = position + reading.start, position + reading.end
            marker = end_marker(text, start, end)
            if marker is not None:
                end, end_time = marker
            if start < end:
                paragraphs.append((start, end))
        position += len(line) + 1
    if speaker is not None and paragraphs:
        turns.append(_turn(speaker, paragraphs, start_time if start_time is not None else end_time))
    return tuple(turns)


def _turn(speaker: str, paragraphs: list[tuple[int, int]], start_time: float | None) -> ParsedTurn:
    return ParsedTurn(speaker, paragraphs[0][0], paragraphs[-1][1], tuple(paragraphs), start_time)


def _needs_repeat(match: re.Match[str]) -> bool:
    return match["name"] is not None or match["tab"] is not None


def is_sentence_opener(match: re.Match[str]) -> bool:
    """Whether a label that is only a name starts with a word that opens Dutch sentences (``Kijk``)."""
    return match["name"] is not None and match["name"].split(" ", 1)[0].casefold() in SENTENCE_OPENERS
