"""A small hand-made project whose frequencies and co-occurrences are counted by hand in the tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from qualcode.storage.cases import set_case_attributes
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codings import NewCoding, insert_codings
from qualcode.storage.documents import get_document
from qualcode.storage.project_store import ProjectStore, init_project
from tests.project_factory import SMALL_CODEBOOK, add_document, parsed_interview

V = "belemmerend/gebrek-aan-vertrouwen"
G = "belemmerend/gedoe-over-geld"
H = "belemmerend/gedoe-over-geld/honoraria"
N = "bevorderend/noodzaak"

DOCUMENTS = {
    "interview-a": ("R1", [
        ("I", "Hoe kijkt u naar de samenwerking?"),
        ("R", "Het vertrouwen is er nog niet.\nEn over geld hebben we het nog niet gehad."),
        ("I", "Waarom niet?"),
        ("R", "Er is wantrouwen. Dat is lastig."),
    ]),
    "interview-b": ("R2", [
        ("I", "Wat drijft u?"),
        ("R", "We moeten wel, het is noodzaak.\nGeld is geen probleem."),
    ]),
    "interview-c": ("R3", [
        ("I", "En de honoraria?"),
        ("R", "De honoraria zijn te laag: € 50; één keer, ruïne voor het ziekenhuis."),
    ]),
}
CASE_ATTRIBUTES = {
    "R1": {"fase": "verkennend", "ervaring": 12},
    "R2": {"fase": "uitvoering", "ervaring": 3},
    "R3": {"fase": None, "ervaring": 7.5},
}
CREATED = datetime(2026, 3, 12, 14, 5, 9, 123456, tzinfo=UTC)

# (coder, document, code, coded text, which occurrence of it, memo)
CODINGS = [
    ("anna", "interview-a", V, "Het vertrouwen is er nog niet.", 0, ""),
    ("anna", "interview-a", V, "Er is wantrouwen.", 0, 'Sterk; "wantrouwen", letterlijk.\nZie ook B.'),
    ("anna", "interview-a", G, "En over geld hebben we het nog niet gehad.", 0, ""),
    ("anna", "interview-a", G, "gehad.\nI: Waarom niet?", 0, ""),
    ("anna", "interview-a", N, "nog niet.\nEn over geld", 0, "overlapt V en G"),
    ("bram", "interview-a", V, "Het vertrouwen is er nog niet.\nEn over geld hebben we het nog niet gehad.", 0, ""),
    ("bram", "interview-a", V, "wantrouwen. Dat", 0, ""),
    ("anna", "interview-b", N, "het is noodzaak", 0, ""),
    ("anna", "interview-b", N, "We moeten wel", 0, ""),
    ("anna", "interview-c", H, "De honoraria zijn te laag: € 50; één keer, ruïne voor het ziekenhuis.", 0,
     "Geld: € 50; te weinig — ‘ijzersterk’ argument"),
]


def build_project(folder: Path, *, with_codings: bool = True) -> ProjectStore:
    """Three interviews (cases R1-R3 with fase and ervaring), the small codebook and, optionally, the codings."""
    store = init_project(folder)
    apply_codebook_spec(store, SMALL_CODEBOOK)
    for name, (case, turns) in DOCUMENTS.items():
        add_document(store, name, parsed_interview(turns, case=case))
    with store.transaction() as session:
        for label, attributes in CASE_ATTRIBUTES.items():
            set_case_attributes(session, label, attributes)
    if with_codings:
        codes = {code.key: code.id for code in load_codebook(store).codes}
        coders = {name: ensure_coder(store, name).id for name in ("anna", "bram")}
        new = []
        for number, (coder, document, code, fragment, occurrence, memo) in enumerate(CODINGS):
            stored = get_document(store, document)
            start = -1
            for _ in range(occurrence + 1):
                start = stored.text.index(fragment, start + 1)
            created = CREATED + timedelta(minutes=number)
            new.append(NewCoding(document_id=stored.id, code_id=codes[code], coder_id=coders[coder], start=start,
                                 end=start + len(fragment), memo=memo, created_at=created,
                                 updated_at=created + timedelta(seconds=30)))
        with store.transaction() as session:
            insert_codings(session, new)
    return store


@pytest.fixture
def project(tmp_path: Path) -> ProjectStore:
    store = build_project(tmp_path / "project")
    yield store
    store.close()
