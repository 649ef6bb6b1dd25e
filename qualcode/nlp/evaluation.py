"""Precision@1 and recall@3 of ranked suggestions against a coder's codings."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

OVERALL = "(overall)"


@dataclass(frozen=True)
class CodeScore:
    """Counts for one code (or all codes together) and the two measures.

    precision@1: of the coded segments where the code was the top suggestion, the share coded with it.
    recall@3: of the segments coded with the code, the share where it was among the top three.
    """

    code_key: str
    top1: int
    top1_correct: int
    coded: int
    found_in_top3: int

    @property
    def precision_at_1(self) -> float | None:
        return self.top1_correct / self.top1 if self.top1 else None

    @property
    def recall_at_3(self) -> float | None:
        return self.found_in_top3 / self.coded if self.coded else None


@dataclass(frozen=True)
class EvaluationReport:
    per_code: tuple[CodeScore, ...]
    overall: CodeScore
    documents: int
    segments: int


def score_rankings(gold: Sequence[Collection[str]], ranked: Sequence[Sequence[str]], documents: int = 1,
                   code_order: Sequence[str] = ()) -> EvaluationReport:
    """Score ranked code keys per segment against the codes the coder applied there.

    Only segments with at least one gold code count: the question is whether, when the
    researcher codes a segment, the suggestions name what she applies.
    """
    top1: dict[str, int] = {}
    top1_correct: dict[str, int] = {}
    coded: dict[str, int] = {}
    found: dict[str, int] = {}
    segments = 0
    for codes, ranking in zip(gold, ranked, strict=True):
        if not codes:
            continue
        segments += 1
        if ranking:
            first = ranking[0]
            top1[first] = top1.get(first, 0) + 1
            if first in codes:
                top1_correct[first] = top1_correct.get(first, 0) + 1
        for code_key in codes:
            coded[code_key] = coded.get(code_key, 0) + 1
            if code_key in ranking[:3]:
                found[code_key] = found.get(code_key, 0) + 1
    keys = list(dict.fromkeys([*code_order, *sorted(set(top1) | set(coded))]))
    per_code = tuple(
        CodeScore(key, top1.get(key, 0), top1_correct.get(key, 0), coded.get(key, 0), found.get(key, 0))
        for key in keys if key in top1 or key in coded
    )
    overall = CodeScore(OVERALL, sum(top1.values()), sum(top1_correct.values()), sum(coded.values()),
                        sum(found.values()))
    return EvaluationReport(per_code, overall, documents, segments)
