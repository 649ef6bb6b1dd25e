"""``qualcode open [PROJECT_DIR] [--coder NAME]``: the coding workbench (``qualcode [DIR]`` for short)."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.cli import app
from qualcode.cli.output import fail
from qualcode.storage.project_store import DATABASE_NAME


def _has_project(folder: Path) -> bool:
    """A database, or the material a sample project is set up from on first use."""
    return (folder / DATABASE_NAME).exists() or (
        any((folder / "codebooks").glob("*.yaml")) and (folder / "transcripts").is_dir())


@app.command("open")
def open_workbench(
    project: Path = typer.Argument(Path("."), help="The project folder (default: the current folder)."),
    coder: str = typer.Option(None, "--coder", help="Code as NAME (otherwise the coder this project remembers)."),
    no_suggestions: bool = typer.Option(False, "--no-suggestions", help="Do not load the NLP pipeline."),
) -> None:
    """Open the coding workbench on PROJECT."""
    if not project.is_dir() or not _has_project(project):
        raise fail(f"no qualcode project in {project} (no {DATABASE_NAME}); run 'qualcode init {project}' "
                   "and 'qualcode import FILE...' first")
    from qualcode.tui.app import make_app  # Textual loads only when the workbench opens

    make_app(project, coder, suggestions=not no_suggestions).run()
