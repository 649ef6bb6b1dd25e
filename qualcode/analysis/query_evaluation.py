"""One document's query evaluation: the spans each operand stands for, within the units the filters let through."""

from __future__ import annotations

from bisect import bisect_right

from qualcode.analysis.query_plan import QueryPlan
from qualcode.analysis.retrieval_reading import LoadedDocument
from qualcode.analysis.span_sets import Spans, covering_units, difference, intersection, normalised, overlaps, union
from qualcode.analysis.text_matching import phrase_spans
from qualcode.domain.code_query import (
    And, CodeRef, CoderIs, Expression, FollowedBy, Near, Not, Or, TextMatch, WhereAttribute,
)
from qualcode.domain.retrieval import RetrievalFilters
from qualcode.domain.sentences import sentence_spans


def _role_passes(role: str, roles: tuple[str, ...] | None) -> bool:
    return roles is None or role in roles or role == "unknown"


class DocumentEvaluation:
    """One document's query evaluation: its universe, its units and the text when needed."""

    def __init__(self, document: LoadedDocument, plan: QueryPlan, filters: RetrievalFilters, unit: str | None,
                 text: str | None) -> None:
        self.document, self.plan, self.text = document, plan, text
        turns = document.turns
        self.turn_starts = [turn.start for turn in turns]
        if unit in (None, "turn"):
            units = [(turn.start, turn.end) for turn in turns if _role_passes(turn.role, filters.roles)]
        elif unit == "paragraph":
            units = [(start, end) for start, end, role in document.paragraphs if _role_passes(role, filters.roles)]
        else:
            units = [span for start, end, role in document.paragraphs if _role_passes(role, filters.roles)
                     for span in sentence_spans(text, start, end)]
        self.units = [span for span in units if span[0] < span[1]]
        self.unit_ends = [end for _, end in self.units]
        self.universe = normalised(self.units)
        self.by_unit = unit is not None
        self._text_spans: dict[str, Spans] = {}

    def _restrict(self, spans: Spans) -> Spans:
        spans = intersection(normalised(spans), self.universe)
        return covering_units(spans, self.units, self.unit_ends) if self.by_unit else spans

    def turn_of(self, position: int) -> int:
        index = bisect_right(self.turn_starts, position) - 1
        return self.document.turns[index].index if index >= 0 else -1

    def evaluate(self, expression: Expression, coder_id: int | None) -> Spans:
        match expression:
            case CodeRef():
                codings = self.document.codings.get(coder_id, {})
                return self._restrict([(start, end) for code_id in self.plan.code_ids[expression]
                                       for start, end, _, _ in codings.get(code_id, ())])
            case TextMatch(phrase):
                if phrase not in self._text_spans:
                    self._text_spans[phrase] = self._restrict(phrase_spans(phrase, self.text))
                return self._text_spans[phrase]
            case WhereAttribute(attribute, values, negated):
                matches = self.document.attributes.get(attribute) in values
                return list(self.universe) if matches != negated else []
            case CoderIs(name):
                return list(self.universe) if self.plan.coder_ids[name] == coder_id else []
            case And(left, right):
                first = self.evaluate(left, coder_id)
                return intersection(first, self.evaluate(right, coder_id)) if first else []
            case Or(left, right):
                return union(self.evaluate(left, coder_id), self.evaluate(right, coder_id))
            case Not(operand):
                return difference(self.universe, self.evaluate(operand, coder_id))
            case Near(left, right, turns):
                return self._near(self.evaluate(left, coder_id), self.evaluate(right, coder_id), turns, False)
            case FollowedBy(left, right, turns):
                return self._near(self.evaluate(left, coder_id), self.evaluate(right, coder_id), turns, True)
        raise TypeError(f"not a query expression: {expression!r}")

    def _near(self, left: Spans, right: Spans, turns: int, ordered: bool) -> Spans:
        if not left or not right:
            return []
        left_turns = [(self.turn_of(start), self.turn_of(end - 1)) for start, end in left]
        right_turns = [(self.turn_of(start), self.turn_of(end - 1)) for start, end in right]
        kept: Spans = []
        for (a_start, a_end), (a_first, a_last) in zip(left, left_turns, strict=True):
            for (b_start, b_end), (b_first, b_last) in zip(right, right_turns, strict=True):
                if ordered:
                    close = b_start >= a_end and b_first - a_last <= turns
                else:
                    close = max(a_first, b_first) - min(a_last, b_last) <= turns
                if close:
                    kept += [(a_start, a_end), (b_start, b_end)]
        return normalised(kept)

    def segments(self, spans: Spans) -> list[tuple[int, int]]:
        """The passages to show: each unit found (with a unit), or each maximal run of positions."""
        if not self.by_unit:
            return spans
        return [unit for unit in self.units if overlaps(spans, unit[0], unit[0] + 1)]
