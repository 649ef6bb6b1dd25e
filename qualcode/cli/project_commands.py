"""Commands for the project itself: init, import, documents, text, segments, speakers, cases, coders."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.cli import app
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, emit_rows, fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
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
def init(folder: Path = typer.Argument(..., help="The folder to make into a project.")) -> None:
    """Make FOLDER a qualcode project: transcripts/, codebooks/, exports/ and qualcode.db."""
    from qualcode.storage.project_store import init_project
    try:
        store = init_project(folder)
    except ProjectError as error:
        raise fail(str(error)) from None
    store.close()
    inform(f"Initialised a qualcode project in {folder}")


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
    project: Path = PROJECT_OPTION,
) -> None:
    """Import transcripts; each file is all or nothing. Exit 1 if any file was refused."""
    from qualcode.importers.transcript_import import import_transcripts
    if layout is not None and layout not in LAYOUTS:
        raise fail(f"--layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    store = open_store(project)
    outcomes = import_transcripts(
        store, files, interviewer=interviewer, layout=layout,
        progress=lambda number, total, path: inform(f"[{number}/{total}] {path}"),
    )
    for outcome in outcomes:
        stream_message = f"{outcome.path}: {outcome.message}"
        if outcome.status == "refused":
            typer.echo(f"refused: {stream_message}", err=True)
        else:
            typer.echo(f"{outcome.status}: {stream_message}")
    counts = {status: sum(1 for o in outcomes if o.status == status)
              for status in ("imported", "replaced", "unchanged", "refused")}
    typer.echo("summary: " + ", ".join(f"{n} {status}" for status, n in counts.items()))
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
    """Print the stored text of DOCUMENT exactly as stored."""
    from qualcode.storage.documents import get_document
    store = open_store(project)
    try:
        stored = get_document(store, document).text
    except ProjectError as error:
        raise fail(str(error)) from None
    typer.echo(stored, nl=False)


@app.command()
def segments(
    document: str = typer.Argument(..., help="Document name or id."),
    unit: str = typer.Option("turn", "--unit", help="turn, paragraph or sentence."),
    output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION,
) -> None:
    """One row per unit: index, start, end, time (hh:mm:ss), speaker, role, text."""
    from qualcode.importers.turn_times import clock_text
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
    output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION,
) -> None:
    """List the speakers with their role, turns, words and questions; --interviewer and --rename change
    roles and names (one transaction; codings stay where they are)."""
    from qualcode.importers.speaker_questions import speaker_statistics
    from qualcode.storage.documents import document_segments, get_document
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
            change = change_speakers(store, stored.id, renames=renames, interviewer=interviewer)
            inform(f"{stored.name}: {change.segments} segments updated; interviewer: {change.interviewer or 'none'}")
    except ProjectError as error:
        raise fail(str(error)) from None
    turns = document_segments(store, stored.id, "turn")
    roles = {turn.speaker: turn.role for turn in turns}
    rows = [
        {"speaker": stats.speaker, "role": roles[stats.speaker], "turns": stats.turns, "words": stats.words,
         "questions": stats.questions}
        for stats in speaker_statistics((turn.speaker, stored.text[turn.start : turn.end]) for turn in turns)
    ]
    emit_rows(rows, ["speaker", "role", "turns", "words", "questions"], output)


@cases_app.command("import")
def cases_import(file: Path = typer.Argument(..., help="CSV with a 'case' column."), project: Path = PROJECT_OPTION) -> None:
    """Create or update cases and their attributes from a CSV; all rows or none."""
    from qualcode.importers.cases_csv import import_cases
    from qualcode.importers.csv_reading import CsvFileError
    store = open_store(project)
    try:
        count = import_cases(store, file)
    except CsvFileError as error:
        raise fail(str(error)) from None
    typer.echo(f"imported {count} cases from {file}")


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
    typer.echo(f"added coder {coder.name!r}")


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
    project: Path = PROJECT_OPTION,
) -> None:
    """Import codings from a CSV; every row is checked first, then all are added or none."""
    from qualcode.importers.codings_csv import import_codings
    from qualcode.importers.csv_reading import CsvFileError
    store = open_store(project)
    try:
        report = import_codings(store, file, coder=coder)
    except (CsvFileError, ProjectError) as error:
        raise fail(str(error)) from None
    typer.echo(f"imported {report.imported} codings from {file} ({report.already_present} were already there; "
               f"coders: {', '.join(report.coders)})")
