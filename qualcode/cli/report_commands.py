"""``qualcode report agreement|methods``: the agreement report a supervisor signs, the methods paragraph."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.agreement_command import DOCUMENTS_OPTION, MIN_OVERLAP_OPTION, UNIT_OPTION, UnitChoice, _split
from qualcode.cli.output import fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.cli.pseudonymised_option import PSEUDONYMISED_OPTION
from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError

report_app = typer.Typer(help=_("Reports to read, print and cite: the agreement report, the methods paragraph."),
                         no_args_is_help=True)
app.add_typer(report_app, name="report")


class MethodsLanguage(str, Enum):
    nl = "nl"
    en = "en"


@report_app.command("agreement", help=_(
    "The agreement report a supervisor signs off, as one HTML page or PDF.\n\nWhat was compared (with a "
    "fingerprint of the codings), the pooled result, per-code figures worst first, a forest plot of "
    "kappa, conventions and formulas, and every disagreement in context with how it was settled."))
def report_agreement(
    more_coders: list[str] = typer.Argument(None, metavar="[CODER]...", show_default=False,
                                            help=_("The second coder, so that '--coders eva daan' works.")),
    coders: list[str] = typer.Option(None, "--coders", "-c", show_default=False,
                                     help=_("The two coders to compare (A, then B).")),
    unit: UnitChoice = UNIT_OPTION,
    min_overlap: str = MIN_OVERLAP_OPTION,
    documents: list[str] = DOCUMENTS_OPTION,
    seed: int = typer.Option(0, "--seed", help=_("Seed of the bootstrap intervals (same seed, same interval).")),
    output: Path = typer.Option(None, "--output", "-o", show_default=False,
                                help=_("FILE.html or FILE.pdf (default: exports/agreement-A-B.html).")),
    pseudonymised: bool = PSEUDONYMISED_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.agreement.units import parse_min_overlap
    from qualcode.export.agreement_html import agreement_html
    from qualcode.export.agreement_report import ReportChoice, agreement_report
    from qualcode.export.atomic_files import ExportError
    from qualcode.export.page_files import check_page_path, default_page_path, write_page
    from qualcode.export.pseudonymised_agreement_report import pseudonymised_report
    from qualcode.storage.accepted_pseudonyms import accepted_pseudonyms

    names = list(dict.fromkeys(_split(coders) + _split(more_coders)))
    if len(names) != 2:
        raise fail(_("the report compares two different coders, e.g. --coders eva daan (got {names})").format(
            names=", ".join(names) or _("none")))
    try:
        overlap = None if min_overlap is None else parse_min_overlap(min_overlap)
        if output is not None:
            check_page_path(output)
    except (ValueError, ExportError) as error:
        raise fail(str(error)) from None
    choice = ReportChoice((names[0], names[1]), unit.value, overlap, tuple(_split(documents)), seed)
    store = open_store(project)
    try:
        report = agreement_report(store, choice)
        if pseudonymised:
            report = pseudonymised_report(report, accepted_pseudonyms(store))
    except ProjectError as error:
        raise fail(str(error)) from None
    finally:
        store.close()
    target = output if output is not None else default_page_path(project, f"agreement-{names[0]}-{names[1]}")
    try:
        written = write_page(agreement_html(report, target.name), target)
    except ExportError as error:
        raise fail(str(error)) from None
    inform(_("Wrote {path}").format(path=written))


@report_app.command("methods", help=_(
    "A paragraph for the methods chapter with the project's own numbers and the references; edit it "
    "freely."))
def report_methods(
    coders: list[str] = typer.Option(None, "--coders", "-c", show_default=False,
                                     help=_("The two coders whose agreement to report (default: the two with most "
                                            "codings).")),
    unit: UnitChoice = typer.Option(UnitChoice.char, "--unit", "-u",
                                    help=_("The unit of the agreement figures, as in qualcode agreement.")),
    min_overlap: str = typer.Option(None, "--min-overlap", show_default=False,
                                    help=_("Share of a unit a coder's codings must cover (default: any overlap).")),
    language: MethodsLanguage = typer.Option(MethodsLanguage.nl, "--lang", help=_("nl (Dutch) or en (English).")),
    output: Path = typer.Option(None, "--output", "-o", show_default=False,
                                help=_("Write to this file (replaced atomically) instead of standard output.")),
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.agreement.units import parse_min_overlap
    from qualcode.export.atomic_files import ExportError, check_folders, write_files
    from qualcode.export.methods_text import methods_facts, methods_text

    names = list(dict.fromkeys(_split(coders)))
    if names and len(names) != 2:
        raise fail(_("give two different coders, e.g. --coders eva daan (got {names})").format(names=", ".join(names)))
    try:
        overlap = None if min_overlap is None else parse_min_overlap(min_overlap)
    except ValueError as error:
        raise fail(str(error)) from None
    store = open_store(project)
    try:
        facts = methods_facts(store, tuple(names) or None, unit=unit.value, min_overlap=overlap)
    except ProjectError as error:
        raise fail(str(error)) from None
    finally:
        store.close()
    text = methods_text(facts, language.value)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        check_folders([output])
        write_files([(output, lambda temporary: temporary.write_text(text, encoding="utf-8", newline="\n"))])
    except ExportError as error:
        raise fail(str(error)) from None
    inform(_("Wrote {path}").format(path=output))
