"""Import transcript files into a project: each file all-or-nothing, one transaction per file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import func
from sqlmodel import Session, select

from qualcode.domain.transcript import ParsedTranscript
from qualcode.importers.errors import TranscriptError
from qualcode.importers.readers import read_source_bytes, read_transcript
from qualcode.storage.documents import find_by_source_name, find_by_source_sha256, store_transcript
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CodingRow, DocumentRow, MemoRow, SegmentRow, SuggestionFeedbackRow

ImportStatus = Literal["imported", "replaced", "unchanged", "refused"]
Progress = Callable[[int, int, Path], None]


@dataclass(frozen=True)
class ImportOutcome:
    path: Path
    status: ImportStatus
    message: str
    document: str | None = None
    turns: int = 0
    words: int = 0


def _source_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, read only once it is known to be a regular file within the limits."""
    return hashlib.sha256(read_source_bytes(path)).hexdigest()


def import_transcript(
    store: ProjectStore, path: Path, *, interviewer: str | None = None, layout: str | None = None
) -> ImportOutcome:
    """Import one file. Unchanged bytes are a no-op; a changed file is refused when its document has
    codings, memos or suggestion decisions (their offsets would point into a different text).

    ``layout`` names the layout of a text document instead of recognising it (see ``read_transcript``).
    """
    path = Path(path)
    try:
        source_sha256 = _source_sha256(path)
        with store.session() as session:
            same = find_by_source_sha256(session, source_sha256)
        if same is not None:
            return ImportOutcome(path, "unchanged", f"already imported as {same.name!r}; nothing to do", same.name)
        parsed = read_transcript(path, interviewer=interviewer, layout=layout)
    except TranscriptError as error:
        return ImportOutcome(path, "refused", error.reason)
    with store.transaction() as session:
        previous = find_by_source_name(session, path.name)
        if previous is not None:
            work = _work_on(session, previous.id)
            if work:
                return ImportOutcome(
                    path, "refused",
                    f"{path.name} changed since it was imported as {previous.name!r}, which has {work}; "
                    "import the new version under another file name to keep both",
                    previous.name,
                )
            session.execute(SegmentRow.__table__.delete().where(SegmentRow.document_id == previous.id))
            session.delete(previous)
            session.flush()
        row = store_transcript(session, parsed, name=path.stem, source_name=path.name, source_sha256=source_sha256)
        return _stored(path, "replaced" if previous else "imported", row, parsed)


_WORK_TABLES = ((CodingRow, "coding", "codings"), (MemoRow, "memo", "memos"),
                (SuggestionFeedbackRow, "suggestion decision", "suggestion decisions"))
"""What coders made on a document, tied to its offsets: a changed text would make it point elsewhere."""


def _work_on(session: Session, document_id: int) -> str:
    """'3 codings, 1 memo and 2 suggestion decisions': the coders' work on a document, or ''."""
    parts = []
    for table, one, many in _WORK_TABLES:
        count = session.exec(select(func.count()).select_from(table).where(table.document_id == document_id)).one()
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)


def _stored(path: Path, status: ImportStatus, row: DocumentRow, parsed: ParsedTranscript) -> ImportOutcome:
    verb = "re-imported" if status == "replaced" else "imported"
    case = f", case {parsed.case_label}" if parsed.case_label else ""
    speakers = len({turn.speaker for turn in parsed.turns})
    layout = f"; {parsed.layout}" if parsed.layout else ""
    interviewer = (
        f"; interviewer {parsed.interviewer_label} ({parsed.interviewer_evidence})"
        if parsed.interviewer_label else f"; no interviewer ({parsed.interviewer_evidence})"
    )
    if parsed.interviewer_evidence.startswith("unsure"):
        interviewer += f"; set it with: qualcode speakers {row.name} --interviewer LABEL"
    message = (
        f"{verb} as {row.name!r}: {len(parsed.turns)} turns, {speakers} speakers, "
        f"{row.word_count} words{case}{layout}{interviewer}"
    )
    return ImportOutcome(path, status, message, row.name, len(parsed.turns), row.word_count)


def import_transcripts(
    store: ProjectStore, paths: Sequence[Path], *, interviewer: str | None = None, layout: str | None = None,
    progress: Progress | None = None,
) -> list[ImportOutcome]:
    """Import several files; each is all-or-nothing, and one refused file does not stop the others."""
    outcomes = []
    with store.connection_held():
        for number, path in enumerate(paths, start=1):
            if progress:
                progress(number, len(paths), Path(path))
            outcomes.append(import_transcript(store, Path(path), interviewer=interviewer, layout=layout))
    return outcomes
