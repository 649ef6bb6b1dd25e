"""``qualcode figure frequencies|matrix|cooccurrence|agreement``: a figure for the thesis, as SVG, PNG or PDF."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.agreement_command import UnitChoice
from qualcode.cli.export_commands import MeasureChoice
from qualcode.cli.export_commands import UnitChoice as CountedUnit
from qualcode.cli.output import fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError


class FigureChoice(str, Enum):
    frequencies = "frequencies"
    matrix = "matrix"
    cooccurrence = "cooccurrence"
    agreement = "agreement"


@app.command(help=_("A figure sized for an A4 text column: SVG keeps its text as text, PDF embeds its fonts."))
def figure(
    kind: FigureChoice = typer.Argument(..., help=_("frequencies (codes by group), matrix (codes × cases or an "
                                                    "attribute), cooccurrence, or agreement (κ per code).")),
    output: Path = typer.Option(..., "--output", "-o", help=_("FILE.svg, FILE.png or FILE.pdf.")),
    by: str = typer.Option(None, "--by", show_default=False,
                           help=_("A case attribute: frequencies per value, or the matrix's columns.")),
    coder: list[str] = typer.Option(None, "--coder", show_default=False,
                                    help=_("Whose codings to count (default: as export frequencies counts); for "
                                           "agreement, give two (default: the two with most codings).")),
    unit: CountedUnit = typer.Option(CountedUnit.turn, "--unit", "-u",
                                     help=_("The unit counted as coded (frequencies, matrix, co-occurrence).")),
    measure: MeasureChoice = typer.Option(MeasureChoice.codings, "--measure",
                                          help=_("What frequencies and the matrix count.")),
    agreement_unit: UnitChoice = typer.Option(UnitChoice.char, "--agreement-unit",
                                              help=_("The unit of the agreement figure, as qualcode agreement's "
                                                     "--unit.")),
    min_overlap: str = typer.Option(None, "--min-overlap", show_default=False,
                                    help=_("Agreement: share of a unit a coder's codings must cover.")),
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.agreement.units import parse_min_overlap
    from qualcode.export.atomic_files import ExportError
    from qualcode.export.counted_coders import counted_coders
    from qualcode.export.figure_data import figure_data
    from qualcode.export.figure_drawing import check_figure_path, write_figure

    try:
        check_figure_path(output)
        overlap = None if min_overlap is None else parse_min_overlap(min_overlap)
    except (ValueError, ExportError) as error:
        raise fail(str(error)) from None
    store = open_store(project)
    try:
        if kind is FigureChoice.agreement:
            coders = list(dict.fromkeys(coder or [])) or None
        else:
            counted = counted_coders(store, coder or ())
            coders = list(counted.names) if counted.names is not None else None
            inform(_("counting {coders}").format(coders=counted.label))
        data = figure_data(store, kind.value, coders=coders, by=by, unit=unit.value, measure=measure.value,
                           agreement_unit=agreement_unit.value, min_overlap=overlap)
    except ProjectError as error:
        raise fail(str(error)) from None
    finally:
        store.close()
    try:
        written = write_figure(data, output)
    except ExportError as error:
        raise fail(str(error)) from None
    inform(_("Wrote {path}").format(path=written))
