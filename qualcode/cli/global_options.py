"""The options given before the command: ``--project DIR`` for whichever command follows, ``--lang`` and ``--version``."""

from __future__ import annotations

from pathlib import Path

from enum import Enum

import typer

from qualcode.cli.command_line_shape import LANGUAGE_FLAGS, PROJECT_FLAGS
from qualcode.domain.language import LANGUAGE_ENVIRONMENT_VARIABLE, LANGUAGES, _, start_language


InterfaceLanguage = Enum("InterfaceLanguage", {language: language for language in LANGUAGES}, type=str)


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version  # 45 ms of imports that only --version needs

        typer.echo(f"qualcode {version('qualcode')}")
        raise typer.Exit()


def _use_language(language: InterfaceLanguage | None) -> InterfaceLanguage | None:
    """The ``qualcode`` script has chosen the language already; this makes ``--lang`` work when the app is called directly."""
    if language is not None:
        start_language(language.value, {})
    return language


def _project_location(value: str | Path) -> Path | str:
    from qualcode.cli.project_option import project_location

    return project_location(value)


def global_options(
    project: Path = typer.Option(
        None, *PROJECT_FLAGS, metavar="DIR|URL", show_default=False, parser=_project_location,
        help=_("The project folder or postgresql:// URL for the command that follows "
               "(default: $QUALCODE_PROJECT, else the current folder).")),
    language: InterfaceLanguage = typer.Option(
        None, *LANGUAGE_FLAGS, envvar=LANGUAGE_ENVIRONMENT_VARIABLE, show_default=False, show_envvar=False, is_eager=True, callback=_use_language,
        help=_("The interface language, nl or en (default: $QUALCODE_LANG, else the project's setting, "
               "else the system's language).")),
    show_version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_print_version, help=_("Print qualcode's version and stop.")),
) -> None:
    """The options before the command (the app's help text is given where the callback is registered)."""
