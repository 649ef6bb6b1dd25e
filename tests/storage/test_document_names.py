"""A stored document gets the name asked for, or the first free ``-2``, ``-3`` ... after it."""

from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.storage.documents import store_transcript, unique_document_name
from qualcode.storage.project_store import init_project

PARSED = ParsedTranscript(text="R: ja", turns=(ParsedTurn(speaker="R", start=3, end=5, paragraphs=((3, 5),)),),
                          source_format="txt", interviewer_label=None)


def test_names_are_numbered_only_when_taken_exactly(tmp_path):
    store = init_project(tmp_path / "p")
    with store.transaction() as session:
        names = [store_transcript(session, PARSED, name=name, source_name=f"{number}.txt",
                                  source_sha256=str(number)).name
                 for number, name in enumerate(["gesprek", "gesprek", "gesprek", "Gesprek", "gesprek-2", "ge%"])]
        assert names == ["gesprek", "gesprek-2", "gesprek-3", "Gesprek", "gesprek-2-2", "ge%"]
        assert unique_document_name(session, "gesprek-") == "gesprek-"
        assert unique_document_name(session, "ge%") == "ge%-2"
    store.close()
