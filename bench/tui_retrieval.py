"""Open the retrieval screen on a code over 500 interviews (30,000 codings): keypress until the first rows are drawn.

Builds the project of ``retrieve_bench.py`` (500 interviews, 60 codings each, 2 coders), starts
the workbench headless (120x36) as coder anna with a code highlighted in the codebook tree, and times ``f``
from a workbench at rest (half a second after the previous round's reload):
pushing the screen, the worker's first document of results, and the frame that shows its rows.
Also prints the time until every row is in the list. Target (issue 11): first rows at most 300 ms.
Run: uv run python bench/tui_retrieval.py
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from retrieve_bench import build_project
from textual import events
from tui_apply_code import FrameCounter

from qualcode.tui.app import make_app
from qualcode.tui.screens.retrieval_screen import RetrievalScreen
from qualcode.tui.widgets.codebook_tree import CodebookNode

ROUNDS = 5
SETTLE_SECONDS = 0.5
"""Each round starts from a workbench at rest, as a researcher presses f, not amid the last round's reload."""


async def open_once(app) -> tuple[float, float, int]:
    """Seconds to the first drawn rows and to the last row, and how many rows."""
    started = time.perf_counter()
    app.post_message(events.Key("f", "f"))
    while not isinstance(app.screen, RetrievalScreen):
        await asyncio.sleep(0.0005)
    screen = app.screen
    frames = FrameCounter(screen)
    while not screen.query("#retrieval-list") or not screen.listing.segments:
        await asyncio.sleep(0.0005)
    drawn = frames.frames
    while frames.frames == drawn:
        await asyncio.sleep(0.0005)
    first = time.perf_counter() - started
    while screen._running:
        await asyncio.sleep(0.001)
    return first, time.perf_counter() - started, len(screen.listing.segments)


async def measure(folder: Path) -> tuple[list[float], list[float], int]:
    app = make_app(folder, "anna", suggestions=False)
    firsts, lasts, rows = [], [], 0
    async with app.run_test(size=(120, 36)) as pilot:
        while not (app.screen.__class__.__name__ == "WorkbenchScreen" and app.screen.overview and not app.busy):
            await pilot.pause(0.01)
        workbench = app.screen
        for _ in range(ROUNDS):
            workbench.tree.select_data(CodebookNode("code", workbench.overview.codebook.codes[0].id))
            await pilot.pause()
            first, last, rows = await open_once(app)
            firsts.append(first)
            lasts.append(last)
            await pilot.press("escape")
            while app.screen is not workbench or app.busy:
                await pilot.pause(0.01)
            await pilot.pause(SETTLE_SECONDS)  # the workbench redraws its counts after the screen closes
    return firsts, lasts, rows


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "bench"
        build_project(folder).close()
        firsts, lasts, rows = asyncio.run(measure(folder))
    print(f"500 interviews, 30,000 codings; {ROUNDS} rounds, headless 120x36; one code, anna's codings: {rows:,} rows")
    print(f"f -> first rows drawn:  median {statistics.median(firsts) * 1000:6.1f} ms   max {max(firsts) * 1000:6.1f} ms")
    print(f"f -> every row listed:  median {statistics.median(lasts) * 1000:6.1f} ms   max {max(lasts) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
