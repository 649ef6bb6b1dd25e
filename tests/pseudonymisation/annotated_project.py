"""A project made of the annotated interviews, imported as a researcher would, and the gold mentions in it."""

from __future__ import annotations

from pathlib import Path

from qualcode.importers.transcript_import import import_transcripts
from qualcode.storage.documents import get_document
from qualcode.storage.project_store import ProjectStore, init_project
from tests.pseudonymisation.annotated_interviews import Mention, interviews


def annotated_project(folder: Path, interview_set: str = "development") -> tuple[ProjectStore, dict[int, list[Mention]]]:
    """Import each interview's plain text; the gold mentions per document id (stored text = plain text)."""
    store = init_project(folder)
    gold: dict[int, list[Mention]] = {}
    paths = []
    for name, (text, mentions) in interviews(interview_set).items():
        path = folder / "transcripts" / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append((path, text, mentions))
    import_transcripts(store, [path for path, _text, _mentions in paths])
    for path, text, mentions in paths:
        document = get_document(store, path.stem)
        assert document.text == text.rstrip("\n") or document.text == text, f"{path.stem} was changed on import"
        gold[document.id] = mentions
    return store, gold
