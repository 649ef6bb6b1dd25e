"""The ``--project`` option every command shares (a folder or a PostgreSQL URL), and opening the project it names."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from qualcode.cli.command_line_shape import PROJECT_ENVIRONMENT_VARIABLE, SERVER_SCHEMES
from qualcode.cli.output import fail, inform
from qualcode.cli.storage_failures import opened_databases
from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError

if TYPE_CHECKING:
    from qualcode.storage.project_store import ProjectStore



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
        raise typer.BadParameter(_("{given_before} before the command and {folder} after it; give one project").format(
            given_before=_shown(given_before), folder=_shown(folder)))
    return folder


PROJECT_OPTION = typer.Option(
    ".", "--project", "-p", envvar=PROJECT_ENVIRONMENT_VARIABLE, callback=project_folder, parser=project_location,
    metavar="DIR|URL",
    help=_("The project folder or postgresql://USER@HOST:PORT/DATABASE (default: $QUALCODE_PROJECT, else the "
           "current folder)."),
)


def _follow_project_language(store: ProjectStore) -> None:
    """The project's language setting, unless ``--lang`` or $QUALCODE_LANG chose; the workbench loads after this."""
    from qualcode.domain.language import LANGUAGE_SETTING, follow_project_setting
    from qualcode.storage.settings import get_setting

    follow_project_setting(get_setting(store, LANGUAGE_SETTING))


def open_for_reading(folder: Path | str) -> sqlite3.Connection | None:
    """A connection that only reads the project in a folder, opened without loading SQLAlchemy; exit 1 when refused.

    None when the project must be opened with ``open_store``: on a server, or a folder that opening
    sets up or upgrades first.
    """
    if is_url(folder):
        return None
    from qualcode.domain.language import LANGUAGE_SETTING, follow_project_setting
    from qualcode.storage.sqlite_reading import DATABASE_NAME, stored_setting
    from qualcode.storage.sqlite_reading import open_for_reading as open_folder_for_reading

    try:
        connection = open_folder_for_reading(folder)
    except ProjectError as error:
        raise fail(str(error)) from None
    if connection is not None:
        opened_databases.append(folder / DATABASE_NAME)
        follow_project_setting(stored_setting(connection, LANGUAGE_SETTING))
    return connection


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
            inform(_("Upgraded the project; the old version is kept as {path}").format(path=store.backup_path))
        _follow_project_language(store)
        return store
    try:
        if needs_setup(folder):
            inform(_("Setting up the project in {value} from its codebooks/ and transcripts/ ...").format(
                value=folder.resolve()))
            store = open_or_set_up(folder, progress=lambda message: inform(f"  {message}"))
            inform(_("Done."))
            return store
        store = open_or_set_up(folder)
    except ProjectError as error:
        raise fail(str(error)) from None
    opened_databases.append(store.database_path)
    _follow_project_language(store)
    if store.backup_path:
        inform(_("Upgraded the project; the old version is kept as {name}").format(name=store.backup_path.name))
    return store
