"""Commands for the project itself: init, import, documents, text, segments, speakers, cases, coders."""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.limit_options import (
    MAX_FILE_MB_OPTION,
    MAX_TEXT_CHARS_OPTION,
    MAX_UNPACKED_MB_OPTION,
    importer_limits,
)
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, emit_rows, fail, inform, say
from qualcode.cli.project_option import PROJECT_OPTION, open_for_reading, open_store, project_location
from qualcode.domain.display_text import display_text
from qualcode.domain.language import _
from qualcode.domain.models import Unit
from qualcode.importers.layout_names import LAYOUTS
from qualcode.storage.errors import ProjectError

cases_app = typer.Typer(help=_("Respondents (cases) and their attributes."), no_args_is_help=True)
coders_app = typer.Typer(help=_("The coders of a project."), no_args_is_help=True)
codings_app = typer.Typer(help=_("Codings in bulk: import a codings CSV."), no_args_is_help=True)
app.add_typer(cases_app, name="cases")
app.add_typer(coders_app, name="coders")
app.add_typer(codings_app, name="codings")


@app.command(help=_("Make FOLDER a qualcode project (transcripts/, codebooks/, exports/ and qualcode.db), or a "
                    "PostgreSQL database."))
def init(folder: Path = typer.Argument(..., parser=project_location, metavar="FOLDER|URL",
                                       help=_("The folder to make into a project, or the URL of an empty "
                                              "PostgreSQL database."))) -> None:
    from qualcode.storage.project_store import init_project
    try:
        store = init_project(folder)
    except ProjectError as error:
        raise fail(str(error)) from None
    store.close()
    inform(_("Initialised a qualcode project in {folder}").format(folder=store.location if store.on_server else folder))


@app.command("import", help=_("Import transcripts; each file is all or nothing. A changed file replaces its document's text and\n"
                              "keeps every coding, memo and suggestion decision on its text. Exit 1 if any file was refused."))
