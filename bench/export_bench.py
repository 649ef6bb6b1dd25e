"""Time the frequencies and segments exports of a project with 100,000 codings.

Target (issue 6): both together in at most 2 s (reading the store, computing the tables and writing
the CSV files; each export the best of 3 runs, with its CPU time, since other work on a shared machine
only ever adds to the wall-clock time).
The project: 8 interviews of about 12,000 words, a codebook of 20 codes in 2 groups, 2 coders,
codings of 1 to 80 words placed at random inside respondent turns, inserted in one transaction.
Run: uv run python bench/export_bench.py
"""

from __future__ import annotations

import hashlib
import random
import tempfile
import time
from pathlib import Path

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.export.csv_dialects import RFC_4180
from qualcode.export.frequencies import codes_table, code_frequencies, frequency_matrix, long_table, matrix_table
from qualcode.export.report_files import report_paths, write_tables
from qualcode.export.segment_rows import segments_table
from qualcode.export.segments_csv import coded_segments
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.documents import store_transcript
from qualcode.storage.project_store import ProjectStore, init_project
from qualcode.storage.tables import CodingRow
from qualcode.storage.timestamps import utc_now

CODINGS = 100_000
DOCUMENTS = 8
WORDS_PER_DOCUMENT = 12_000
TARGET_SECONDS = 2.0
RUNS = 3
VOCABULARY = (
    "nou kijk de samenwerking met de andere vakgroep is eigenlijk nog niet zo ver we hebben wel "
    "gesproken over geld en vertrouwen maar ja eh de raad van bestuur wil dat we sneller gaan en "
    "de zorgverzekeraar kijkt ook mee dus het is een lastig krachtenveld waarin je moet laveren"
).split()
CODEBOOK = CodebookSpec(title="Bench", groups=tuple(
    GroupSpec(key=group, name=group.capitalize(), codes=tuple(
        CodeSpec(key=f"{group}/code-{number:02d}", name=f"Code {number}") for number in range(10)
    ))
    for group in ("belemmerend", "bevorderend")
))


def interview(rng: random.Random, case: str) -> ParsedTranscript:
    text, turns, words = f"Respondent: {case}\n\n", [], 0
    while words < WORDS_PER_DOCUMENT:
        speaker = "I" if len(turns) % 2 == 0 else "R"
        lines = [" ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(10, 60))).capitalize() + "."
                 for _ in range(1 if speaker == "I" else rng.randint(1, 3))]
        words += sum(len(line.split()) for line in lines)
        text += f"{speaker}: "
        paragraphs, offset = [], len(text)
        for line in lines:
            paragraphs.append((offset, offset + len(line)))
            offset += len(line) + 1
        content = "\n".join(lines)
        turns.append(ParsedTurn(speaker=speaker, start=len(text), end=len(text) + len(content),
                                paragraphs=tuple(paragraphs)))
        text += content + "\n"
    return ParsedTranscript(text=text, turns=tuple(turns), source_format="txt", interviewer_label="I", case_label=case)


def build_project(folder: Path) -> ProjectStore:
    rng = random.Random(6)
    store = init_project(folder)
    apply_codebook_spec(store, CODEBOOK)
    code_ids = [code.id for code in load_codebook(store).codes]
    coder_ids = [ensure_coder(store, name).id for name in ("anna", "bram")]
    now = utc_now()
    with store.transaction() as session:
        documents = []
        for number in range(DOCUMENTS):
            parsed = interview(rng, f"R{number + 1}")
            row = store_transcript(session, parsed, name=f"interview-{number + 1:02d}", source_name=f"{number}.txt",
                                   source_sha256=hashlib.sha256(parsed.text.encode()).hexdigest())
            documents.append((row.id, [turn for turn in parsed.turns if turn.speaker == "R"]))
        placed: set[tuple[int, int, int, int, int]] = set()
        while len(placed) < CODINGS:
            document_id, turns = rng.choice(documents)
            turn = rng.choice(turns)
            start = rng.randint(turn.start, turn.end - 1)
            end = min(turn.end, start + rng.randint(5, 500))
            placed.add((document_id, rng.choice(code_ids), rng.choice(coder_ids), start, end))
        rows = [{"document_id": document_id, "code_id": code_id, "coder_id": coder_id, "start": start, "end": end,
                 "memo": "", "origin": "manual", "created_at": now, "updated_at": now}
                for document_id, code_id, coder_id, start, end in sorted(placed)]
        rng.shuffle(rows)
        session.execute(CodingRow.__table__.insert(), rows)
    return store


def export_frequencies(store: ProjectStore) -> str:
    report = code_frequencies(store)
    tables = [long_table(report), matrix_table(frequency_matrix(report)), codes_table(report)]
    write_tables(list(zip(report_paths(store.folder, tables), tables)), RFC_4180)
    return f"{len(report.rows)} long rows, 3 files"


def export_segments(store: ProjectStore) -> str:
    table = segments_table(coded_segments(store))
    (path,) = write_tables([(report_paths(store.folder, [table])[0], table)], RFC_4180)
    return f"{len(table.rows):,} rows, {path.stat().st_size / 1e6:.1f} MB"


def best_of(runs: int, export, store: ProjectStore) -> tuple[float, float, str]:
    """The fastest of ``runs`` runs (wall-clock seconds) with its CPU seconds: other work on the machine only adds."""
    timings = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        summary = export(store)
        timings.append((time.perf_counter() - wall, time.process_time() - cpu, summary))
    return min(timings)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        store = build_project(Path(folder))
        print(f"built a project with {CODINGS:,} codings in {DOCUMENTS} documents in "
              f"{time.perf_counter() - started:.1f} s; best of {RUNS} runs each:")
        total = 0.0
        for name, export in (("frequencies", export_frequencies), ("segments", export_segments)):
            wall, cpu, summary = best_of(RUNS, export, store)
            total += wall
            print(f"{name}: {wall:.2f} s (CPU {cpu:.2f} s; {summary})")
        verdict = "within" if total <= TARGET_SECONDS else "OVER"
        print(f"together: {total:.2f} s ({verdict} the {TARGET_SECONDS:.0f} s target)")
        store.close()


if __name__ == "__main__":
    main()
