"""A project whose names and text hold terminal control sequences and Rich/Textual markup."""

from __future__ import annotations

from pathlib import Path

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code, set_coding_memo
from qualcode.storage.project_store import ProjectStore, init_project
from tests.project_factory import add_document, parsed_interview

HOSTILE = "\x1b[31mrood \x1b]8;;http://x\x07link\x1b]8;;\x07 \rterug \x9b2J [bold]vet[/bold] [/] [@click=app.quit]q"
"""An ANSI colour, an OSC 8 hyperlink ended by BEL, a carriage return, a C1 CSI, and markup tags."""
CODE_NAME = "Code " + HOSTILE
DOCUMENT_NAME = "doc \x1b[31m[bold]"
SPEAKER = "I\x1b[31m[b]"
RAW_CONTROLS = ("\x1b", "\x07", "\r", "\x9b")


def build_hostile_project(folder: Path) -> ProjectStore:
    """A codebook, a document (name, speaker label, text), a coding and its memo, all hostile."""
    store = init_project(folder)
    apply_codebook_spec(store, CodebookSpec(title="Test", groups=(
        GroupSpec(key="groep", name="Groep " + HOSTILE, codes=(
            CodeSpec(key="groep/code", name=CODE_NAME, description="Uitleg " + HOSTILE, hotkey="1"),
        )),
    )))
    document = add_document(store, DOCUMENT_NAME, parsed_interview(
        [(SPEAKER, "Vraag " + HOSTILE), ("R", "Antwoord " + HOSTILE)], interviewer=SPEAKER, case="R1 " + HOSTILE))
    eva = ensure_coder(store, "eva")
    code = load_codebook(store).codes[0]
    coding = apply_code(store, coder_id=eva.id, document_id=document, code_id=code.id, start=0, end=5).coding
    set_coding_memo(store, coder_id=eva.id, coding_id=coding.id, memo="Memo " + HOSTILE)
    return store
