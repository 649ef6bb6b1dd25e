"""The ``qualcode`` console script: loads the command line with the cyclic garbage collector paused."""

from __future__ import annotations

import gc


def main() -> None:
    """Import the command line, then run it.

    Importing SQLAlchemy, Typer and Textual makes hundreds of thousands of objects that live as long
    as the process; collecting cycles among them while they load costs about a tenth of the start-up
    and frees nothing, so the collector waits and then leaves them out of later collections.
    """
    gc.disable()
    try:
        from qualcode.cli import main as command_line
    finally:
        gc.freeze()
        gc.enable()
    command_line()
