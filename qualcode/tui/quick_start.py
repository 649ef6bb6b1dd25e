"""The workbench opened in two phases: what it shows first read with sqlite3, the store opened after the first frame.

Opening the store loads SQLAlchemy, SQLModel and Pydantic (about half the start), and the command
line loads Typer. For a plain ``qualcode [DIR] [--coder NAME]`` on a folder whose database is
current and whose coder exists, the ``qualcode`` script calls :func:`workbench_app` before either
is loaded: ``storage.workbench_start`` reads the overview and the document to open with sqlite3
alone, the app draws the workbench from that, and the store queue's first task opens the store
(``tui.opening_store``). Anything that needs a write first (a folder to set up, a database to
upgrade, a coder to create, ask for or remember) or is refused (a damaged or newer database) is
left to the command line, which does what it always did.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qualcode.domain.language import LANGUAGE_SETTING, follow_project_setting
from qualcode.domain.models import Coder
from qualcode.storage.errors import ProjectError
from qualcode.storage.sqlite_reading import REMEMBERED_CODER_SETTING, coder_id_named, open_for_reading, stored_setting
from qualcode.storage.workbench_start import KEYMAP_SETTING, Start, start_reader

if TYPE_CHECKING:
    from qualcode.tui.app import QualcodeApp


@dataclass(frozen=True)
class Opening:
    """What the first phase reads: the project's language setting, the coder, their keymap, and what to show
    first once the coded shares are read (``start()`` waits for them)."""

    language: str | None
    coder: Coder
    keymap: dict[str, str]
    start: Callable[[], Start]


def read_opening(folder: Path, coder: str | None) -> Opening | None:
    """What the workbench opens with, read without writing; None when the command line must open the project:
    no current database (or a damaged one), or a coder to create, ask for or remember."""
    try:
        # The quick check (a scan of the whole database) waits for the second phase: open_project runs it
        # before anything is written, and the workbench shows its refusal.
        connection = open_for_reading(folder, check=False)
    except ProjectError:  # a newer qualcode's, or unreadable: the command line says so
        return None
    if connection is None:
        return None
    try:
        remembered = stored_setting(connection, REMEMBERED_CODER_SETTING)
        name = coder.strip() if coder and coder.strip() else remembered
        if remembered is None or not name:  # the command line remembers the coder, or the app asks
            return None
        coder_id = coder_id_named(connection, name)
        if coder_id is None:  # a new coder is created by the command line
            return None
        keymap = stored_setting(connection, KEYMAP_SETTING)
        return Opening(stored_setting(connection, LANGUAGE_SETTING), Coder(coder_id, name),
                       json.loads(keymap) if keymap else {}, start_reader(connection, coder_id))
    except (sqlite3.Error, ValueError):  # anything unexpected: the command line's way reports it properly
        return None
    finally:
        connection.close()


def workbench_app(folder: Path, coder: str | None, *, suggestions: bool) -> QualcodeApp | None:
    """The workbench on ``folder``, to start in two phases; None when the command line must open the project.

    The app's modules are imported after the project is read, when its language is known (their texts
    are made when they load); none of them loads the store's. Only the coded shares are read while they
    load: one query, which SQLite runs without the interpreter lock. (Reading everything in a thread
    while Textual is imported was no faster on two cores: building the rows contends for the interpreter.)
    """
    opening = read_opening(folder, coder)
    if opening is None:
        return None
    follow_project_setting(opening.language)
    from qualcode.tui.app import make_app
    from qualcode.tui.messages import Started
    from qualcode.tui.screens import workbench  # noqa: F401  (loaded now: the caller keeps the collector paused)

    try:  # SQLite read the coded shares while the interface loaded (the slowest read, ~50 ms at 500 interviews)
        start = opening.start()
    except sqlite3.Error:  # the command line's way reports it properly
        return None
    return make_app(folder, coder, suggestions=suggestions, started=Started(opening.coder, opening.keymap, start))
