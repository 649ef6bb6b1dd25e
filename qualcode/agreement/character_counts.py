"""Character-level presence counts of every code in every document at once, from the coded spans.

The same counts that per-character masks give (``character_mask`` and ``count_group_presence``),
found by sweeping over the spans' edges instead: every stretch of text between two edges is covered
by one set of coders, so a whole project is one sort and a few array sums, not a mask per
document, code and coder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from qualcode.agreement.group_presence import GroupPresenceCounts
from qualcode.agreement.presence import PresenceCounts
from qualcode.agreement.units import Span, UnitDocument

MAX_CODERS = 8
"""Up to this many coders each set of coders gets a column (2**8 of them); beyond, use the masks."""


def character_counts(
    documents: Sequence[UnitDocument], code_ids: Sequence[int], coder_ids: Sequence[int],
    spans: Mapping[tuple[int, int, int], Sequence[Span]],
) -> dict[tuple[int, int], tuple[GroupPresenceCounts, PresenceCounts | None]]:
    """Per (document id, code id): how many characters exactly j coders coded, and for two coders the 2×2 counts.

    ``spans`` maps (document id, code id, coder id) to that coder's spans; overlapping spans of one
    coder count once. Raises ValueError for a span outside its document, as ``character_mask`` does.
    """
    coders = len(coder_ids)
    if not 2 <= coders <= MAX_CODERS:
        raise ValueError(f"character counts take 2 to {MAX_CODERS} coders, got {coders}")
    group_of = {}
    for document_index, document in enumerate(documents):
        for code_index, code_id in enumerate(code_ids):
            group_of[document.id, code_id] = document_index * len(code_ids) + code_index
    lengths = np.repeat(np.asarray([len(d.text) for d in documents], dtype=np.int64), len(code_ids))
    groups, bits, edges = [], [], []
    for coder_bit, coder_id in enumerate(coder_ids):
        for document in documents:
            for code_id in code_ids:
                found = spans.get((document.id, code_id, coder_id))
                if found:
                    groups += [group_of[document.id, code_id]] * len(found)
                    bits += [coder_bit] * len(found)
                    edges += found
    patterns = _pattern_lengths(len(lengths), lengths, groups, bits, edges, coders)
    coded_by = _coded_by(patterns, coders)
    result = {}
    for key, group in group_of.items():
        row = patterns[group]
        pair = PresenceCounts(int(row[3]), int(row[1]), int(row[2]), int(row[0])) if coders == 2 else None
        result[key] = GroupPresenceCounts(tuple(int(n) for n in coded_by[group])), pair
    return result


def _pattern_lengths(
    count: int, lengths: np.ndarray, groups: list[int], bits: list[int], edges: list[Span], coders: int,
) -> np.ndarray:
    """(groups, 2**coders): characters of each group covered by exactly the coders in each bit pattern."""
    patterns = np.zeros((count, 1 << coders), dtype=np.int64)
    if edges:
        bounds = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
        group = np.asarray(groups, dtype=np.int64)
        starts, ends = bounds[:, 0], bounds[:, 1]
        bad = (starts < 0) | (ends < starts) | (ends > lengths[group])
        if bad.any():
            index = int(np.flatnonzero(bad)[0])
            raise ValueError(f"span ({starts[index]}, {ends[index]}) does not lie within 0..{lengths[group[index]]} "
                             "with start <= end")
        coder = np.asarray(bits, dtype=np.int64)
        position = np.concatenate([starts, ends])
        event_group = np.concatenate([group, group])
        order = np.lexsort((position, event_group))
        position, event_group = position[order], event_group[order]
        steps = np.zeros((len(order), coders), dtype=np.int32)
        steps[np.arange(len(order)), np.concatenate([coder, coder])[order]] = np.where(order < len(starts), 1, -1)
        depth = np.cumsum(steps, axis=0)
        pattern = ((depth > 0) * (1 << np.arange(coders, dtype=np.int64))).sum(axis=1)
        stretch = np.zeros(len(order), dtype=np.int64)
        same_group = event_group[1:] == event_group[:-1]
        stretch[:-1] = np.where(same_group, position[1:] - position[:-1], 0)
        patterns += np.bincount(event_group * (1 << coders) + pattern, weights=stretch,
                                minlength=count << coders).round().astype(np.int64).reshape(count, 1 << coders)
    patterns[:, 0] = lengths - patterns[:, 1:].sum(axis=1)
    return patterns


def _coded_by(patterns: np.ndarray, coders: int) -> np.ndarray:
    """(groups, coders + 1): characters coded by exactly j coders, summed over the patterns with j bits."""
    popcount = np.asarray([bin(pattern).count("1") for pattern in range(1 << coders)])
    coded_by = np.zeros((len(patterns), coders + 1), dtype=np.int64)
    for j in range(coders + 1):
        coded_by[:, j] = patterns[:, popcount == j].sum(axis=1)
    return coded_by
