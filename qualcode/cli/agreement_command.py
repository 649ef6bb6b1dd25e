"""``qualcode agreement --coders A B``: inter-coder agreement per code on coded text, with the counts behind it."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _


class AgreementFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class UnitChoice(str, Enum):
    char = "char"
    turn = "turn"
    paragraph = "paragraph"
    sentence = "sentence"


def _split(values: list[str] | None) -> list[str]:
    """Values given repeatedly or comma-separated."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


UNIT_OPTION = typer.Option(UnitChoice.char, "--unit", "-u",
                           help=_("char (every character, as NVivo), turn, paragraph or sentence."))
MIN_OVERLAP_OPTION = typer.Option(None, "--min-overlap", show_default=False,
                                  help=_("Share of a unit a coder's codings must cover, e.g. 0.5 or 50% "
                                         "(default: any overlap)."))
DOCUMENTS_OPTION = typer.Option(None, "--documents", "-d", show_default=False,
                                help=_("Only these documents, by name or id (repeat or use commas)."))

@app.command(help=_("Agreement per code between two or more coders, with the counts behind it.\n"
                    "\n"
                    "Two coders: units, both, only A, only B, neither, percent agreement, Cohen's kappa with a 95% interval, alpha.\n"
                    "\n"
                    "Three or more coders: units coded by 0, 1, … coders, percent agreement, Fleiss' kappa, alpha.\n"
                    "\n"
                    "The table is sorted by worst agreement and shows p_o and p_e, so a figure can be checked by hand.\n"
                    "\n"
                    "CSV, JSON and xlsx: one row per code, then the pooled row '*'."))
def agreement(
    more_coders: list[str] = typer.Argument(None, metavar="[CODER]...", show_default=False,
                                            help=_("More coders, so that '--coders eva daan' works.")),
    coders: list[str] = typer.Option(None, "--coders", "-c", show_default=False,
                                     help=_("The coders to compare (two or more; repeat or separate by commas).")),
    unit: UnitChoice = UNIT_OPTION,
    min_overlap: str = MIN_OVERLAP_OPTION,
    documents: list[str] = DOCUMENTS_OPTION,
    codes: list[str] = typer.Option(None, "--codes", show_default=False,
                                    help=_("Only these codes, by key, or a group prefix such as belemmerend/.")),
    by_document: bool = typer.Option(False, "--by-document", help=_("Also a breakdown per document.")),
    output_format: AgreementFormat = typer.Option(
        AgreementFormat.table, "--format", "-f",
        help=_("table for people; csv or json for scripts; xlsx (with --output) for a spreadsheet.")),
    output: Path = typer.Option(None, "--output", "-o", show_default=False,
                                help=_("Write to this file (replaced atomically) instead of standard output.")),
    raw: bool = typer.Option(False, "--raw", help=_("CSV: no ' before a code or document name that starts like a "
                                                  "formula (=, +, -, @).")),
    seed: int = typer.Option(0, "--seed", help=_("Seed of the bootstrap intervals (same seed, same interval).")),
    project: Path = PROJECT_OPTION,
) -> None:
    # The measures need numpy: loaded here, not when the command line starts (the workbench goes through it).
    from qualcode.agreement.units import parse_min_overlap
    from qualcode.cli.agreement_report import agreement_table, csv_text, json_text, table_text
    from qualcode.export.atomic_files import ExportError, check_folders, write_files
    from qualcode.export.csv_dialects import RFC_4180
    from qualcode.export.report_files import write_tables
    from qualcode.storage.agreement_data import coded_text_agreement

    if output_format is AgreementFormat.xlsx and output is None:
        raise fail(_("--format xlsx needs --output FILE.xlsx (a workbook is not text for standard output)"))
    try:
        overlap = None if min_overlap is None else parse_min_overlap(min_overlap)
    except ValueError as error:
        raise fail(str(error)) from None
    names = _split(coders) + _split(more_coders)
    if len(set(names)) < 2:
        raise fail(_("give at least two different coders, e.g. --coders eva daan (got {value})").format(
            value=', '.join(names) or 'none'))
    store = open_store(project)
    try:
        report = coded_text_agreement(store, names, unit=unit.value, min_overlap=overlap,
                                      documents=_split(documents), codes=_split(codes), seed=seed,
                                      by_document=by_document)
    except ProjectError as error:
        raise fail(str(error)) from None
    finally:
        store.close()
    for coder in report.scope.coders_without_codings():
        inform(_("warning: {name} has no codings of these codes in the chosen documents").format(name=coder.name))
    style = replace(RFC_4180, guard_formulas=not raw)
    try:
        if output_format is AgreementFormat.xlsx:
            from qualcode.export.xlsx_files import write_workbooks

            write_workbooks([(output, [agreement_table(report, by_document)])])
        elif output_format is AgreementFormat.csv and output is not None:
            write_tables([(output, agreement_table(report, by_document))], style)
        else:
            if output_format is AgreementFormat.table:
                text = table_text(report, by_document, seed)
            elif output_format is AgreementFormat.json:
                text = json_text(report, by_document)
            else:
                text = csv_text(agreement_table(report, by_document), style)
            if output is None:
                typer.echo(text, nl=False)
                return
            check_folders([output])
            write_files([(output, lambda temporary: temporary.write_text(text, encoding="utf-8", newline=""))])
    except ExportError as error:
        raise fail(str(error)) from None
    inform(_("Wrote {output}").format(output=output))
