"""Every command at 50, 150 and 500 interviews, each as a whole process, beside a plain script.

Builds seeded projects once (2,000-word interviews, a 20-code codebook, coders A and B with about
200 codings per interview together), cached under the system's temporary folder by seed and schema
version. Python writes its bytecode caches as on a researcher's machine (``PYTHONDONTWRITEBYTECODE`` is
taken out) and a warm-up imports every module once first. Each figure runs as its own process; the CPU time (user + system) and peak memory come from
``resource.getrusage(RUSAGE_CHILDREN)`` in a small wrapper process whose only child is the command.
The plain scripts do the same job with ``sqlite3``, ``csv`` and numpy and validate less: a floor.

The TUI figures (``workbench``, ``hotkey``, ``agreement-screen``) come from ``scale_tui.py``, each in its
own process on a fresh copy of the project; the workbench beside a minimal Textual app showing the same
text. Every figure prints its target from issue 17 on its largest size.

Run: uv run python bench/scale_bench.py [--sizes 50,150,500] [--only documents,help,workbench] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from synthetic_interview import synthetic_interview, synthetic_transcript

from qualcode.storage.documents import store_transcript
from qualcode.storage.migrations import MIGRATIONS
from qualcode.storage.project_store import DATABASE_NAME, init_project

SEED = 17
WORDS = 2_000
CODES = 20
CODINGS_A = 110
"""Coder A's codings per interview; B keeps about 80% of them with moved edges and adds 20%."""
IMPORTED_PER_INTERVIEW = 20
"""Rows per interview in the codings CSV that ``codings import`` reads (as coder C)."""
BULK_PER_INTERVIEW = 100
"""Rows per interview in the larger codings CSV of the ``codings-bulk`` figure (as coder C)."""
BUILD_VERSION = "1"
CACHE = Path(tempfile.gettempdir()) / f"qualcode-scale-bench-{SEED}-{MIGRATIONS[-1].name}-{BUILD_VERSION}"
BENCH = Path(__file__).resolve().parent
QUALCODE = str(Path(sys.executable).parent / "qualcode")
STAMP = "2026-01-05 10:00:00.000000"
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

WARM_UP = """
import importlib, pkgutil, qualcode
for module in pkgutil.walk_packages(qualcode.__path__, "qualcode."):
    try:
        importlib.import_module(module.name)
    except Exception:
        pass
"""

WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss,
                  "code": done.returncode, "stderr": done.stderr.decode(errors="replace")[-400:]}))
