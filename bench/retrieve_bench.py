"""Time code queries over 500 interviews with 60 codings each (30,000 codings).

Targets (issue 11): a query returns in at most 200 ms; the first rows of a retrieval (what the
retrieval screen shows first) in at most 300 ms. Printed beside a yardstick: the same single-code
retrieval done with plain ``sqlite3`` (one SELECT joining codings, documents, cases and coders,
with the coded text cut out by ``substr``), which is as fast as reading those rows can be.
The project: 500 interviews of about 3,000 words (40 turns), a codebook of 20 codes in 4 groups,
2 coders, a case per interview with a ``fase`` attribute, 60 codings per interview inside
respondent turns. Each figure is the best of 5 runs (other work on a shared machine only adds);
a TEXT query's first run is printed too (it reads every text's words once for the lemmas), after
loading simplemma's Dutch dictionary, which happens once per process.
Run: uv run python bench/retrieve_bench.py
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from qualcode.analysis.comparison import crosstab
from qualcode.analysis.retrieval import retrieve
from qualcode.analysis.text_matching import lemma
from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.storage.cases import set_case_attributes
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.documents import store_transcript
from qualcode.storage.project_store import ProjectStore, init_project
from qualcode.storage.tables import CodingRow
from qualcode.storage.timestamps import utc_now

INTERVIEWS = 500
CODINGS_PER_INTERVIEW = 60
TURNS = 40
QUERY_TARGET_MS = 200
FIRST_ROWS_TARGET_MS = 300
RUNS = 5
GROUPS = ("belemmerend", "bevorderend", "relatietype", "krachtenveld")
VOCABULARY = (
    "nou kijk de samenwerking met de andere vakgroep is eigenlijk nog niet zo ver we hebben wel "
    "gesproken over geld en vertrouwen maar ja eh de raad van bestuur wil dat we sneller gaan en "
    "de zorgverzekeraar kijkt ook mee dus het is een lastig krachtenveld waarin je moet laveren"
).split()
CODEBOOK = CodebookSpec(title="Bench", groups=tuple(
    GroupSpec(key=group, name=group.capitalize(), codes=tuple(
        CodeSpec(key=f"{group}/code-{number}", name=f"Code {number}") for number in range(5)))
    for group in GROUPS))
QUERIES = (
    "belemmerend/code-0",
    "belemmerend/*",
    "belemmerend/* AND relatietype/*",
    "belemmerend/code-1 AND NOT CODER bram AND WHERE fase IN (verkennend, gestart)",
    "bevorderend/code-2 NEAR 2 krachtenveld/*",
    'belemmerend/* AND TEXT "vertrouwen"',
)


def interview(rng: random.Random, case: str) -> ParsedTranscript:
    text, turns = "", []
    for number in range(TURNS):
        speaker = "I" if number % 2 == 0 else "R"
        line = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(10, 140))).capitalize() + "."
        text += f"{speaker}: "
        turns.append(ParsedTurn(speaker=speaker, start=len(text), end=len(text) + len(line),
                                paragraphs=((len(text), len(text) + len(line)),)))
        text += line + "\n"
    return ParsedTranscript(text=text, turns=tuple(turns), source_format="txt", interviewer_label="I", case_label=case)


def build_project(folder: Path) -> ProjectStore:
    rng = random.Random(11)
    store = init_project(folder)
    apply_codebook_spec(store, CODEBOOK)
    code_ids = [code.id for code in load_codebook(store).codes]
    coder_ids = [ensure_coder(store, name).id for name in ("anna", "bram")]
    now = utc_now()
    rows = []
    with store.transaction() as session:
        for number in range(INTERVIEWS):
            case = f"R{number + 1:03d}"
            parsed = interview(rng, case)
            document_id = store_transcript(session, parsed, name=f"interview-{number + 1:03d}", source_name=f"{number}.txt",
                                           source_sha256=hashlib.sha256(parsed.text.encode()).hexdigest()).id
            set_case_attributes(session, case, {"fase": rng.choice(("verkennend", "onderhandelend", "gestart"))})
            respondent = [turn for turn in parsed.turns if turn.speaker == "R"]
            placed: set[tuple[int, int, int, int]] = set()
            while len(placed) < CODINGS_PER_INTERVIEW:
                turn = rng.choice(respondent)
                start = rng.randint(turn.start, turn.end - 1)
                placed.add((rng.choice(code_ids), rng.choice(coder_ids), start, min(turn.end, start + rng.randint(20, 300))))
            rows += [{"document_id": document_id, "code_id": code_id, "coder_id": coder_id, "start": start,
                      "end": end, "memo": "", "origin": "manual", "created_at": now, "updated_at": now}
                     for code_id, coder_id, start, end in placed]
        session.execute(CodingRow.__table__.insert(), rows)
    return store


def best_ms(action) -> tuple[float, float, object]:
    """Wall-clock and CPU milliseconds of the fastest of RUNS runs, and what it returned."""
    timings = []
    for _ in range(RUNS):
        started, cpu = time.perf_counter(), time.process_time()
        result = action()
        timings.append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000, result))
    return min(timings, key=lambda timing: timing[0])


def plain_sqlite(database: Path, code_key: str) -> int:
    """The yardstick: one code's coded passages, with document, case, coder and text, in plain SQL."""
    connection = sqlite3.connect(database)
    try:
        rows = connection.execute(
            "SELECT documents.name, cases.label, coders.name, codings.start, codings.\"end\", "
            "substr(documents.text, codings.start + 1, codings.\"end\" - codings.start), codings.memo "
            "FROM codings JOIN codes ON codes.id = codings.code_id JOIN documents ON documents.id = codings.document_id "
            "JOIN coders ON coders.id = codings.coder_id LEFT JOIN cases ON cases.id = documents.case_id "
            "WHERE codes.key = ? ORDER BY documents.name, codings.start", (code_key,)).fetchall()
        return len(rows)
    finally:
        connection.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        store = build_project(Path(folder))
        print(f"built {INTERVIEWS} interviews with {INTERVIEWS * CODINGS_PER_INTERVIEW:,} codings in "
              f"{time.perf_counter() - started:.1f} s; best of {RUNS} runs each")
        milliseconds, cpu, rows = best_ms(lambda: plain_sqlite(store.database_path, QUERIES[0]))
        print(f"  yardstick, plain sqlite3 SELECT of {QUERIES[0]}: {milliseconds:6.1f} ms (CPU {cpu:.0f} ms; "
              f"{rows} rows)")
        started = time.perf_counter()
        lemma("vertrouwen")
        print(f"  loading simplemma's Dutch dictionary (once per process): "
              f"{(time.perf_counter() - started) * 1000:6.1f} ms")
        started = time.perf_counter()
        cold = len(list(retrieve(store, QUERIES[-1])))
        print(f"  first run of {QUERIES[-1]!r}, before the texts' words are remembered: "
              f"{(time.perf_counter() - started) * 1000:6.1f} ms ({cold} segments)")
        slowest = 0.0
        for query in QUERIES:
            milliseconds, cpu, segments = best_ms(lambda query=query: len(list(retrieve(store, query))))
            slowest = max(slowest, milliseconds)
            print(f"  retrieve {query!r}: {milliseconds:6.1f} ms (CPU {cpu:.0f} ms; {segments} segments)")
        crosstab_ms, _, table = best_ms(lambda: crosstab(store, attribute="fase"))
        print(f"  crosstab of {len(table.rows)} codes × fase (every cell's segments): {crosstab_ms:6.1f} ms")
        first, _, _ = best_ms(lambda: next(iter(retrieve(store, "belemmerend/*", context=80)), None))
        print(f"query: slowest {slowest:.0f} ms ({'within' if slowest <= QUERY_TARGET_MS else 'OVER'} the "
              f"{QUERY_TARGET_MS} ms target)")
        print(f"first rows of 'belemmerend/*': {first:.0f} ms ({'within' if first <= FIRST_ROWS_TARGET_MS else 'OVER'} "
              f"the {FIRST_ROWS_TARGET_MS} ms target)")
        store.close()


if __name__ == "__main__":
    main()
