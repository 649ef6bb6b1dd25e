"""Who speaks in a document and who interviews: read and set as one small state, for changes and their undo.

A document's speakers are the names of its turns in the order they first speak; their roles follow
from the interviewer label (``interviewer`` for that speaker, ``respondent`` for the others,
``unknown`` for everyone when there is none), as the importer sets them. So the state is just
``(names, interviewer)``, and setting it renames every segment of each speaker in place: offsets,
and so codings, never move.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, select

from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError
from qualcode.storage.tables import DocumentRow, SegmentRow


@dataclass(frozen=True)
class SpeakerState:
    """The speakers of a document in speaking order, and the interviewer's name (None: not known)."""

    names: tuple[str, ...]
    interviewer: str | None

    def as_json(self) -> dict:
        return {"names": list(self.names), "interviewer": self.interviewer}

    @classmethod
    def from_json(cls, value: dict) -> SpeakerState:
        return cls(tuple(value["names"]), value["interviewer"])


def role_of(name: str, interviewer: str | None) -> str:
    if interviewer is None:
        return "unknown"
    return "interviewer" if name == interviewer else "respondent"


def read_speaker_state(session: Session, document_id: int) -> SpeakerState:
    document = session.get(DocumentRow, document_id)
    if document is None:
        raise ProjectError(_("no document with id {document_id}").format(document_id=document_id))
    names = tuple(dict.fromkeys(session.exec(
        select(SegmentRow.speaker).where(SegmentRow.document_id == document_id, SegmentRow.kind == "turn")
        .order_by(SegmentRow.idx)
    )))
    return SpeakerState(names, document.interviewer_label)


def write_speaker_state(session: Session, document_id: int, old: SpeakerState, new: SpeakerState) -> int:
    """Turn the document's speakers from ``old`` into ``new`` (same number of names, position for
    position); returns how many segments were written."""
    # Segment ids first, so that swapping two names (S00=S01, S01=S00) cannot mix them up.
    segment_ids = {
        name: list(session.exec(select(SegmentRow.id).where(
            SegmentRow.document_id == document_id, SegmentRow.speaker == name)))
        for name in old.names
    }
    written = 0
    for before, after in zip(old.names, new.names, strict=True):
        result = session.execute(update(SegmentRow).where(SegmentRow.id.in_(segment_ids[before]))
                                 .values(speaker=after, role=role_of(after, new.interviewer)))
        written += result.rowcount
    document = session.get(DocumentRow, document_id)
    document.interviewer_label = new.interviewer
    session.add(document)
    return written
