"""Every storage failure of any command becomes one line on standard error and exit status 1."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.core import TyperGroup

from qualcode.domain.display_text import display_text
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _

opened_databases: list[Path | str] = []
"""The project databases this command opened (files, or PostgreSQL URLs), newest last: the one a storage error is about."""


class StorageFailuresAsMessages(TyperGroup):
    """The command group that turns SQLite's failures (locked, full, read-only, damaged) into a message.

    Every write is one transaction, so nothing of a failed command was written; the message says
    what happened and, for a lock, which process holds the database.
    """

    def invoke(self, ctx: typer.Context):
        opened_databases.clear()
        try:
            return super().invoke(ctx)
        except Exception as error:
            # Loaded only on failure: it imports SQLAlchemy, which ``--help`` and light commands never need.
            # Everything else (the command line's own exits and usage errors) passes through unchanged.
            from qualcode.storage.database_errors import DATABASE_ERRORS, describe_database_error

            where = opened_databases[-1] if opened_databases else None
            if isinstance(error, DATABASE_ERRORS) and isinstance(where, str):
                from qualcode.storage.server_store import describe_server_error
                message = describe_server_error(error, where)
            elif isinstance(error, DATABASE_ERRORS):
                message = describe_database_error(error, where)
            elif isinstance(error, ProjectError):
                message = str(error)
            else:
                raise
        typer.echo(_("error: {message}").format(message=display_text(message)), err=True)
        raise typer.Exit(1)
