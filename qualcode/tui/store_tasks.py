"""A unit of work on the project for the app's store queue, and the message any failure of one becomes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from qualcode.domain.display_text import display_text
from qualcode.storage import database_errors
from qualcode.storage.errors import ProjectError


@dataclass
class StoreTask:
    """A unit of work on the project: ``run`` in a thread, then ``done(result)`` on the app's thread."""

    description: str
    run: Callable[[], Any]
    done: Callable[[Any], None] | None = None
    failed: Callable[[BaseException], None] | None = None


def readable_error(error: BaseException, database_path: Path | None = None) -> str:
    """A message a researcher can act on, for any exception a worker raised (control characters as symbols)."""
    if isinstance(error, ProjectError):
        return display_text(str(error))
    if isinstance(error, database_errors.DATABASE_ERRORS):  # loads SQLAlchemy's errors, only when one is to be read
        return display_text(database_errors.describe_database_error(error, database_path))
    return display_text(f"{type(error).__name__}: {error}")


class StoreQueue(Protocol):
    """What a screen needs of the app: the queue its store tasks run in, in order (``QualcodeApp.submit``)."""

    def submit(self, task: StoreTask) -> None: ...
