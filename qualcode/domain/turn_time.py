"""A turn's time as every screen and report shows it: ``hh:mm:ss``."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from qualcode.domain.language import _


def clock_text(time: float | None) -> str:
    """``hh:mm:ss`` for a time in seconds (fractions dropped), ``""`` for none."""
    if time is None:
        return ""
    whole = int(time)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


@dataclass(frozen=True)
class TurnTimes:
    """A document's turns in text order, to find the time of the turn a span covers."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    times: tuple[float | None, ...]

    @classmethod
    def of(cls, turns: Iterable[tuple[int, int, float | None]]) -> TurnTimes:
        """From (start, end, time in seconds) per turn, in text order."""
        spans = list(turns)
        return cls(tuple(s[0] for s in spans), tuple(s[1] for s in spans), tuple(s[2] for s in spans))

    def turn_at(self, offset: int) -> int | None:
        """The index of the turn ``offset`` is in, or of the first turn after it (a label before a turn), or None."""
        index = bisect_right(self.ends, offset)
        return index if index < len(self.ends) else None

    def of_span(self, start: int, end: int) -> float | None:
        """The time of the first turn ``start:end`` covers (a span may start on the label before it), or None."""
        index = bisect_right(self.ends, start)
        return self.times[index] if index < len(self.ends) and self.starts[index] < end else None


def place_text(turn_index: int | None, time: float | None = None) -> str:
    """Where a span is, as the workbench says it: ``turn 11 · 00:12:31`` (``turn 11`` without a time)."""
    if turn_index is None:
        return ""
    place = _("turn {number}").format(number=turn_index + 1)
    return f"{place} · {clock_text(time)}" if time is not None else place
