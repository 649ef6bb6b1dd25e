"""Suggestion feedback (accepts and rejects) and cached parses in the project store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlmodel import select

from qualcode.storage.codings import NewCoding, validate_new_coding
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import ParseCacheRow, SegmentRow, SuggestionFeedbackRow
from qualcode.storage.timestamps import utc_now

DecisionKind = Literal["accepted", "rejected"]


@dataclass(frozen=True)
class SuggestionFeedback:
    """One accept or reject of a suggested code on a span, by a coder."""

    id: int
    document_id: int
    start: int
    end: int
    code_id: int
    coder_id: int
    decision: DecisionKind
    score: float | None
    created_at: datetime


def _feedback(row: SuggestionFeedbackRow) -> SuggestionFeedback:
    return SuggestionFeedback(id=row.id, document_id=row.document_id, start=row.start, end=row.end,
                              code_id=row.code_id, coder_id=row.coder_id, decision=row.decision,
                              score=row.score, created_at=row.created_at)


def record_feedback(store: ProjectStore, *, document_id: int, start: int, end: int, code_id: int,
                    coder_id: int, decision: DecisionKind, score: float | None = None) -> SuggestionFeedback:
    """Record an accept or reject; the span, code and coder are checked before anything is written."""
    if decision not in ("accepted", "rejected"):
        raise ValueError(f"decision must be 'accepted' or 'rejected', not {decision!r}")
    with store.transaction() as session:
        validate_new_coding(session, NewCoding(document_id=document_id, code_id=code_id, coder_id=coder_id,
                                               start=start, end=end))
        row = SuggestionFeedbackRow(document_id=document_id, start=start, end=end, code_id=code_id,
                                    coder_id=coder_id, decision=decision, score=score, created_at=utc_now())
        session.add(row)
        session.flush()
        return _feedback(row)


def list_feedback(store: ProjectStore, *, coder_id: int | None = None,
                  document_id: int | None = None) -> list[SuggestionFeedback]:
    """Feedback in the order it was given, optionally for one coder and/or document."""
    query = select(SuggestionFeedbackRow)
    if coder_id is not None:
        query = query.where(SuggestionFeedbackRow.coder_id == coder_id)
    if document_id is not None:
        query = query.where(SuggestionFeedbackRow.document_id == document_id)
    with store.session() as session:
        rows = session.exec(query.order_by(SuggestionFeedbackRow.created_at, SuggestionFeedbackRow.id))
        return [_feedback(row) for row in rows]


def paragraph_spans(store: ProjectStore, document_id: int) -> tuple[tuple[int, int], ...]:
    """(start, end) of the document's paragraphs in text order: what the parser reads (one light query)."""
    with store.session() as session:
        rows = session.exec(select(SegmentRow.start, SegmentRow.end)
                            .where(SegmentRow.document_id == document_id, SegmentRow.kind == "paragraph")
                            .order_by(SegmentRow.start, SegmentRow.end))
        return tuple((start, end) for start, end in rows)


def load_parse(store: ProjectStore, document_id: int, pipeline: str, text_sha256: str) -> bytes | None:
    """The cached parse of a document, or None when there is none for this pipeline and this text."""
    with store.session() as session:
        row = session.get(ParseCacheRow, (document_id, pipeline))
        return row.payload if row is not None and row.text_sha256 == text_sha256 else None


def save_parse(store: ProjectStore, document_id: int, pipeline: str, text_sha256: str, payload: bytes) -> None:
    """Store (or replace) the cached parse of a document for a pipeline."""
    with store.transaction() as session:
        row = session.get(ParseCacheRow, (document_id, pipeline))
        if row is None:
            session.add(ParseCacheRow(document_id=document_id, pipeline=pipeline, text_sha256=text_sha256,
                                      payload=payload, created_at=utc_now()))
        else:
            row.text_sha256, row.payload, row.created_at = text_sha256, payload, utc_now()
