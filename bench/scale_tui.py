"""The TUI figures of the scale bench, each run in its own process on a copy of a scale project.

``python bench/scale_tui.py workbench PROJECT`` and ``... textual PROJECT``: seconds from the command
to the frame that shows the first document's opening words, in a pseudo-terminal of 120x36, for the
workbench and for a minimal Textual app that shows the same text read with ``sqlite3`` (the yardstick).
That frame is the workbench's first: read with sqlite3 before Textual starts, it draws no opening screen,
so the first thing on the terminal is the transcript with the documents, the codebook and the segment
panel (the store opens after it; the untimed first run remembers the coder, as a researcher's first
opening does).
``... hotkey PROJECT``: median seconds from a code's hotkey to the frame that shows the coding, on a
20,000-word interview added to the project (``tui_apply_code``). ``... agreement PROJECT``: seconds
from ``i`` in the workbench to the agreement screen showing its table for coders A and B, pressed once
the workbench's start-up work (the full integrity check and today's backup, loading the agreement
screen's modules) is done, as when a researcher has read the first lines; ``screen`` in its JSON is
when the screen itself (choices and a "computing" note) was up.
Each prints one JSON object. ``bench/scale_bench.py`` runs them at every size and prints the table.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from textual import events
from tui_startup import run_once

MINIMAL_TEXTUAL = """
import sqlite3, sys
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Static
text = sqlite3.connect(sys.argv[1]).execute("SELECT text FROM documents ORDER BY name LIMIT 1").fetchone()[0]
class Viewer(App):
    def compose(self):
        with VerticalScroll():
            yield Static(text, markup=False)
Viewer().run()
"""


def opening_marker(database: Path) -> bytes:
    """Nine characters from the first turn of the first document, before any coding starts."""
    connection = sqlite3.connect(database)
    text, start = connection.execute(
        "SELECT d.text, s.start FROM documents d JOIN segments s ON s.document_id = d.id AND s.kind = 'turn' "
        "ORDER BY d.name, s.idx LIMIT 1").fetchone()
    connection.close()
    return text[start:start + 9].encode()


def _pty_seconds(command: list[str], marker: bytes) -> float:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(TERM="xterm-256color", COLORTERM="truecolor")
    run_once(command, env, marker)  # warms the bytecode cache and the coder's remembered position
    return statistics.median(run_once(command, env, marker) for _ in range(3))


def workbench(project: Path) -> float:
    qualcode = str(Path(sys.executable).parent / "qualcode")
    return _pty_seconds([qualcode, str(project), "--coder", "A", "--no-suggestions"],
                        opening_marker(project / "qualcode.db"))


def textual(project: Path) -> float:
    return _pty_seconds([sys.executable, "-c", MINIMAL_TEXTUAL, str(project / "qualcode.db")],
                        opening_marker(project / "qualcode.db"))


def hotkey(project: Path) -> float:
    from tui_apply_code import WORDS, measure
    from tui_project import long_interview

    from qualcode.storage.documents import store_transcript
    from qualcode.storage.project_store import open_project

    store = open_project(project)
    parsed = long_interview(WORDS)
    with store.transaction() as session:
        store_transcript(session, parsed, name="000-long", source_name="000-long.txt",
                         source_sha256=hashlib.sha256(parsed.text.encode()).hexdigest())
    store.close()
    connection = sqlite3.connect(project / "qualcode.db")
    with connection:
        connection.execute("UPDATE codes SET hotkey = '1' WHERE id = (SELECT min(id) FROM codes)")
    connection.close()
    applies, _ = asyncio.run(measure(project))
    return statistics.median(applies)


START_UP_WORK_BEGUN = 0.5
"""Seconds after the transcript shows by which the workbench has begun its start-up work (it waits 0.3 s)."""


async def _agreement(project: Path) -> dict[str, float]:
    from qualcode.tui.app import make_app

    app = make_app(project, "A", suggestions=False)
    async with app.run_test(size=(120, 36)) as pilot:
        while not (app.screen.__class__.__name__ == "WorkbenchScreen" and app.screen.data and not app.busy):
            await pilot.pause(0.01)
        await pilot.pause(START_UP_WORK_BEGUN)
        await app.workers.wait_for_complete()
        started = time.perf_counter()
        cpu = time.process_time()
        app.post_message(events.Key("i", "i"))
        screen = None
        while not (app.screen.__class__.__name__ == "AgreementScreen" and app.screen.figures is not None):
            if screen is None and app.screen.__class__.__name__ == "AgreementScreen":
                screen = time.perf_counter() - started
            await asyncio.sleep(0.001 if screen is None else 0.01)
        await pilot.pause()
        table = time.perf_counter() - started
        return {"seconds": table, "screen": table if screen is None else screen, "cpu": time.process_time() - cpu}


def agreement(project: Path) -> dict[str, float]:
    return asyncio.run(_agreement(project))


MEASURES = {"workbench": workbench, "textual": textual, "hotkey": hotkey, "agreement": agreement}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("measure", choices=MEASURES)
    parser.add_argument("project", type=Path, help="a copy of a scale project (it is changed)")
    arguments = parser.parse_args()
    found = MEASURES[arguments.measure](arguments.project)
    print(json.dumps(found if isinstance(found, dict) else {"seconds": found}))


if __name__ == "__main__":
    main()
