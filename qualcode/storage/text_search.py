"""Search the text of every document: case-insensitive, line breaks and runs of spaces match any whitespace.

Each hit says where it is as the workbench does: the turn (numbered from 1) and its time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import select

from qualcode.domain.turn_time import TurnTimes, place_text
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import DocumentRow, SegmentRow

CONTEXT_CHARACTERS = 40


@dataclass(frozen=True)
class TextHit:
    """One match: where it is (offsets, and the turn with its time) and a line of text around it for a result list."""

    document_id: int
    document_name: str
    start: int
    end: int
    turn_index: int | None
    """The turn the match is in (from 0), None in a document without turns."""
    time: float | None
    """The time of that turn in seconds, None without one."""
    before: str
    match: str
    after: str

    @property
    def place(self) -> str:
        """``turn 11 · 00:12:31``, as the workbench names a place."""
        return place_text(self.turn_index, self.time)


def search_pattern(query: str) -> re.Pattern[str] | None:
    """The regular expression for a query, or None for a blank query."""
    words = query.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def search_text(store: ProjectStore, query: str, *, limit: int = 1000) -> list[TextHit]:
    """Hits for ``query`` in every document, in document-name and text order (at most ``limit``)."""
    pattern = search_pattern(query)
    if pattern is None:
        return []
    hits: list[TextHit] = []
    with store.session() as session:
        documents = session.exec(select(DocumentRow.id, DocumentRow.name, DocumentRow.text)
                                 .order_by(DocumentRow.name)).all()
    for document_id, name, text in documents:
        found_here = list(pattern.finditer(text))
        if not found_here:
            continue
        turns = _turns(store, document_id)
        for found in found_here:
            line_start = text.rfind("\n", 0, found.start()) + 1
            line_end = text.find("\n", found.end())
            line_end = len(text) if line_end == -1 else line_end
            before = text[max(line_start, found.start() - CONTEXT_CHARACTERS) : found.start()]
            after = text[found.end() : min(line_end, found.end() + CONTEXT_CHARACTERS)]
            turn = turns.turn_at(found.start())
            hits.append(TextHit(document_id, name, found.start(), found.end(), turn,
                                turns.times[turn] if turn is not None else None,
                                _one_line(before), _one_line(found.group()), _one_line(after)))
            if len(hits) >= limit:
                return hits
    return hits


def _turns(store: ProjectStore, document_id: int) -> TurnTimes:
    with store.session() as session:
        return TurnTimes.of(session.exec(
            select(SegmentRow.start, SegmentRow.end, SegmentRow.start_time)
            .where(SegmentRow.document_id == document_id, SegmentRow.kind == "turn").order_by(SegmentRow.start)
        ).all())
