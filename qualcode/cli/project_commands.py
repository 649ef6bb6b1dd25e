"""Commands for the project itself: init, import, documents, text, segments, speakers, cases, coders."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from qualcode.cli import app
from qualcode.cli.limit_options import (
    MAX_FILE_MB_OPTION,
    MAX_TEXT_CHARS_OPTION,
    MAX_UNPACKED_MB_OPTION,
    importer_limits,
)
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, emit_rows, fail, inform, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store, project_location
from qualcode.domain.display_text import display_text
from qualcode.domain.models import Unit
from qualcode.importers.transcript_layouts import LAYOUTS
from qualcode.storage.errors import ProjectError

cases_app = typer.Typer(help="Respondents (cases) and their attributes.", no_args_is_help=True)
coders_app = typer.Typer(help="The coders of a project.", no_args_is_help=True)
codings_app = typer.Typer(help="Codings in bulk: import a codings CSV.", no_args_is_help=True)
app.add_typer(cases_app, name="cases")
app.add_typer(coders_app, name="coders")
app.add_typer(codings_app, name="codings")


@app.command()
def init(folder: Path = typer.Argument(..., parser=project_location, metavar="FOLDER|URL",
                                       help="The folder to make into a project, or the URL of an empty "
                                            "PostgreSQL database.")) -> None:
    """Make FOLDER a qualcode project (transcripts/, codebooks/, exports/ and qualcode.db), or a PostgreSQL database."""
    from qualcode.storage.project_store import init_project
    try:
        store = init_project(folder)
    except ProjectError as error:
        raise fail(str(error)) from None
    store.close()
    inform(f"Initialised a qualcode project in {store.location if store.on_server else folder}")


@app.command("import")
def import_files(
    files: list[Path] = typer.Argument(
        ..., help="Transcript files: .txt .md .docx .odt .rtf .html .htm .vtt .srt, Whisper .json"
    ),
    interviewer: str = typer.Option(None, "--interviewer", help="The speaker label of the interviewer."),
    layout: str = typer.Option(
        None, "--layout",
        help=f"The layout of text documents instead of the recognised one: {', '.join(LAYOUTS)}.",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Say what would happen to each coding, memo and suggestion decision; change nothing."),
    drop_unplaced: bool = typer.Option(
        False, "--drop-unplaced",
        help="Re-import even when the text of a coding, memo or suggestion decision is gone; remove those."),
    coder: str = typer.Option(
        None, "--coder", help="Whose undo log gets a re-import (default: the coder the workbench opens as)."),
    max_file_mb: int = MAX_FILE_MB_OPTION,
    max_unpacked_mb: int = MAX_UNPACKED_MB_OPTION,
    max_text_chars: int = MAX_TEXT_CHARS_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    """Import transcripts; each file is all or nothing. A changed file replaces its document's text and
    keeps every coding, memo and suggestion decision on its text. Exit 1 if any file was refused."""
    from qualcode.cli.reimport_report import span_line
    from qualcode.importers.transcript_import import import_transcripts
    if layout is not None and layout not in LAYOUTS:
        raise fail(f"--layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    store = open_store(project)
    try:
        coder_id = _undo_coder(store, coder)
    except ProjectError as error:
        raise fail(str(error)) from None
    with importer_limits(max_file_mb, max_unpacked_mb, max_text_chars):
        outcomes = import_transcripts(
            store, files, interviewer=interviewer, layout=layout, dry_run=dry_run, coder_id=coder_id,
            drop_unplaced=drop_unplaced, progress=lambda number, total, path: inform(f"[{number}/{total}] {path}"),
        )
    for outcome in outcomes:
        stream_message = f"{outcome.path}: {outcome.message}"
        if outcome.status == "refused":
            inform(f"refused: {stream_message}")
            for fate in outcome.spans:
                if fate.status == "unplaced":
                    inform(span_line(fate))
        else:
            say(f"{'dry run' if dry_run else outcome.status}: {stream_message}")
            for fate in outcome.spans:
                if dry_run or fate.status in ("text changed", "unplaced"):
                    say(span_line(fate, removed=not dry_run))
    counts = {status: sum(1 for o in outcomes if o.status == status)
              for status in ("imported", "replaced", "unchanged", "refused")}
    say(("dry run, nothing changed: " if dry_run else "summary: ")
        + ", ".join(f"{n} {status}" for status, n in counts.items()))
    if counts["refused"]:
        raise typer.Exit(1)


@app.command()
def documents(
    coder: str = typer.Option(None, "--coder", help="Coded share of this coder (default: all coders)."),
    output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION,
) -> None:
    """List the documents with their case, turns, words and coded share."""
    from qualcode.storage.coders import list_coders
    from qualcode.storage.coding_counts import document_coverage
    from qualcode.storage.documents import list_documents
    store = open_store(project)
    coder_id = None
    if coder:
        match = [c for c in list_coders(store) if c.name == coder]
        if not match:
            raise fail(f"no coder named {coder!r}")
        coder_id = match[0].id
    rows = []
    coverage = document_coverage(store, coder_id, every_coder=coder_id is None)
    for summary in list_documents(store):
        codings, covered = coverage.get(summary.id, (0, 0))
        share = covered / summary.characters if summary.characters else 0.0
        rows.append({"id": summary.id, "name": summary.name, "format": summary.source_format,
                     "case": summary.case_label, "turns": summary.turns, "words": summary.words,
                     "codings": codings, "coded_share": round(share, 4)})
    emit_rows(rows, ["id", "name", "format", "case", "turns", "words", "codings", "coded_share"], output)


@app.command()
def text(document: str = typer.Argument(..., help="Document name or id."), project: Path = PROJECT_OPTION) -> None:
    """Print the stored text of DOCUMENT exactly as stored (at a terminal, control characters as symbols)."""
    from qualcode.storage.documents import get_document
    store = open_store(project)
    try:
        stored = get_document(store, document).text
    except ProjectError as error:
        raise fail(str(error)) from None
    # Piped: the exact text (color=True keeps click from dropping escape sequences); at a terminal: symbols.
    typer.echo(display_text(stored) if sys.stdout.isatty() else stored, nl=False, color=True)


@app.command()
def segments(
    document: str = typer.Argument(..., help="Document name or id."),
    unit: str = typer.Option("turn", "--unit", help="turn, paragraph or sentence."),
    output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION,
) -> None:
    """One row per unit: index, start, end, time (hh:mm:ss), speaker, role, text."""
    from qualcode.domain.turn_time import clock_text
    from qualcode.storage.documents import document_segments, get_document
    if unit not in ("turn", "paragraph", "sentence"):
        raise fail(f"--unit must be turn, paragraph or sentence, not {unit!r}")
    store = open_store(project)
    try:
        stored = get_document(store, document)
    except ProjectError as error:
        raise fail(str(error)) from None
    chosen: Unit = unit  # type: ignore[assignment]
    rows = [
        {"index": s.index, "start": s.start, "end": s.end, "time": clock_text(s.start_time),
         "speaker": s.speaker, "role": s.role, "text": stored.text[s.start : s.end]}
        for s in document_segments(store, stored.id, chosen)
    ]
    emit_rows(rows, ["index", "start", "end", "time", "speaker", "role", "text"], output)


@app.command()
def speakers(
    document: str = typer.Argument(..., help="Document name or id."),
    interviewer: str = typer.Option(None, "--interviewer", help="Make this speaker the interviewer."),
    rename: list[str] = typer.Option(None, "--rename", help="OLD=NEW: give a speaker another name; repeatable."),
    coder: str = typer.Option(
        None, "--coder", help="Whose undo log gets the change (default: the coder the workbench opens as)."),
    output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION,
) -> None:
    """List the speakers with their role, turns, words and questions; --interviewer and --rename change
    roles and names (one transaction; codings stay where they are; u in the workbench undoes it)."""
    from qualcode.importers.stored_speakers import document_speakers
    from qualcode.storage.documents import get_document
    from qualcode.storage.speakers import change_speakers
    renames = {}
    for pair in rename or []:
        old, separator, new = pair.partition("=")
        if not separator or not old.strip():
            raise fail(f"--rename takes OLD=NEW, not {pair!r}")
        renames[old.strip()] = new.strip()
    store = open_store(project)
    try:
        stored = get_document(store, document)
        if renames or interviewer is not None:
            coder_id = _undo_coder(store, coder)
            change = change_speakers(store, stored.id, renames=renames, interviewer=interviewer, coder_id=coder_id)
            inform(f"{stored.name}: {change.segments} segments updated; interviewer: {change.interviewer or 'none'}")
    except ProjectError as error:
        raise fail(str(error)) from None
    rows = [
        {"speaker": figures.speaker, "role": figures.role, "turns": figures.turns, "words": figures.words,
         "questions": figures.questions}
        for figures in document_speakers(store, stored.id)
    ]
    emit_rows(rows, ["speaker", "role", "turns", "words", "questions"], output)


def _undo_coder(store, name: str | None) -> int | None:
    """The coder named, else the one the workbench remembers, else None (the change is logged for nobody)."""
    from qualcode.storage.coders import REMEMBERED_CODER_SETTING, find_coder, get_coder
    from qualcode.storage.settings import get_setting
    if name is not None:
        return get_coder(store, name.strip()).id
    remembered = get_setting(store, REMEMBERED_CODER_SETTING)
    coder = find_coder(store, remembered) if remembered else None
    return coder.id if coder else None


@cases_app.command("import")
def cases_import(
    file: Path = typer.Argument(..., help="CSV with a 'case' column."),
    max_file_mb: int = MAX_FILE_MB_OPTION,
    max_unpacked_mb: int = MAX_UNPACKED_MB_OPTION,
    max_text_chars: int = MAX_TEXT_CHARS_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    """Create or update cases and their attributes from a CSV; all rows or none."""
    from qualcode.importers.cases_csv import import_cases
    from qualcode.importers.csv_reading import CsvFileError
    store = open_store(project)
    try:
        with importer_limits(max_file_mb, max_unpacked_mb, max_text_chars):
            count = import_cases(store, file)
    except CsvFileError as error:
        raise fail(str(error)) from None
    say(f"imported {count} cases from {file}")


@cases_app.command("list")
def cases_list(output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION) -> None:
    """List the cases with their attributes."""
    from qualcode.storage.cases import list_cases
    cases = list_cases(open_store(project))
    names = sorted({name for case in cases for name in case.attributes})
    emit_rows([{"case": case.label, **case.attributes} for case in cases], ["case", *names], output)


@coders_app.command("add")
def coders_add(name: str = typer.Argument(...), project: Path = PROJECT_OPTION) -> None:
    """Add a coder."""
    from qualcode.storage.coders import add_coder
    try:
        coder = add_coder(open_store(project), name)
    except ProjectError as error:
        raise fail(str(error)) from None
    say(f"added coder {coder.name!r}")


@coders_app.command("list")
def coders_list(output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION) -> None:
    """List the coders and how many codings each has."""
    from qualcode.storage.coders import list_coders
    from qualcode.storage.codings import list_codings
    store = open_store(project)
    rows = [{"id": c.id, "name": c.name, "codings": len(list_codings(store, coder_id=c.id))} for c in list_coders(store)]
    emit_rows(rows, ["id", "name", "codings"], output)


@codings_app.command("import")
def codings_import(
    file: Path = typer.Argument(..., help="A codings CSV (the columns of 'export segments')."),
    coder: str = typer.Option(None, "--coder", help="Import every row as this coder."),
    max_file_mb: int = MAX_FILE_MB_OPTION,
    max_unpacked_mb: int = MAX_UNPACKED_MB_OPTION,
    max_text_chars: int = MAX_TEXT_CHARS_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    """Import codings from a CSV; every row is checked first, then all are added or none."""
    from qualcode.importers.codings_csv import import_codings
    from qualcode.importers.csv_reading import CsvFileError
    store = open_store(project)
    try:
        with importer_limits(max_file_mb, max_unpacked_mb, max_text_chars):
            report = import_codings(store, file, coder=coder)
    except (CsvFileError, ProjectError) as error:
        raise fail(str(error)) from None
    say(f"imported {report.imported} codings from {file} ({report.already_present} were already there; "
        f"coders: {', '.join(report.coders)})")
