"""How long the integrity check that opening a project runs takes on a 500-interview project.

Builds (once, under the system's temporary folder) a project with 500 synthetic interviews of about
2,000 words each, with the store API, then prints the median of several runs of: a plain sqlite3
open and ``SELECT count(*) FROM documents`` (the yardstick), ``PRAGMA quick_check`` (what opening
a project runs), ``open_project`` as a whole, ``PRAGMA integrity_check`` (what ``qualcode check``
runs) and the online backup copy the workbench makes once a day in a worker. Each run starts from
a fresh connection; the file is in the page cache after the first run, as it is on a researcher's
machine that just opened the project.
Run: uv run python bench/integrity_check.py [RUNS]
"""

from __future__ import annotations

import hashlib
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tui_project import long_interview

from qualcode.storage.backups import copy_database
from qualcode.storage.documents import store_transcript
from qualcode.storage.project_store import DATABASE_NAME, init_project, open_project

INTERVIEWS = 500
WORDS = 2_000
FOLDER = Path(tempfile.gettempdir()) / f"qualcode-bench-integrity-{INTERVIEWS}x{WORDS}"


def build_project(folder: Path) -> None:
    store = init_project(folder)
    with store.transaction() as session:
        for number in range(INTERVIEWS):
            parsed = long_interview(WORDS, seed=number)
            store_transcript(session, parsed, name=f"interview-{number:03d}", source_name=f"interview-{number:03d}.txt",
                             source_sha256=hashlib.sha256(f"{number}{parsed.text}".encode()).hexdigest())
    store.close()


def timed(run, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (the CPU time is what a busy shared machine does not inflate)."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def pragma(database: Path, statement: str):
    def run() -> None:
        connection = sqlite3.connect(database)
        try:
            connection.execute(statement).fetchall()
        finally:
            connection.close()
    return run


def open_and_close(folder: Path):
    return lambda: open_project(folder).close()


def backup_copy(database: Path, target: Path):
    def run() -> None:
        target.unlink(missing_ok=True)
        copy_database(database, target)
    return run


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    database = FOLDER / DATABASE_NAME
    if not database.exists():
        print(f"building {INTERVIEWS} interviews of ~{WORDS} words in {FOLDER} ...")
        build_project(FOLDER)
    size = database.stat().st_size
    print(f"project: {INTERVIEWS} interviews x ~{WORDS} words, qualcode.db {size / 1e6:.1f} MB; median of {runs} runs")
    for label, run in (
        ("sqlite3 open + SELECT count(*) FROM documents", pragma(database, "SELECT count(*) FROM documents")),
        ("PRAGMA quick_check", pragma(database, "PRAGMA quick_check")),
        ("open_project (quick_check, text hashes, migrations)", open_and_close(FOLDER)),
        ("PRAGMA integrity_check (qualcode check)", pragma(database, "PRAGMA integrity_check")),
        ("online backup copy (the daily backup, in a worker)", backup_copy(database, FOLDER / "backup.db")),
    ):
        wall, cpu = timed(run, runs)
        print(f"  {label:<52} {wall * 1000:8.1f} ms   cpu {cpu * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
