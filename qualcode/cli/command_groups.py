"""The ``qualcode`` Typer app and its ``export`` group, before any command module has added its commands."""

from __future__ import annotations

import typer

from qualcode.cli.global_options import global_options
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
