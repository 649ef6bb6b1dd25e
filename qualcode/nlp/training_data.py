"""Turn one coder's codings and accept/reject decisions into labelled spans for learning and evaluation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from qualcode.domain.models import Coding, Segment

# A coding belongs to a segment when it covers at least this share of the shorter of the two.
MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class Decision:
    """A researcher's accept or reject of a suggested code on a span."""

    document_id: int
    start: int
    end: int
    code_key: str
    accepted: bool


@dataclass(frozen=True)
class LabelledSpan:
    """A span of a document and what is known about each code there (1.0 applies, 0.0 does not)."""

    document_id: int
    start: int
    end: int
    cats: Mapping[str, float]


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """True when the spans share at least MIN_OVERLAP of the shorter one."""
    shared = min(end, other_end) - max(start, other_start)
    shortest = min(end - start, other_end - other_start)
    return shortest > 0 and shared >= MIN_OVERLAP * shortest


def codes_on_segment(segment: Segment, codings: Iterable[Coding], code_keys: Mapping[int, str]) -> set[str]:
    """The code keys of the codings that belong to ``segment``."""
    return {code_keys[coding.code_id] for coding in codings
            if coding.document_id == segment.document_id and coding.code_id in code_keys
            and overlaps(segment.start, segment.end, coding.start, coding.end)}


def labelled_spans(
    segments: Sequence[Segment],
    codings: Sequence[Coding],
    decisions: Sequence[Decision],
    code_keys: Mapping[int, str],
) -> list[LabelledSpan]:
    """Labelled spans for one coder over some documents.

    In a document the coder has coded, every segment not spoken by the interviewer is an
    example: its codes 1.0, every other code 0.0. Each decision adds its span with the code at
    1.0 (accepted) or 0.0 (rejected), merged into the segment example with the same span.
    """
    coded_documents = {coding.document_id for coding in codings}
    all_codes = sorted(set(code_keys.values()))
    by_span: dict[tuple[int, int, int], dict[str, float]] = {}
    for segment in segments:
        if segment.document_id not in coded_documents:
            continue
        present = codes_on_segment(segment, codings, code_keys)
        if segment.role == "interviewer" and not present:
            continue
        by_span[(segment.document_id, segment.start, segment.end)] = {
            key: 1.0 if key in present else 0.0 for key in all_codes}
    for decision in decisions:
        cats = by_span.setdefault((decision.document_id, decision.start, decision.end), {})
        cats[decision.code_key] = 1.0 if decision.accepted else 0.0
    return [LabelledSpan(document_id, start, end, cats)
            for (document_id, start, end), cats in sorted(by_span.items())]
