"""Agreement of coders on coded text: per code, pooled over codes, and per document.

Every code is a presence/absence judgement per unit. For two coders each row holds the
2×2 counts with percent agreement, Cohen's kappa, nominal alpha and a seeded bootstrap
interval for kappa; for every number of coders it also holds how many coders coded each
unit, with Fleiss' kappa and alpha. The pooled row (code ``"*"``) sums the counts of the
code rows, so every code–unit pair is one unit of the pooled table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import add

import numpy as np

from qualcode.agreement.character_counts import MAX_CODERS, character_counts
from qualcode.agreement.bootstrap import BootstrapInterval, bootstrap_interval
from qualcode.agreement.group_presence import (
    GroupPresenceAgreement,
    GroupPresenceCounts,
    count_group_presence,
    group_presence_agreement,
)
from qualcode.agreement.presence import PresenceAgreement, PresenceCounts, count_presence, presence_agreement
from qualcode.agreement.result import AgreementResult
from qualcode.agreement.pooled_units import pooled_unit_counts
from qualcode.agreement.units import CodedSpan, Span, UnitDocument, UnitKind, coded_units, coding_place
from qualcode.domain.models import Code, Coding

POOLED = "*"
DEFAULT_SEED = 0
DEFAULT_RESAMPLES = 2000


@dataclass(frozen=True)
class CodeAgreement:
    """Agreement on one code (``code`` is ``"*"`` for the pooled row), in all documents or in one.

    ``pair`` and ``interval`` (Cohen's kappa, 95% bootstrap) are there for two coders only;
    ``group`` (Fleiss' kappa and alpha from how many coders coded each unit) always.
    """

    code: str
    code_id: int | None
    document: str | None
    document_id: int | None
    group: GroupPresenceAgreement
    pair: PresenceAgreement | None = None
    interval: BootstrapInterval | None = None

    @property
    def units(self) -> int:
        return self.group.counts.units

    @property
    def main_measure(self) -> AgreementResult:
        """Cohen's kappa for two coders, Fleiss' kappa for more: what "worst agreement" sorts on."""
        return self.pair.kappa if self.pair is not None else self.group.fleiss_kappa


@dataclass(frozen=True)
class CodedTextAgreement:
    """Per-code rows in the order the codes were given, the pooled row, and the per-document rows."""

    unit: UnitKind
    min_overlap: float | None
    coder_ids: tuple[int, ...]
    rows: tuple[CodeAgreement, ...]
    pooled: CodeAgreement
    by_document: tuple[CodeAgreement, ...]
    """For each document in the given order: its code rows, then its pooled row (empty when not asked for)."""

    def worst_first(self) -> list[CodeAgreement]:
        """The code rows from lowest to highest kappa; rows where it is undefined come last."""
        return worst_first(self.rows)


def worst_first(rows: Iterable[CodeAgreement]) -> list[CodeAgreement]:
    """Rows from lowest to highest kappa (Cohen's for two coders, else Fleiss'); undefined ones last."""
    return sorted(rows, key=lambda row: (row.main_measure.value is None, row.main_measure.value or 0.0))


def measure_coded_text(
    documents: Sequence[UnitDocument],
    codes: Sequence[Code],
    coder_ids: Sequence[int],
    codings: Iterable[Coding | CodedSpan],
    *,
    unit: UnitKind,
    min_overlap: float | None = None,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    by_document: bool = True,
) -> CodedTextAgreement:
    """Agreement of ``coder_ids`` on each of ``codes`` over the units of ``documents``.

    Codings of other coders, codes or documents are ignored. The documents' ``units`` must
    match ``unit`` (``None`` for ``"char"``). Without ``by_document`` the per-document rows (and
    their bootstrap intervals, most of the work on a large project) are left out.
    """
    coder_ids = tuple(coder_ids)
    if len(coder_ids) < 2 or len(set(coder_ids)) != len(coder_ids):
        raise ValueError(f"agreement needs two or more different coders, got {coder_ids}")
    per_document: dict[int, list[CodeAgreement]] = {}
    totals: dict[int, tuple[GroupPresenceCounts, PresenceCounts | None]] = {}
    pooled_only = not by_document and unit != "char"
    if pooled_only:  # only the sums are asked for: count over all documents at once
        totals = pooled_unit_counts(documents, [code.id for code in codes], coder_ids, codings, min_overlap)
    else:
        spans = _spans_by_document_code_coder(codings, {d.id for d in documents}, {c.id for c in codes},
                                              set(coder_ids))
    swept = (character_counts(documents, [code.id for code in codes], coder_ids, spans)
             if unit == "char" and len(coder_ids) <= MAX_CODERS else None)
    for document in () if pooled_only else documents:
        rows = []
        for code in codes:
            if swept is not None:
                group, pair = swept[document.id, code.id]
            else:
                group, pair = _unit_counts(document, [spans[document.id, code.id, coder] for coder in coder_ids],
                                           min_overlap)
            if by_document:
                rows.append(_row(code.key, code.id, document.name, document.id, group, pair, seed, resamples))
            previous = totals.get(code.id)
            totals[code.id] = (group, pair) if previous is None else _pool([previous, (group, pair)])
        per_document[document.id] = rows
    empty = _empty_counts(len(coder_ids))
    code_rows = tuple(
        _row(code.key, code.id, None, None, *totals.get(code.id, empty), seed, resamples) for code in codes
    )
    pooled = _row(POOLED, None, None, None, *_pool([totals.get(c.id, empty) for c in codes] or [empty]),
                  seed, resamples)
    document_rows: list[CodeAgreement] = []
    for document in documents if by_document else ():
        rows = per_document[document.id]
        counts = [(row.group.counts, row.pair.counts if row.pair else None) for row in rows] or [empty]
        document_rows += [*rows, _row(POOLED, None, document.name, document.id, *_pool(counts), seed, resamples)]
    return CodedTextAgreement(unit, min_overlap, coder_ids, code_rows, pooled, tuple(document_rows))


def _unit_counts(
    document: UnitDocument, spans: list[list[Span]], min_overlap: float | None,
) -> tuple[GroupPresenceCounts, PresenceCounts | None]:
    """The counts of one code in one document from a units × coders matrix."""
    matrix = np.stack([coded_units(document, coder_spans, min_overlap) for coder_spans in spans], axis=1)
    pair = count_presence(matrix[:, 0], matrix[:, 1]) if len(spans) == 2 else None
    return count_group_presence(matrix), pair


def _spans_by_document_code_coder(
    codings: Iterable[Coding | CodedSpan], documents: set[int], codes: set[int], coders: set[int]
) -> defaultdict[tuple[int, int, int], list[Span]]:
    spans: defaultdict[tuple[int, int, int], list[Span]] = defaultdict(list)
    for document_id, code_id, coder_id, start, end in map(coding_place, codings):
        if document_id in documents and code_id in codes and coder_id in coders:
            spans[document_id, code_id, coder_id].append((start, end))
    return spans


def _empty_counts(coders: int) -> tuple[GroupPresenceCounts, PresenceCounts | None]:
    return GroupPresenceCounts((0,) * (coders + 1)), PresenceCounts(0, 0, 0, 0) if coders == 2 else None


def _pool(
    counts: Sequence[tuple[GroupPresenceCounts, PresenceCounts | None]],
) -> tuple[GroupPresenceCounts, PresenceCounts | None]:
    groups = reduce(add, (group for group, _ in counts))
    pairs = [pair for _, pair in counts if pair is not None]
    return groups, reduce(add, pairs) if pairs else None


def _row(
    code: str, code_id: int | None, document: str | None, document_id: int | None,
    group: GroupPresenceCounts, pair: PresenceCounts | None, seed: int, resamples: int,
) -> CodeAgreement:
    if pair is None:
        return CodeAgreement(code, code_id, document, document_id, group_presence_agreement(group))
    return CodeAgreement(
        code, code_id, document, document_id, group_presence_agreement(group), presence_agreement(pair),
        bootstrap_interval(pair, seed=seed, resamples=resamples),
    )


PAIR_COLUMNS = ("code", "units", "both", "only_a", "only_b", "neither", "percent_agreement", "kappa", "alpha",
                "kappa_ci_low", "kappa_ci_high", "ac1")
"""The keys of a two-coder row in CSV and JSON."""


def group_columns(coders: int) -> tuple[str, ...]:
    """The keys of a row for three or more coders: units coded by exactly 0 … m coders, then the figures."""
    return ("code", "units", *(f"coded_by_{j}" for j in range(coders + 1)), "percent_agreement", "fleiss_kappa",
            "alpha")


def row_values(row: CodeAgreement) -> dict[str, str | int | float | None]:
    """A row as plain values keyed like ``PAIR_COLUMNS`` (two coders) or ``group_columns``; undefined is None."""
    if row.pair is not None and row.interval is not None:
        counts = row.pair.counts
        return {
            "code": row.code, "units": counts.units, "both": counts.both, "only_a": counts.only_a,
            "only_b": counts.only_b, "neither": counts.neither,
            "percent_agreement": row.pair.percent_agreement.value, "kappa": row.pair.kappa.value,
            "alpha": row.pair.alpha.value, "kappa_ci_low": row.interval.low, "kappa_ci_high": row.interval.high,
            "ac1": row.pair.ac1.value,
        }
    group = row.group
    return {
        "code": row.code, "units": group.counts.units,
        **{f"coded_by_{j}": count for j, count in enumerate(group.counts.coded_by)},
        "percent_agreement": group.percent_agreement.value, "fleiss_kappa": group.fleiss_kappa.value,
        "alpha": group.alpha.value,
    }
