"""Units of coded text: every character, or a document's turns, paragraphs or sentences.

A coder codes a segment unit with a code when their codings of that code cover at least
``min_overlap`` of the unit's characters (``None``: at least one character). At character
level every character of the document is a unit, as in NVivo's coding comparison.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Literal, NamedTuple

import numpy as np

from qualcode.agreement.character_mask import character_mask, span_union

UnitKind = Literal["char", "turn", "paragraph", "sentence"]
UNIT_KINDS: tuple[UnitKind, ...] = ("char", "turn", "paragraph", "sentence")

Span = tuple[int, int]


class CodedSpan(NamedTuple):
    """One coding as agreement reads it: where, which code, which coder (no memo, no times)."""

    document_id: int
    code_id: int
    coder_id: int
    start: int
    end: int


coding_place = attrgetter("document_id", "code_id", "coder_id", "start", "end")
"""(document id, code id, coder id, start, end) of a ``CodedSpan`` or a ``Coding``."""


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
        """The units as an (n, 2) array of start/end offsets (characters: (i, i + 1)), read-only.

        Made once per document: agreement asks for it per code and coder.
        """
        bounds = self.__dict__.get("_unit_bounds")
        if bounds is None:
            if self.units is None:
                starts = np.arange(len(self.text), dtype=np.int64)
                bounds = np.stack([starts, starts + 1], axis=1)
            else:
                bounds = np.asarray(self.units, dtype=np.int64).reshape(-1, 2)
            bounds.flags.writeable = False
            object.__setattr__(self, "_unit_bounds", bounds)
        return bounds


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
    if document.units is None:
        return character_mask(len(document.text), spans)
    # The agreement table and each code's disagreements ask for the same units: they are kept with
    # the document (which lives as long as one agreement's scope), read-only.
    kept = document.__dict__.setdefault("_coded_units", {})
    key = (tuple(map(tuple, spans)), min_overlap)
    coded = kept.get(key)
    if coded is None:
        coded = kept[key] = _coded_segment_units(document, spans, min_overlap)
        coded.flags.writeable = False
    return coded


def _coded_segment_units(document: UnitDocument, spans: Sequence[Span], min_overlap: float | None) -> np.ndarray:
    starts, ends = span_union(len(document.text), spans)
    bounds = document.unit_bounds()
    if len(bounds) == 0:
        return np.zeros(0, dtype=bool)
    # Characters of the union before each unit edge, from the few merged spans rather than a mask of
    # every character: an edge x has min(max(x - start, 0), end - start) of each merged span before it.
    edges = bounds.reshape(-1)
    before = np.minimum(np.maximum(edges[:, None] - starts[None, :], 0), (ends - starts)[None, :]).sum(axis=1)
    covered = before[1::2] - before[0::2]
    if min_overlap is None:
        return covered > 0
    sizes = bounds[:, 1] - bounds[:, 0]
    # A tolerance so that 0.3 of 10 characters is met by 3 characters despite 0.3 * 10 > 3 in floats.
    return (covered > 0) & (covered >= min_overlap * sizes - 1e-9)
