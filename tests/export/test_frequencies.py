"""Frequencies of the hand-made project, counted by hand, per unit; matrices by document and by attribute."""

from __future__ import annotations

import random

import numpy as np
import pytest

from qualcode.export.coded_units import WORD, covered_per_group
from qualcode.export.frequencies import (
    FREQUENCY_TABLES,
    NO_VALUE,
    code_frequencies,
    frequency_matrix,
    frequency_table,
)
from qualcode.storage.documents import count_words
from qualcode.storage.errors import NotFoundError, ProjectError
from tests.export.conftest import G, H, N, V


def by_key(report):
    return {(row.document, row.coder, row.code): (row.codings, row.units_coded, row.words_coded) for row in report.rows}


def test_long_rows_by_turn(project):
    report = code_frequencies(project)
    assert report.unit == "turn"
    assert report.coders == ("anna", "bram")
    assert [doc.name for doc in report.documents] == ["interview-a", "interview-b", "interview-c"]
    # A row for every code in every (document, coder) pair with a coding: bram never coded b or c.
    assert [(r.document, r.case, r.coder) for r in report.rows[::4]] == [
        ("interview-a", "R1", "anna"), ("interview-a", "R1", "bram"),
        ("interview-b", "R2", "anna"), ("interview-c", "R3", "anna"),
    ]
    assert [r.code for r in report.rows[:4]] == [V, G, H, N]
    assert [r.group for r in report.rows[:4]] == ["belemmerend"] * 3 + ["bevorderend"]
    assert by_key(report) == {
        # V: turns 1 and 3; 6 + 3 words.
        ("interview-a", "anna", V): (2, 2, 9),
        # G: "En over geld ... gehad." (9 words) and "gehad.\nI: Waarom niet?" (turns 1 and 2;
        # gehad, I, Waarom, niet): 12 words together, "gehad" once.
        ("interview-a", "anna", G): (2, 2, 12),
        ("interview-a", "anna", H): (0, 0, 0),
        ("interview-a", "anna", N): (1, 1, 5),
        ("interview-a", "bram", V): (2, 2, 17),
        ("interview-a", "bram", G): (0, 0, 0),
        ("interview-a", "bram", H): (0, 0, 0),
        ("interview-a", "bram", N): (0, 0, 0),
        ("interview-b", "anna", V): (0, 0, 0),
        ("interview-b", "anna", G): (0, 0, 0),
        ("interview-b", "anna", H): (0, 0, 0),
        ("interview-b", "anna", N): (2, 1, 6),
        ("interview-c", "anna", V): (0, 0, 0),
        ("interview-c", "anna", G): (0, 0, 0),
        ("interview-c", "anna", H): (1, 1, 12),
        ("interview-c", "anna", N): (0, 0, 0),
    }


@pytest.mark.parametrize(("unit", "expected"), [
    # paragraphs of interview-a: p1 "Het vertrouwen...", p2 "En over geld...", p3 "Waarom niet?", p4 "Er is ..."
    ("paragraph", {("interview-a", "anna", V): 2, ("interview-a", "anna", G): 2, ("interview-a", "anna", N): 2,
                   ("interview-a", "bram", V): 3, ("interview-b", "anna", N): 1, ("interview-c", "anna", H): 1}),
    # "wantrouwen. Dat" touches two sentences of the last turn.
    ("sentence", {("interview-a", "anna", V): 2, ("interview-a", "anna", G): 2, ("interview-a", "anna", N): 2,
                  ("interview-a", "bram", V): 4, ("interview-b", "anna", N): 1, ("interview-c", "anna", H): 1}),
])
def test_units_coded_by_paragraph_and_sentence(project, unit, expected):
    report = code_frequencies(project, unit=unit)
    assert {key: units for key, (codings, units, _) in by_key(report).items() if codings} == expected


def test_totals_per_code(project):
    totals = {t.code: t for t in code_frequencies(project).totals}
    assert [(t.codings, t.units_coded, t.words_coded, t.documents, t.cases) for t in totals.values()] == [
        (4, 4, 26, 1, 1), (2, 2, 12, 1, 1), (1, 1, 12, 1, 1), (3, 2, 11, 2, 2),
    ]
    assert totals[N].documents_percent == 66.7 and totals[N].cases_percent == 66.7
    assert totals[V].documents_percent == 33.3
    assert totals[H].name == "Honoraria"


def test_one_coder(project):
    report = code_frequencies(project, coders=["bram"])
    assert report.coders == ("bram",)
    assert [doc.name for doc in report.documents] == ["interview-a"]
    assert {k: v for k, v in by_key(report).items() if v[0]} == {("interview-a", "bram", V): (2, 2, 17)}
    assert [t.documents_percent for t in report.totals] == [100.0, 0.0, 0.0, 0.0]


