"""``--pseudonymised`` for every export: the export reads a pseudonymised copy of the project instead."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from qualcode.domain.language import _

if TYPE_CHECKING:
    from qualcode.storage.project_store import ProjectStore

PSEUDONYMISED_OPTION = typer.Option(
    False, "--pseudonymised",
    help=_("Replace every accepted form by its pseudonym (qualcode pseudonymise); codings keep their text."))


@contextmanager
def exported_store(store: ProjectStore, pseudonymised: bool) -> Iterator[ProjectStore]:
    """The project to export from: itself, or a pseudonymised copy of it (same ids) while the block runs."""
    if not pseudonymised:
        yield store
        return
    from qualcode.storage.pseudonymised_project import pseudonymised_copy

    with pseudonymised_copy(store) as copy:
        yield copy
