"""Build small projects for tests with the store API alone (no importer, no sample files)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.storage.codebook_store import apply_codebook_spec
from qualcode.storage.documents import store_transcript
from qualcode.storage.project_store import ProjectStore, init_project

SMALL_CODEBOOK = CodebookSpec(
    title="Test",
    groups=(
        GroupSpec(key="belemmerend", name="Belemmerende factoren", colour="#b03a2e", codes=(
            CodeSpec(key="belemmerend/gebrek-aan-vertrouwen", name="Gebrek aan vertrouwen",
                     description="Twijfel aan de andere vakgroep.", indicators=("vertrouwen", "wantrouwen"),
                     colour="#e74c3c", hotkey="1"),
            CodeSpec(key="belemmerend/gedoe-over-geld", name="Gedoe over geld", indicators=("geld",), hotkey="2",
                     children=(CodeSpec(key="belemmerend/gedoe-over-geld/honoraria", name="Honoraria"),)),
        )),
        GroupSpec(key="bevorderend", name="Bevorderende factoren", codes=(
            CodeSpec(key="bevorderend/noodzaak", name="Noodzaak", hotkey="6"),
        )),
    ),
)


def parsed_interview(turns: list[tuple[str, str]], interviewer: str = "I", case: str | None = None) -> ParsedTranscript:
    """A ParsedTranscript laid out as ``Label: content`` lines, one paragraph per line of content."""
    text, parsed_turns = "", []
    for speaker, content in turns:
        text += f"{speaker}: "
        start = len(text)
        paragraphs, offset = [], start
        for line in content.split("\n"):
            paragraphs.append((offset, offset + len(line)))
            offset += len(line) + 1
        text += content + "\n"
        parsed_turns.append(ParsedTurn(speaker=speaker, start=start, end=start + len(content),
                                       paragraphs=tuple(paragraphs)))
    return ParsedTranscript(text=text, turns=tuple(parsed_turns), source_format="txt",
                            interviewer_label=interviewer, case_label=case)


def add_document(store: ProjectStore, name: str, parsed: ParsedTranscript) -> int:
    with store.transaction() as session:
        row = store_transcript(session, parsed, name=name, source_name=f"{name}.txt",
                               source_sha256=hashlib.sha256(parsed.text.encode()).hexdigest())
        return row.id


def small_project(folder: Path) -> ProjectStore:
    """A project with the small codebook and one two-turn interview called ``interview``."""
    store = init_project(folder)
    apply_codebook_spec(store, SMALL_CODEBOOK)
    add_document(store, "interview", parsed_interview([
        ("I", "Hoe kijkt u naar de samenwerking?"),
        ("R", "Het vertrouwen is er nog niet.\nEn over geld hebben we het nog niet gehad."),
    ], case="R1"))
    return store
