"""From the command to the first frame of the workbench, on a copy of the sample project, in a real terminal.

Runs ``qualcode DIR --coder bench`` in a pseudo-terminal of 120x36 several times and prints the
median time until the workbench shows the transcript. That is the first frame: the ``qualcode``
script reads what to show with sqlite3 before Textual starts (the store opens after that frame:
two-phase opening, ``qualcode.tui.quick_start``), so no opening screen is drawn first (the app
shows one only when it opens the project itself, for a project set up on first use). The copy is
set up once before timing; one untimed run warms Python's bytecode cache and remembers the coder
(a first opening as a new coder goes through the command line), as on a researcher's machine.
Target (issue 3): first interactive frame at most 1.0 s median on the 2-core machine.
Run: uv run python bench/tui_startup.py [RUNS]
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
INTERACTIVE_MARKER = b"tijd hebt kunnen maken"
"""Words from the first turn of interview-01-cardiologie: the transcript is on screen."""
TIMEOUT = 30.0
_ESCAPE = re.compile(rb"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")
"""Terminal escape sequences, left out when looking for a marker: a screen may colour the letters within it."""


def prepare_project(folder: Path) -> None:
    shutil.copytree(REPOSITORY / "codebooks", folder / "codebooks")
    shutil.copytree(REPOSITORY / "transcripts", folder / "transcripts")
    subprocess.run([sys.executable, "-c", "import sys; from qualcode.project_setup import open_or_set_up; "
                    "open_or_set_up(__import__('pathlib').Path(sys.argv[1])).close()", str(folder)], check=True)


def run_once(command: list[str], env: dict[str, str], marker: bytes = INTERACTIVE_MARKER) -> float:
    """Seconds until the transcript shows (``marker`` is on screen); then quits with ctrl+q."""
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=secondary, stdout=secondary, stderr=secondary, env=env,
                               close_fds=True, start_new_session=True)
    os.close(secondary)
    seen = b""
    shown = None
    try:
        while shown is None and time.perf_counter() - started < TIMEOUT:
            ready, _, _ = select.select([main], [], [], 0.05)
            if not ready:
                continue
            chunk = os.read(main, 65536)
            if not chunk:
                break
            seen += chunk
            if marker in _ESCAPE.sub(b"", seen[-200_000:]):
                shown = time.perf_counter() - started
        if shown is None:
            raise RuntimeError(f"the workbench did not show the transcript within {TIMEOUT} s")
        os.write(main, b"\x11")  # ctrl+q
        deadline = time.perf_counter() + 10
        while process.poll() is None and time.perf_counter() < deadline:
            if select.select([main], [], [], 0.05)[0]:
                try:
                    os.read(main, 65536)
                except OSError:
                    break
        return shown
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        os.close(main)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    qualcode = shutil.which("qualcode", path=str(Path(sys.executable).parent)) or "qualcode"
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(TERM="xterm-256color", COLORTERM="truecolor")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "sample"
        prepare_project(folder)
        command = [qualcode, str(folder), "--coder", "bench"]
        run_once(command, env)  # warms the bytecode cache and the coder's remembered position
        results = [run_once(command, env) for _ in range(runs)]
    print(f"command: {' '.join(command[:1])} DIR --coder bench   ({runs} runs, pty 120x36)")
    print(f"first frame (the transcript): median {statistics.median(results) * 1000:6.0f} ms   "
          f"min {min(results) * 1000:.0f}  max {max(results) * 1000:.0f}")
    print("each run (ms):", " ".join(f"{value * 1000:.0f}" for value in results))


if __name__ == "__main__":
    main()
