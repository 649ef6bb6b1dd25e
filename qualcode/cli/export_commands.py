"""``qualcode export frequencies|cooccurrence|segments|codebook``: CSV or xlsx reports, to exports/ or --output."""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace
from enum import Enum
from pathlib import Path

import typer

from qualcode.cli.command_groups import export_app
from qualcode.cli.output import fail, inform, say
from qualcode.cli.project_option import PROJECT_OPTION, open_for_reading, open_store
from qualcode.cli.pseudonymised_option import PSEUDONYMISED_OPTION, exported_store
from qualcode.domain.language import _
from qualcode.export.atomic_files import EXPORTS_FOLDER
from qualcode.export.csv_dialects import EXCEL_NL, RFC_4180
from qualcode.export.report_files import ExportError, ReportTable, report_paths, write_tables
from qualcode.storage.errors import ProjectError

LONG_EXPORT_ROWS = 10_000
"""Files with at least this many rows report progress on standard error while they are written."""


class UnitChoice(str, Enum):
    turn = "turn"
    paragraph = "paragraph"
    sentence = "sentence"


class MeasureChoice(str, Enum):
    codings = "codings"
    units = "units"
    words = "words"
    documents = "documents"
    cases = "cases"


class FrequencyPart(str, Enum):
    long = "long"
    matrix = "matrix"
    cases = "cases"
    codes = "codes"
    by = "by"


class FileFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"


class CooccurrencePart(str, Enum):
    matrix = "matrix"
    pairs = "pairs"


OUTPUT_OPTION = typer.Option(
    None, "--output", "-o",
    help=_("Write here instead of exports/. A CSV report of several tables adds -<table> to the name "
         "(tabel-long.csv ...); an xlsx holds them all, a sheet per table."),
)
FORMAT_OPTION = typer.Option(
    FileFormat.csv, "--format", "-f",
    help=_("csv (a file per table) or xlsx (one workbook per report, a sheet per table, typed cells)."),
)
RAW_OPTION = typer.Option(
    False, "--raw",
    help=_("Write text exactly, without the ' put before text a spreadsheet would run as a formula (=, +, -, @)."),
)
EXCEL_NL_OPTION = typer.Option(
    False, "--excel-nl", help=_("Semicolons, UTF-8 with BOM, decimal commas, CRLF: for Excel with Dutch settings."),
)
CODER_OPTION = typer.Option(None, "--coder", help=_("Only this coder's codings (repeat for several; default: all coders)."))
UNIT_OPTION = typer.Option(UnitChoice.turn, "--unit", help=_("The unit 'units coded' counts: turn, paragraph or sentence."))


def _write(project: Path, tables: list[ReportTable], output: Path | None, excel_nl: bool, file_format: FileFormat,
           raw: bool) -> None:
    def progress(path: Path, written: int, total: int) -> None:
        if total >= LONG_EXPORT_ROWS:
            inform(_("{name}: {written:,} of {total:,} rows written").format(
                name=path.name, written=written, total=total))

    if file_format is FileFormat.xlsx:
        if excel_nl:
            raise ExportError("--excel-nl is a CSV style; an xlsx has typed cells and needs none")
        from qualcode.export.xlsx_files import workbook_paths, write_workbooks  # openpyxl only when asked for

        written = write_workbooks(workbook_paths(project, tables, output), progress)
    else:
        style = EXCEL_NL if excel_nl else RFC_4180
        written = write_tables(list(zip(report_paths(project, tables, output), tables)),
                               replace(style, guard_formulas=not raw), progress)
    for path in written:
        say(str(path))


@export_app.command("frequencies", help=_("Code frequencies per document, code, and attribute value.\n"
                                          "\n"
                                          "Writes frequencies-long.csv (per document, coder and code: codings, units coded, words coded),\n"
                                          "frequencies-codes.csv (per code, with the documents and cases it occurs in),\n"
                                          "frequencies-matrix.csv (codes × documents) and, with --by, frequencies-by-ATTRIBUTE.csv\n"
                                          "(codes × attribute values); --table cases adds frequencies-cases.csv (codes × cases);\n"
                                          "--query NAME adds frequencies-queries.csv, the saved query counted as a code is in the long table."))
