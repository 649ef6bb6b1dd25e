"""What a suggestion is: a code, a score in [0, 1] and the human-readable reasons behind it (no spaCy here)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Suggestion:
    """One code proposed for a segment."""

    code_key: str
    score: float
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        """All reasons on one line."""
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class SegmentSuggestions:
    """The ranked suggestions for one segment of a document (offsets into the stored text)."""

    start: int
    end: int
    suggestions: tuple[Suggestion, ...]
