"""``qualcode language [nl|en|auto]``: the project's interface language, shown or set."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import fail, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.domain.language import LANGUAGE_SETTING, LANGUAGES, _

AUTOMATIC = "auto"


@app.command("language", help=_("Show the project's interface language, or set it: nl, en, or auto (the system's "
                                "language). --lang and $QUALCODE_LANG still choose another for one run."))
def language(
    choice: str = typer.Argument(None, metavar="[nl|en|auto]", show_default=False,
                                 help=_("The language to use in this project from now on.")),
    project: Path = PROJECT_OPTION,
) -> None:
    """Show or set the project's interface language."""
    from qualcode.storage.settings import delete_setting, get_setting, set_setting

    if choice is not None and choice not in (*LANGUAGES, AUTOMATIC):
        raise fail(_("no interface language {choice!r}; choose nl, en or auto").format(choice=choice))
    store = open_store(project)
    if choice is None:
        say(get_setting(store, LANGUAGE_SETTING) or AUTOMATIC)
    elif choice == AUTOMATIC:
        delete_setting(store, LANGUAGE_SETTING)
        say(_("the interface language of this project now follows the system's language"))
    else:
        set_setting(store, LANGUAGE_SETTING, choice)
        say(_("the interface language of this project is now {language}").format(language=choice))
    store.close()
