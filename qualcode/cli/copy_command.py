"""``qualcode copy SOURCE TARGET``: a whole project from a folder to a PostgreSQL URL, or back."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import fail, say
from qualcode.cli.project_option import project_location
from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError


@app.command("copy", help=_(
    "Copy the whole project SOURCE into the empty TARGET: documents, codebook, codings, memos, cases, "
    "undo history."))
def copy(
    source: Path = typer.Argument(..., parser=project_location, metavar="SOURCE",
                                  help=_("The project to copy: a folder or a postgresql:// URL.")),
    target: Path = typer.Argument(..., parser=project_location, metavar="TARGET",
                                  help=_("Where to: a new folder, or the URL of an empty database.")),
) -> None:
    from qualcode.storage.project_copy import copy_project

    try:
        report = copy_project(source, target)
    except ProjectError as error:
        raise fail(str(error)) from None
    counts = dict(report.rows)
    say(_("copied {source} to {target}: {documents} documents, {codes} codes, {codings} codings, {memos} memos, "
          "{cases} cases, {actions} undo steps ({rows} rows in {tables} tables)").format(
        source=report.source, target=report.target, documents=counts.get("documents", 0),
        codes=counts.get("codes", 0), codings=counts.get("codings", 0), memos=counts.get("memos", 0),
        cases=counts.get("cases", 0), actions=counts.get("action_log", 0), rows=report.total, tables=len(report.rows)))
