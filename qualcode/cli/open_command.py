"""``qualcode open [PROJECT_DIR] [--coder NAME]``: the coding workbench (``qualcode [DIR]`` for short)."""

from __future__ import annotations

import gc
from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import fail
from qualcode.cli.project_option import PROJECT_ENVIRONMENT_VARIABLE, is_url, open_store, project_folder, project_location
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _


def _has_project(folder: Path) -> bool:
    """A database, or the material a sample project is set up from on first use."""
    from qualcode.storage.project_store import DATABASE_NAME
    return (folder / DATABASE_NAME).exists() or (
        any((folder / "codebooks").glob("*.yaml")) and (folder / "transcripts").is_dir())


@app.command("open", help=_("Open the coding workbench on PROJECT."))
def open_workbench(
    project: Path = typer.Argument(".", envvar=PROJECT_ENVIRONMENT_VARIABLE, callback=project_folder,
                                   parser=project_location, metavar="[DIR|URL]",
                                   help=_("The project folder or postgresql:// URL "
                                          "(default: $QUALCODE_PROJECT, else the current folder).")),
    coder: str = typer.Option(None, "--coder", help=_("Code as NAME (otherwise the coder this project remembers).")),
    no_suggestions: bool = typer.Option(False, "--no-suggestions", help=_("Do not load the NLP pipeline.")),
) -> None:
    from qualcode.storage.project_store import DATABASE_NAME
    if not is_url(project) and (not project.is_dir() or not _has_project(project)):
        raise fail(_("no qualcode project in {project} (no {DATABASE_NAME}); run 'qualcode init {project}' and "
                     "'qualcode import FILE...' first").format(project=project, DATABASE_NAME=DATABASE_NAME))
    store = open_store(project)
    from qualcode.tui.app import make_app, prepare_start  # Textual loads only when the workbench opens

    try:
        started = prepare_start(store, coder)
    except ProjectError as error:
        raise fail(str(error)) from None
    # Everything imported so far lives as long as the app: keep the collector from scanning it again
    # and again while the first frame is drawn (a full collection costs ~70 ms at this point).
    gc.freeze()
    make_app(store.folder if store.on_server else project, coder, suggestions=not no_suggestions, store=store, started=started).run()
