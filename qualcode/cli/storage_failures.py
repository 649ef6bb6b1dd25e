"""Every storage failure of any command becomes one line on standard error and exit status 1."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.core import TyperGroup

from qualcode.domain.display_text import display_text
from qualcode.storage.database_errors import DATABASE_ERRORS, describe_database_error
from qualcode.storage.errors import ProjectError

opened_databases: list[Path] = []
"""The project databases this command opened, newest last: the one a storage error is about."""


class StorageFailuresAsMessages(TyperGroup):
    """The command group that turns SQLite's failures (locked, full, read-only, damaged) into a message.

    Every write is one transaction, so nothing of a failed command was written; the message says
    what happened and, for a lock, which process holds the database.
    """

    def invoke(self, ctx: typer.Context):
        opened_databases.clear()
        try:
            return super().invoke(ctx)
        except DATABASE_ERRORS as error:
            database = opened_databases[-1] if opened_databases else None
            message = describe_database_error(error, database)
        except ProjectError as error:
            message = str(error)
        typer.echo(f"error: {display_text(message)}", err=True)
        raise typer.Exit(1)