"""


# --- building the projects -------------------------------------------------------------------------

def _spans(rng: random.Random, length: int, count: int) -> list[tuple[int, int, int]]:
    spans = []
    for _ in range(count):
        start = rng.randrange(60, length - 400)
        spans.append((rng.randrange(CODES), start, start + rng.randint(20, 350)))
    return spans


def build_project(folder: Path, interviews: int) -> None:
    """A project with ``interviews`` documents, the codebook, coders A and B and their codings."""
    store = init_project(folder)
    with store.transaction() as session:
        for number in range(interviews):
            parsed = synthetic_transcript(WORDS, seed=SEED * 1_000 + number)
            store_transcript(session, parsed, name=f"interview-{number:03d}", source_name=f"interview-{number:03d}.txt",
                             source_sha256=hashlib.sha256(f"{number}{parsed.text}".encode()).hexdigest())
    store.close()
    rng = random.Random(SEED)
    connection = sqlite3.connect(folder / DATABASE_NAME)
    with connection:
        connection.execute("INSERT INTO code_groups (id, key, name, description, position) VALUES (1, 'g', 'Thema', '', 0)")
        connection.executemany(
            "INSERT INTO codes (id, key, group_id, name, description, inclusion, exclusion, indicators_json, position) "
            "VALUES (?, ?, 1, ?, '', '', '', '[]', ?)",
            [(number + 1, f"code-{number:02d}", f"Code {number:02d}", number) for number in range(CODES)],
        )
        connection.executemany("INSERT INTO coders (id, name, created_at) VALUES (?, ?, ?)",
                               [(1, "A", STAMP), (2, "B", STAMP)])
        rows = []
        for document_id, length in connection.execute("SELECT id, length(text) FROM documents ORDER BY id").fetchall():
            spans_a = _spans(rng, length, CODINGS_A)
            spans_b = [(code, max(0, start + rng.randint(-30, 30)), end + rng.randint(-30, 30))
                       for code, start, end in spans_a if rng.random() < 0.8]
            spans_b += _spans(rng, length, CODINGS_A // 5)
            for coder, spans in ((1, spans_a), (2, spans_b)):
                for code, start, end in sorted(set(spans)):
                    if min(end, length) <= start:
                        continue
                    rows.append((document_id, code + 1, coder, start, min(end, length), STAMP, STAMP))
        connection.executemany(
            'INSERT INTO codings (document_id, code_id, coder_id, start, "end", memo, origin, created_at, updated_at) '
            "VALUES (?, ?, ?, ?, ?, '', 'manual', ?, ?)", rows,
        )
    connection.close()


def codings_csv(project: Path, target: Path, interviews: int, per_interview: int = IMPORTED_PER_INTERVIEW) -> int:
    """Coder C's rows for ``codings import``: spans with their text, as ``export segments`` writes them."""
    rng = random.Random(SEED + 1)
    connection = sqlite3.connect(project / DATABASE_NAME)
    documents = connection.execute("SELECT name, text FROM documents ORDER BY id").fetchall()
    connection.close()
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["document", "code", "coder", "start", "end", "text"])
        count = 0
        for name, text in documents[:interviews]:
            for code, start, end in sorted(set(_spans(rng, len(text), per_interview))):
                writer.writerow([name, f"code-{code:02d}", "C", start, end, text[start:end]])
                count += 1
    return count


