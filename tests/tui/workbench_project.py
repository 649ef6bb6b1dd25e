"""A small project for the workbench tests, built with the store API, and a helper that waits for the app."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable
from textual.worker import WorkerState

from qualcode.storage.coders import ensure_coder
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.project_store import ProjectStore, init_project
from qualcode.tui.app import QualcodeApp, make_app
from tests.project_factory import SMALL_CODEBOOK, add_document, parsed_interview

SNAPSHOT_THEME = "textual-dark"
SIZE = (120, 36)

FIRST_INTERVIEW = [
    ("I", "Fijn dat je tijd hebt. Hoe kijkt u naar de samenwerking met Marewijk?"),
    ("R", "Eerlijk gezegd is er weinig vertrouwen. Ze hebben ons destijds gewoon gepasseerd.\n"
          "En over geld hebben we het nog helemaal niet gehad. Dat wordt lastig."),
    ("I", "Wat zou helpen?"),
    ("R", "Dat we elkaar beter leren kennen. Dr. Jansen zei dat ook al. Er is echt een noodzaak."),
    ("I", "Dank je wel."),
]
SECOND_INTERVIEW = [
    ("I", "Hoe gaat het met de verkenning?"),
    ("R", "Het vertrouwen groeit langzaam, maar het geld blijft een punt."),
]


def build_project(folder: Path) -> ProjectStore:
    """Two interviews (cases R1, R2), the small codebook, and one coding by a second coder, daan."""
    store = init_project(folder)
    apply_codebook_spec(store, SMALL_CODEBOOK)
    first = add_document(store, "interview-01", parsed_interview(FIRST_INTERVIEW, case="R1"))
    add_document(store, "interview-02", parsed_interview(SECOND_INTERVIEW, case="R2"))
    daan = ensure_coder(store, "daan")
    codes = {code.key: code.id for code in load_codebook(store).codes}
    text_start = 3 + len(FIRST_INTERVIEW[0][1]) + 1 + 3  # the second turn's content
    apply_code(store, coder_id=daan.id, document_id=first, code_id=codes["bevorderend/noodzaak"],
               start=text_start, end=text_start + len(FIRST_INTERVIEW[1][1]))
    return store


def workbench_app(folder: Path, coder: str | None = "eva", *, suggestions: bool = False) -> QualcodeApp:
    return make_app(folder, coder, theme=SNAPSHOT_THEME, suggestions=suggestions)


def _tables_measuring(app) -> bool:
    """True while a data table on screen has rows whose column widths it measures only when it is next idle."""
    return any(table._require_update_dimensions for table in app.screen.query(DataTable))


async def settle(pilot: Pilot, *, rounds: int = 3) -> None:
    """Wait until no store task or worker runs and no table is still measuring, ``rounds`` checks in a row.

    A busy machine may take a snapshot between a table's refill and its next idle, when its columns
    are not yet measured: the tables' pending measurement counts as work still to do.
    """
    app = pilot.app
    quiet = 0
    for _ in range(1000):
        await pilot.pause()
        running = any(worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in app.workers)
        quiet = quiet + 1 if not (app.busy or running or _tables_measuring(app)) else 0
        if quiet >= rounds:
            return
        await asyncio.sleep(0.005)
    raise TimeoutError("the app did not settle")
