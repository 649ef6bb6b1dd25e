"""``qualcode codebook import|export|show``."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.limit_options import (
    MAX_FILE_MB_OPTION,
    MAX_TEXT_CHARS_OPTION,
    MAX_UNPACKED_MB_OPTION,
    importer_limits,
)
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, emit_rows, fail, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _

codebook_app = typer.Typer(help=_("Import, export and show the codebook."), no_args_is_help=True)
app.add_typer(codebook_app, name="codebook")


@codebook_app.command("import", help=_("Add and update codes from FILE; never deletes a code with codings unless told to."))
def codebook_import(
    file: Path = typer.Argument(..., help=_("A YAML codebook file.")),
    prune: bool = typer.Option(False, "--prune", help=_("Delete codes that are not in the file (if they have no codings).")),
    delete_codings: bool = typer.Option(False, "--delete-codings", help=_("With --prune: also delete codes that have codings, and their codings.")),
    max_file_mb: int = MAX_FILE_MB_OPTION,
    max_unpacked_mb: int = MAX_UNPACKED_MB_OPTION,
    max_text_chars: int = MAX_TEXT_CHARS_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.importers.codebook_file import CodebookError, read_codebook_file
    from qualcode.storage.codebook_store import apply_codebook_spec
    store = open_store(project)
    try:
        with importer_limits(max_file_mb, max_unpacked_mb, max_text_chars):
            spec = read_codebook_file(file)
        changes = apply_codebook_spec(store, spec, prune=prune, delete_codings=delete_codings)
    except (CodebookError, ProjectError) as error:
        raise fail(str(error)) from None
    say(_("{count} added, {count2} updated, {unchanged} unchanged").format(
        count=len(changes.added), count2=len(changes.updated), unchanged=changes.unchanged))
    if changes.kept_not_in_file:
        say(_("kept {count} codes that are not in the file: {names} (use --prune to delete them)").format(
            count=len(changes.kept_not_in_file), names=', '.join(changes.kept_not_in_file)))
    if changes.deleted:
        say(_("deleted {count} codes ({codings_deleted} codings): {names}").format(
            count=len(changes.deleted), codings_deleted=changes.codings_deleted, names=', '.join(changes.deleted)))
    for key, codings in changes.refused:
        say(_("kept {key}: deleting it would delete {codings} codings (add --delete-codings to do so)").format(
            key=key, codings=codings))


@codebook_app.command("export", help=_("Write the project's codebook to FILE in the codebook format."))
def codebook_export(file: Path = typer.Argument(..., help=_("The YAML file to write.")), project: Path = PROJECT_OPTION) -> None:
    from qualcode.export.atomic_files import ExportError
    from qualcode.export.codebook_file import write_codebook_file
    from qualcode.storage.codebook_store import codebook_spec
    try:
        write_codebook_file(codebook_spec(open_store(project)), file)
    except ExportError as error:
        raise fail(str(error)) from None
    say(_("wrote the codebook to {file}").format(file=file))


@codebook_app.command("show", help=_("List groups and codes with hotkeys and how often each is used."))
def codebook_show(output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION) -> None:
    from qualcode.storage.codebook_store import load_codebook
    from qualcode.storage.codings import list_codings
    store = open_store(project)
    codebook = load_codebook(store)
    used: dict[int, int] = {}
    for coding in list_codings(store):
        used[coding.code_id] = used.get(coding.code_id, 0) + 1
    groups = {group.id: group.key for group in codebook.groups}
    rows = [
        {"group": groups[code.group_id], "code": code.key, "name": code.name, "hotkey": code.hotkey,
         "codings": used.get(code.id, 0), "indicators": ", ".join(code.indicators)}
        for code in codebook.codes
    ]
    emit_rows(rows, ["group", "code", "name", "hotkey", "codings", "indicators"], output)
