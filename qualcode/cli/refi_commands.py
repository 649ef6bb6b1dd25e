"""``qualcode export qdpx|qdc`` and ``qualcode exchange import``: REFI-QDA exchange with ATLAS.ti, NVivo, MAXQDA."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from qualcode.cli.command_groups import app, export_app
from qualcode.cli.limit_options import (
    MAX_FILE_MB_OPTION,
    MAX_TEXT_CHARS_OPTION,
    MAX_UNPACKED_MB_OPTION,
    importer_limits,
)
from qualcode.cli.output import fail, inform, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.cli.pseudonymised_option import PSEUDONYMISED_OPTION, exported_store
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _

if TYPE_CHECKING:
    from qualcode.importers.refi_import import RefiImportResult

exchange_app = typer.Typer(help=_("Exchange projects and codebooks with other QDA tools (REFI-QDA)."),
                           no_args_is_help=True)
app.add_typer(exchange_app, name="exchange")

REFI_OUTPUT_OPTION = typer.Option(None, "--output", "-o", help=_("Write here instead of exports/<project>.<ext>."))


def _default_output(project: Path | str, suffix: str) -> Path:
    """exports/<project><suffix> in the project folder; for a URL, in the current folder, named for the database."""
    if isinstance(project, str):
        from qualcode.storage.server_store import database_name
        return Path.cwd() / "exports" / f"{database_name(project)}{suffix}"
    folder = project.resolve()
    return folder / "exports" / f"{folder.name}{suffix}"


@export_app.command("qdpx", help=_("The whole project as a REFI-QDA .qdpx: coders, codebook, documents, codings, memos, cases."))
def export_qdpx(output: Path = REFI_OUTPUT_OPTION, pseudonymised: bool = PSEUDONYMISED_OPTION,
                project: Path = PROJECT_OPTION) -> None:
    from qualcode.export.atomic_files import ExportError
    from qualcode.export.refi_files import write_qdpx

    store = open_store(project)
    try:
        with exported_store(store, pseudonymised) as source:
            summary = write_qdpx(source, output or _default_output(project, ".qdpx"), name=store.name)
    except ExportError as error:
        raise fail(str(error)) from None
    say(_("wrote {path}: {documents} documents, {codes} codes, {coders} coders, {codings} codings, {memos} memos, {cases} cases").format(
        path=summary.path, documents=summary.documents, codes=summary.codes, coders=summary.coders, codings=summary.codings, memos=summary.memos, cases=summary.cases))


@export_app.command("qdc", help=_("The codebook as a REFI-QDA .qdc (groups become top-level codes that cannot be coded)."))
def export_qdc(output: Path = REFI_OUTPUT_OPTION, project: Path = PROJECT_OPTION) -> None:
    from qualcode.export.atomic_files import ExportError
    from qualcode.export.refi_codebook import EmptyCodebookError
    from qualcode.export.refi_files import write_qdc

    store = open_store(project)
    path = output or _default_output(project, ".qdc")
    try:
        codes = write_qdc(store, path)
    except (EmptyCodebookError, ExportError) as error:
        raise fail(str(error)) from None
    say(_("wrote {path}: {codes} codes").format(path=path, codes=codes))


def _coder_names(pairs: list[str]) -> dict[str, str]:
    names = {}
    for pair in pairs:
        user, separator, coder = pair.partition("=")
        if not separator or not user.strip() or not coder.strip():
            raise fail(_("--as takes NAME_IN_FILE=CODER, not {pair!r}").format(pair=pair))
        names[user.strip()] = coder.strip()
    return names


def _report(result: RefiImportResult) -> None:
    origin = _(" from {origin}").format(origin=result.origin) if result.origin else ""
    heading = _("would import {name} ({kind}{origin}):") if result.dry_run else _("imported {name} ({kind}{origin}):")
    say(heading.format(name=result.path.name, kind=result.kind, origin=origin))
    documents = len(result.documents_added)
    matched = (_(" (+{count} already here)").format(count=len(result.documents_matched))
               if result.documents_matched else "")
    say(_("  documents: {documents} added{matched}").format(documents=documents, matched=matched))
    say(_("  codes: {count} added in {groups} new group(s), {codes_matched} already here").format(
        count=len(result.codes_added), groups=len(result.groups_added), codes_matched=result.codes_matched))
    renamed = [_("{user} as {coder}").format(user=user, coder=coder) for user, coder in result.coders if user != coder]
    coders = ", ".join(coder for _user, coder in result.coders) or _("none")
    say(_("  coders: {coders}").format(coders=coders) + (f" ({', '.join(renamed)})" if renamed else ""))
    say(_("  codings: {codings_added} added, {codings_already_present} already here; memos: {memos_added}; cases: {count}").format(
        codings_added=result.codings_added, codings_already_present=result.codings_already_present, memos_added=result.memos_added, count=len(result.cases)))
    for counting in result.countings:
        line = _("  positions in {source!r}: {counting} ({fitting}/{selections} fit, {on_word_boundaries} on word "
                 "boundaries").format(source=counting.source, counting=counting.counting, fitting=counting.fitting,
                                      selections=counting.selections, on_word_boundaries=counting.on_word_boundaries)
        line += (_(", {count} match their name)").format(count=counting.names_matching)
                 if counting.names_matching else ")")
        if counting.runner_up:
            line += _("; next best: {counting} ({count} on word boundaries)").format(
                counting=counting.runner_up, count=counting.runner_up_on_word_boundaries)
        if counting.tied:
            line += _("; TIED with another counting: check these codings")
        say(line)
    for refused in result.refused:
        say(_("  left out selection {guid} in {source!r} ({start}-{end}, {codings} codings): {reason}").format(
            guid=refused.guid, source=refused.source, start=refused.start, end=refused.end, codings=refused.codings, reason=refused.reason))
    for item in result.not_imported:
        codings = _(", {count} codings").format(count=item.codings) if item.codings else ""
        say(_("  not imported: {kind} {name!r}{codings}: {reason}").format(
            kind=item.kind, name=item.name, codings=codings, reason=item.reason))


@exchange_app.command("import", help=_("Import a .qdpx or .qdc from ATLAS.ti, NVivo, MAXQDA, Taguette or qualcode; all or nothing."))
def exchange_import(
    file: Path = typer.Argument(..., help=_("A REFI-QDA project (.qdpx) or codebook (.qdc).")),
    coder_as: list[str] = typer.Option([], "--as", help=_("USER=CODER: store this user's codings under CODER; "
                                                        "USER=USER confirms it is the coder of that name here.")),
    skip_unfitting: bool = typer.Option(False, "--skip-unfitting",
                                        help=_("Import the rest when some selections do not fit their text.")),
    group: str = typer.Option(None, "--group", help=_("Name of the group for another tool's codes "
                                                    "(default: the file's name).")),
    dry_run: bool = typer.Option(False, "--dry-run", help=_("Check and report, change nothing.")),
    max_file_mb: int = MAX_FILE_MB_OPTION,
    max_unpacked_mb: int = MAX_UNPACKED_MB_OPTION,
    max_text_chars: int = MAX_TEXT_CHARS_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.importers.refi_errors import RefiError
    from qualcode.importers.refi_import import import_refi

    store = open_store(project)
    names = _coder_names(coder_as)
    inform(_("reading {file} ...").format(file=file))
    try:
        with importer_limits(max_file_mb, max_unpacked_mb, max_text_chars):
            result = import_refi(store, file, coder_names=names, skip_unfitting=skip_unfitting, group_name=group,
                                 dry_run=dry_run)
    except (RefiError, ProjectError) as error:
        raise fail(_("{error} (nothing was imported)").format(error=error)) from None
    _report(result)