def export_frequencies(
    unit: UnitChoice = UNIT_OPTION,
    coder: list[str] = typer.Option(
        None, "--coder", help=_("Count this coder's codings (default: the consensus coder, else the coder the project "
                              "remembers, else the only coder with codings). Repeat to add several together."),
    ),
    all_coders: bool = typer.Option(False, "--all-coders", help=_("Add every coder's codings together.")),
    by: str = typer.Option(None, "--by", help=_("Also a matrix of codes × the values of this case attribute (e.g. fase).")),
    measure: MeasureChoice = typer.Option(
        MeasureChoice.codings, "--measure", help=_("What the matrices count: codings, units, words, documents or cases."),
    ),
    table: list[FrequencyPart] = typer.Option(
        None, "--table", help=_("Only these tables (default: long, matrix, codes, and by with --by). Repeatable."),
    ),
    query: list[str] = typer.Option(None, "--query", help=_("Also count this saved query as a code "
                                                          "(frequencies-queries.csv; repeatable).")),
    output: Path = OUTPUT_OPTION,
    file_format: FileFormat = FORMAT_OPTION,
    excel_nl: bool = EXCEL_NL_OPTION,
    raw: bool = RAW_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.export.counted_coders import counted_coders
    from qualcode.export.frequencies import (
        code_frequencies, frequency_table, missing_values, missing_values_text, resolve_attribute,
    )

    default = [FrequencyPart.long, FrequencyPart.matrix, FrequencyPart.codes] + ([FrequencyPart.by] if by else [])
    parts = list(dict.fromkeys(table or default))
    if FrequencyPart.by in parts and not by:
        raise fail(_("--table by needs --by ATTRIBUTE"))
    store = open_store(project)
    try:
        counted = counted_coders(store, coder, all_coders=all_coders)
        coders = list(counted.names) if counted.names is not None else None
        report = code_frequencies(store, unit=unit.value, coders=coders)
        if by:
            resolve_attribute(report, by)  # refused even when --table leaves the by-attribute table out
        tables = [frequency_table(report, part.value, measure=measure.value, attribute=by) for part in parts]
        if query:
            from qualcode.analysis.query_frequencies import query_frequency_table
            tables.append(query_frequency_table(store, query, unit=unit.value, coders=coders))
        inform(_("{count} coded documents; counting {label}; unit: {unit}").format(
            count=len(report.documents), label=counted.label, unit=report.unit))
        if by:
            attribute = resolve_attribute(report, by)
            missing = missing_values(report, attribute)
            if missing.without_case or missing.without_value:
                inform(_("warning: {missing}").format(missing=missing_values_text(missing, attribute)) + (
                    _(" (qualcode cases link DOC CASE gives a document its case)") if missing.without_case else ""))
        _write(store.folder, tables, output, excel_nl, file_format, raw)
    except (ProjectError, ExportError) as error:
        raise fail(str(error)) from None


@export_app.command("cooccurrence", help=_("Which codes go together: units coded with both, overlapping spans.\n"
                                           "\n"
                                           "Writes cooccurrence-matrix.csv (code × code: units one coder coded with both, summed over the\n"
                                           "coders) and cooccurrence-pairs.csv (per pair of codes: those units and the overlapping spans)."))
def export_cooccurrence(
    unit: UnitChoice = UNIT_OPTION,
    coder: list[str] = CODER_OPTION,
    table: list[CooccurrencePart] = typer.Option(None, "--table", help=_("Only these tables (default: both). Repeatable.")),
    output: Path = OUTPUT_OPTION,
    file_format: FileFormat = FORMAT_OPTION,
    excel_nl: bool = EXCEL_NL_OPTION,
    raw: bool = RAW_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.export.cooccurrence import code_cooccurrence, pairs_table, units_matrix_table

    parts = list(dict.fromkeys(table or list(CooccurrencePart)))
    store = open_store(project)
    try:
        result = code_cooccurrence(store, unit=unit.value, coders=coder)
        builders = {CooccurrencePart.matrix: units_matrix_table, CooccurrencePart.pairs: pairs_table}
        _write(store.folder, [builders[part](result) for part in parts], output, excel_nl, file_format, raw)
    except (ProjectError, ExportError) as error:
        raise fail(str(error)) from None


@export_app.command("segments", help=_("One row per coding with its text, memo and times (segments.csv or segments.xlsx).\n"
                                       "\n"
                                       "The columns of a codings CSV: 'qualcode codings import' reads the CSV back, taking off the ' the\n"
                                       "export put before text that starts like a formula."))
def export_segments(
    coder: list[str] = CODER_OPTION,
    output: Path = OUTPUT_OPTION,
    file_format: FileFormat = FORMAT_OPTION,
    excel_nl: bool = EXCEL_NL_OPTION,
    raw: bool = RAW_OPTION,
    pseudonymised: bool = PSEUDONYMISED_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    connection = None if pseudonymised else open_for_reading(project)  # a folder's project: without SQLAlchemy
    if connection is not None:
        from qualcode.export.segment_rows import StreamedSegments, segments_table

        with closing(connection):
            try:
                segments = StreamedSegments(connection, coder,
                                            guard_formulas=file_format is FileFormat.csv and not raw)
                _write(project, [segments_table(segments)], output, excel_nl, file_format, raw)
            except (ProjectError, ExportError) as error:
                raise fail(str(error)) from None
        return
    from qualcode.export.segment_rows import segments_table
    from qualcode.export.segments_csv import coded_segments

    store = open_store(project)
    try:
        with exported_store(store, pseudonymised) as source:
            tables = [segments_table(coded_segments(source, coders=coder))]
        _write(store.folder, tables, output, excel_nl, file_format, raw)
    except (ProjectError, ExportError) as error:
        raise fail(str(error)) from None


@export_app.command("codebook", help=_("The codebook as a table (codebook.csv or codebook.xlsx).\n"
                                       "\n"
                                       "One row per code: group, code, name, description, include, exclude, indicators, colour, hotkey, parent."))
def export_codebook(
    output: Path = OUTPUT_OPTION,
    file_format: FileFormat = FORMAT_OPTION,
    excel_nl: bool = EXCEL_NL_OPTION,
    raw: bool = RAW_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.export.codebook_csv import codebook_rows, codebook_table

    store = open_store(project)
    try:
        _write(store.folder, [codebook_table(codebook_rows(store))], output, excel_nl, file_format, raw)
    except (ProjectError, ExportError) as error:
        raise fail(str(error)) from None


class TranscriptFormat(str, Enum):
    txt = "txt"
    docx = "docx"


@export_app.command("transcripts", help=_(
    "Each document's text as a file of its own (exports/transcripts/NAME.txt or .docx)."))
def export_transcripts(
    documents: list[str] = typer.Argument(None, help=_("Documents by name or id (default: all).")),
    file_format: TranscriptFormat = typer.Option(TranscriptFormat.txt, "--format", "-f",
                                                 help=_("txt (the stored text exactly) or docx.")),
    output: Path = typer.Option(None, "--output", "-o", help=_("Write into this folder instead of exports/transcripts/.")),
    pseudonymised: bool = PSEUDONYMISED_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.export.transcript_files import write_transcripts
    from qualcode.storage.documents import get_document, list_documents

    store = open_store(project)
    try:
        ids = ([get_document(store, reference).id for reference in documents] if documents
               else [summary.id for summary in list_documents(store)])
        folder = output or store.folder / EXPORTS_FOLDER / "transcripts"
        if output is None:
            folder.mkdir(parents=True, exist_ok=True)
        with exported_store(store, pseudonymised) as source:
            paths = write_transcripts([get_document(source, document_id) for document_id in ids], folder,
                                      file_format.value)
    except (ProjectError, ExportError) as error:
        raise fail(str(error)) from None
    say(_("wrote {count} transcripts to {folder}").format(count=len(paths), folder=folder))
