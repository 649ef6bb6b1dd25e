"""When to show a suggestion and how often one like it was right, from leave-one-document-out scores.

The input is the top suggestion's score for every respondent segment of the coder's coded
documents, scored with that document left out, and whether the coder applied that code there (on an
uncoded segment it is never right). The threshold is the lowest score at which the suggestions
from there up were right at least ``TARGET_PRECISION`` of the time; below it the suggester says
nothing. Scores above it fall into bins of about equal size, and a suggestion carries its bin's
count: "7 of 10 like this were right".
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from qualcode.domain.language import _

TARGET_PRECISION = 0.5
BINS = 4
MIN_SCORED = 10          # fewer scored segments than this: no calibration, show everything
DEFAULT_THRESHOLD = 0.1  # the suggester's floor when there is no calibration


@dataclass(frozen=True)
class ScoreBin:
    """Top suggestions scored at least ``lower`` (and below the next bin's lower bound), and how many were right."""

    lower: float
    right: int
    shown: int


@dataclass(frozen=True)
class Calibration:
    threshold: float
    bins: tuple[ScoreBin, ...]
    scored: int

    def bin_for(self, score: float) -> ScoreBin | None:
        """The bin a score falls into, or None below the threshold."""
        if score < self.threshold or not self.bins:
            return None
        position = bisect.bisect_right([item.lower for item in self.bins], score) - 1
        return self.bins[max(position, 0)]

    def describe(self, score: float) -> str | None:
        """``7 of 10 like this were right``, for a score at or above the threshold."""
        found = self.bin_for(score)
        if found is None:
            return None
        return _("{right} of {shown} like this were right (leave-one-document-out on your codings)").format(
            right=found.right, shown=found.shown)


def calibrate(scored: Sequence[tuple[float, bool]], *, target: float = TARGET_PRECISION,
              bins: int = BINS) -> Calibration | None:
    """The threshold and score bins from (top score, right) pairs; None when there are too few to tell."""
    if len(scored) < MIN_SCORED:
        return None
    ranked = sorted(scored, key=lambda item: -item[0])
    threshold = ranked[0][0] + 1e-9
    right = 0
    for count, (score, correct) in enumerate(ranked, start=1):
        right += correct
        if right / count >= target:
            threshold = score
    shown = [(score, correct) for score, correct in ranked if score >= threshold][::-1]
    if not shown:
        return Calibration(threshold, (), len(scored))
    size = max(1, -(-len(shown) // bins))
    made = []
    for start in range(0, len(shown), size):
        chunk = shown[start:start + size]
        lower = threshold if not made else chunk[0][0]
        made.append(ScoreBin(lower, sum(correct for _, correct in chunk), len(chunk)))
    return Calibration(threshold, tuple(made), len(scored))
