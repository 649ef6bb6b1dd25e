"""Set up a project folder that has sample material but no database yet (the bundled sample project).

A folder with ``codebooks/*.yaml`` and ``transcripts/`` but no ``qualcode.db`` is set up on first
use: the codebooks, the transcripts, ``transcripts/cases.csv`` and ``transcripts/codings/*.csv``
are imported, each step all-or-nothing, and what was done is reported.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from qualcode.storage.project_store import DATABASE_NAME, ProjectStore, init_project, open_project

if TYPE_CHECKING:
    from qualcode.importers.transcript_import import ImportOutcome

Progress = Callable[[str], None]


@dataclass
class SetupReport:
    codebooks: list[str] = field(default_factory=list)
    transcripts: list[ImportOutcome] = field(default_factory=list)
    cases: int = 0
    codings: int = 0


def needs_setup(folder: Path) -> bool:
    folder = Path(folder)
    return (
        not (folder / DATABASE_NAME).exists()
        and any((folder / "codebooks").glob("*.yaml"))
        and (folder / "transcripts").is_dir()
    )


def set_up_project(folder: Path, progress: Progress | None = None) -> tuple[ProjectStore, SetupReport]:
    """Create the database and import the folder's codebooks, transcripts, cases and codings.

    The database is new, so if any step fails it is removed again: the folder is left as it was.
    """
    folder = Path(folder)
    store = init_project(folder)
    try:
        return store, _import_material(store, folder, progress or (lambda message: None))
    except BaseException:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            (folder / (DATABASE_NAME + suffix)).unlink(missing_ok=True)
        raise


def _import_material(store: ProjectStore, folder: Path, say: Progress) -> SetupReport:
    # The importers load only when a project is set up: opening one (every command, the workbench) needs none.
    from qualcode.importers.cases_csv import import_cases
    from qualcode.importers.codebook_file import read_codebook_file
    from qualcode.importers.codings_csv import import_codings
    from qualcode.importers.readers import SUPPORTED_SUFFIXES
    from qualcode.importers.transcript_import import import_transcripts
    from qualcode.storage.codebook_store import apply_codebook_spec

    report = SetupReport()
    for path in sorted((folder / "codebooks").glob("*.yaml")):
        say(f"codebook {path.name}")
        apply_codebook_spec(store, read_codebook_file(path))
        report.codebooks.append(path.name)
    transcripts = sorted(
        path for path in (folder / "transcripts").iterdir()
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES
    )
    report.transcripts = import_transcripts(
        store, transcripts, progress=lambda number, total, path: say(f"transcript {number}/{total} {path.name}")
    )
    cases = folder / "transcripts" / "cases.csv"
    if cases.exists():
        say("cases.csv")
        report.cases = import_cases(store, cases).cases
    for path in sorted((folder / "transcripts" / "codings").glob("*.csv")):
        say(f"codings {path.name}")
        report.codings += import_codings(store, path).imported
    return report


def set_up_copy(folder: Path, into: Path, codebooks: Path | None = None) -> tuple[ProjectStore, SetupReport]:
    """Set up a new project in the empty folder ``into`` from the material in ``folder`` (laid out as above).

    ``folder`` itself is only read. When it has no ``codebooks/*.yaml``, the codebooks in
    ``codebooks`` (a folder) are used, so a set of coded interviews can be measured against a
    project's codebook, as ``qualcode evaluate-suggestions --folder`` does.
    """
    folder, into = Path(folder), Path(into)
    if not (folder / "transcripts").is_dir():
        raise FileNotFoundError(f"{folder} has no transcripts/ folder")
    source = folder / "codebooks" if any((folder / "codebooks").glob("*.yaml")) else codebooks
    if source is None or not any(Path(source).glob("*.yaml")):
        raise FileNotFoundError(f"{folder} has no codebooks/*.yaml and no other codebook was given")
    (into / "codebooks").mkdir(parents=True)
    for path in sorted(Path(source).glob("*.yaml")):
        shutil.copyfile(path, into / "codebooks" / path.name)
    shutil.copytree(folder / "transcripts", into / "transcripts")
    return set_up_project(into)


def open_or_set_up(folder: Path, progress: Progress | None = None) -> ProjectStore:
    """Open the project in ``folder``, setting it up first when it has material but no database."""
    if needs_setup(folder):
        return set_up_project(folder, progress)[0]
    return open_project(folder)