def transcript_files(folder: Path, interviews: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(interviews):
        text, _ = synthetic_interview(WORDS, seed=SEED * 1_000 + number)
        (folder / f"interview-{number:03d}.txt").write_text(text, encoding="utf-8")


def prepared(interviews: int) -> Path:
    """The cached folder for one size: project/, codings.csv, transcripts/, empty/ (a project with the codebook)."""
    folder = CACHE / str(interviews)
    if (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"building {interviews} interviews in {folder} ...", file=sys.stderr)
    build_project(folder / "project", interviews)
    codings_csv(folder / "project", folder / "codings.csv", interviews)
    transcript_files(folder / "transcripts", interviews)
    run([QUALCODE, "export", "qdpx", "-o", str(folder / "project.qdpx"), "-p", str(folder / "project")])
    init_project(folder / "empty").close()
    (folder / "ready").write_text("ok")
    return folder


# --- plain scripts ---------------------------------------------------------------------------------

PLAIN_HELP = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def documents(project: str = "."):
    "List documents."
@app.command()
def agreement(project: str = "."):
    "Agreement."
@app.command("import")
def import_files(files: list[str]):
    "Import transcripts."
app()
"""

PLAIN_DOCUMENTS = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
writer = csv.writer(sys.stdout)
for row in db.execute("SELECT d.id, d.name, d.source_format, d.word_count, count(c.id) FROM documents d "
                      "LEFT JOIN codings c ON c.document_id = d.id GROUP BY d.id ORDER BY d.name"):
    writer.writerow(row)
"""

PLAIN_CODINGS_IMPORT = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
documents = {name: (id_, text) for id_, name, text in db.execute("SELECT id, name, text FROM documents")}
codes = dict(db.execute("SELECT key, id FROM codes"))
coders = dict(db.execute("SELECT name, id FROM coders"))
existing = set(db.execute('SELECT document_id, code_id, coder_id, start, "end" FROM codings'))
rows = []
with open(sys.argv[2], newline="", encoding="utf-8") as handle:
    for row in csv.DictReader(handle):
        document_id, text = documents[row["document"]]
        start, end = int(row["start"]), int(row["end"])
        assert 0 <= start < end <= len(text) and text[start:end] == row["text"]
        if row["coder"] not in coders:
            coders[row["coder"]] = db.execute("INSERT INTO coders (name, created_at) VALUES (?, '2026-01-01')",
                                              (row["coder"],)).lastrowid
        key = (document_id, codes[row["code"]], coders[row["coder"]], start, end)
        if key not in existing:
            existing.add(key)
            rows.append(key)
with db:
    db.executemany('INSERT INTO codings (document_id, code_id, coder_id, start, "end", memo, origin, created_at, '
                   "updated_at) VALUES (?, ?, ?, ?, ?, '', 'import', '2026-01-01', '2026-01-01')", rows)
"""

PLAIN_AGREEMENT = """
import sqlite3, sys
import numpy as np
db = sqlite3.connect(sys.argv[1])
lengths = dict(db.execute("SELECT id, length(text) FROM documents"))
codes = [c for (c,) in db.execute("SELECT id FROM codes ORDER BY id")]
counts = {code: np.zeros(4, dtype=np.int64) for code in codes}
spans = {}
for document_id, code_id, coder_id, start, end in db.execute(
        'SELECT document_id, code_id, coder_id, start, "end" FROM codings WHERE coder_id IN (1, 2)'):
    spans.setdefault((document_id, code_id), ([], []))[coder_id - 1].append((start, end))
for (document_id, code_id), (a_spans, b_spans) in spans.items():
    a = np.zeros(lengths[document_id], dtype=bool)
    b = np.zeros(lengths[document_id], dtype=bool)
    for s, e in a_spans: a[s:e] = True
    for s, e in b_spans: b[s:e] = True
    both = int(np.count_nonzero(a & b)); only_a = int(np.count_nonzero(a)) - both; only_b = int(np.count_nonzero(b)) - both
    counts[code_id] += (both, only_a, only_b, 0)
total = sum(lengths.values())
for code_id, (both, only_a, only_b, _) in counts.items():
    neither = total - both - only_a - only_b
    observed = (both + neither) / total
    pa, pb = (both + only_a) / total, (both + only_b) / total
    expected = pa * pb + (1 - pa) * (1 - pb)
    print(code_id, (observed - expected) / (1 - expected) if expected < 1 else None)
"""

PLAIN_SEGMENTS = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
texts = dict(db.execute("SELECT id, text FROM documents"))
with open(sys.argv[2], "w", newline="", encoding="utf-8") as handle:
    writer = csv.writer(handle)
    writer.writerow(["document", "case", "coder", "code", "start", "end", "text", "memo", "created_at", "updated_at"])
    for row in db.execute(
        'SELECT d.id, d.name, cs.label, k.name, c.key, g.start, g."end", g.memo, g.created_at, g.updated_at '
        "FROM codings g JOIN documents d ON d.id = g.document_id JOIN codes c ON c.id = g.code_id "
        "JOIN coders k ON k.id = g.coder_id LEFT JOIN cases cs ON cs.id = d.case_id "
        'ORDER BY d.name, g.start, g."end", g.id'):
        writer.writerow([row[1], row[2], row[3], row[4], row[5], row[6], texts[row[0]][row[5]:row[6]], *row[7:]])
"""

PLAIN_IMPORT = """
import hashlib, pathlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with db:
    for path in sorted(pathlib.Path(sys.argv[2]).glob("*.txt")):
        data = path.read_bytes(); text = data.decode("utf-8")
        document_id = db.execute(
            "INSERT INTO documents (name, text, source_name, source_format, source_sha256, text_sha256, imported_at, "
            "metadata_json, word_count) VALUES (?, ?, ?, 'txt', ?, ?, '2026-01-01', '{}', ?)",
            (path.stem, text, path.name, hashlib.sha256(data).hexdigest(), hashlib.sha256(text.encode()).hexdigest(),
             len(text.split()))).lastrowid
        rows, offset = [], 0
        for index, line in enumerate(text.splitlines(keepends=True)):
            speaker, colon, content = line.partition(": ")
            if colon:
                rows.append((document_id, "turn", index, index, offset + len(speaker) + 2, offset + len(line.rstrip()),
                             speaker, "respondent"))
            offset += len(line)
        db.executemany('INSERT INTO segments (document_id, kind, idx, turn_index, start, "end", speaker, role) '
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
"""


# --- running ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Measure:
    wall: float
    cpu: float
    mib: float


def run(command: list[str]) -> Measure | None:
    """Run ``command`` as a whole process under the wrapper; None (and its error on stderr) when it fails."""
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True,
                          env=ENVIRONMENT)
    result = json.loads(done.stdout)
    if result["code"] != 0:
        print(f"{' '.join(command[:3])} ... failed ({result['code']}): {result['stderr'].strip()}", file=sys.stderr)
        return None
    return Measure(result["wall"], result["cpu"], result["rss"] / 1024)


