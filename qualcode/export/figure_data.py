"""What a thesis figure shows, read from the project by the functions behind the reports (no drawing here).

Frequencies and matrices come from ``code_frequencies`` and ``frequency_matrix`` (``qualcode export
frequencies``), co-occurrence from ``code_cooccurrence``, agreement from ``coded_text_agreement``
(``qualcode agreement`` and the agreement report), so a figure's numbers are the tables' numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from qualcode.domain.language import _
from qualcode.domain.models import Code, Codebook
from qualcode.export.agreement_report import default_pair, unit_name
from qualcode.export.cooccurrence import code_cooccurrence
from qualcode.export.frequencies import code_frequencies, frequency_matrix
from qualcode.storage.agreement_data import coded_text_agreement
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore

FigureKind = Literal["frequencies", "matrix", "cooccurrence", "agreement"]
FIGURE_KINDS: tuple[FigureKind, ...] = ("frequencies", "matrix", "cooccurrence", "agreement")



def measure_name(measure: str) -> str:
    """An axis label for what is counted, in the interface language."""
    return {"codings": _("Codings"), "units": _("Units coded"), "words": _("Words coded"), "documents": _("Documents"),
            "cases": _("Cases")}[measure]



@dataclass(frozen=True)
class Bars:
    """Codes (in codebook order) with one value per series; one series without ``--by``."""

    codes: tuple[Code, ...]
    series: tuple[str, ...]
    values: tuple[tuple[int, ...], ...]
    """Per code, one value per series."""
    measure: str


@dataclass(frozen=True)
class HeatMap:
    """Codes × columns (cases, attribute values, or codes for co-occurrence)."""

    rows: tuple[Code, ...]
    columns: tuple[str, ...]
    values: tuple[tuple[int, ...], ...]
    value_label: str
    column_label: str


@dataclass(frozen=True)
class KappaRow:
    label: str
    kappa: float | None
    low: float | None
    high: float | None
    pooled: bool = False


@dataclass(frozen=True)
class KappaPlot:
    rows: tuple[KappaRow, ...]
    """Worst first, the pooled row last: the agreement report's order."""
    coders: tuple[str, str]
    unit: str


@dataclass(frozen=True)
class FigureData:
    kind: FigureKind
    codebook: Codebook
    subtitle: str
    content: Bars | HeatMap | KappaPlot


def figure_data(
    store: ProjectStore, kind: str, *, coders: Sequence[str] | None = None, by: str | None = None,
    unit: str = "turn", measure: str = "codings", columns: str = "case", agreement_unit: str = "char",
    min_overlap: float | None = None,
) -> FigureData:
    """Read what the figure of ``kind`` draws; ProjectError for a wrong choice.

    ``coders`` are the coders counted (frequencies, matrix, co-occurrence; None: every coder's
    codings) or the two compared (agreement; None: the two with most codings). The matrix's
    columns are the values of the attribute ``by``, else ``columns``: ``case`` or ``document``.
    """
    if kind not in FIGURE_KINDS:
        raise ProjectError(_("a figure is one of {kinds}, not {kind!r}").format(kinds=", ".join(FIGURE_KINDS),
                                                                                 kind=kind))
    codebook = load_codebook(store)
    if kind == "agreement":
        return _agreement(store, codebook, coders, agreement_unit, min_overlap)
    if kind == "cooccurrence":
        if by is not None:
            raise ProjectError(_("--by applies to the frequencies and matrix figures, not to co-occurrence"))
        table = code_cooccurrence(store, unit=unit, coders=coders)
        used = [index for index, row in enumerate(table.units) if row[index]]
        codes = tuple(codebook.code_by_key(table.codes[index]) for index in used)
        values = tuple(tuple(table.units[a][b] if a <= b else table.units[b][a] for b in used) for a in used)
        return FigureData(kind, codebook, _counted(table.coders, table.unit),
                          HeatMap(codes, tuple(code.name for code in codes), values,
                                  _("{units} coded with both codes").format(units=unit_name(table.unit)), ""))
    report = code_frequencies(store, unit=unit, coders=coders)
    subtitle = _counted(report.coders, report.unit)
    if kind == "frequencies":
        if by is None:
            totals = {total.code: total for total in report.totals}
            field = {"codings": "codings", "units": "units_coded", "words": "words_coded", "documents": "documents",
                     "cases": "cases"}[measure]
            values = tuple((getattr(totals[code.key], field),) for code in codebook.codes)
            return FigureData(kind, codebook, subtitle, Bars(codebook.codes, ("",), values, measure))
        matrix = frequency_matrix(report, measure=measure, attribute=by)
        rows = {row.code: row.values for row in matrix.rows}
        return FigureData(kind, codebook, subtitle + " · " + _("by {attribute}").format(attribute=matrix.attribute),
                          Bars(codebook.codes, tuple(str(column) for column in matrix.columns),
                               tuple(rows[code.key] for code in codebook.codes), measure))
    matrix = (frequency_matrix(report, measure=measure, attribute=by) if by is not None
              else frequency_matrix(report, measure=measure, by=columns))
    rows = {row.code: row.values for row in matrix.rows}
    column_label = matrix.attribute if by is not None else _("Case") if columns == "case" else _("Document")
    return FigureData(kind, codebook, subtitle, HeatMap(
        codebook.codes, tuple(str(column) for column in matrix.columns),
        tuple(rows[code.key] for code in codebook.codes), measure_name(measure), column_label))


def _agreement(store: ProjectStore, codebook: Codebook, coders: Sequence[str] | None, unit: str,
               min_overlap: float | None) -> FigureData:
    if not coders:
        coders = default_pair(store)
    if len(set(coders)) != 2:
        raise ProjectError(_("the agreement figure compares two different coders, e.g. --coder eva --coder daan"))
    figures = coded_text_agreement(store, list(coders), unit=unit, min_overlap=min_overlap, by_document=False)
    result = figures.agreement

    def row(agreement, label: str, pooled: bool = False) -> KappaRow:
        return KappaRow(label, agreement.pair.kappa.value, agreement.interval.low, agreement.interval.high, pooled)

    rows = [row(agreement, codebook.code_by_id(agreement.code_id).name) for agreement in result.worst_first()]
    rows.append(row(result.pooled, _("Pooled"), pooled=True))
    names = (figures.scope.coders[0].name, figures.scope.coders[1].name)
    subtitle = _("{a} and {b}, on {units}").format(a=names[0], b=names[1], units=unit_name(unit))
    return FigureData("agreement", codebook, subtitle, KappaPlot(tuple(rows), names, unit))


def _counted(coders: Sequence[str], unit: str) -> str:
    return _("coders: {coders} · units: {units}").format(coders=", ".join(coders) or _("none"),
                                                         units=unit_name(unit))
