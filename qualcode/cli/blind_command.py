"""``qualcode blind [on|off]``: blind coding, where each coder sees only their own codings until it is off."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import fail, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError


class Switch(str, Enum):
    on = "on"
    off = "off"


@app.command("blind", help=_(
    "Blind coding: while on, each coder sees only their own codings and memos (enforced by PostgreSQL)."))
def blind(
    switch: Switch = typer.Argument(None, help=_("on or off; without it, say which it is.")),
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.storage.blind_coding import is_blind, set_blind

    store = open_store(project)
    try:
        if switch is not None:
            set_blind(store, switch is Switch.on)
        say(_("blind coding is on: each coder sees only their own codings") if is_blind(store)
            else _("blind coding is off: everyone sees every coder's codings"))
    except ProjectError as error:
        raise fail(str(error)) from None
    finally:
        store.close()
