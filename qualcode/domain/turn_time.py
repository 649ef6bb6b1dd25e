"""A turn's time as every screen and report shows it: ``hh:mm:ss``."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


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

    def of_span(self, start: int, end: int) -> float | None:
        """The time of the first turn ``start:end`` covers (a span may start on the label before it), or None."""
        index = bisect_right(self.ends, start)
        return self.times[index] if index < len(self.ends) and self.starts[index] < end else None
