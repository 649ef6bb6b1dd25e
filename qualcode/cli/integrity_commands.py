"""``qualcode check`` and ``qualcode backup``: is the project whole, and a consistent copy of it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from qualcode.cli import app
from qualcode.cli.output import fail, inform, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.storage.errors import ProjectError


@app.command()
def check(project: Path = PROJECT_OPTION) -> None:
    """Check the whole project database (integrity, foreign keys, text encoding). Exit 1 if anything is wrong."""
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
        say(f"ok: {report.database_path} passed integrity_check, foreign_key_check and the text checks "
            "(SHA-256, UTF-8)")
        return
    for problem in report.problems:
        say(f"problem: {problem}")
    raise fail(f"{report.database_path} is damaged ({len(report.problems)} problem(s)); "
               f"{backup_advice(report.database_path)}")


def _check_server(url: str) -> None:
    """On PostgreSQL the server keeps constraints and pages whole; what is left to check is every text's SHA-256."""
    from qualcode.storage.server_store import document_text_problems

    store = open_store(url)
    problems = document_text_problems(store.engine)
    store.close()
    if not problems:
        say(f"ok: {store.location}: every document's text has the SHA-256 recorded when it was imported")
        return
    for problem in problems:
        say(f"problem: {problem}")
    raise fail(f"{store.location} has {len(problems)} document(s) whose text changed after import")


@app.command()
def backup(
    output: Path = typer.Option(None, "--output", "-o",
                                help="Write the copy here (default: backups/qualcode-TIME.db)."),
    keep_daily: int = typer.Option(None, "--keep-daily", min=0,
                                   help="The workbench keeps this many daily backups (0: none; 7 unless set)."),
    project: Path = PROJECT_OPTION,
) -> None:
    """Write a consistent copy of the project database (SQLite's online backup, or pg_dump), also while it is in use."""
    from qualcode.storage.backups import KEEP_SETTING, backup_project
    from qualcode.storage.settings import set_setting
    if output is not None and output.exists():
        raise fail(f"{output} exists already; name a new file")
    if output is not None and not output.parent.is_dir():
        raise fail(f"{output.parent} is not a folder")
    store = open_store(project)
    if keep_daily is not None:
        set_setting(store, KEEP_SETTING, str(keep_daily))
        inform(f"the workbench keeps {keep_daily} daily backups of this project")
    if store.on_server:
        from qualcode.storage.server_store import dump_database
        try:
            written = dump_database(store.url, store.folder / "backups", "backup", target=output)
        except ProjectError as error:
            raise fail(str(error)) from None
        store.close()
        say(f"backed up {store.location} to {written} (pg_restore reads it)")
        return
    written = backup_project(store.database_path, datetime.now().astimezone(), output)
    store.close()
    say(f"backed up {store.database_path} to {written}")
