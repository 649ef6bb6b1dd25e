"""``qualcode agreement --coders A B``: inter-coder agreement per code on coded text, with the counts behind it."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from qualcode.agreement.coded_text import PAIR_COLUMNS, CodeAgreement, group_columns, row_values, worst_first
from qualcode.agreement.units import parse_min_overlap
from qualcode.cli import app
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.storage.agreement_data import CodedTextReport, coded_text_agreement
from qualcode.storage.errors import ProjectError

UNIT_NAMES = {"char": "characters", "turn": "turns", "paragraph": "paragraphs", "sentence": "sentences"}
UNDEFINED = "undef."
_WIDE = 1000
CHAR_NOTE = ("Note: neighbouring characters are not independent, so character-level intervals are too narrow; "
             "read them as a lower bound on the uncertainty.")


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
        text = _table_text(report, by_document, seed)
    else:
        text = _data_text(report, by_document, output_format)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        _write_atomically(output, text)
    except OSError as error:
        raise fail(f"cannot write {output}: {error.strerror or error}") from None
    inform(f"Wrote {output}")


def _rows(report: CodedTextReport, by_document: bool) -> tuple[list[dict], tuple[str, ...]]:
    result = report.agreement
    columns = PAIR_COLUMNS if len(result.coder_ids) == 2 else group_columns(len(result.coder_ids))
    overall = [row_values(row) for row in (*result.rows, result.pooled)]
    if not by_document:
        return overall, columns
    documents = [{"document": row.document, **row_values(row)} for row in result.by_document]
    return documents + [{"document": "*", **row} for row in overall], ("document", *columns)


def _data_text(report: CodedTextReport, by_document: bool, output_format: OutputFormat) -> str:
    rows, columns = _rows(report, by_document)
    buffer = io.StringIO()
    if output_format is OutputFormat.json:
        json.dump([{column: row[column] for column in columns} for row in rows], buffer, ensure_ascii=False,
                  indent=2)
        buffer.write("\n")
    else:
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if row[column] is None else row[column] for column in columns] for row in rows])
    return buffer.getvalue()


def _table_text(report: CodedTextReport, by_document: bool, seed: int) -> str:
    """The tables at their natural width (long code keys are not folded), with formulas and notes."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=_WIDE, soft_wrap=True)
    scope, result = report.scope, report.agreement
    pair = len(scope.coders) == 2
    coders = ", ".join(f"{label} = {coder.name}" for label, coder in zip("ABCDEFGHIJ", scope.coders, strict=False))
    unit = UNIT_NAMES[scope.unit]
    if scope.unit == "char":
        coded = ""
    elif result.min_overlap is None:
        coded = "; coded = any overlap"
    else:
        coded = f"; coded = codings cover ≥ {result.min_overlap * 100:g}%"
    console.print(f"Agreement of {coders} on {unit}{coded}; {_count(len(scope.documents), 'document')}, "
                  f"{_count(len(result.rows), 'code')}.", markup=False)
    if pair:
        console.print("p_o = (both + neither) / units\n"
                      "p_e = ((both + only_a)·(both + only_b) + (neither + only_b)·(neither + only_a)) / units²\n"
                      "κ = (p_o − p_e) / (1 − p_e)   (Cohen's kappa)\n"
                      "α = 1 − D_o / D_e   (Krippendorff's alpha, nominal)\n"
                      "95% CI of κ: percentile bootstrap over units, 2000 resamples, "
                      f"seed {seed}.")
    else:
        console.print(f"coded by j = units exactly j of the {len(scope.coders)} coders coded\n"
                      "P̄ = mean share of agreeing coder pairs per unit;  P̄_e = p² + (1 − p)², p = share of "
                      "coded values\nFleiss' κ = (P̄ − P̄_e) / (1 − P̄_e)   α = 1 − D_o / D_e   (nominal)")
    reasons: list[str] = []
    tables = [_table("All documents", result.worst_first(), result.pooled, pair, reasons)]
    if by_document:
        for document in scope.documents:
            rows = [row for row in result.by_document if row.document_id == document.id]
            code_rows = worst_first(row for row in rows if row.code_id is not None)
            tables.append(_table(document.name, code_rows, rows[-1], pair, reasons))
    for table in tables:
        console.print(table, width=console.measure(table).maximum)
    for number, reason in enumerate(reasons, start=1):
        console.print(f"[{number}] {reason}", markup=False, highlight=False)
    if scope.unit == "char":
        console.print(CHAR_NOTE)
    if scope.partly_coded_documents:
        console.print(f"Left out, as not every coder coded in them: {', '.join(scope.partly_coded_documents)} "
                      "(name them with --documents to include them).", markup=False)
    unused = scope.unused_codes()
    if unused:
        console.print(f"Left out, as no chosen coder used them here: {', '.join(code.key for code in unused)} "
                      "(name one with --codes to include it).", markup=False)
    return buffer.getvalue()


def _table(title: str, rows: list[CodeAgreement], pooled: CodeAgreement, pair: bool, reasons: list[str]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("code", no_wrap=True)
    headings = (["units", "both", "only A", "only B", "neither", "p_o", "p_e", "κ", "κ 95% CI", "α"] if pair else
                ["units", *(f"coded by {j}" for j in range(pooled.group.counts.coders + 1)), "P̄", "P̄_e",
                 "Fleiss' κ", "α"])
    for heading in headings:
        table.add_column(heading, justify="right")
    for row in rows:
        table.add_row(*_cells(row, pair, reasons))
    table.add_section()
    table.add_row(*_cells(pooled, pair, reasons))
    return table


def _cells(row: CodeAgreement, pair: bool, reasons: list[str]) -> list[str]:
    label = "* (pooled)" if row.code_id is None else row.code
    if pair and row.pair is not None and row.interval is not None:
        counts, kappa = row.pair.counts, row.pair.kappa
        percent, kappa_cell = _figure(row.pair.percent_agreement, label, reasons), _figure(kappa, label, reasons)
        if row.interval.defined:
            interval = f"{row.interval.low:.3f} – {row.interval.high:.3f}"
        elif not kappa.defined:
            interval = kappa_cell
        else:
            interval = _undefined(f"{label}, κ interval: {row.interval.reason}", reasons)
        return [label, str(counts.units), str(counts.both), str(counts.only_a), str(counts.only_b),
                str(counts.neither), percent, _number(kappa.expected), kappa_cell, interval,
                _figure(row.pair.alpha, label, reasons)]
    group, fleiss = row.group, row.group.fleiss_kappa
    return [label, str(group.counts.units), *map(str, group.counts.coded_by), _number(fleiss.observed),
            _number(fleiss.expected), _figure(fleiss, label, reasons), _figure(group.alpha, label, reasons)]


def _figure(result, label: str, reasons: list[str]) -> str:
    if result.defined:
        return f"{result.value:.4f}"
    return _undefined(f"{label}, {result.measure}: {result.reason}", reasons)


def _undefined(reason: str, reasons: list[str]) -> str:
    if reason not in reasons:
        reasons.append(reason)
    return f"{UNDEFINED} [{reasons.index(reason) + 1}]"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _write_atomically(path: Path, text: str) -> None:
    """Write next to ``path`` and then replace it, so a failed write never leaves half a file."""
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=path.parent,
                                         prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(text)
        os.replace(handle.name, path)
    finally:
        Path(handle.name).unlink(missing_ok=True)
