"""``qualcode agreement --coders A B``: inter-coder agreement per code on coded text, with the counts behind it."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from qualcode.cli import app
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.storage.errors import ProjectError


class UnitChoice(str, Enum):
    char = "char"
    turn = "turn"
    paragraph = "paragraph"
    sentence = "sentence"


def _split(values: list[str] | None) -> list[str]:
    """Values given repeatedly or comma-separated."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


@app.command()
def agreement(
    more_coders: list[str] = typer.Argument(None, metavar="[CODER]...", show_default=False,
                                            help="More coders, so that '--coders eva daan' works."),
    coders: list[str] = typer.Option(None, "--coders", "-c", show_default=False,
                                     help="The coders to compare (two or more; repeat or separate by commas)."),
    unit: UnitChoice = typer.Option(UnitChoice.char, "--unit", "-u",
                                    help="char (every character, as NVivo), turn, paragraph or sentence."),
    min_overlap: str = typer.Option(None, "--min-overlap", show_default=False,
                                    help="Share of a unit a coder's codings must cover, e.g. 0.5 or 50% "
                                         "(default: any overlap)."),
    documents: list[str] = typer.Option(None, "--documents", "-d", show_default=False,
                                        help="Only these documents, by name or id (repeat or use commas)."),
    codes: list[str] = typer.Option(None, "--codes", show_default=False,
                                    help="Only these codes, by key, or a group prefix such as belemmerend/."),
    by_document: bool = typer.Option(False, "--by-document", help="Also a breakdown per document."),
    output_format: OutputFormat = FORMAT_OPTION,
    output: Path = typer.Option(None, "--output", "-o", show_default=False,
                                help="Write to this file (replaced atomically) instead of standard output."),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap intervals (same seed, same interval)."),
    project: Path = PROJECT_OPTION,
) -> None:
    """Agreement per code between two or more coders, with the counts behind it.

    Two coders: units, both, only A, only B, neither, percent agreement, Cohen's kappa with a 95% interval, alpha.

    Three or more coders: units coded by 0, 1, … coders, percent agreement, Fleiss' kappa, alpha.

    The table is sorted by worst agreement and shows p_o and p_e, so a figure can be checked by hand.

    CSV and JSON: one row per code, then the pooled row '*'.
    """
    # The measures need numpy: loaded here, not when the command line starts (the workbench goes through it).
    from qualcode.agreement.units import parse_min_overlap
    from qualcode.cli.agreement_report import data_text, table_text, write_atomically
    from qualcode.storage.agreement_data import coded_text_agreement

    try:
        overlap = None if min_overlap is None else parse_min_overlap(min_overlap)
    except ValueError as error:
        raise fail(str(error)) from None
    names = _split(coders) + _split(more_coders)
    if len(set(names)) < 2:
        raise fail(f"give at least two different coders, e.g. --coders eva daan (got {', '.join(names) or 'none'})")
    store = open_store(project)
    try:
        report = coded_text_agreement(store, names, unit=unit.value, min_overlap=overlap,
                                      documents=_split(documents), codes=_split(codes), seed=seed)
    except ProjectError as error:
        raise fail(str(error)) from None
    finally:
        store.close()
    for coder in report.scope.coders_without_codings():
        inform(f"warning: {coder.name} has no codings of these codes in the chosen documents")
    if output_format is OutputFormat.table:
        text = table_text(report, by_document, seed)
    else:
        text = data_text(report, by_document, output_format)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        write_atomically(output, text)
    except OSError as error:
        raise fail(f"cannot write {output}: {error.strerror or error}") from None
    inform(f"Wrote {output}")
