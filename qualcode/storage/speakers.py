"""The speakers of a stored document: new names and who the interviewer is, without moving any coding.

Codings point at character offsets in the document's text, which does not change: only the speaker
and role of the document's turn and paragraph segments, and the document's interviewer label, do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from qualcode.domain.language import _
from qualcode.storage.actions import Focus, RowChanges, record_action
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.speaker_state import SpeakerState, read_speaker_state
from qualcode.storage.tables import DocumentRow

SPEAKERS_ACTION = "speakers"
"""The kind of the undo log's entries for speaker changes."""

_MAX_NAME = 100


@dataclass(frozen=True)
class SpeakerChange:
    """What changed: the speakers after the change in speaking order, and the interviewer."""

    speakers: tuple[str, ...]
    interviewer: str | None
    segments: int


def change_speakers(
    store: ProjectStore, document_id: int, *, renames: Mapping[str, str] | None = None,
    interviewer: str | None = None, coder_id: int | None = None,
) -> SpeakerChange:
    """Rename speakers (old name → new name), then make ``interviewer`` (an old or new name) the
    interviewer and everyone else a respondent; all in one transaction, checked before the first write,
    and recorded in ``coder_id``'s undo log (names and roles before and after, not the segments).

    Raises ``ProjectError`` when a name does not occur, a new name is empty, too long or already
    another speaker's, or two speakers would get one name.
    """
    renames = {old: new for old, new in (renames or {}).items()}
    with store.transaction() as session:
        document = session.get(DocumentRow, document_id)
        if document is None:
            raise ProjectError(_("no document with id {document_id}").format(document_id=document_id))
        before = read_speaker_state(session, document_id)
        speakers = list(before.names)
        _check(document.name, speakers, renames, interviewer)
        new_names = tuple(renames.get(speaker, speaker) for speaker in speakers)
        chosen = renames.get(interviewer, interviewer) if interviewer is not None else None
        if chosen is None and before.interviewer is not None:
            chosen = renames.get(before.interviewer, before.interviewer)
        changes = RowChanges(session)
        written = changes.set_speakers(document_id, SpeakerState(new_names, chosen))
        record_action(session, coder_id, SPEAKERS_ACTION, _description(document.name, before, renames, chosen),
                      changes, Focus(document_id, 0, 0))
        return SpeakerChange(new_names, chosen, written)


def _description(name: str, before: SpeakerState, renames: dict[str, str], interviewer: str | None) -> str:
    parts = [f"{old} → {new}" for old, new in renames.items() if old != new]
    renamed = renames.get(before.interviewer, before.interviewer) if before.interviewer is not None else None
    if interviewer != renamed or not parts:
        parts.append(f"interviewer {interviewer or 'none'}")
    return f"speakers of {name}: " + ", ".join(parts)


def _check(name: str, speakers: list[str], renames: dict[str, str], interviewer: str | None) -> None:
    found = ", ".join(speakers) or "none"
    for old, new in renames.items():
        if old not in speakers:
            raise ProjectError(_("{old!r} does not speak in {name!r}; the speakers are: {found}").format(old=old, name=name, found=found))
        if not new.strip() or len(new) > _MAX_NAME or new != " ".join(new.split()):
            raise ProjectError(_("{new!r} is not a speaker name: give 1 to {max_name} characters, no spaces at the ends").format(new=new, max_name=_MAX_NAME))
    new_names = [renames.get(speaker, speaker) for speaker in speakers]
    if len(set(new_names)) < len(new_names):
        taken = next(new for new in new_names if new_names.count(new) > 1)
        raise ProjectError(_("two speakers would be called {taken!r}; qualcode does not merge speakers").format(taken=taken))
    if interviewer is not None and interviewer not in speakers and interviewer not in new_names:
        raise ProjectError(_("{interviewer!r} does not speak in {name!r}; the speakers are: {found}").format(interviewer=interviewer, name=name, found=found))
