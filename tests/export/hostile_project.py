"""A project whose names and memos start like spreadsheet formulas, as a careless or hostile coder might write them."""

from __future__ import annotations

from pathlib import Path

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.storage.cases import set_case_attributes
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codings import NewCoding, insert_codings
from qualcode.storage.documents import get_document
from qualcode.storage.project_store import ProjectStore, init_project
from tests.project_factory import add_document, parsed_interview

HOSTILE = ("=1+1", '=HYPERLINK("http://x","klik")', "+31 6 12345678", "-", "@SUM(A1)", "\tgetabd", "\rterug",
           "-3")
"""Text a spreadsheet would read as a formula (OWASP's first characters), each a code name and a memo here."""
QUOTED = ("'=al een quote", "''=twee", "'gewoon")
"""Memos that really start with a quote: the round trip must keep every one of them."""
CODES = ("=1+1", "@SUM(A1)", "-3", "+plus")
"""Code keys (ids) that start like a formula."""
DOCUMENT = "=HYPERLINK(document)"
CASE = "@R1"
TURNS = [("I", "- ja, zeker"), ("R", "+31 6 is mijn nummer.\n=1+1 staat op het bord.")]


def hostile_codebook() -> CodebookSpec:
    names = HOSTILE[: len(CODES)]
    return CodebookSpec(title="=titel", groups=(
        GroupSpec(key="=groep", name="-groep", codes=tuple(
            CodeSpec(key=key, name=name, description=HOSTILE[-1 - index], indicators=("+ind",))
            for index, (key, name) in enumerate(zip(CODES, names, strict=True))
        )),
    ))


def build_hostile_project(folder: Path, *, with_codings: bool = True) -> ProjectStore:
    """One interview named like a formula, case ``@R1`` (fase ``=fase``, ervaring -3), coder ``=eva``.

    Every memo of HOSTILE and QUOTED is on a coding; coded texts start with ``-`` and ``+``.
    """
    store = init_project(folder)
    apply_codebook_spec(store, hostile_codebook())
    add_document(store, DOCUMENT, parsed_interview(TURNS, case=CASE))
    with store.transaction() as session:
        set_case_attributes(session, CASE, {"fase": "=fase", "ervaring": -3, "score": -2.5})
    if with_codings:
        text = get_document(store, DOCUMENT).text
        document = get_document(store, DOCUMENT).id
        codes = [code.id for code in load_codebook(store).codes]
        coder = ensure_coder(store, "=eva").id
        spans = [(text.index(fragment), text.index(fragment) + len(fragment))
                 for fragment in ("- ja", "+31 6", "=1+1 staat", "ja, zeker")]
        codings = [
            NewCoding(document_id=document, code_id=codes[number % len(codes)], coder_id=coder,
                      start=spans[number // len(codes)][0], end=spans[number // len(codes)][1], memo=memo)
            for number, memo in enumerate(HOSTILE + QUOTED)
        ]
        with store.transaction() as session:
            insert_codings(session, codings)
    return store
