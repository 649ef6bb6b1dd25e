"""What the reports screen reads and exports, without Textual: one read of the project, and the CLI's tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qualcode.domain.models import Codebook, Unit
from qualcode.export.cooccurrence import CooccurrenceTable, code_cooccurrence, pairs_table, units_matrix_table
from qualcode.export.frequencies import (
    CodeTotals, FrequencyMatrix, FrequencyReport, Measure, code_frequencies, frequency_matrix, frequency_table,
)
from qualcode.export.report_files import ReportTable
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.project_store import ProjectStore
from qualcode.domain.language import _


@dataclass(frozen=True)
class Reports:
    """What one read of the project gives the screen, for one unit and choice of coders."""

    codebook: Codebook
    frequencies: FrequencyReport
    cooccurrence: CooccurrenceTable
    matrix: FrequencyMatrix


def read_reports(store: ProjectStore, unit: Unit, coders: Sequence[str] | None, measure: Measure, by: str,
                 attribute: str | None) -> Reports:
    frequencies = code_frequencies(store, unit=unit, coders=coders)
    return Reports(
        codebook=load_codebook(store),
        frequencies=frequencies,
        cooccurrence=code_cooccurrence(store, unit=unit, coders=coders),
        matrix=matrix_of(frequencies, measure, by, attribute),
    )


def matrix_of(report: FrequencyReport, measure: Measure, by: str, attribute: str | None) -> FrequencyMatrix:
    if by == "attribute":
        return frequency_matrix(report, measure=measure, attribute=attribute)
    return frequency_matrix(report, measure=measure, by=by)


def export_table(table: str, reports: Reports, measure: Measure, attribute: str | None) -> ReportTable:
    """One of the tables ``qualcode export frequencies|cooccurrence`` writes, built as the command builds it."""
    match table:
        case "frequencies-long" | "frequencies-codes" | "frequencies-matrix" | "frequencies-cases" | "frequencies-by":
            return frequency_table(reports.frequencies, table.removeprefix("frequencies-"), measure=measure,
                                   attribute=attribute)
        case "cooccurrence-matrix":
            return units_matrix_table(reports.cooccurrence)
        case "cooccurrence-pairs":
            return pairs_table(reports.cooccurrence)
    raise ValueError(f"no report table {table!r}")


def measure_label(measure: Measure, unit: Unit) -> str:
    units = {"turn": _("Turns"), "paragraph": _("Paragraphs"), "sentence": _("Sentences")}.get(unit, f"{unit.capitalize()}s")
    return {"codings": _("Codings"), "units": units, "words": _("Words"), "documents": _("Documents"),
            "cases": _("Cases")}[measure]


def measure_of(totals: CodeTotals, measure: Measure) -> int:
    return {"codings": totals.codings, "units": totals.units_coded, "words": totals.words_coded,
            "documents": totals.documents, "cases": totals.cases}[measure]


VIEW_FIGURES = {"frequencies": "frequencies", "matrix": "matrix", "cooccurrence": "cooccurrence"}
"""The figure of each tab of the reports screen."""


def write_view_figure(store: ProjectStore, tab: str, unit: Unit, coders: Sequence[str] | None, measure: Measure,
                      by: str, attribute: str | None) -> Path:
    """Draw what the screen's tab shows as ``exports/figure-<kind>.svg``, as ``qualcode figure`` draws it."""
    from qualcode.export.atomic_files import EXPORTS_FOLDER
    from qualcode.export.figure_data import figure_data
    from qualcode.export.figure_drawing import write_figure  # matplotlib only when a figure is asked for

    kind = VIEW_FIGURES[tab]
    data = figure_data(store, kind, coders=coders, unit=unit, measure=measure,
                       by=attribute if by == "attribute" and kind == "matrix" else None,
                       columns=by if by in ("document", "case") else "case")
    return write_figure(data, store.folder / EXPORTS_FOLDER / f"figure-{kind}.svg")
