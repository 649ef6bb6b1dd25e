"""The shape of a ``qualcode`` command line: the global options, where the command goes, the modules of each command.

Typer-free, so that the ``qualcode`` script can tell a plain workbench invocation from a command
before it loads the command line (``qualcode.launcher``).
"""

from __future__ import annotations

PROJECT_FLAGS = ("--project", "-p")
LANGUAGE_FLAGS = ("--lang",)
NO_COMMAND_NEEDED = ("--help", "-h", "--version")
PROJECT_ENVIRONMENT_VARIABLE = "QUALCODE_PROJECT"
SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
"""What a URL naming a project on a PostgreSQL server starts with (``storage.server_store`` knows the same)."""

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


def command_position(arguments: list[str]) -> int | None:
    """Where the command belongs in ARGUMENTS (after the global options), or None when none is needed.

    None when the arguments end inside a global option (``--project`` without its folder: Click
    then says what is missing) or ask for help or the version.
    """
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        if argument in PROJECT_FLAGS or argument in LANGUAGE_FLAGS:
            if position + 1 == len(arguments):
                return None
            position += 2
        elif argument.startswith(("--project=", "--lang=")):
            position += 1
        elif argument in NO_COMMAND_NEEDED:
            return None
        else:
            break
    return position
