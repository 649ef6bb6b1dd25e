"""``qualcode check`` and ``qualcode backup``: is the project whole, and a consistent copy of it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from qualcode.cli import app
from qualcode.cli.output import fail, inform, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _


@app.command(help=_("Check the whole project database (integrity, foreign keys, text encoding). Exit 1 if anything is wrong."))
def check(project: Path = PROJECT_OPTION) -> None:
    from qualcode.storage.database_errors import backup_advice
    from qualcode.storage.integrity import check_database
    from qualcode.storage.project_store import DATABASE_NAME
    try:
        report = check_database(project / DATABASE_NAME)
    except ProjectError as error:
        raise fail(str(error)) from None
    if report.healthy:
        say(_("ok: {database_path} passed integrity_check, foreign_key_check and the text checks (SHA-256, UTF-8)").format(
            database_path=report.database_path))
        return
    for problem in report.problems:
        say(_("problem: {problem}").format(problem=problem))
    raise fail(_("{database_path} is damaged ({count} problem(s)); {backup_advice}").format(
        database_path=report.database_path, count=len(report.problems), backup_advice=backup_advice(report.database_path)))


@app.command(help=_("Write a consistent copy of the project database (SQLite's online backup), also while it is in use."))
def backup(
    output: Path = typer.Option(None, "--output", "-o",
                                help=_("Write the copy here (default: backups/qualcode-TIME.db).")),
    keep_daily: int = typer.Option(None, "--keep-daily", min=0,
                                   help=_("The workbench keeps this many daily backups (0: none; 7 unless set).")),
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.storage.backups import KEEP_SETTING, backup_project
    from qualcode.storage.settings import set_setting
    if output is not None and output.exists():
        raise fail(_("{output} exists already; name a new file").format(output=output))
    if output is not None and not output.parent.is_dir():
        raise fail(_("{parent} is not a folder").format(parent=output.parent))
    store = open_store(project)
    if keep_daily is not None:
        set_setting(store, KEEP_SETTING, str(keep_daily))
        inform(_("the workbench keeps {keep_daily} daily backups of this project").format(keep_daily=keep_daily))
    written = backup_project(store.database_path, datetime.now().astimezone(), output)
    store.close()
    say(_("backed up {database_path} to {written}").format(database_path=store.database_path, written=written))
