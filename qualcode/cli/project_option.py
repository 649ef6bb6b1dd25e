"""The ``--project`` option every command shares (a folder or a PostgreSQL URL), and opening the project it names."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from qualcode.cli.output import fail, inform
from qualcode.cli.storage_failures import opened_databases
from qualcode.storage.errors import ProjectError

if TYPE_CHECKING:
    from qualcode.storage.project_store import ProjectStore

PROJECT_ENVIRONMENT_VARIABLE = "QUALCODE_PROJECT"
SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
"""What a URL naming a project on a PostgreSQL server starts with (``storage.server_store`` knows the same)."""


def project_location(value: str | Path) -> Path | str:
    """A folder as a Path; a ``postgresql://`` URL stays the text it is (a Path would fold its ``//``)."""
    if isinstance(value, str) and value.lower().startswith(SERVER_SCHEMES):
        return value
    return Path(value)


def is_url(location: Path | str) -> bool:
    return isinstance(location, str)


def _same(first: Path | str, second: Path | str) -> bool:
    if is_url(first) or is_url(second):
        return first == second
    return first.resolve() == second.resolve()


def _shown(location: Path | str) -> str:
    """A folder as given; a URL without its password."""
    if not is_url(location):
        return str(location)
    from qualcode.storage.server_store import shown_url

    return shown_url(location)


def project_folder(context: typer.Context, parameter: typer.CallbackParam, folder: Path | str) -> Path | str:
    """The folder given after the command, else the one given before it, else $QUALCODE_PROJECT or ``.``.

    Two different folders, one before and one after the command, are refused rather than one chosen.
    """
    given_before = context.find_root().params.get("project")
    if given_before is None:
        return folder
    if context.get_parameter_source(parameter.name).name != "COMMANDLINE":  # a default or $QUALCODE_PROJECT
        return given_before
    if not _same(given_before, folder):
        raise typer.BadParameter(f"{_shown(given_before)} before the command and {_shown(folder)} after it; "
                                 "give one project")
    return folder


PROJECT_OPTION = typer.Option(
    ".", "--project", "-p", envvar=PROJECT_ENVIRONMENT_VARIABLE, callback=project_folder, parser=project_location,
    metavar="DIR|URL",
    help="The project folder or postgresql://USER@HOST:PORT/DATABASE (default: $QUALCODE_PROJECT, else the current folder).",
)


def open_store(folder: Path | str) -> ProjectStore:
    """Open (or, for a folder with sample material, first set up) the project; exit 1 with a message if impossible."""
    from qualcode.project_setup import needs_setup, open_or_set_up  # the store loads SQLAlchemy: not for --help

    if is_url(folder):
        from qualcode.storage.project_store import open_project
        try:
            store = open_project(folder)
        except ProjectError as error:
            raise fail(str(error)) from None
        opened_databases.append(folder)
        if store.backup_path:
            inform(f"Upgraded the project; the old version is kept as {store.backup_path}")
        return store
    try:
        if needs_setup(folder):
            inform(f"Setting up the project in {folder.resolve()} from its codebooks/ and transcripts/ ...")
            store = open_or_set_up(folder, progress=lambda message: inform(f"  {message}"))
            inform("Done.")
            return store
        store = open_or_set_up(folder)
    except ProjectError as error:
        raise fail(str(error)) from None
    opened_databases.append(store.database_path)
    if store.backup_path:
        inform(f"Upgraded the project; the old version is kept as {store.backup_path.name}")
    return store
