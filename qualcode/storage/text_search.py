"""Search the text of every document: case-insensitive, line breaks and runs of spaces match any whitespace."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import select

from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import DocumentRow

CONTEXT_CHARACTERS = 40


@dataclass(frozen=True)
class TextHit:
    """One match: where it is and a line of text around it for a result list."""

    document_id: int
    document_name: str
    start: int
    end: int
    line_number: int
    before: str
    match: str
    after: str


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
        line_number, counted_to = 1, 0
        for found in pattern.finditer(text):
            line_number += text.count("\n", counted_to, found.start())
            counted_to = found.start()
            line_start = text.rfind("\n", 0, found.start()) + 1
            line_end = text.find("\n", found.end())
            line_end = len(text) if line_end == -1 else line_end
            before = text[max(line_start, found.start() - CONTEXT_CHARACTERS) : found.start()]
            after = text[found.end() : min(line_end, found.end() + CONTEXT_CHARACTERS)]
            hits.append(TextHit(document_id, name, found.start(), found.end(), line_number,
                                _one_line(before), _one_line(found.group()), _one_line(after)))
            if len(hits) >= limit:
                return hits
    return hits
