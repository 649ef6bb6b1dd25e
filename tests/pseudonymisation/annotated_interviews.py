"""The hand-annotated fictional interviews of tests/data/pseudonymisation, and scoring detections against them.

An interview marks every mention inline as ``[[Hans Wolters|p]]`` (p person, l place, o organisation);
reading it gives the plain text and the mentions' offsets into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).parents[1] / "data" / "pseudonymisation"
TYPES = {"p": "person", "l": "place", "o": "organisation"}
_MARK = re.compile(r"\[\[(?P<text>[^|\]]+)\|(?P<type>[plo])\]\]")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    type: str


def read_annotated(path: Path) -> tuple[str, list[Mention]]:
    """The plain text of an annotated interview and its mentions."""
    source = path.read_text(encoding="utf-8")
    pieces, mentions, position, length = [], [], 0, 0
    for match in _MARK.finditer(source):
        pieces.append(source[position:match.start()])
        length += match.start() - position
        mentions.append(Mention(length, length + len(match["text"]), match["text"], TYPES[match["type"]]))
        pieces.append(match["text"])
        length += len(match["text"])
        position = match.end()
    pieces.append(source[position:])
    return "".join(pieces), mentions


SETS = {"development": ("",), "heldout": ("heldout",), "fresh": ("fresh",), "unseen": ("unseen",),
        "unseen2": ("unseen2",), "unseen3": ("unseen3",),
        "unseen4": ("unseen4",), "all": ("", "heldout", "fresh", "unseen", "unseen2", "unseen3", "unseen4")}
"""The annotated sets by name: the first four interviews, the four written after, ``fresh``, ``unseen`` and
``unseen2`` and ``unseen3`` (each written blind and scored once, development data since), and ``unseen4``, written
blind to the detector to measure it (read when its folder exists)."""


def interviews(interview_set: str = "development") -> dict[str, tuple[str, list[Mention]]]:
    """The annotated interviews of a set (see ``SETS``); a missing folder adds none."""
    if interview_set not in SETS:
        raise ValueError(f"unknown interview set {interview_set!r}: choose one of {', '.join(SETS)}")
    found = {}
    for sub in SETS[interview_set]:
        folder = FOLDER / sub if sub else FOLDER
        found.update((f"{sub}-{path.stem}" if sub else path.stem, read_annotated(path))
                     for path in sorted(folder.glob("*.txt")))
    return found


def _identifying(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The capitalised words of a mention: what must be covered for it to be hidden."""
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\w+", text[start:end]) if m.group()[0].isupper()]
    return words or [(start, end)]


def _without_genitive(text: str, start: int, end: int) -> int:
    """Where a word ends without its genitive s (``Mariekes``: replacing ``Marieke`` hides her)."""
    return end - 1 if end - start > 3 and text[end - 1] == "s" else end


@dataclass(frozen=True)
class Score:
    type: str
    mentions: int
    found: int
    detections: int
    correct: int
    hidden: int

    @property
    def recall(self) -> float:
        return self.found / self.mentions if self.mentions else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.detections if self.detections else 1.0


def score(text: str, gold: list[Mention], detections, entity_type: str) -> Score:
    """A mention is found when detections of its type cover each of its capitalised words, and hidden when
    detections of any type do (replaced, though under the wrong kind of pseudonym); a detection is correct
    when it overlaps a mention of its type."""
    mine = [d for d in detections if d.type == entity_type]
    wanted = [m for m in gold if m.type == entity_type]
    correct = sum(any(d.start < m.end and m.start < d.end for m in wanted) for d in mine)
    return Score(entity_type, len(wanted), _covered(text, wanted, mine), len(mine), correct,
                 _covered(text, wanted, detections))


def _covered(text: str, mentions: list[Mention], detections) -> int:
    """How many mentions have each capitalised word inside one of the detections."""
    return sum(all(any(d.start <= s and _without_genitive(text, s, e) <= d.end for d in detections)
                   for s, e in _identifying(text, m.start, m.end))
               for m in mentions)
