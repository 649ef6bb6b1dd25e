"""The ``qualcode`` command line: thin Typer commands over library functions."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="qualcode",
    help="Code qualitative interviews, check inter-coder agreement and export frequencies.",
    no_args_is_help=False,
    add_completion=False,
)


def main() -> None:
    """Entry point of the ``qualcode`` script."""
    app()
