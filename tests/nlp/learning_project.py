"""A project whose codes have no indicator words, so only learning can find them.

Document A uses one vocabulary per code, documents B and C another: a model that learned
from A alone knows little about C; once the coder's accepted suggestions on B count, it should.
"""

from __future__ import annotations

from pathlib import Path

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import add_coder
from qualcode.storage.codings import NewCoding, add_coding
from qualcode.storage.documents import document_segments
from qualcode.storage.project_store import ProjectStore, init_project
from tests.project_factory import add_document, parsed_interview

STAFF, CONTACT, VISION = "belemmerend/personeelstekort", "bevorderend/korte-lijnen", "bevorderend/gedeelde-visie"
SYSTEMS, RULES = "belemmerend/ict", "belemmerend/regels"
CODEBOOK = CodebookSpec(title="Leren", groups=(
    GroupSpec(key="belemmerend", name="Belemmerend", codes=(
        CodeSpec(key=STAFF, name="Personeelstekort"), CodeSpec(key=SYSTEMS, name="ICT"),
        CodeSpec(key=RULES, name="Regels"))),
    GroupSpec(key="bevorderend", name="Bevorderend", codes=(
        CodeSpec(key=CONTACT, name="Korte lijnen"), CodeSpec(key=VISION, name="Gedeelde visie"))),
))
FIRST_VOCABULARY = {
    STAFF: ["Er stonden veel vacatures open op de afdeling.", "De onderbezetting maakte alles lastig.",
            "We hadden structureel te weinig verpleegkundigen."],
    CONTACT: ["Ik kon de cardioloog gewoon even bellen.", "We appten elkaar direct als er iets was.",
              "Ik had zijn mobiele nummer en belde hem rechtstreeks."],
    VISION: ["We wilden allemaal dezelfde kant op met de regio.", "Er lag een gezamenlijke stip op de horizon.",
             "Over het doel waren we het snel eens."],
    SYSTEMS: ["Het elektronisch dossier van de ander konden we niet openen.",
              "De software sloot niet aan op ons systeem.", "Alles moest dubbel ingevoerd in twee systemen."],
    RULES: ["De privacywet stond het uitwisselen van gegevens niet toe.",
            "Juristen vonden dat het niet mocht volgens de regels.", "Er kwam steeds een nieuwe regel bij."],
}
SECOND_VOCABULARY = {
    STAFF: ["Het ziekteverzuim was enorm hoog die winter.", "We draaiden op invallers en uitzendkrachten.",
            "De roosters kwamen niet rond door het verzuim."],
    CONTACT: ["De lijnen waren kort, je liep gewoon even binnen.", "Een telefoontje was genoeg om het te regelen.",
              "Je stapte gewoon bij de buren binnen voor een vraag."],
    VISION: ["Iedereen onderschreef het plan voor de toekomst.", "Het toekomstbeeld deelden we met alle partners.",
             "Het plan voor de toekomst was van ons allemaal."],
    SYSTEMS: ["De koppeling tussen de computers werkte nooit.", "Het EPD van het ziekenhuis was onleesbaar voor ons.",
              "De computers praatten niet met elkaar, zo'n koppeling ontbrak."],
    RULES: ["Door de AVG mocht er niets gedeeld worden.", "Het protocol verbood overleg buiten de lijn.",
            "De AVG en het protocol hielden alles tegen."],
}
OPENINGS = ("Ja, dat klopt.", "Nou, kijk.", "Eerlijk gezegd wel.", "Dat weet ik nog goed.")


def interview(vocabulary: dict[str, list[str]], rounds: int) -> tuple[list[tuple[str, str]], list[str]]:
    """Turns (speaker, content) and the code of each respondent turn, in order."""
    turns, codes = [], []
    for round_number in range(rounds):
        for code_key, sentences in vocabulary.items():
            for number, sentence in enumerate(sentences):
                turns.append(("I", "Kunt u daar meer over vertellen?"))
                turns.append(("R", f"{OPENINGS[(round_number + number) % len(OPENINGS)]} {sentence}"))
                codes.append(code_key)
    return turns, codes


def learning_project(folder: Path) -> tuple[ProjectStore, dict[str, tuple[int, list[str]]], int]:
    """The project, {document name: (id, code per respondent turn)} and the coder's id."""
    store = init_project(folder)
    apply_codebook_spec(store, CODEBOOK)
    coder = add_coder(store, "eva")
    documents = {}
    for name, vocabulary, rounds in (("a", FIRST_VOCABULARY, 2), ("b", SECOND_VOCABULARY, 2),
                                     ("c", SECOND_VOCABULARY, 1)):
        turns, codes = interview(vocabulary, rounds)
        documents[name] = (add_document(store, name, parsed_interview(turns)), codes)
    code_ids = {code.key: code.id for code in load_codebook(store).codes}
    a_id, a_codes = documents["a"]
    for segment, code_key in zip(respondent_turns(store, a_id), a_codes, strict=True):
        add_coding(store, NewCoding(document_id=a_id, code_id=code_ids[code_key], coder_id=coder.id,
                                    start=segment.start, end=segment.end))
    return store, documents, coder.id


def respondent_turns(store: ProjectStore, document_id: int):
    return [segment for segment in document_segments(store, document_id, "turn") if segment.role == "respondent"]
