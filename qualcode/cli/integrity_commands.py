"""``qualcode check`` and ``qualcode backup``: is the project whole, and a consistent copy of it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import fail, inform, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _


@app.command(help=_("Check the whole project database (integrity, foreign keys, text encoding). Exit 1 if anything is wrong."))
def check(project: Path = PROJECT_OPTION) -> None:
    from qualcode.storage.database_errors import backup_advice
    from qualcode.storage.integrity import check_database
    from qualcode.storage.project_store import DATABASE_NAME
    if isinstance(project, str):
        _check_server(project)
        return
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


def _check_server(url: str) -> None:
    """On PostgreSQL the server keeps constraints and pages whole; what is left to check is every text's SHA-256."""
    from qualcode.storage.server_store import document_text_problems

    store = open_store(url)
    problems = document_text_problems(store.engine)
    store.close()
    if not problems:
        say(_("ok: {location}: every document's text has the SHA-256 recorded when it was imported").format(
            location=store.location))
        return
    for problem in problems:
        say(_("problem: {problem}").format(problem=problem))
    raise fail(_("{location} has {count} document(s) whose text changed after import").format(
        location=store.location, count=len(problems)))


@app.command(help=_("Write a consistent copy of the project database (SQLite's online backup, or pg_dump), also "
                    "while it is in use."))
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
    if store.on_server:
        from qualcode.storage.server_store import dump_database
        try:
            written = dump_database(store.url, store.folder / "backups", "backup", target=output)
        except ProjectError as error:
            raise fail(str(error)) from None
        store.close()
        say(_("backed up {location} to {written} (pg_restore reads it)").format(location=store.location,
                                                                              written=written))
        return
    written = backup_project(store.database_path, datetime.now().astimezone(), output)
    store.close()
    say(_("backed up {database_path} to {written}").format(database_path=store.database_path, written=written))
