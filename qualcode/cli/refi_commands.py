"""``qualcode export qdpx|qdc`` and ``qualcode exchange import``: REFI-QDA exchange with ATLAS.ti, NVivo, MAXQDA."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from qualcode.cli import app, export_app
from qualcode.cli.limit_options import (
    MAX_FILE_MB_OPTION,
    MAX_TEXT_CHARS_OPTION,
    MAX_UNPACKED_MB_OPTION,
    importer_limits,
)
from qualcode.cli.output import fail, inform, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.storage.errors import ProjectError

if TYPE_CHECKING:
    from qualcode.importers.refi_import import RefiImportResult

exchange_app = typer.Typer(help="Exchange projects and codebooks with other QDA tools (REFI-QDA).",
                           no_args_is_help=True)
app.add_typer(exchange_app, name="exchange")

REFI_OUTPUT_OPTION = typer.Option(None, "--output", "-o", help="Write here instead of exports/<project>.<ext>.")


def _default_output(project: Path | str, suffix: str) -> Path:
    """exports/<project><suffix> in the project folder; for a URL, in the current folder, named for the database."""
    if isinstance(project, str):
        from qualcode.storage.server_store import database_name
        return Path.cwd() / "exports" / f"{database_name(project)}{suffix}"
    folder = project.resolve()
    return folder / "exports" / f"{folder.name}{suffix}"


@export_app.command("qdpx")
def export_qdpx(output: Path = REFI_OUTPUT_OPTION, project: Path = PROJECT_OPTION) -> None:
    """The whole project as a REFI-QDA .qdpx: coders, codebook, documents, codings, memos, cases."""
    from qualcode.export.atomic_files import ExportError
    from qualcode.export.refi_files import write_qdpx

    store = open_store(project)
    try:
        summary = write_qdpx(store, output or _default_output(project, ".qdpx"))
    except ExportError as error:
        raise fail(str(error)) from None
    say(f"wrote {summary.path}: {summary.documents} documents, {summary.codes} codes, {summary.coders} coders, "
        f"{summary.codings} codings, {summary.memos} memos, {summary.cases} cases")


@export_app.command("qdc")
def export_qdc(output: Path = REFI_OUTPUT_OPTION, project: Path = PROJECT_OPTION) -> None:
    """The codebook as a REFI-QDA .qdc (groups become top-level codes that cannot be coded)."""
    from qualcode.export.atomic_files import ExportError
    from qualcode.export.refi_codebook import EmptyCodebookError
    from qualcode.export.refi_files import write_qdc

    store = open_store(project)
    path = output or _default_output(project, ".qdc")
    try:
        codes = write_qdc(store, path)
    except (EmptyCodebookError, ExportError) as error:
        raise fail(str(error)) from None
    say(f"wrote {path}: {codes} codes")


def _coder_names(pairs: list[str]) -> dict[str, str]:
    names = {}
    for pair in pairs:
        user, separator, coder = pair.partition("=")
        if not separator or not user.strip() or not coder.strip():
            raise fail(f"--as takes NAME_IN_FILE=CODER, not {pair!r}")
        names[user.strip()] = coder.strip()
    return names


def _report(result: RefiImportResult) -> None:
    verb = "would import" if result.dry_run else "imported"
    say(f"{verb} {result.path.name} ({result.kind}{f' from {result.origin}' if result.origin else ''}):")
    documents = len(result.documents_added)
    matched = f" (+{len(result.documents_matched)} already here)" if result.documents_matched else ""
    say(f"  documents: {documents} added{matched}")
    say(f"  codes: {len(result.codes_added)} added in {len(result.groups_added)} new group(s), "
        f"{result.codes_matched} already here")
    renamed = [f"{user} as {coder}" for user, coder in result.coders if user != coder]
    say(f"  coders: {', '.join(coder for _, coder in result.coders) or 'none'}"
        + (f" ({', '.join(renamed)})" if renamed else ""))
    say(f"  codings: {result.codings_added} added, {result.codings_already_present} already here; "
        f"memos: {result.memos_added}; cases: {len(result.cases)}")
    for counting in result.countings:
        line = (f"  positions in {counting.source!r}: {counting.counting} "
                f"({counting.fitting}/{counting.selections} fit, {counting.on_word_boundaries} on word boundaries")
        line += f", {counting.names_matching} match their name)" if counting.names_matching else ")"
        if counting.runner_up:
            line += f"; next best: {counting.runner_up} ({counting.runner_up_on_word_boundaries} on word boundaries)"
        if counting.tied:
            line += "; TIED with another counting: check these codings"
        say(line)
    for refused in result.refused:
        say(f"  left out selection {refused.guid} in {refused.source!r} ({refused.start}-{refused.end}, "
            f"{refused.codings} codings): {refused.reason}")
    for item in result.not_imported:
        codings = f", {item.codings} codings" if item.codings else ""
        say(f"  not imported: {item.kind} {item.name!r}{codings}: {item.reason}")


@exchange_app.command("import")
def exchange_import(
    file: Path = typer.Argument(..., help="A REFI-QDA project (.qdpx) or codebook (.qdc)."),
    coder_as: list[str] = typer.Option([], "--as", help="USER=CODER: store this user's codings under CODER; "
                                                        "USER=USER confirms it is the coder of that name here."),
    skip_unfitting: bool = typer.Option(False, "--skip-unfitting",
                                        help="Import the rest when some selections do not fit their text."),
    group: str = typer.Option(None, "--group", help="Name of the group for another tool's codes "
                                                    "(default: the file's name)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check and report, change nothing."),
    max_file_mb: int = MAX_FILE_MB_OPTION,
    max_unpacked_mb: int = MAX_UNPACKED_MB_OPTION,
    max_text_chars: int = MAX_TEXT_CHARS_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    """Import a .qdpx or .qdc from ATLAS.ti, NVivo, MAXQDA, Taguette or qualcode; all or nothing."""
    from qualcode.importers.refi_errors import RefiError
    from qualcode.importers.refi_import import import_refi

    store = open_store(project)
    names = _coder_names(coder_as)
    inform(f"reading {file} ...")
    try:
        with importer_limits(max_file_mb, max_unpacked_mb, max_text_chars):
            result = import_refi(store, file, coder_names=names, skip_unfitting=skip_unfitting, group_name=group,
                                 dry_run=dry_run)
    except (RefiError, ProjectError) as error:
        raise fail(f"{error} (nothing was imported)") from None
    _report(result)