def import_files(
    files: list[Path] = typer.Argument(
        ..., help=_("Transcript files: .txt .md .docx .odt .rtf .html .htm .vtt .srt, Whisper .json")
    ),
    interviewer: str = typer.Option(None, "--interviewer", help=_("The speaker label of the interviewer.")),
    layout: str = typer.Option(
        None, "--layout",
        help=_("The layout of text documents instead of the recognised one: {layouts}.").format(
            layouts=", ".join(LAYOUTS)),
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help=_("Say what would happen to each coding, memo and suggestion decision; change nothing.")),
    drop_unplaced: bool = typer.Option(
        False, "--drop-unplaced",
        help=_("Re-import even when the text of a coding, memo or suggestion decision is gone; remove those.")),
    coder: str = typer.Option(
        None, "--coder", help=_("Whose undo log gets a re-import (default: the coder the workbench opens as).")),
    max_file_mb: int = MAX_FILE_MB_OPTION,
    max_unpacked_mb: int = MAX_UNPACKED_MB_OPTION,
    max_text_chars: int = MAX_TEXT_CHARS_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.cli.reimport_report import span_line
    from qualcode.importers.transcript_import import import_transcripts
    if layout is not None and layout not in LAYOUTS:
        raise fail(_("--layout must be one of {names}, not {layout!r}").format(
            names=', '.join(LAYOUTS), layout=layout))
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
    status_names = {"imported": _("imported"), "replaced": _("replaced"), "unchanged": _("unchanged"),
                    "refused": _("refused")}
    for outcome in outcomes:
        stream_message = f"{outcome.path}: {outcome.message}"
        if outcome.status == "refused":
            inform(_("refused: {stream_message}").format(stream_message=stream_message))
            for fate in outcome.spans:
                if fate.status == "unplaced":
                    inform(span_line(fate))
        else:
            what = _("dry run") if dry_run else status_names.get(outcome.status, outcome.status)
            say(f"{what}: {stream_message}")
            for fate in outcome.spans:
                if dry_run or fate.status in ("text changed", "unplaced"):
                    say(span_line(fate, removed=not dry_run))
    counts = {status: sum(1 for o in outcomes if o.status == status)
              for status in ("imported", "replaced", "unchanged", "refused")}
    summary = ", ".join(f"{n} {status_names[status]}" for status, n in counts.items())
    say(_("dry run, nothing changed: {counts}").format(counts=summary) if dry_run
        else _("summary: {counts}").format(counts=summary))
    if counts["refused"]:
        raise typer.Exit(1)


@app.command(help=_("List the documents with their case, turns, words, codings and coded share.\n\n"
                    "coded_percent is the share of what was said (the turns' text) that the coder's codings cover, "
                    "as a whole percentage: the figure the workbench's document list shows."))
def documents(
    coder: str = typer.Option(None, "--coder", help=_("Codings and coded share of this coder (default: the coder "
                                                      "the workbench opens as, else all coders together).")),
    output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION,
) -> None:
    connection = open_for_reading(project)  # a folder's project is listed without loading SQLAlchemy
    try:
        if connection is not None:
            from qualcode.storage.sqlite_reading import (
                REMEMBERED_CODER_SETTING, chosen_coder_id, read_document_figures, stored_setting)
            with closing(connection):
                coder_id = chosen_coder_id(connection, coder)
                figures = read_document_figures(connection, coder_id, every_coder=coder_id is None)
                remembered = stored_setting(connection, REMEMBERED_CODER_SETTING)
        else:
            from qualcode.storage.coding_counts import document_figures
            store = open_store(project)
            coder_id = _undo_coder(store, coder)
            figures = document_figures(store, coder_id, every_coder=coder_id is None)
            remembered = _remembered_name(store)
    except ProjectError as error:
        raise fail(str(error)) from None
    rows = [{"id": row.id, "name": row.name, "format": row.source_format, "case": row.case_label, "turns": row.turns,
             "words": row.words, "codings": row.codings, "coded_percent": row.coded_percent} for row in figures]
    emit_rows(rows, ["id", "name", "format", "case", "turns", "words", "codings", "coded_percent"], output)
    if rows:
        inform(_("codings and coded share of all coders together") if coder_id is None else
               _("codings and coded share of {coder}").format(coder=coder or remembered or ""))


@app.command(help=_("Print the stored text of DOCUMENT exactly as stored (at a terminal, control characters as symbols)."))
def text(document: str = typer.Argument(..., help=_("Document name or id.")), project: Path = PROJECT_OPTION) -> None:
    from qualcode.storage.documents import get_document
    store = open_store(project)
    try:
        stored = get_document(store, document).text
    except ProjectError as error:
        raise fail(str(error)) from None
    # Piped: the exact text (color=True keeps click from dropping escape sequences); at a terminal: symbols.
    typer.echo(display_text(stored) if sys.stdout.isatty() else stored, nl=False, color=True)


@app.command(help=_("One row per unit: index, start, end, time (hh:mm:ss), speaker, role, text."))
def segments(
    document: str = typer.Argument(..., help=_("Document name or id.")),
    unit: str = typer.Option("turn", "--unit", help=_("turn, paragraph or sentence.")),
    output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.domain.turn_time import clock_text
    from qualcode.storage.documents import document_segments, get_document
    if unit not in ("turn", "paragraph", "sentence"):
        raise fail(_("--unit must be turn, paragraph or sentence, not {unit!r}").format(unit=unit))
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


UNDO_CODER_OPTION = typer.Option(
    None, "--coder", help=_("Whose undo log gets the change (default: the coder the workbench opens as)."))

@app.command(help=_("List the speakers with their role, turns, words and questions; --interviewer and --rename change\n"
                    "roles and names (one transaction; codings stay where they are; u in the workbench undoes it)."))
def speakers(
    document: str = typer.Argument(..., help=_("Document name or id.")),
    interviewer: str = typer.Option(None, "--interviewer", help=_("Make this speaker the interviewer.")),
    rename: list[str] = typer.Option(None, "--rename", help=_("OLD=NEW: give a speaker another name; repeatable.")),
    coder: str = UNDO_CODER_OPTION,
    output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.importers.stored_speakers import document_speakers
    from qualcode.storage.documents import get_document
    from qualcode.storage.speakers import change_speakers
    renames = {}
    for pair in rename or []:
        old, separator, new = pair.partition("=")
        if not separator or not old.strip():
            raise fail(_("--rename takes OLD=NEW, not {pair!r}").format(pair=pair))
        renames[old.strip()] = new.strip()
    store = open_store(project)
    try:
        stored = get_document(store, document)
        if renames or interviewer is not None:
            coder_id = _undo_coder(store, coder)
            change = change_speakers(store, stored.id, renames=renames, interviewer=interviewer, coder_id=coder_id)
            inform(_("{name}: {segments} segments updated; interviewer: {value}").format(
                name=stored.name, segments=change.segments, value=change.interviewer or 'none'))
    except ProjectError as error:
        raise fail(str(error)) from None
    rows = [
        {"speaker": figures.speaker, "role": figures.role, "turns": figures.turns, "words": figures.words,
         "questions": figures.questions}
        for figures in document_speakers(store, stored.id)
    ]
    emit_rows(rows, ["speaker", "role", "turns", "words", "questions"], output)


def _remembered_name(store) -> str:
    from qualcode.storage.sqlite_reading import REMEMBERED_CODER_SETTING
    from qualcode.storage.settings import get_setting
    return get_setting(store, REMEMBERED_CODER_SETTING) or ""


def _undo_coder(store, name: str | None) -> int | None:
    """The coder named, else the one the workbench remembers, else None (the change is logged for nobody)."""
    from qualcode.storage.coders import find_coder, get_coder
    from qualcode.storage.sqlite_reading import REMEMBERED_CODER_SETTING
    from qualcode.storage.settings import get_setting
    if name is not None:
        return get_coder(store, name.strip()).id
    remembered = get_setting(store, REMEMBERED_CODER_SETTING)
    coder = find_coder(store, remembered) if remembered else None
    return coder.id if coder else None


@cases_app.command("import", help=_("Create or update cases and their attributes from a CSV; all rows or none.\n\n"
                                     "A 'document' column links that document to the row's case; a case may then "
                                     "take several rows, one per document, with the same attribute values."))
def cases_import(
    file: Path = typer.Argument(..., help=_("CSV with a 'case' column and maybe a 'document' column.")),
    max_file_mb: int = MAX_FILE_MB_OPTION,
    max_unpacked_mb: int = MAX_UNPACKED_MB_OPTION,
    max_text_chars: int = MAX_TEXT_CHARS_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.importers.cases_csv import import_cases
    from qualcode.importers.csv_reading import CsvFileError
    store = open_store(project)
    try:
        with importer_limits(max_file_mb, max_unpacked_mb, max_text_chars):
            imported = import_cases(store, file)
    except CsvFileError as error:
        raise fail(str(error)) from None
    say(_("imported {cases} cases from {file}").format(cases=imported.cases, file=file)
        + (_("; linked {documents} documents to them").format(documents=imported.linked) if imported.linked else ""))


@cases_app.command("list", help=_("List the cases with their attributes, a row per document (what 'cases import' "
                                   "reads back)."))
def cases_list(output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION) -> None:
    from qualcode.storage.cases import list_cases
    from qualcode.storage.documents import list_documents
    store = open_store(project)
    cases = list_cases(store)
    documents: dict[str, list[str]] = {}
    for summary in list_documents(store):
        if summary.case_label is not None:
            documents.setdefault(summary.case_label, []).append(summary.name)
    names = sorted({name for case in cases for name in case.attributes})
    rows = [{"case": case.label, "document": document, **case.attributes}
            for case in cases for document in documents.get(case.label) or [None]]
    emit_rows(rows, ["case", "document", *names], output)


@cases_app.command("link", help=_("Link DOCUMENT to CASE (u in the workbench undoes it)."))
def cases_link(
    document: str = typer.Argument(..., help=_("Document name or id.")),
    case: str = typer.Argument(..., help=_("The case's label; a new label makes the case.")),
    coder: str = UNDO_CODER_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.storage.case_links import link_document
    from qualcode.storage.documents import get_document
    store = open_store(project)
    try:
        stored = get_document(store, document)
        link = link_document(store, stored.id, case, coder_id=_undo_coder(store, coder))
    except ProjectError as error:
        raise fail(str(error)) from None
    if link.previous == link.case:
        message = _("{document} already belongs to case {case}")
    elif link.previous is None:
        message = _("{document} now belongs to the new case {case}") if link.created else _(
            "{document} now belongs to case {case}")
    else:
        message = _("{document} now belongs to case {case} (was {previous})")
    say(message.format(document=link.document, case=link.case, previous=link.previous))


@cases_app.command("unlink", help=_("Take DOCUMENT out of its case; the case and its attributes stay (u in the "
                                     "workbench undoes it)."))
def cases_unlink(
    document: str = typer.Argument(..., help=_("Document name or id.")),
    coder: str = UNDO_CODER_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.storage.case_links import unlink_document
    from qualcode.storage.documents import get_document
    store = open_store(project)
    try:
        stored = get_document(store, document)
        link = unlink_document(store, stored.id, coder_id=_undo_coder(store, coder))
    except ProjectError as error:
        raise fail(str(error)) from None
    if link.previous is None:
        say(_("{document} belongs to no case").format(document=link.document))
    else:
        say(_("{document} no longer belongs to case {case}").format(document=link.document, case=link.previous))


@coders_app.command("add", help=_("Add a coder."))
def coders_add(name: str = typer.Argument(...), project: Path = PROJECT_OPTION) -> None:
    from qualcode.storage.coders import add_coder
    try:
        coder = add_coder(open_store(project), name)
    except ProjectError as error:
        raise fail(str(error)) from None
    say(_("added coder {name!r}").format(name=coder.name))


@coders_app.command("list", help=_("List the coders and how many codings each has."))
def coders_list(output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION) -> None:
    from qualcode.storage.coders import list_coders
    from qualcode.storage.codings import list_codings
    store = open_store(project)
    rows = [{"id": c.id, "name": c.name, "codings": len(list_codings(store, coder_id=c.id))} for c in list_coders(store)]
    emit_rows(rows, ["id", "name", "codings"], output)


@codings_app.command("import", help=_("Import codings from a CSV; every row is checked first, then all are added or none."))
def codings_import(
    file: Path = typer.Argument(..., help=_("A codings CSV (the columns of 'export segments').")),
    coder: str = typer.Option(None, "--coder", help=_("Import every row as this coder.")),
    max_file_mb: int = MAX_FILE_MB_OPTION,
    max_unpacked_mb: int = MAX_UNPACKED_MB_OPTION,
    max_text_chars: int = MAX_TEXT_CHARS_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.importers.codings_csv import import_codings
    from qualcode.importers.csv_reading import CsvFileError
    store = open_store(project)
    try:
        with importer_limits(max_file_mb, max_unpacked_mb, max_text_chars):
            report = import_codings(store, file, coder=coder)
    except (CsvFileError, ProjectError) as error:
        raise fail(str(error)) from None
    say(_("imported {imported} codings from {file} ({already_present} were already there; coders: {names})").format(
        imported=report.imported, file=file, already_present=report.already_present, names=', '.join(report.coders)))
