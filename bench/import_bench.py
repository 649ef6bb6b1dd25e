"""Import 80,000 words of .txt transcripts into a new project; print words/s and peak memory.

Target (issue 2): at least 100,000 words/s end to end (read, parse, store) on the 2-core machine.
Run: uv run python bench/import_bench.py
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from qualcode.importers.transcript_import import import_transcripts
from qualcode.storage.project_store import init_project

WORDS_TOTAL = 80_000
FILES = 8
VOCABULARY = (
    "nou kijk de samenwerking met de andere vakgroep is eigenlijk nog niet zo ver we hebben wel "
    "gesproken over geld en vertrouwen maar ja eh de raad van bestuur wil dat we sneller gaan en "
    "de zorgverzekeraar kijkt ook mee dus het is een lastig krachtenveld waarin je moet laveren"
).split()


def write_transcript(path: Path, words: int, rng: random.Random) -> int:
    lines = ["Interview benchmark", f"Respondent: R{path.stem[-1]}", "Datum: 2026-03-12", "Duur: 60 minuten", ""]
    written = 0
    turn = 0
    while written < words:
        label = "I" if turn % 2 == 0 else "R"
        size = rng.randint(8, 20) if label == "I" else rng.randint(40, 160)
        paragraph = " ".join(rng.choice(VOCABULARY) for _ in range(size)).capitalize() + "."
        stamp = f"[00:{turn // 60 % 60:02d}:{turn % 60:02d}] " if turn % 5 == 0 else ""
        lines.append(f"{label}: {stamp}{paragraph}")
        written += size
        turn += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


def main() -> None:
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sources = root / "sources"
        sources.mkdir()
        paths, words = [], 0
        for number in range(FILES):
            path = sources / f"interview-{number}.txt"
            words += write_transcript(path, WORDS_TOTAL // FILES, rng)
            paths.append(path)
        store = init_project(root / "project")
        tracemalloc.start()
        started = time.perf_counter()
        outcomes = import_transcripts(store, paths)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert all(outcome.status == "imported" for outcome in outcomes), outcomes
        stored = sum(outcome.words for outcome in outcomes)
        print(f"files: {FILES}, words written: {words:,}, words stored: {stored:,}")
        print(f"import time: {elapsed:.3f} s")
        print(f"throughput: {words / elapsed:,.0f} words/s (target >= 100,000)")
        print(f"peak Python memory during import: {peak / 2**20:.1f} MiB (tracemalloc)")
        print(f"peak resident set of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