def plain(script: str, *arguments: str) -> Measure:
    return run([sys.executable, "-c", script, *arguments])


def fresh_copy(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target


def figures(interviews: int, only: set[str] | None) -> dict[str, tuple[Measure | None, Measure | None, str]]:
    """Per figure name: qualcode's measure, the plain script's (or None), and the amount of work."""
    folder = prepared(interviews)
    project, work = folder / "project", folder / "work"
    database = str(project / DATABASE_NAME)
    codings = sum(1 for _ in sqlite3.connect(database).execute("SELECT id FROM codings"))
    with (folder / "codings.csv").open(newline="", encoding="utf-8") as handle:
        imported = sum(1 for _ in csv.reader(handle)) - 1
    results: dict[str, tuple[Measure | None, Measure | None, str]] = {}

    def wanted(name: str) -> bool:
        return only is None or name in only

    if wanted("help"):
        results["help"] = (run([QUALCODE, "--help"]), plain(PLAIN_HELP, "--help"), "")
    if wanted("documents"):
        results["documents"] = (run([QUALCODE, "documents", "-p", str(project)]), plain(PLAIN_DOCUMENTS, database),
                                f"{interviews} documents")
    if wanted("codings-import"):
        target = fresh_copy(project, work / "import")
        ours = run([QUALCODE, "codings", "import", str(folder / "codings.csv"), "-p", str(target)])
        target = fresh_copy(project, work / "import")
        theirs = plain(PLAIN_CODINGS_IMPORT, str(target / DATABASE_NAME), str(folder / "codings.csv"))
        results["codings-import"] = (ours, theirs, f"{imported} rows")
    if wanted("codings-bulk"):
        bulk = folder / f"codings-{BULK_PER_INTERVIEW}.csv"
        if not bulk.exists():
            codings_csv(project, bulk, interviews, BULK_PER_INTERVIEW)
        with bulk.open(newline="", encoding="utf-8") as handle:
            rows = sum(1 for _ in csv.reader(handle)) - 1
        target = fresh_copy(project, work / "import")
        ours = run([QUALCODE, "codings", "import", str(bulk), "-p", str(target)])
        target = fresh_copy(project, work / "import")
        theirs = plain(PLAIN_CODINGS_IMPORT, str(target / DATABASE_NAME), str(bulk))
        results["codings-bulk"] = (ours, theirs, f"{rows} rows")
    if wanted("merge"):
        target = fresh_copy(folder / "empty", work / "merge")
        results["merge"] = (run([QUALCODE, "merge", str(project), "-p", str(target)]), None, f"{codings} codings")
    if wanted("agreement"):
        results["agreement"] = (run([QUALCODE, "agreement", "--coders", "A", "--coders", "B", "-p", str(project)]),
                                plain(PLAIN_AGREEMENT, database), f"{codings} codings")
    if wanted("segments"):
        work.mkdir(exist_ok=True)
        ours = run([QUALCODE, "export", "segments", "-o", str(work / "segments.csv"), "-p", str(project)])
        results["segments"] = (ours, plain(PLAIN_SEGMENTS, database, str(work / "plain.csv")), f"{codings} rows")
    if wanted("qdpx"):
        work.mkdir(exist_ok=True)
        results["qdpx"] = (run([QUALCODE, "export", "qdpx", "-o", str(work / "out.qdpx"), "-p", str(project)]), None,
                           f"{codings} codings")
    if wanted("exchange-import"):
        target = fresh_copy(folder / "empty", work / "exchange")
        results["exchange-import"] = (
            run([QUALCODE, "exchange", "import", str(folder / "project.qdpx"), "-p", str(target)]), None,
            f"{codings} codings")
    if wanted("import"):
        files = sorted(str(path) for path in (folder / "transcripts").glob("*.txt"))
        target = fresh_copy(folder / "empty", work / "transcripts")
        ours = run([QUALCODE, "import", *files, "-p", str(target)])
        target = fresh_copy(folder / "empty", work / "transcripts")
        theirs = plain(PLAIN_IMPORT, str(target / DATABASE_NAME), str(folder / "transcripts"))
        results["import"] = (ours, theirs, f"{interviews * WORDS:,} words")
    shutil.rmtree(work, ignore_errors=True)
    return results


def median_figures(runs: list[dict[str, tuple[Measure | None, Measure | None, str]]]
                   ) -> dict[str, tuple[Measure | None, Measure | None, str]]:
    """Per figure, qualcode's and the plain script's run of median CPU over ``runs``; None when one failed."""
    def median(measures: list[Measure | None]) -> Measure | None:
        if not measures or None in measures:
            return None
        return sorted(measures, key=lambda measure: measure.cpu)[(len(measures) - 1) // 2]

    return {name: (median([run[name][0] for run in runs]), median([run[name][1] for run in runs]), work)
            for name, (_, _, work) in runs[0].items()}


TUI_FIGURES = {
    "workbench": ("workbench", "textual", "command to the transcript on screen (pty 120x36, median of 3)"),
    "hotkey": ("hotkey", None, "hotkey to the frame showing the coding, 20,000-word interview (median of 40)"),
    "agreement-screen": ("agreement", None, "i in the workbench to the agreement table for A and B"),
}
"""Figure -> (qualcode's measure, the yardstick's or None, what it times), as ``scale_tui.py`` names them."""


def tui_seconds(measure: str, project: Path, work: Path) -> float | None:
    """Seconds ``scale_tui.py measure`` reports on a fresh copy of ``project``; None when it fails."""
    target = fresh_copy(project, work / "tui")
    done = subprocess.run([sys.executable, str(BENCH / "scale_tui.py"), measure, str(target)], capture_output=True,
                          text=True, env=ENVIRONMENT, cwd=BENCH)
    shutil.rmtree(target, ignore_errors=True)
    if done.returncode != 0:
        print(f"scale_tui.py {measure} failed: {done.stderr.strip()[-400:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


def tui_figures(interviews: int, only: set[str] | None) -> dict[str, tuple[float | None, float | None]]:
    """Per TUI figure: qualcode's seconds and the yardstick's (a minimal Textual app), or None."""
    folder = prepared(interviews)
    results = {}
    for name, (ours, theirs, _) in TUI_FIGURES.items():
        if only is None or name in only:
            results[name] = (tui_seconds(ours, folder / "project", folder / "work"),
                             tui_seconds(theirs, folder / "project", folder / "work") if theirs else None)
    shutil.rmtree(folder / "work", ignore_errors=True)
    return results


TARGETS = {
    "help": "CPU <= 1.5x plain", "documents": "CPU <= 0.5 s", "codings-import": "<= 3x plain",
    "codings-bulk": ">= 50,000 rows/s", "merge": ">= 50,000 codings/s", "agreement": "CPU <= 2 s",
    "segments": "<= 1.5x plain, <= 60 MiB", "qdpx": "CPU <= 2 s at 100k, <= 150 MiB",
    "exchange-import": "<= 2 s at 150", "import": ">= 300,000 words/s",
    "workbench": "<= 2x minimal Textual", "hotkey": "<= 50 ms", "agreement-screen": "<= 1 s at 500",
}


def _rate(work: str, cpu: float) -> str:
    """Work per CPU second, from the work's leading number (``109,425 rows`` -> ``52k/s``)."""
    first = work.split(" ")[0].replace(",", "")
    if not first.isdigit() or not cpu:
        return ""
    rate = float(first) / cpu
    return f"{rate / 1000:,.0f}k/s" if rate >= 10_000 else f"{rate:,.0f}/s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,150,500", help="interview counts, comma-separated")
    parser.add_argument("--only", default=None, help="figures to run, comma-separated (default: all)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the command figures this many times, in turn, and show each one's median run")
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    only = set(arguments.only.split(",")) if arguments.only else None
    subprocess.run([sys.executable, "-c", WARM_UP], env=ENVIRONMENT, check=True, capture_output=True)
    table = {size: median_figures([figures(size, only) for _ in range(arguments.repeat)]) for size in sizes}
    tui = {size: tui_figures(size, only) for size in sizes}
    load = os.getloadavg()[0]
    print(f"qualcode scale bench: Python {sys.version.split()[0]}, {os.cpu_count()} cores, load {load:.1f}, "
          f"cache {CACHE}")
    print("CPU = user + system seconds of the whole process; MiB = its peak memory; ratio = CPU / plain CPU;")
    print("rate = work per CPU second; growth = CPU at this size / CPU at the smallest size"
          + (f"; each the run of median CPU of {arguments.repeat}, qualcode's and the plain script's in turn"
             if arguments.repeat > 1 else ""))
    print(f"{'figure':<16} {'size':>5} {'work':>17} {'wall s':>7} {'CPU s':>7} {'MiB':>5} "
          f"{'plain CPU':>9} {'plain MiB':>9} {'ratio':>6} {'rate':>9} {'growth':>6}  target")
    smallest = sizes[0]
    for name in table[smallest]:
        for size in sizes:
            ours, theirs, work = table[size][name]
            if ours is None:
                print(f"{name:<16} {size:>5} {work:>17}  failed (see above)")
                continue
            ratio = f"{ours.cpu / theirs.cpu:6.1f}" if theirs and theirs.cpu else "     —"
            first = table[smallest][name][0]
            growth = f"{ours.cpu / first.cpu:6.1f}" if size != smallest and first and first.cpu else "      "
            plain_cpu = f"{theirs.cpu:9.2f}" if theirs else "        —"
            plain_mib = f"{theirs.mib:9.0f}" if theirs else "        —"
            target = TARGETS.get(name, "") if size == sizes[-1] else ""
            print(f"{name:<16} {size:>5} {work:>17} {ours.wall:7.2f} {ours.cpu:7.2f} {ours.mib:5.0f} "
                  f"{plain_cpu} {plain_mib} {ratio} {_rate(work, ours.cpu):>9} {growth}  {target}")
    if any(tui.values()):
        print()
        print("TUI: seconds of wall time to the frame (the machine's load counts: a frame waits for the CPU);")
        print("yardstick = a minimal Textual app showing the same text; growth = seconds / seconds at the smallest")
        print(f"{'figure':<16} {'size':>5} {'qualcode s':>10} {'yardstick s':>11} {'ratio':>6} {'growth':>6}  target")
        for name in tui[smallest]:
            for size in sizes:
                ours, theirs = tui[size][name]
                first = tui[smallest][name][0]
                shown = f"{ours:10.3f}" if ours is not None else "    failed"
                yardstick = f"{theirs:11.3f}" if theirs is not None else "          —"
                ratio = f"{ours / theirs:6.1f}" if ours and theirs else "     —"
                growth = f"{ours / first:6.1f}" if size != smallest and ours and first else "      "
                target = TARGETS.get(name, "") if size == sizes[-1] else ""
                print(f"{name:<16} {size:>5} {shown} {yardstick} {ratio} {growth}  {target}")
        for name, (_, _, what) in TUI_FIGURES.items():
            if name in tui[smallest]:
                print(f"  {name}: {what}")


if __name__ == "__main__":
    main()
