"""A small coded project for the analysis tests: two interviews, two coders, a case attribute."""

from __future__ import annotations

from qualcode.storage.cases import set_case_attributes
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codings import NewCoding, add_coding
from qualcode.storage.documents import get_document
from tests.project_factory import add_document, parsed_interview, small_project

VERTROUWEN = "belemmerend/gebrek-aan-vertrouwen"
GELD = "belemmerend/gedoe-over-geld"
NOODZAAK = "bevorderend/noodzaak"


def coded_project(folder):
    """The small project with a second interview (case R2), cases' ``fase`` and seven codings."""
    store = small_project(folder)
    add_document(store, "b-interview", parsed_interview([
        ("I", "Vertrouwt u ze?"),
        ("R", "Nee. Er is geen vertrouwen.\nHet geld is ook een punt."),
        ("I", "En verder?"),
        ("R", "We moeten wel, het is noodzaak."),
    ], case="R2"))
    with store.transaction() as session:
        set_case_attributes(session, "R1", {"fase": "verkennend"})
        set_case_attributes(session, "R2", {"fase": "gestart"})
    codes = {code.key: code.id for code in load_codebook(store).codes}
    eva, daan = ensure_coder(store, "eva").id, ensure_coder(store, "daan").id
    documents = {name: get_document(store, name).id for name in ("interview", "b-interview")}
    text = {name: text_of(store, name) for name in documents}

    def code(coder, document, key, phrase, memo=""):
        start = text[document].index(phrase)
        add_coding(store, NewCoding(documents[document], codes[key], coder, start, start + len(phrase), memo=memo))

    code(eva, "interview", VERTROUWEN, "Het vertrouwen is er nog niet.", memo="kern")
    code(eva, "interview", GELD, "over geld hebben we")
    code(daan, "interview", VERTROUWEN, "vertrouwen is er")
    code(eva, "b-interview", VERTROUWEN, "Er is geen vertrouwen.")
    code(eva, "b-interview", GELD, "Het geld is ook een punt.")
    code(eva, "b-interview", NOODZAAK, "het is noodzaak")
    code(eva, "b-interview", VERTROUWEN, "Vertrouwt u ze?")          # in an interviewer turn
    return store


def text_of(store, name):
    return get_document(store, name).text
