"""The ``qualcode`` command line: thin Typer commands over library functions."""

from __future__ import annotations

import sys

import typer

from qualcode.cli.global_options import command_position, global_options
from qualcode.cli.library_words import translate_library_words
from qualcode.cli.storage_failures import StorageFailuresAsMessages
from qualcode.domain.language import _

translate_library_words()
app = typer.Typer(
    name="qualcode",
    cls=StorageFailuresAsMessages,
    no_args_is_help=False,
    add_completion=False,
    context_settings={"help_option_names": ["--help", "-h"]},
)
app.callback(help=_("Code qualitative interviews, check inter-coder agreement and export frequencies.\n\n"
                    "Without a command, qualcode opens the coding workbench on the project."))(global_options)


export_app = typer.Typer(help=_("Write reports and exchange files (to exports/ unless --output says otherwise)."),
                         no_args_is_help=True)
app.add_typer(export_app, name="export")

OPEN_COMMAND = "open"
"""``qualcode [PROJECT_DIR] [--coder NAME]`` is short for ``qualcode open ...``: the TUI."""


def main() -> None:
    """Entry point of the ``qualcode`` script: with no command (after the global options), open the TUI."""
    position = command_position(sys.argv[1:])
    if position is not None:
        rest = sys.argv[1 + position:]
        if not rest or rest[0] not in command_names(app):
            sys.argv.insert(1 + position, OPEN_COMMAND)
    app()


def command_names(typer_app: typer.Typer) -> set[str]:
    """The names of the app's commands and command groups, as Typer names them, without building the Click
    group (about 20 ms for a hundred commands, which ``app()`` then spends again)."""
    names = {info.name or typer.main.get_command_name(info.callback.__name__) for info in typer_app.registered_commands}
    return names | {info.name for info in typer_app.registered_groups}


# Command modules register themselves on ``app`` when imported. They import the heavier library
# modules (numpy-backed reports, REFI-QDA) inside their commands, so that opening the workbench,
# which goes through here, does not pay for them.
from qualcode.cli import codebook_commands, merge_command, project_commands  # noqa: E402,F401
from qualcode.cli import nlp_commands  # noqa: E402,F401
from qualcode.cli import export_commands  # noqa: E402,F401
from qualcode.cli import agreement_command  # noqa: E402,F401
from qualcode.cli import refi_commands  # noqa: E402,F401
from qualcode.cli import integrity_commands  # noqa: E402,F401
from qualcode.cli import open_command  # noqa: E402,F401
from qualcode.cli import retrieve_command  # noqa: E402,F401
from qualcode.cli import server_commands  # noqa: E402,F401
from qualcode.cli import copy_command  # noqa: E402,F401
from qualcode.cli import blind_command  # noqa: E402,F401
from qualcode.cli import query_commands  # noqa: E402,F401
from qualcode.cli import analysis_exports  # noqa: E402,F401
from qualcode.cli import framework_commands  # noqa: E402,F401
from qualcode.cli import report_commands  # noqa: E402,F401
from qualcode.cli import figure_command  # noqa: E402,F401
from qualcode.cli import language_command  # noqa: E402,F401
from qualcode.cli import search_command  # noqa: E402,F401
from qualcode.cli import pseudonymise_commands  # noqa: E402,F401
