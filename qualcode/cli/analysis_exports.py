"""``qualcode export quotes|crosstab|framework|memos``: the analysis as files for the thesis."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from qualcode.cli.command_groups import export_app
from qualcode.cli.output import fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.cli.pseudonymised_option import PSEUDONYMISED_OPTION, exported_store
from qualcode.cli.retrieve_command import (
    ALL_ROLES_OPTION, CODER_OPTION, DOCUMENT_OPTION, UNIT_OPTION, WHERE_OPTION, RetrieveUnit, retrieval_filters,
)
from qualcode.domain.code_query import QueryError
from qualcode.export.csv_dialects import EXCEL_NL, RFC_4180
from qualcode.export.report_files import EXPORTS_FOLDER, ExportError, ReportTable, report_paths, write_tables
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _

OUTPUT_OPTION = typer.Option(None, "--output", "-o", help=_("Write here instead of exports/."))
EXCEL_NL_OPTION = typer.Option(False, "--excel-nl", help=_("CSV for Excel with Dutch settings."))


class QuotesFormat(str, Enum):
    docx = "docx"
    md = "md"


class TableFormat(str, Enum):
    csv = "csv"
    md = "md"


class MatrixFormat(str, Enum):
    xlsx = "xlsx"
    md = "md"


def _target(store, output: Path | None, name: str) -> Path:
    if output is not None:
        return output
    folder = store.folder / EXPORTS_FOLDER
    folder.mkdir(exist_ok=True)
    return folder / name


@export_app.command("quotes", help=_("A quote book (quotes.docx): per group and code in codebook order, each quote once per code.\n"
                                     "\n"
                                     "The code's name (Heading 2, under its group as Heading 1) and description, then each quote in\n"
                                     "Word's Quote style with its case, document and time or turn number."))
def export_quotes(
    query: str = typer.Argument(None, help=_("A code query (default: every code).")),
    output_format: QuotesFormat = typer.Option(QuotesFormat.docx, "--format", "-f", help=_("docx (Word) or md.")),
    memos: bool = typer.Option(False, "--memos", help=_("Each quote's memo under it.")),
    unit: RetrieveUnit = UNIT_OPTION,
    coder: list[str] = CODER_OPTION,
    document: list[str] = DOCUMENT_OPTION,
    where: list[str] = WHERE_OPTION,
    all_roles: bool = ALL_ROLES_OPTION,
    output: Path = OUTPUT_OPTION,
    pseudonymised: bool = PSEUDONYMISED_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.analysis.matrix_files import write_text_file
    from qualcode.analysis.quote_book import quote_book, quote_book_markdown, write_quote_book_docx

    filters = retrieval_filters(coder, document, where, all_roles)
    store = open_store(project)
    try:
        with exported_store(store, pseudonymised) as source:
            book = quote_book(source, query, filters=filters, unit=unit.value if unit else None, memos=memos)
        path = _target(store, output, f"quotes.{output_format.value}")
        if output_format is QuotesFormat.docx:
            write_quote_book_docx(book, path)
        else:
            write_text_file(path, quote_book_markdown(book))
    except (QueryError, ProjectError, ExportError) as error:
        raise fail(str(error)) from None
    quotes = sum(len(section.quotes) for section in book.sections)
    inform(_("{quotes} quotes under {count} codes").format(quotes=quotes, count=len(book.sections)))
    typer.echo(str(path))


@export_app.command("crosstab", help=_("Codes × attribute values, cases or documents: segment counts and the share of cases.\n"
                                       "\n"
                                       "CSV: crosstab-ATTRIBUTE-segments.csv and crosstab-ATTRIBUTE-cases.csv (or crosstab-cases-...,\n"
                                       "crosstab-documents-...); markdown: one table with the share of cases in brackets."))
def export_crosstab(
    by: str = typer.Option(None, "--by", help=_("Columns: the values of this case attribute (e.g. fase).")),
    cases: bool = typer.Option(False, "--cases", help=_("Columns: the cases.")),
    documents: bool = typer.Option(False, "--documents", help=_("Columns: the documents.")),
    row: list[str] = typer.Option(None, "--row", help=_("A row's query: a code, group, glob or @saved query "
                                                      "(repeatable; default: every code).")),
    output_format: TableFormat = typer.Option(TableFormat.csv, "--format", "-f", help=_("csv (two files) or md.")),
    unit: RetrieveUnit = UNIT_OPTION,
    coder: list[str] = CODER_OPTION,
    where: list[str] = WHERE_OPTION,
    all_roles: bool = ALL_ROLES_OPTION,
    output: Path = OUTPUT_OPTION,
    excel_nl: bool = EXCEL_NL_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.analysis.comparison import crosstab
    from qualcode.analysis.matrix_files import crosstab_markdown, crosstab_tables, write_text_file

    chosen = [name for name, on in (("--by", by), ("--cases", cases), ("--documents", documents)) if on]
    if len(chosen) != 1:
        raise fail(_("choose the columns: one of --by ATTRIBUTE, --cases or --documents"))
    kind = "attribute" if by else "case" if cases else "document"
    filters = retrieval_filters(coder, None, where, all_roles)
    store = open_store(project)
    try:
        table = crosstab(store, kind=kind, attribute=by, rows=row or None, filters=filters,
                         unit=unit.value if unit else None)
        if output_format is TableFormat.md:
            name = f"crosstab-{by}.md" if by else f"crosstab-{kind}s.md"
            path = _target(store, output, name)
            write_text_file(path, crosstab_markdown(table))
            typer.echo(str(path))
            return
        tables: list[ReportTable] = crosstab_tables(table)
        paths = report_paths(store.folder, tables, output)
        for path in write_tables(list(zip(paths, tables)), EXCEL_NL if excel_nl else RFC_4180):
            typer.echo(str(path))
    except (QueryError, ProjectError, ExportError) as error:
        raise fail(str(error)) from None


@export_app.command("framework", help=_("The framework matrix (framework.xlsx): codes × cases, one sheet per group.\n"
                                        "\n"
                                        "Each cell holds the researcher's summary, then the passages with their document and time or turn."))
def export_framework(
    output_format: MatrixFormat = typer.Option(MatrixFormat.xlsx, "--format", "-f", help=_("xlsx or md.")),
    unit: RetrieveUnit = UNIT_OPTION,
    coder: list[str] = CODER_OPTION,
    all_roles: bool = ALL_ROLES_OPTION,
    output: Path = OUTPUT_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.analysis.comparison import framework_matrix
    from qualcode.analysis.matrix_files import framework_markdown, write_framework_xlsx, write_text_file

    filters = retrieval_filters(coder, None, None, all_roles)
    store = open_store(project)
    try:
        matrix = framework_matrix(store, filters=filters, unit=unit.value if unit else None)
        path = _target(store, output, f"framework.{output_format.value}")
        if output_format is MatrixFormat.xlsx:
            write_framework_xlsx(matrix, path)
        else:
            write_text_file(path, framework_markdown(matrix))
    except (QueryError, ProjectError, ExportError) as error:
        raise fail(str(error)) from None
    typer.echo(str(path))


@export_app.command("memos", help=_("Every memo (memos.md): coding memos, segment memos and framework summaries, under the text they are on."))
def export_memos(
    output_format: TableFormat = typer.Option(TableFormat.md, "--format", "-f", help=_("md or csv.")),
    coder: list[str] = CODER_OPTION,
    code: str = typer.Option(None, "--code", help=_("Only memos on this code (coding memos and summaries).")),
    search: str = typer.Option(None, "--search", help=_("Only memos that hold these words.")),
    output: Path = OUTPUT_OPTION,
    excel_nl: bool = EXCEL_NL_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.analysis.matrix_files import write_text_file
    from qualcode.analysis.project_memos import MEMO_COLUMNS, memo_rows, memos_markdown, project_memos

    store = open_store(project)
    try:
        memos = project_memos(store, coders=tuple(coder) if coder else None, code=code, search=search)
        if output_format is TableFormat.md:
            path = _target(store, output, "memos.md")
            write_text_file(path, memos_markdown(memos))
            typer.echo(str(path))
            return
        table = ReportTable("memos", "", MEMO_COLUMNS, memo_rows(memos))
        paths = report_paths(store.folder, [table], output)
        for path in write_tables([(paths[0], table)], EXCEL_NL if excel_nl else RFC_4180):
            typer.echo(str(path))
    except (ProjectError, ExportError) as error:
        raise fail(str(error)) from None
