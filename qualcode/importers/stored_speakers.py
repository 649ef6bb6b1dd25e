"""The speakers of a stored document with role, turns, words and questions, as ``qualcode speakers`` and the
workbench's speakers dialog list them."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.importers.speaker_questions import speaker_statistics
from qualcode.storage.documents import document_segments, get_document
from qualcode.storage.project_store import ProjectStore


@dataclass(frozen=True)
class SpeakerFigures:
    """One speaker of a document, in the order they first speak."""

    speaker: str
    role: str
    turns: int
    words: int
    questions: int


def document_speakers(store: ProjectStore, document_id: int) -> list[SpeakerFigures]:
    """Every speaker of the document with their role and how much they say and ask (turns ending in ``?``)."""
    text = get_document(store, document_id).text
    turns = document_segments(store, document_id, "turn")
    roles = {turn.speaker: turn.role for turn in turns}
    return [
        SpeakerFigures(stats.speaker, roles[stats.speaker], stats.turns, stats.words, stats.questions)
        for stats in speaker_statistics((turn.speaker, text[turn.start : turn.end]) for turn in turns)
    ]
