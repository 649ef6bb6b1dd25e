"""A document's text and segments as one state: read, compared and written whole, for a corrected
transcript's re-import and its undo.

The state is every column of the document row but its id, name and source file name, and every
segment row (ids included), so writing back the state from before a re-import gives the database
exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError
from qualcode.storage.tables import SegmentRow

REIMPORT_ACTION = "reimport-transcript"
"""The undo log's kind for a corrected transcript's re-import."""

KEPT_COLUMNS = ("id", "name", "source_name")
"""Columns a re-import never changes: the document stays the same document."""


@dataclass(frozen=True)
class DocumentState:
    """The changeable columns of a document row and its segment rows, as SQLite stores them."""

    columns: dict[str, Any]
    segments: tuple[dict[str, Any], ...]

    def as_json(self) -> dict:
        return {"columns": self.columns, "segments": list(self.segments)}

    @classmethod
    def from_json(cls, value: dict) -> DocumentState:
        return cls(dict(value["columns"]), tuple(dict(segment) for segment in value["segments"]))


def read_document_state(session: Session, document_id: int) -> DocumentState:
    row = session.execute(text("SELECT * FROM documents WHERE id = :id"), {"id": document_id}).mappings().first()
    if row is None:
        raise ProjectError(_("no document with id {document_id}").format(document_id=document_id))
    segments = session.execute(
        text("SELECT * FROM segments WHERE document_id = :id ORDER BY id"), {"id": document_id}
    ).mappings().all()
    return DocumentState({k: v for k, v in row.items() if k not in KEPT_COLUMNS},
                         tuple(dict(segment) for segment in segments))


def write_document_state(session: Session, document_id: int, state: DocumentState) -> None:
    """Give the document these columns and exactly these segments."""
    assignments = ", ".join(f'"{name}" = :{name}' for name in state.columns)
    session.execute(text(f"UPDATE documents SET {assignments} WHERE id = :document_id"),
                    {**state.columns, "document_id": document_id})
    session.execute(SegmentRow.__table__.delete().where(SegmentRow.document_id == document_id))
    if state.segments:
        session.execute(SegmentRow.__table__.insert(), list(state.segments))
