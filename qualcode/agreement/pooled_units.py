"""Each code's unit counts over all documents at once: the documents' units laid end to end.

Adding up every document's counts (``coded_units`` per document, code and coder) gives the
same numbers as counting once over the units of all documents placed one after the other, with
each coder's spans shifted along with their document: a unit is coded by the same characters
either way. So a project of 500 documents is a few array operations per code and coder, not
10,000 small ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain

import numpy as np

from qualcode.agreement.group_presence import GroupPresenceCounts, count_group_presence
from qualcode.agreement.presence import PresenceCounts, count_presence
from qualcode.agreement.units import Span, UnitDocument


def pooled_unit_counts(
    documents: Sequence[UnitDocument], code_ids: Sequence[int], coder_ids: Sequence[int],
    spans: Mapping[tuple[int, int, int], Sequence[Span]], min_overlap: float | None = None,
) -> dict[int, tuple[GroupPresenceCounts, PresenceCounts | None]]:
    """Per code id: how many units exactly j coders coded, and for two coders the 2×2 counts, over all documents.

    For segment units (every document's ``units`` set). ``spans`` maps (document id, code id, coder id)
    to that coder's spans; overlapping spans count once. A span outside its document raises ValueError,
    as ``coded_units`` does.
    """
    if any(document.units is None for document in documents):
        raise ValueError("pooled unit counts are for turns, paragraphs or sentences, not characters")
    offsets: dict[int, tuple[int, int]] = {}
    bounds = []
    position = 0
    for document in documents:
        offsets[document.id] = (position, len(document.text))
        bounds.append(document.unit_bounds() + position)
        position += len(document.text)
    units = np.concatenate(bounds) if bounds else np.zeros((0, 2), dtype=np.int64)
    edges = units.reshape(-1)
    sizes = units[:, 1] - units[:, 0]
    shifted = _shifted_spans(offsets, code_ids, coder_ids, spans)
    counts = {}
    for code_id in code_ids:
        matrix = np.stack([_coded(edges, sizes, *shifted[code_id, coder_id], min_overlap) for coder_id in coder_ids],
                          axis=1)
        pair = count_presence(matrix[:, 0], matrix[:, 1]) if len(coder_ids) == 2 else None
        counts[code_id] = count_group_presence(matrix), pair
    return counts


def _shifted_spans(
    offsets: Mapping[int, tuple[int, int]], code_ids: Sequence[int], coder_ids: Sequence[int],
    spans: Mapping[tuple[int, int, int], Sequence[Span]],
) -> dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]:
    """Per (code id, coder id): the coder's spans of the code in every document, shifted with their document."""
    found: dict[tuple[int, int], tuple[list[Span], list[int], list[int]]] = {
        (code_id, coder_id): ([], [], []) for code_id in code_ids for coder_id in coder_ids}
    for (document_id, code_id, coder_id), document_spans in spans.items():
        place = offsets.get(document_id)
        target = found.get((code_id, coder_id))
        if place is None or target is None or not document_spans:
            continue
        raw, shifts, lengths = target
        raw += document_spans
        shifts += [place[0]] * len(document_spans)
        lengths += [place[1]] * len(document_spans)
    shifted = {}
    for key, (raw, shifts, lengths) in found.items():
        bounds = np.fromiter(chain.from_iterable(raw), dtype=np.int64, count=2 * len(raw)).reshape(-1, 2)
        starts, ends, length = bounds[:, 0], bounds[:, 1], np.asarray(lengths, dtype=np.int64)
        bad = (starts < 0) | (ends < starts) | (ends > length)
        if bad.any():
            index = int(np.flatnonzero(bad)[0])
            raise ValueError(f"span ({starts[index]}, {ends[index]}) does not lie within 0..{length[index]} "
                             "with start <= end")
        offset = np.asarray(shifts, dtype=np.int64)
        shifted[key] = starts + offset, ends + offset
    return shifted


def _coded(edges: np.ndarray, sizes: np.ndarray, starts: np.ndarray, ends: np.ndarray,
           min_overlap: float | None) -> np.ndarray:
    """One boolean per unit: do the spans cover any of it (or at least ``min_overlap`` of it)?"""
    merged_starts, merged_ends = _merged(starts, ends)
    # Characters of the union before each edge x: every merged span that ends by x, whole, and the
    # part before x of the first one that does not.
    whole = np.concatenate([[0], np.cumsum(merged_ends - merged_starts)])
    ended = np.searchsorted(merged_ends, edges, side="right")
    partial = np.zeros(len(edges), dtype=np.int64)
    open_span = ended < len(merged_starts)
    partial[open_span] = np.maximum(edges[open_span] - merged_starts[ended[open_span]], 0)
    before = whole[ended] + partial
    covered = before[1::2] - before[0::2]
    if min_overlap is None:
        return covered > 0
    # The same tolerance as ``coded_units``: 0.3 of 10 characters is met by 3 characters.
    return (covered > 0) & (covered >= min_overlap * sizes - 1e-9)


def _merged(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The union of the spans as sorted, disjoint (starts, ends); empty spans drop out."""
    keep = ends > starts
    starts, ends = starts[keep], ends[keep]
    if len(starts) == 0:
        return starts, ends
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    first = np.concatenate([[True], starts[1:] > reach[:-1]])
    last = np.concatenate([first[1:], [True]])
    return starts[first], reach[last]
