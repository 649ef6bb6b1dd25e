"""Typer's own words in ``--help`` and in usage errors (panel titles, "[required]"), in the interface language.

Typer reads them from module constants at call time; they are set once the language is chosen.
The Click copy inside Typer writes "Usage:" and its error sentences without gettext: those stay English.
"""

from __future__ import annotations

from qualcode.domain.language import _

TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "REQUIRED_LONG_STRING": "[required]",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}
"""Typer's constants and what Typer itself says in them."""


def translate_library_words() -> None:
    """Let Typer say its words in the interface language (the language is chosen already).

    In English Typer says them already: its help module, which loads Rich's Markdown, is then left
    for Typer to load when it shows help or an error, instead of costing every command its import.
    """
    words = {
        "ARGUMENTS_PANEL_TITLE": _("Arguments"),
        "OPTIONS_PANEL_TITLE": _("Options"),
        "COMMANDS_PANEL_TITLE": _("Commands"),
        "ERRORS_PANEL_TITLE": _("Error"),
        "REQUIRED_LONG_STRING": _("[required]"),
        "ABORTED_TEXT": _("Aborted."),
        "RICH_HELP": _("Try [blue]'{command_path} {help_option}'[/] for help."),
    }
    if words == TYPER_WORDS:
        return
    import typer.rich_utils

    for name, text in words.items():
        setattr(typer.rich_utils, name, text)
