"""A project with one long synthetic interview, for the workbench benchmarks (built with the store API)."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.importers.codebook_file import read_codebook_file
from qualcode.storage.codebook_store import apply_codebook_spec
from qualcode.storage.documents import store_transcript
from qualcode.storage.project_store import ProjectStore, init_project

REPOSITORY = Path(__file__).resolve().parent.parent
WORDS = (
    "nou kijk de samenwerking met de andere vakgroep is eigenlijk nog niet zo ver we hebben wel gesproken "
    "over geld en vertrouwen maar ja eh de raad van bestuur wil dat we sneller gaan en de zorgverzekeraar "
    "kijkt ook mee dus het is een lastig krachtenveld waarin je moet laveren tussen belangen"
).split()


def long_interview(words: int, seed: int = 3) -> ParsedTranscript:
    """About ``words`` words in alternating interviewer and respondent turns; respondents speak in paragraphs."""
    rng = random.Random(seed)
    text, turns, written, number = "", [], 0, 0
    while written < words:
        speaker = "I" if number % 2 == 0 else "R"
        paragraphs = 1 if speaker == "I" else rng.randint(1, 4)
        text += f"{speaker}: "
        start, spans = len(text), []
        for index in range(paragraphs):
            size = rng.randint(8, 25) if speaker == "I" else rng.randint(30, 140)
            sentence_words = [rng.choice(WORDS) for _ in range(size)]
            line = ". ".join(" ".join(sentence_words[i:i + 12]).capitalize() for i in range(0, size, 12)) + "."
            spans.append((len(text), len(text) + len(line)))
            text += line + ("\n" if index < paragraphs - 1 else "")
            written += size
        turns.append(ParsedTurn(speaker=speaker, start=start, end=len(text), paragraphs=tuple(spans)))
        text += "\n\n"
        number += 1
    return ParsedTranscript(text=text, turns=tuple(turns), source_format="txt", interviewer_label="I",
                            case_label="R1")


def bench_project(folder: Path, words: int) -> tuple[ProjectStore, int]:
    """A new project with the sample codebook and one interview of ``words`` words; returns its document id."""
    store = init_project(folder)
    apply_codebook_spec(store, read_codebook_file(REPOSITORY / "codebooks" / "samenwerking-verkennende-fase.yaml"))
    parsed = long_interview(words)
    with store.transaction() as session:
        row = store_transcript(session, parsed, name=f"interview-{words}", source_name=f"interview-{words}.txt",
                               source_sha256=hashlib.sha256(parsed.text.encode()).hexdigest())
        return store, row.id
