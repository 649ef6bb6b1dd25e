"""Apply a code with its hotkey on a 20,000-word transcript: keypress until the screen shows the coding.

Drives the real workbench headless (120x36): posts the key event as the terminal driver would,
then waits until the coding is committed to the project and in the workbench's state, and until
the screen has composed the frame that shows it. Also times ``j`` (next segment) the same way.
Target (issue 3): applying a code at most 50 ms median.
Run: uv run python bench/tui_apply_code.py
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from textual import events
from tui_project import bench_project

from qualcode.tui.app import make_app

WORDS = 20_000
ROUNDS = 40


class FrameCounter:
    """Counts the frames the screen composes, by wrapping its compositor refresh."""

    def __init__(self, screen) -> None:
        self.frames = 0
        original = screen._compositor_refresh

        def counted() -> None:
            original()
            self.frames += 1

        screen._compositor_refresh = counted


async def keystroke_to_frame(app, frames: FrameCounter, key: str, changed) -> float:
    """Seconds from posting ``key`` until ``changed()`` holds and a frame after it has been drawn."""
    started = time.perf_counter()
    app.post_message(events.Key(key, key if len(key) == 1 else None))
    while not changed():
        await asyncio.sleep(0.0005)
    drawn = frames.frames
    while frames.frames == drawn:
        await asyncio.sleep(0.0005)
    return time.perf_counter() - started


async def measure(folder: Path) -> tuple[list[float], list[float]]:
    app = make_app(folder, "bench", suggestions=False)
    applies, moves = [], []
    async with app.run_test(size=(120, 36)) as pilot:
        while not (app.screen.__class__.__name__ == "WorkbenchScreen" and app.screen.data and not app.busy):
            await pilot.pause(0.01)
        screen = app.screen
        frames = FrameCounter(screen)
        transcript = screen.transcript
        for _ in range(ROUNDS):
            index = transcript.current_index
            moves.append(await keystroke_to_frame(app, frames, "j", lambda: transcript.current_index != index))
            await pilot.press("J")
            await pilot.pause()
            before = len(screen.codings)
            applies.append(await keystroke_to_frame(app, frames, "1", lambda: len(screen.codings) != before))
            await pilot.pause()
    return applies, moves


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "bench"
        store, _ = bench_project(folder, WORDS)
        store.close()
        applies, moves = asyncio.run(measure(folder))
    print(f"transcript: {WORDS:,} words; {ROUNDS} rounds, headless 120x36")
    print(f"apply a code (hotkey -> committed -> drawn): median {statistics.median(applies) * 1000:5.1f} ms   "
          f"p90 {statistics.quantiles(applies, n=10)[-1] * 1000:5.1f} ms")
    print(f"next segment (j -> drawn):                   median {statistics.median(moves) * 1000:5.1f} ms   "
          f"p90 {statistics.quantiles(moves, n=10)[-1] * 1000:5.1f} ms")


if __name__ == "__main__":
    main()
