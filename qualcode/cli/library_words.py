"""Typer's own words in ``--help`` and in usage errors (panel titles, "[required]"), in the interface language.

Typer reads them from module constants at call time; they are set once the language is chosen.
The Click copy inside Typer writes "Usage:" and its error sentences without gettext: those stay English.
"""

from __future__ import annotations

import typer.rich_utils

from qualcode.domain.language import _


def translate_library_words() -> None:
    """Let Typer say its words in the interface language (the language is chosen already)."""
    typer.rich_utils.ARGUMENTS_PANEL_TITLE = _("Arguments")
    typer.rich_utils.OPTIONS_PANEL_TITLE = _("Options")
    typer.rich_utils.COMMANDS_PANEL_TITLE = _("Commands")
    typer.rich_utils.ERRORS_PANEL_TITLE = _("Error")
    typer.rich_utils.REQUIRED_LONG_STRING = _("[required]")
    typer.rich_utils.ABORTED_TEXT = _("Aborted.")
    typer.rich_utils.RICH_HELP = _("Try [blue]'{command_path} {help_option}'[/] for help.")
