"""Code co-occurrence: units coded with both codes, and codings of two codes whose spans overlap.

Both are counted within one coder's codings: a unit counts for codes A and B when the same
coder put both on it (it touches at least one character of the unit). With several coders,
each coder's units count separately, so a unit both coders coded with A and B counts twice;
choose one coder for a table of units. The diagonal of the units matrix is the number of
units coded with the code (the ``units_coded`` of the frequencies, summed). Overlapping
spans are pairs of codings, one with each code, sharing at least one character.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from qualcode.domain.models import Unit
from qualcode.export.coded_units import load_coded_units
from qualcode.export.report_files import ReportTable
from qualcode.storage.project_store import ProjectStore


@dataclass(frozen=True)
class CodePair:
    group_a: str
    code_a: str
    group_b: str
    code_b: str
    units_both: int
    overlapping_spans: int


@dataclass(frozen=True)
class CooccurrenceTable:
    """Square matrices indexed like ``codes`` (codebook order)."""

    unit: Unit
    coders: tuple[str, ...]
    codes: tuple[str, ...]
    groups: tuple[str, ...]
    """The group key of each code."""
    units: tuple[tuple[int, ...], ...]
    """Units coded with both codes; on the diagonal, units coded with the code."""
    spans: tuple[tuple[int, ...], ...]
    """Pairs of overlapping codings, one with each code; 0 on the diagonal."""

    def pairs(self) -> list[CodePair]:
        """Every pair of two different codes, in codebook order."""
        return [
            CodePair(self.groups[a], self.codes[a], self.groups[b], self.codes[b], self.units[a][b], self.spans[a][b])
            for a in range(len(self.codes))
            for b in range(a + 1, len(self.codes))
        ]


def code_cooccurrence(store: ProjectStore, *, unit: str = "turn", coders: Sequence[str] | None = None) -> CooccurrenceTable:
    """Count co-occurrence over every document; NotFoundError for an unknown coder."""
    data = load_coded_units(store, unit, coders)
    codes = data.codebook.codes
    position = {code.id: index for index, code in enumerate(codes)}
    units = [[0] * len(codes) for _ in codes]
    spans = [[0] * len(codes) for _ in codes]
    arrays = data.codings
    columns = zip(arrays.document_id.tolist(), arrays.coder_id.tolist(), arrays.code_id.tolist(),
                  arrays.start.tolist(), arrays.end.tolist(), arrays.first_unit.tolist(), arrays.stop_unit.tolist())
    for _, group in groupby(columns, key=lambda coding: coding[:2]):
        codings = [(start, end, position[code_id], first, stop) for _, _, code_id, start, end, first, stop in group]
        codes_on_unit: dict[int, set[int]] = {}
        for _, _, code, first, stop in codings:
            for index in range(first, stop):
                codes_on_unit.setdefault(index, set()).add(code)
        for present in codes_on_unit.values():
            ordered = sorted(present)
            for i, a in enumerate(ordered):
                row = units[a]
                for b in ordered[i:]:
                    row[b] += 1
        active: list[tuple[int, int]] = []
        for start, end, code, _, _ in sorted(codings):
            active = [(other_end, other) for other_end, other in active if other_end > start]
            for _, other in active:
                if other != code:
                    spans[min(code, other)][max(code, other)] += 1
            active.append((end, code))
    for a in range(len(codes)):
        for b in range(a + 1, len(codes)):
            units[b][a] = units[a][b]
            spans[b][a] = spans[a][b]
    groups = {group.id: group.key for group in data.codebook.groups}
    return CooccurrenceTable(
        unit=data.unit, coders=tuple(sorted(data.coders.values())), codes=tuple(code.key for code in codes),
        groups=tuple(groups[code.group_id] for code in codes),
        units=tuple(map(tuple, units)), spans=tuple(map(tuple, spans)),
    )


def units_matrix_table(table: CooccurrenceTable) -> ReportTable:
    return ReportTable("cooccurrence", "matrix", ("group", "code", *table.codes), [
        (group, code, *row) for group, code, row in zip(table.groups, table.codes, table.units)
    ])


def pairs_table(table: CooccurrenceTable) -> ReportTable:
    return ReportTable(
        "cooccurrence", "pairs", ("group_a", "code_a", "group_b", "code_b", "units_both", "overlapping_spans"),
        [(p.group_a, p.code_a, p.group_b, p.code_b, p.units_both, p.overlapping_spans) for p in table.pairs()],
    )