def test_matrix_by_document(project):
    report = code_frequencies(project)
    matrix = frequency_matrix(report)
    assert (matrix.by, matrix.attribute, matrix.measure) == ("document", None, "codings")
    assert matrix.columns == ("interview-a", "interview-b", "interview-c")
    assert [(row.code, row.values, row.total) for row in matrix.rows] == [
        (V, (4, 0, 0), 4), (G, (2, 0, 0), 2), (H, (0, 0, 1), 1), (N, (1, 2, 0), 3),
    ]
    words = frequency_matrix(report, measure="words")
    assert [row.values for row in words.rows] == [(26, 0, 0), (12, 0, 0), (0, 0, 12), (5, 6, 0)]
    present = frequency_matrix(report, measure="documents")
    assert [(row.values, row.total) for row in present.rows] == [
        ((1, 0, 0), 1), ((1, 0, 0), 1), ((0, 0, 1), 1), ((1, 1, 0), 2),
    ]


def test_matrix_by_attribute(project):
    report = code_frequencies(project)
    assert report.attribute_names == ("ervaring", "fase")
    by_phase = frequency_matrix(report, attribute="fase")
    assert (by_phase.by, by_phase.attribute) == ("attribute", "fase")
    assert by_phase.columns == ("uitvoering", "verkennend", NO_VALUE)
    assert [(row.code, row.values, row.total) for row in by_phase.rows] == [
        (V, (0, 4, 0), 4), (G, (0, 2, 0), 2), (H, (0, 0, 1), 1), (N, (2, 1, 0), 3),
    ]
    cases = frequency_matrix(report, attribute="FASE", measure="cases")
    assert [row.values for row in cases.rows] == [(0, 1, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0)]
    by_experience = frequency_matrix(report, attribute="ervaring", measure="units")
    assert by_experience.columns == (3, 7.5, 12)  # numbers in numeric order
    assert [row.values for row in by_experience.rows] == [(0, 0, 4), (0, 0, 2), (0, 1, 0), (1, 0, 1)]


def test_matrix_by_case(project):
    report = code_frequencies(project)
    per_case = frequency_matrix(report, by="case", measure="units")
    assert (per_case.by, per_case.attribute, per_case.columns) == ("case", None, ("R1", "R2", "R3"))
    assert [row.values for row in per_case.rows] == [(4, 0, 0), (2, 0, 0), (0, 0, 1), (1, 1, 0)]


def test_each_frequency_table_by_its_name(project):
    report = code_frequencies(project)
    names = {table: frequency_table(report, table, measure="units", attribute="fase") for table in FREQUENCY_TABLES}
    assert {table: names[table].part for table in names} == {
        "long": "long", "codes": "codes", "matrix": "matrix", "cases": "cases", "by": "by-fase"}
    by_phase = names["by"]
    assert by_phase.header[3:] == ("uitvoering", "verkennend", NO_VALUE, "total")
    assert by_phase.rows == [(row.group, row.code, row.name, *row.values, row.total)
                             for row in frequency_matrix(report, measure="units", attribute="fase").rows]
    with pytest.raises(ValueError, match="no frequency table 'pairs'"):
        frequency_table(report, "pairs")


def test_bad_input(project):
    with pytest.raises(NotFoundError, match=r"no coder named 'carla' \(coders: anna, bram\)"):
        code_frequencies(project, coders=["anna", "carla"])
    report = code_frequencies(project)
    with pytest.raises(NotFoundError, match=r"no case attribute 'leeftijd' \(attributes: ervaring, fase\)"):
        frequency_matrix(report, attribute="leeftijd")
    with pytest.raises(ProjectError, match="a matrix is by document, by case or by a case attribute, not by 'coder'"):
        frequency_matrix(report, by="coder")
    with pytest.raises(ProjectError, match="the measure must be one of"):
        frequency_matrix(report, measure="percent")
    with pytest.raises(ProjectError, match="the unit must be turn, paragraph or sentence"):
        code_frequencies(project, unit="page")


def test_empty_project(tmp_path):
    from tests.project_factory import small_project

    report = code_frequencies(small_project(tmp_path / "empty"))
    assert report.rows == () and report.documents == ()
    assert [(t.codings, t.documents, t.documents_percent) for t in report.totals] == [(0, 0, None)] * 4
    assert [row.values for row in frequency_matrix(report).rows] == [()] * 4


def test_words_are_the_words_count_words_counts():
    text = "Nou, kijk: de zorg-verzekeraar's  'plan' is 3x té duur… ‘ja’ — 50% van €1.000,-\nR: oké"
    assert len(WORD.findall(text)) == count_words(text)


def test_covered_per_group_against_sets():
    rng = random.Random(3)
    firsts, stops, starts, expected = [], [], [], []
    for _ in range(200):
        starts.append(len(firsts))
        ranges = sorted((first, first + rng.randint(0, 6)) for first in
                        (rng.randint(0, 30) for _ in range(rng.randint(1, 8))))
        firsts += [first for first, _ in ranges]
        stops += [stop for _, stop in ranges]
        expected.append(len({index for first, stop in ranges for index in range(first, stop)}))
    found = covered_per_group(np.array(firsts), np.array(stops), np.array(starts))
    assert found.tolist() == expected
