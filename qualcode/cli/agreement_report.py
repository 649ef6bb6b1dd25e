"""The text of ``qualcode agreement``: the table with formulas and counts, or CSV/JSON rows."""

from __future__ import annotations

import csv
import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from qualcode.agreement.coded_text import PAIR_COLUMNS, CodeAgreement, group_columns, row_values, worst_first
from qualcode.cli.output import json_text as json_value_text
from qualcode.domain.display_text import display_text
from qualcode.domain.language import _, ngettext
from qualcode.export.csv_dialects import CsvStyle, cell_text
from qualcode.export.report_files import ReportTable
from qualcode.storage.agreement_data import CodedTextReport

UNIT_NAMES = {"char": _("characters"), "turn": _("turns"), "paragraph": _("paragraphs"), "sentence": _("sentences")}
UNDEFINED = _("undef.")
_WIDE = 1000
CHAR_NOTE = _("Note: neighbouring characters are not independent, so character-level intervals are too narrow; "
               "read them as a lower bound on the uncertainty.")


def _rows(report: CodedTextReport, by_document: bool) -> tuple[list[dict], tuple[str, ...]]:
    result = report.agreement
    columns = PAIR_COLUMNS if len(result.coder_ids) == 2 else group_columns(len(result.coder_ids))
    overall = [row_values(row) for row in (*result.rows, result.pooled)]
    if not by_document:
        return overall, columns
    documents = [{"document": row.document, **row_values(row)} for row in result.by_document]
    return documents + [{"document": "*", **row} for row in overall], ("document", *columns)


def agreement_table(report: CodedTextReport, by_document: bool) -> ReportTable:
    """One row per code (and per document and code), then the pooled row ``*``: what CSV and xlsx hold."""
    rows, columns = _rows(report, by_document)
    return ReportTable("agreement", "", columns, [tuple(row[column] for column in columns) for row in rows])


def json_text(report: CodedTextReport, by_document: bool) -> str:
    rows, columns = _rows(report, by_document)
    return json_value_text([{column: row[column] for column in columns} for row in rows]) + "\n"


def csv_text(table: ReportTable, style: CsvStyle) -> str:
    """The table as CSV for standard output: ``style``'s cells, one ``\\n`` per line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, style.dialect, lineterminator="\n")
    writer.writerow([cell_text(name, style) for name in table.header])
    writer.writerows([cell_text(value, style) for value in row] for row in table.rows)
    return buffer.getvalue()


def table_text(report: CodedTextReport, by_document: bool, seed: int) -> str:
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
        coded = _("; coded = any overlap")
    else:
        coded = _("; coded = codings cover ≥ {percent:g}%").format(percent=result.min_overlap * 100)
    documents = ngettext("{count} document", "{count} documents", len(scope.documents)).format(
        count=len(scope.documents))
    codes = ngettext("{count} code", "{count} codes", len(result.rows)).format(count=len(result.rows))
    console.print(_("Agreement of {coders} on {unit}{coded}; {documents}, {codes}.").format(
        coders=coders, unit=unit, coded=coded, documents=documents, codes=codes), markup=False)
    if pair:
        console.print(_("p_o = (both + neither) / units\n"
                        "p_e = ((both + only_a)·(both + only_b) + (neither + only_b)·(neither + only_a)) / units²\n"
                        "κ = (p_o − p_e) / (1 − p_e)   (Cohen's kappa)\n"
                        "α = 1 − D_o / D_e   (Krippendorff's alpha, nominal)\n"
                        "95% CI of κ: percentile bootstrap over units, 2000 resamples, "
                        "seed {seed}.").format(seed=seed))
    else:
        console.print(_("coded by j = units exactly j of the {count} coders coded\n"
                        "P̄ = mean share of agreeing coder pairs per unit;  P̄_e = p² + (1 − p)², p = share of "
                        "coded values\nFleiss' κ = (P̄ − P̄_e) / (1 − P̄_e)   α = 1 − D_o / D_e   (nominal)").format(
            count=len(scope.coders)))
    reasons: list[str] = []
    tables = [_table(_("All documents"), result.worst_first(), result.pooled, pair, reasons)]
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
        console.print(_("Left out, as not every coder coded in them: {documents} "
                        "(name them with --documents to include them).").format(
            documents=", ".join(scope.partly_coded_documents)), markup=False)
    unused = scope.unused_codes()
    if unused:
        console.print(_("Left out, as no chosen coder used them here: {codes} "
                        "(name one with --codes to include it).").format(
            codes=", ".join(code.key for code in unused)), markup=False)
    return display_text(buffer.getvalue())


def _table(title: str, rows: list[CodeAgreement], pooled: CodeAgreement, pair: bool, reasons: list[str]) -> Table:
    table = Table(title=Text(title), title_justify="left")
    table.add_column(_("code"), no_wrap=True)
    headings = ([_("units"), _("both"), _("only A"), _("only B"), _("neither"), "p_o", "p_e", "κ", _("κ 95% CI"), "α"]
                if pair else
                [_("units"), *(_("coded by {count}").format(count=j) for j in range(pooled.group.counts.coders + 1)),
                 "P̄", "P̄_e", "Fleiss' κ", "α"])
    for heading in headings:
        table.add_column(heading, justify="right")
    for row in rows:  # cells are Text: a name is never read as markup
        table.add_row(*map(Text, _cells(row, pair, reasons)))
    table.add_section()
    table.add_row(*map(Text, _cells(pooled, pair, reasons)))
    return table


def _cells(row: CodeAgreement, pair: bool, reasons: list[str]) -> list[str]:
    label = _("* (pooled)") if row.code_id is None else row.code
    if pair and row.pair is not None and row.interval is not None:
        counts, kappa = row.pair.counts, row.pair.kappa
        percent, kappa_cell = _figure(row.pair.percent_agreement, label, reasons), _figure(kappa, label, reasons)
        if row.interval.defined:
            interval = f"{row.interval.low:.3f} – {row.interval.high:.3f}"
        elif not kappa.defined:
            interval = kappa_cell
        else:
            interval = _undefined(_("{label}, κ interval: {reason}").format(label=label, reason=row.interval.reason), reasons)
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


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"

