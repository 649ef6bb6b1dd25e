"""The ``qualcode`` command line: thin Typer commands over library functions.

``qualcode.cli.app`` is the whole command line. The ``qualcode`` script loads only the module(s) of the
command it is given: importing all of them, and building Click's group of a hundred commands from
them, costs every command about 60 ms of its start. This package module loads no Typer: the script
reads the shape of its arguments (``command_line_shape``) before it decides to load the command line.
"""

from __future__ import annotations

import sys
from importlib import import_module

from qualcode.cli.command_line_shape import ALL_MODULES, COMMAND_MODULES, OPEN_COMMAND, command_position


def load_commands(modules: tuple[str, ...] = ALL_MODULES) -> None:
    """Import these command modules (all by default), which add their commands to the app."""
    for module in modules:
        import_module(f"qualcode.cli.{module}")


def with_command(arguments: list[str]) -> list[str]:
    """ARGUMENTS with ``open`` put in where they name no command, once the modules of their command are loaded.

    Help and ``--version`` (no command needed) load every module, for the list of commands.
    """
    position = command_position(arguments)
    if position is None:
        load_commands()
        return arguments
    rest = arguments[position:]
    if not rest or rest[0] not in COMMAND_MODULES:
        arguments = [*arguments[:position], OPEN_COMMAND, *rest]
    load_commands(COMMAND_MODULES[arguments[position]])
    return arguments


def main() -> None:
    """Entry point of the ``qualcode`` script: with no command (after the global options), open the TUI."""
    from qualcode.cli import command_groups

    sys.argv[1:] = with_command(sys.argv[1:])
    command_groups.app()


def __getattr__(name: str):
    """``app`` and ``export_app`` with every command added, for callers that run the command line themselves."""
    if name in ("app", "export_app"):
        from qualcode.cli import command_groups

        load_commands()
        return getattr(command_groups, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
