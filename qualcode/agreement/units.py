"""Units of coded text: every character, or a document's turns, paragraphs or sentences.

A coder codes a segment unit with a code when their codings of that code cover at least
``min_overlap`` of the unit's characters (``None``: at least one character). At character
level every character of the document is a unit, as in NVivo's coding comparison.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from qualcode.agreement.character_mask import character_mask

UnitKind = Literal["char", "turn", "paragraph", "sentence"]
UNIT_KINDS: tuple[UnitKind, ...] = ("char", "turn", "paragraph", "sentence")

Span = tuple[int, int]


@dataclass(frozen=True)
class UnitDocument:
    """A document as agreement sees it: its text and its units (``None``: every character)."""

    id: int
    name: str
    text: str
    units: tuple[Span, ...] | None = None

    @property
    def unit_count(self) -> int:
        return len(self.text) if self.units is None else len(self.units)

    def unit_bounds(self) -> np.ndarray:
        """The units as an (n, 2) array of start/end offsets (characters: (i, i + 1))."""
        if self.units is None:
            starts = np.arange(len(self.text), dtype=np.int64)
            return np.stack([starts, starts + 1], axis=1)
        return np.asarray(self.units, dtype=np.int64).reshape(-1, 2)


def parse_min_overlap(text: str) -> float:
    """``0.5`` or ``50%`` as the share of a unit a coder's codings must cover, in (0, 1]."""
    cleaned = text.strip()
    percent = cleaned.endswith("%")
    number = cleaned[:-1].strip() if percent else cleaned
    try:
        value = float(number)
    except ValueError:
        raise ValueError(f"min-overlap must be a share like 0.5 or a percentage like 50%, not {text!r}") from None
    share = value / 100 if percent else value
    if not 0 < share <= 1:
        if not percent and 1 < value <= 100:
            raise ValueError(f"min-overlap {text!r} is above 1: write {value:g}% or {value / 100:g}")
        raise ValueError(
            f"min-overlap must lie above 0 and at most 1 (or 100%), not {text!r}; leave it out for any overlap"
        )
    return share


def coded_units(document: UnitDocument, spans: Sequence[Span], min_overlap: float | None = None) -> np.ndarray:
    """One boolean per unit of ``document``: does the union of ``spans`` code it?

    For character units ``min_overlap`` does not apply (a character is covered or not).
    """
    mask = character_mask(len(document.text), spans)
    if document.units is None:
        return mask
    bounds = document.unit_bounds()
    if len(bounds) == 0:
        return np.zeros(0, dtype=bool)
    covered_before = np.concatenate([[0], np.cumsum(mask, dtype=np.int64)])
    covered = covered_before[bounds[:, 1]] - covered_before[bounds[:, 0]]
    if min_overlap is None:
        return covered > 0
    sizes = bounds[:, 1] - bounds[:, 0]
    # A tolerance so that 0.3 of 10 characters is met by 3 characters despite 0.3 * 10 > 3 in floats.
    return (covered > 0) & (covered >= min_overlap * sizes - 1e-9)
