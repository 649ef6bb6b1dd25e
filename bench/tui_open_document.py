"""Open a 50,000-word transcript in the workbench: keypress until the transcript is drawn.

Builds a project with a short and a 50,000-word interview, starts the workbench headless (120x36)
on the short one, and times ``]`` (next document): reading the document, its segments and
codings from the project in the store worker, laying out the text and composing the frame that
shows it. Each round goes back to the short document first. Also prints the time of the store
read alone. Target (issue 3): opening a 50,000-word transcript at most 300 ms.
Run: uv run python bench/tui_open_document.py
"""

from __future__ import annotations

import asyncio
import hashlib
import statistics
import tempfile
import time
from pathlib import Path

from tui_apply_code import FrameCounter, keystroke_to_frame
from tui_project import bench_project, long_interview

from qualcode.storage.documents import store_transcript
from qualcode.tui.app import make_app
from qualcode.tui.workbench_data import load_document

WORDS = 50_000
ROUNDS = 10


def add_short_interview(folder: Path) -> int:
    from qualcode.storage.project_store import open_project

    store = open_project(folder)
    parsed = long_interview(300, seed=5)
    with store.transaction() as session:
        document_id = store_transcript(session, parsed, name="interview-000-short", source_name="short.txt",
                                       source_sha256=hashlib.sha256(parsed.text.encode()).hexdigest()).id
    store.close()
    return document_id


async def measure(folder: Path, long_id: int) -> list[float]:
    app = make_app(folder, "bench", suggestions=False)
    opens = []
    async with app.run_test(size=(120, 36)) as pilot:
        while not (app.screen.__class__.__name__ == "WorkbenchScreen" and app.screen.data and not app.busy):
            await pilot.pause(0.01)
        screen = app.screen
        frames = FrameCounter(screen)
        if screen.data.document.id == long_id:
            await pilot.press("left_square_bracket")
        for _ in range(ROUNDS):
            while screen.data.document.id == long_id or app.busy:
                await pilot.pause(0.01)
            opens.append(await keystroke_to_frame(app, frames, "right_square_bracket",
                                                  lambda: screen.data.document.id == long_id))
            await pilot.press("left_square_bracket")
    return opens


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "bench"
        store, long_id = bench_project(folder, WORDS)
        reads = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            load_document(store, long_id, "turn")
            reads.append(time.perf_counter() - started)
        store.close()
        add_short_interview(folder)
        opens = asyncio.run(measure(folder, long_id))
    print(f"transcript: {WORDS:,} words; {ROUNDS} rounds, headless 120x36")
    print(f"open the document (] -> drawn):  median {statistics.median(opens) * 1000:6.1f} ms   "
          f"max {max(opens) * 1000:6.1f} ms")
    print(f"of which the store read:         median {statistics.median(reads) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
