"""``qualcode retrieve QUERY``: the coded segments a code query finds, one row per segment."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import OutputFormat, emit_rows, fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.domain.code_query import QueryError
from qualcode.domain.retrieval import RetrievalFilters
from qualcode.export.csv_dialects import EXCEL_NL, RFC_4180, cell_text
from qualcode.export.report_files import ExportError, write_tables
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _


class RetrieveFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    md = "md"


class RetrieveUnit(str, Enum):
    turn = "turn"
    paragraph = "paragraph"
    sentence = "sentence"


def attribute_filters(where: list[str] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``--where fase=verkennend --where fase=gestart`` as (attribute, allowed values) pairs."""
    allowed: dict[str, list[str]] = {}
    for condition in where or ():
        name, equals, value = condition.partition("=")
        if not equals or not name.strip():
            raise fail(_("--where needs ATTRIBUTE=VALUE, not {condition!r}").format(condition=condition))
        allowed.setdefault(name.strip(), []).append(value.strip())
    return tuple((name, tuple(values)) for name, values in allowed.items())


def retrieval_filters(coder: list[str] | None, document: list[str] | None, where: list[str] | None,
                      all_roles: bool) -> RetrievalFilters:
    return RetrievalFilters(coders=tuple(coder) if coder else None, documents=tuple(document) if document else None,
                            attributes=attribute_filters(where), roles=None if all_roles else ("respondent",))


UNIT_OPTION = typer.Option(None, "--unit", help=_("AND means the same unit, and each unit found is one row."))
CONTEXT_OPTION = typer.Option(0, "--context", min=0, help=_("Characters of text before and after each segment."))
CODER_OPTION = typer.Option(None, "--coder", help=_("Only this coder's codings (repeat for several; consensus too)."))
DOCUMENT_OPTION = typer.Option(None, "--document", help=_("Only this document (repeatable)."))
WHERE_OPTION = typer.Option(None, "--where", help=_("Only cases with ATTRIBUTE=VALUE (repeat; same attribute: any)."))
ALL_ROLES_OPTION = typer.Option(False, "--all-roles", help=_("Interviewer turns too (default: respondents only)."))
RETRIEVE_FORMAT_OPTION = typer.Option(RetrieveFormat.table, "--format", "-f",
                                      help=_("table for people; csv, json or md (markdown) for files."))
RETRIEVE_OUTPUT_OPTION = typer.Option(None, "--output", "-o", help=_("Write to this file instead of standard output."))
EXCEL_NL_OPTION = typer.Option(False, "--excel-nl", help=_("CSV for Excel with Dutch settings."))


@app.command(help=_("The coded segments QUERY finds, in document order: document, case, speaker, time, coder, codes, text, memo.\n"
                    "\n"
                    "QUERY: code ids or globs (belemmerend/*), AND (overlapping, or the same --unit), OR, NOT,\n"
                    "A NEAR n B, A FOLLOWED BY n B (turns), TEXT \"words\", WHERE attribute = value (!=, IN (a, b)),\n"
                    "CODER name, @saved-query, parentheses. JSON objects carry document, case, code (a list),\n"
                    "coder, start, end (code-point offsets into the stored text), speaker, time, text and memo."))
def retrieve(
    query: str = typer.Argument(..., help='A code query: belemmerend/* AND NOT CODER daan, TEXT "geld" ...'),
    unit: RetrieveUnit = UNIT_OPTION,
    context: int = CONTEXT_OPTION,
    coder: list[str] = CODER_OPTION,
    document: list[str] = DOCUMENT_OPTION,
    where: list[str] = WHERE_OPTION,
    all_roles: bool = ALL_ROLES_OPTION,
    output_format: RetrieveFormat = RETRIEVE_FORMAT_OPTION,
    output: Path = RETRIEVE_OUTPUT_OPTION,
    excel_nl: bool = EXCEL_NL_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.analysis.retrieval import retrieval_counts
    from qualcode.analysis.retrieval import retrieve as run_query
    from qualcode.analysis.retrieval_table import (
        TABLE_COLUMNS, retrieval_markdown, retrieval_table, segment_record, segment_row,
    )

    filters = retrieval_filters(coder, document, where, all_roles)
    store = open_store(project)
    try:
        segments = list(run_query(store, query, filters=filters, unit=unit.value if unit else None, context=context))
        counts = retrieval_counts(segments)
        inform(_("{segments} segments in {documents} documents, {cases} cases, {coders} coders").format(
            segments=counts.segments, documents=counts.documents, cases=counts.cases, coders=counts.coders))
        if output_format is RetrieveFormat.csv and output is not None:
            write_tables([(output, retrieval_table(segments))], EXCEL_NL if excel_nl else RFC_4180)
            typer.echo(str(output))
            return
        if output_format is RetrieveFormat.json:
            text = json.dumps([segment_record(s) for s in segments], ensure_ascii=False, indent=2) + "\n"
        elif output_format is RetrieveFormat.md:
            text = retrieval_markdown(segments, title=query)
        elif output_format is RetrieveFormat.csv:
            _write_csv(retrieval_table(segments), EXCEL_NL if excel_nl else RFC_4180)
            return
        else:
            if output is not None:
                raise fail(_("--output needs --format csv, json or md"))
            emit_rows([segment_row(s) for s in segments], TABLE_COLUMNS, OutputFormat.table)
            return
        if output is not None:
            try:
                output.write_text(text, encoding="utf-8")
            except OSError as error:
                raise fail(_("cannot write {output}: {value}").format(
                    output=output, value=error.strerror or error)) from None
            typer.echo(str(output))
        else:
            sys.stdout.write(text)
    except (QueryError, ProjectError, ExportError) as error:
        raise fail(str(error)) from None


def _write_csv(table, style) -> None:
    """CSV to standard output through the report cells' conversion (decimal commas, guards)."""
    writer = csv.writer(sys.stdout, style.dialect)
    writer.writerow([cell_text(name, style) for name in table.header])
    writer.writerows([cell_text(value, style) for value in row] for row in table.rows)
