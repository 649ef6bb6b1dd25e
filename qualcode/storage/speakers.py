"""The speakers of a stored document: new names and who the interviewer is, without moving any coding.

Codings point at character offsets in the document's text, which does not change: only the speaker
and role of the document's turn and paragraph segments, and the document's interviewer label, do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import select

from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import DocumentRow, SegmentRow

_MAX_NAME = 100


@dataclass(frozen=True)
class SpeakerChange:
    """What changed: the speakers after the change in speaking order, and the interviewer."""

    speakers: tuple[str, ...]
    interviewer: str | None
    segments: int


def change_speakers(
    store: ProjectStore, document_id: int, *, renames: Mapping[str, str] | None = None,
    interviewer: str | None = None,
) -> SpeakerChange:
    """Rename speakers (old name → new name), then make ``interviewer`` (an old or new name) the
    interviewer and everyone else a respondent; all in one transaction, checked before the first write.

    Raises ``ProjectError`` when a name does not occur, a new name is empty, too long or already
    another speaker's, or two speakers would get one name.
    """
    renames = dict(renames or {})
    with store.transaction() as session:
        document = session.get(DocumentRow, document_id)
        if document is None:
            raise ProjectError(f"no document with id {document_id}")
        speakers = list(dict.fromkeys(session.exec(
            select(SegmentRow.speaker).where(SegmentRow.document_id == document_id, SegmentRow.kind == "turn")
            .order_by(SegmentRow.idx)
        )))
        _check(document.name, speakers, renames, interviewer)
        new_names = [renames.get(speaker, speaker) for speaker in speakers]
        chosen = renames.get(interviewer, interviewer) if interviewer is not None else None
        if chosen is None and document.interviewer_label is not None:
            chosen = renames.get(document.interviewer_label, document.interviewer_label)
        # Segment ids first, so that swapping two names (S00=S01, S01=S00) cannot mix them up.
        segment_ids = {
            speaker: list(session.exec(select(SegmentRow.id).where(
                SegmentRow.document_id == document_id, SegmentRow.speaker == speaker)))
            for speaker in speakers
        }
        changed = 0
        for old, new in zip(speakers, new_names, strict=True):
            role = "unknown" if chosen is None else ("interviewer" if new == chosen else "respondent")
            result = session.execute(
                update(SegmentRow).where(SegmentRow.id.in_(segment_ids[old])).values(speaker=new, role=role)
            )
            changed += result.rowcount
        document.interviewer_label = chosen
        session.add(document)
        return SpeakerChange(tuple(new_names), chosen, changed)


def _check(name: str, speakers: list[str], renames: dict[str, str], interviewer: str | None) -> None:
    found = ", ".join(speakers) or "none"
    for old, new in renames.items():
        if old not in speakers:
            raise ProjectError(f"{old!r} does not speak in {name!r}; the speakers are: {found}")
        if not new.strip() or len(new) > _MAX_NAME or new != " ".join(new.split()):
            raise ProjectError(f"{new!r} is not a speaker name: give 1 to {_MAX_NAME} characters, "
                               "no spaces at the ends")
    new_names = [renames.get(speaker, speaker) for speaker in speakers]
    if len(set(new_names)) < len(new_names):
        taken = next(new for new in new_names if new_names.count(new) > 1)
        raise ProjectError(f"two speakers would be called {taken!r}; qualcode does not merge speakers")
    if interviewer is not None and interviewer not in speakers and interviewer not in new_names:
        raise ProjectError(f"{interviewer!r} does not speak in {name!r}; the speakers are: {found}")
