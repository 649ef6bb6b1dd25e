"""The ``qualcode`` script: chooses the language, opens a plain workbench at once, else loads the command line.

A plain workbench invocation (``qualcode``, ``qualcode DIR``, ``qualcode open DIR``, with only
``--coder NAME``, ``--no-suggestions``, ``--lang``, ``--project/-p DIR`` or $QUALCODE_PROJECT naming
a folder) is recognised here, before Typer is loaded, and opened in two phases
(``qualcode.tui.quick_start``) when the project allows it; everything else, and such a project
that does not, goes to the command line as before.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

LANGUAGE_FLAG = "--lang"
YOUNG_OBJECTS_PER_COLLECTION = 10_000
"""New container objects between two collections of the youngest generation (Python's default: 700)."""


def language_first(arguments: list[str]) -> tuple[str | None, list[str]]:
    """The language ``--lang`` asks for (None without one) and ARGUMENTS with that option moved to the front.

    ``--lang`` may come before or after the command, as ``--project`` may; in front, the command line
    takes it as the global option it is (and refuses a language it does not speak). Arguments after
    ``--`` are left alone, and so is a ``--lang`` without its value, for the command line to point at.
    """
    end = arguments.index("--") if "--" in arguments else len(arguments)
    for position, argument in enumerate(arguments[:end]):
        if argument.startswith(LANGUAGE_FLAG + "="):
            language, taken = argument.partition("=")[2], 1
        elif argument == LANGUAGE_FLAG and position + 1 < end:
            language, taken = arguments[position + 1], 2
        else:
            continue
        rest = arguments[:position] + arguments[position + taken:]
        return language, [LANGUAGE_FLAG, language, *rest]
    return None, arguments


@dataclass(frozen=True)
class WorkbenchRequest:
    """A plain ``qualcode open``: the project folder, the coder asked for (None: the remembered one), suggestions."""

    folder: Path
    coder: str | None
    suggestions: bool


def plain_workbench(arguments: list[str], environment: Mapping[str, str]) -> WorkbenchRequest | None:
    """What ARGUMENTS (after ``language_first``) ask of the workbench, or None unless they plainly open it on a folder.

    None for any other command, help, an option the workbench does not take, a ``postgresql://``
    URL, ``--`` or anything else unusual (the command line then deals with it, as it always did),
    and when a folder is given both before and after the command.
    """
    from qualcode.cli.command_line_shape import (
        COMMAND_MODULES, LANGUAGE_FLAGS, NO_COMMAND_NEEDED, OPEN_COMMAND, PROJECT_ENVIRONMENT_VARIABLE, PROJECT_FLAGS,
        SERVER_SCHEMES,
    )
    from qualcode.domain.language import LANGUAGES

    position, before = 0, None
    while position < len(arguments):  # the global options
        flag, equals, value = arguments[position].partition("=")
        if flag not in LANGUAGE_FLAGS + PROJECT_FLAGS or (equals and flag == "-p"):
            break
        if not equals:
            if position + 1 == len(arguments):
                return None
            value = arguments[position + 1]
        if flag in LANGUAGE_FLAGS and value not in LANGUAGES or flag in PROJECT_FLAGS and before is not None:
            return None
        if flag in PROJECT_FLAGS:
            before = value
        position += 1 if equals else 2
    rest = arguments[position:]
    if rest and rest[0] == OPEN_COMMAND:
        rest = rest[1:]
    elif rest and rest[0] in COMMAND_MODULES:
        return None
    coder, suggestions, folder = None, True, None
    index = 0
    while index < len(rest):
        argument = rest[index]
        if argument == "--coder" and index + 1 < len(rest) and coder is None:
            coder, index = rest[index + 1], index + 2
        elif argument.startswith("--coder=") and coder is None:
            coder, index = argument.partition("=")[2], index + 1
        elif argument == "--no-suggestions":
            suggestions, index = False, index + 1
        elif not argument.startswith("-") and folder is None:
            folder, index = argument, index + 1
        else:  # --help, --, an unknown option, a second folder
            return None
    if folder is not None and before is not None:
        return None
    location = folder or before or environment.get(PROJECT_ENVIRONMENT_VARIABLE) or "."
    if location.lower().startswith(SERVER_SCHEMES) or any(flag in arguments for flag in NO_COMMAND_NEEDED):
        return None
    return WorkbenchRequest(Path(location), coder, suggestions)


def main() -> None:
    """Choose the language; open a plain workbench in two phases, else import the command line and run it.

    The language comes first because help texts and key descriptions are made when their modules
    are imported. Importing SQLAlchemy, Typer and Textual makes hundreds of thousands of objects that
    live as long as the process; collecting cycles among them while they load costs about a tenth of
    the start-up and frees nothing, so the collector waits and then leaves them out of later collections.
    The modules a command imports when it runs (SQLAlchemy for a command that opens the store, about
    a third of its start; the workbench's store, opened after its first frame) are alike: the collector
    then looks at young objects every 10,000 new ones instead of every 700 (about 20 ms less for a
    command that opens the store; a few MB at most wait a little longer to be collected).

    When the command (or the workbench) ends, whatever it made is frozen too: on exit Python runs its
    collector over every object still alive, several times while it clears the modules, and finds
    nothing worth finding (the operating system takes the memory back). For a command that loaded
    SQLAlchemy those passes cost about 80 ms, an eighth of a ``codings import``. Files are closed by
    their ``with`` blocks and an open store by its ``atexit`` finalizer (which folds SQLite's log back
    into the database), as before.
    """
    from qualcode.domain.language import start_language

    language, sys.argv[1:] = language_first(sys.argv[1:])
    start_language(language, os.environ)
    request = plain_workbench(sys.argv[1:], os.environ)
    workbench = None
    gc.disable()
    try:
        if request is not None:
            from qualcode.tui.quick_start import workbench_app

            workbench = workbench_app(request.folder, request.coder, suggestions=request.suggestions)
        if workbench is None:
            from qualcode.cli import main as command_line
            from qualcode.cli import with_command

            sys.argv[1:] = with_command(sys.argv[1:])  # loads the modules of the command given
    finally:
        gc.freeze()
        gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, *gc.get_threshold()[1:])
        gc.enable()
    try:
        if workbench is not None:
            workbench.run()
        else:
            command_line()
    finally:
        gc.freeze()
