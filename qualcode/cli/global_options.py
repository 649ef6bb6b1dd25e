"""The options given before the command: ``--project DIR`` for whichever command follows, and ``--version``."""

from __future__ import annotations

from pathlib import Path

import typer

PROJECT_FLAGS = ("--project", "-p")
NO_COMMAND_NEEDED = ("--help", "-h", "--version")


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version  # 45 ms of imports that only --version needs

        typer.echo(f"qualcode {version('qualcode')}")
        raise typer.Exit()


def _project_location(value: str | Path) -> Path | str:
    from qualcode.cli.project_option import project_location

    return project_location(value)


def global_options(
    project: Path = typer.Option(
        None, *PROJECT_FLAGS, metavar="DIR|URL", show_default=False, parser=_project_location,
        help="The project folder or postgresql:// URL for the command that follows "
             "(default: $QUALCODE_PROJECT, else the current folder)."),
    show_version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_print_version, help="Print qualcode's version and stop."),
) -> None:
    """Code qualitative interviews, check inter-coder agreement and export frequencies.

    Without a command, qualcode opens the coding workbench on the project.
    """


def command_position(arguments: list[str]) -> int | None:
    """Where the command belongs in ARGUMENTS (after the global options), or None when none is needed.

    None when the arguments end inside a global option (``--project`` without its folder: Click
    then says what is missing) or ask for help or the version.
    """
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        if argument in PROJECT_FLAGS:
            if position + 1 == len(arguments):
                return None
            position += 2
        elif argument.startswith("--project="):
            position += 1
        elif argument in NO_COMMAND_NEEDED:
            return None
        else:
            break
    return position
