"""A small project whose agreement figures can be checked by hand (offsets in the comments)."""

from __future__ import annotations

from pathlib import Path

from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codings import NewCoding, insert_codings
from qualcode.storage.project_store import ProjectStore
from tests.project_factory import add_document, parsed_interview, small_project

VERTROUWEN = "belemmerend/gebrek-aan-vertrouwen"
NOODZAAK = "bevorderend/noodzaak"
GELD = "belemmerend/gedoe-over-geld"

# "I: Eerste vraag?\nR: Alpha beta. Gamma delta.\nDelta epsilon.\nI: Tweede vraag?\nR: Zeta eta theta.\n"
#  turns       3-16 | 20-59 | 63-76 | 80-95
#  paragraphs  3-16 | 20-44, 45-59 | 63-76 | 80-95
#  sentences   3-16 | 20-31, 32-44, 45-59 | 63-76 | 80-95
TURNS = [("I", "Eerste vraag?"), ("R", "Alpha beta. Gamma delta.\nDelta epsilon."), ("I", "Tweede vraag?"),
         ("R", "Zeta eta theta.")]
TEXT_LENGTH = 96

CODINGS = {
    # eva: "Alpha beta." and all of "Zeta eta theta."; daan: "beta. Gamma delta." and "eta".
    ("eva", VERTROUWEN): [(20, 31), (80, 95)],
    ("daan", VERTROUWEN): [(26, 44), (85, 88)],
    # only eva: "Tweede vraag?"
    ("eva", NOODZAAK): [(63, 76)],
}


def code_id(store: ProjectStore, key: str) -> int:
    return load_codebook(store).code_by_key(key).id


def coded_project(folder: Path, codings: dict | None = None) -> tuple[ProjectStore, int]:
    """The small project plus the document above (``gesprek``) coded by eva and daan; returns its id."""
    store = small_project(folder)
    document_id = add_document(store, "gesprek", parsed_interview(TURNS))
    coders = {name: ensure_coder(store, name).id for name in ("eva", "daan")}
    new = []
    for (coder, key), spans in (CODINGS if codings is None else codings).items():
        coder_id = coders.get(coder) or ensure_coder(store, coder).id
        new += [NewCoding(document_id, code_id(store, key), coder_id, start, end) for start, end in spans]
    with store.transaction() as session:
        insert_codings(session, new)
    return store, document_id
