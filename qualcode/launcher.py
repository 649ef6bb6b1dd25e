"""The ``qualcode`` script: chooses the interface language, then loads the command line with the garbage collector paused."""

from __future__ import annotations

import gc
import os
import sys

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


def main() -> None:
    """Choose the language, import the command line, then run it.

    The language comes first because help texts and key descriptions are made when their modules
    are imported. Importing SQLAlchemy, Typer and Textual makes hundreds of thousands of objects that
    live as long as the process; collecting cycles among them while they load costs about a tenth of
    the start-up and frees nothing, so the collector waits and then leaves them out of later collections.
    The modules a command imports when it runs (SQLAlchemy for a command that opens the store, about
    a third of its start) are alike: the collector then looks at young objects every 10,000 new ones
    instead of every 700 (about 20 ms less for a command that opens the store; a few MB at most wait
    a little longer to be collected).

    When the command ends, whatever it made is frozen too: on exit Python runs its collector over every
    object still alive, several times while it clears the modules, and finds nothing worth finding (the
    operating system takes the memory back). For a command that loaded SQLAlchemy those passes cost
    about 80 ms, an eighth of a ``codings import``. Files are closed by their ``with`` blocks and an open
    store by its ``atexit`` finalizer (which folds SQLite's log back into the database), as before.
    """
    from qualcode.domain.language import start_language

    language, sys.argv[1:] = language_first(sys.argv[1:])
    start_language(language, os.environ)
    gc.disable()
    try:
        from qualcode.cli import main as command_line
        from qualcode.cli import with_command

        sys.argv[1:] = with_command(sys.argv[1:])  # loads the modules of the command given
    finally:
        gc.freeze()
        gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, *gc.get_threshold()[1:])
        gc.enable()
    try:
        command_line()
    finally:
        gc.freeze()
