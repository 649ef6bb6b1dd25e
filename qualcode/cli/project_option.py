"""The ``--project`` option every command shares, and opening the project it names."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from qualcode.cli.output import fail, inform
from qualcode.cli.storage_failures import opened_databases
from qualcode.storage.errors import ProjectError

if TYPE_CHECKING:
    from qualcode.storage.project_store import ProjectStore

PROJECT_OPTION = typer.Option(
    Path("."), "--project", "-p", envvar="QUALCODE_PROJECT", help="The project folder (default: the current folder)."
)


def open_store(folder: Path) -> ProjectStore:
    """Open (or, for a folder with sample material, first set up) the project; exit 1 with a message if impossible."""
    from qualcode.project_setup import needs_setup, open_or_set_up  # the store loads SQLAlchemy: not for --help

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
