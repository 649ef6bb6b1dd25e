"""The ``qualcode`` command line: thin Typer commands over library functions.

``qualcode.cli.app`` is the whole command line. The ``qualcode`` script loads only the module(s) of the
command it is given: importing all of them, and building Click's group of a hundred commands from
them, costs every command about 60 ms of its start.
"""

from __future__ import annotations

import sys
from importlib import import_module

from qualcode.cli import command_groups
from qualcode.cli.global_options import command_position

OPEN_COMMAND = "open"
"""``qualcode [PROJECT_DIR] [--coder NAME]`` is short for ``qualcode open ...``: the TUI."""

COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "merge": ("merge_command",),
    "init": ("project_commands",), "import": ("project_commands",), "documents": ("project_commands",),
    "text": ("project_commands",), "segments": ("project_commands",), "speakers": ("project_commands",),
    "cases": ("project_commands",), "coders": ("project_commands",), "codings": ("project_commands",),
    "doctor": ("nlp_commands",), "suggest": ("nlp_commands",), "evaluate-suggestions": ("nlp_commands",),
    "codebook": ("codebook_commands",),
    "export": ("export_commands", "refi_commands", "analysis_exports"),
    "agreement": ("agreement_command",),
    "exchange": ("refi_commands",),
    "check": ("integrity_commands",), "backup": ("integrity_commands",),
    "open": ("open_command",),
    "retrieve": ("retrieve_command",),
    "server": ("server_commands",),
    "copy": ("copy_command",),
    "blind": ("blind_command",),
    "queries": ("query_commands",),
    "framework": ("framework_commands",),
    "report": ("report_commands",),
    "figure": ("figure_command",),
    "language": ("language_command",),
    "search": ("search_command",),
    "pseudonymise": ("pseudonymise_commands",),
}
"""Each command (or command group) of ``qualcode`` and the modules in ``qualcode.cli`` that add it or its
subcommands, in the order they are loaded (a test holds this to what the modules register)."""

ALL_MODULES = (
    "codebook_commands", "merge_command", "project_commands", "nlp_commands", "export_commands", "agreement_command",
    "refi_commands", "integrity_commands", "open_command", "retrieve_command", "server_commands", "copy_command",
    "blind_command", "query_commands", "analysis_exports", "framework_commands", "report_commands", "figure_command",
    "language_command", "search_command", "pseudonymise_commands",
)
"""Every command module, in the order that gives ``qualcode --help`` its order of commands."""


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
    sys.argv[1:] = with_command(sys.argv[1:])
    command_groups.app()


def __getattr__(name: str):
    """``app`` and ``export_app`` with every command added, for callers that run the command line themselves."""
    if name in ("app", "export_app"):
        load_commands()
        return getattr(command_groups, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
