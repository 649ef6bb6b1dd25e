"""Import transcript files into a project: each file all-or-nothing, one transaction per file; a
changed file replaces its document's text and carries the coders' work along (``transcript_revision``)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlmodel import Session

from qualcode.domain.transcript import ParsedTranscript
from qualcode.importers.errors import TranscriptError
from qualcode.importers.readers import read_source_bytes, read_transcript
from qualcode.importers.transcript_revision import SpanFate, plan_spans, revise_document
from qualcode.storage.documents import find_by_source_name, find_by_source_sha256, store_transcript
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import DocumentRow

ImportStatus = Literal["imported", "replaced", "unchanged", "refused"]
Progress = Callable[[int, int, Path], None]


@dataclass(frozen=True)
class ImportOutcome:
    """What importing one file did (or, in a dry run, would do); ``spans`` reports a re-import's
    codings, memos and suggestion decisions."""

    path: Path
    status: ImportStatus
    message: str
    document: str | None = None
    turns: int = 0
    words: int = 0
    spans: tuple[SpanFate, ...] = ()
    dry_run: bool = False


class _RolledBack(Exception):
    """Rolls back the transaction of a dry run (or a refused plan) and carries its outcome out."""

    def __init__(self, outcome: ImportOutcome) -> None:
        super().__init__(outcome.message)
        self.outcome = outcome


def _source_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, read only once it is known to be a regular file within the limits."""
    return hashlib.sha256(read_source_bytes(path)).hexdigest()


def import_transcript(
    store: ProjectStore, path: Path, *, interviewer: str | None = None, layout: str | None = None,
    dry_run: bool = False, coder_id: int | None = None, drop_unplaced: bool = False,
) -> ImportOutcome:
    """Import one file. Unchanged bytes are a no-op; a changed file replaces its document's text,
    carrying every coding, memo and suggestion decision to the text it was on (one action in
    ``coder_id``'s undo log). When the text of one of them is gone from the file, the re-import is
    refused, changing nothing, unless ``drop_unplaced`` removes those (undoing the re-import brings
    them back).

    ``layout`` names the layout of a text document instead of recognising it (see ``read_transcript``).
    ``dry_run`` does everything but commit, so the outcome says what would happen.
    """
    path = Path(path)
    try:
        source_sha256 = _source_sha256(path)
        with store.session() as session:
            same = find_by_source_sha256(session, source_sha256)
        if same is not None:
            return ImportOutcome(path, "unchanged", f"already imported as {same.name!r}; nothing to do", same.name,
                                 dry_run=dry_run)
        parsed = read_transcript(path, interviewer=interviewer, layout=layout)
    except TranscriptError as error:
        return ImportOutcome(path, "refused", error.reason, dry_run=dry_run)
    try:
        with store.transaction() as session:
            outcome = _import_parsed(session, path, parsed, source_sha256, dry_run=dry_run, coder_id=coder_id,
                                     drop_unplaced=drop_unplaced)
            if dry_run or outcome.status == "refused":
                raise _RolledBack(outcome)
            return outcome
    except _RolledBack as rolled_back:
        return rolled_back.outcome


def _import_parsed(session: Session, path: Path, parsed: ParsedTranscript, source_sha256: str, *,
                   dry_run: bool, coder_id: int | None, drop_unplaced: bool) -> ImportOutcome:
    previous = find_by_source_name(session, path.name)
    if previous is None:
        row = store_transcript(session, parsed, name=path.stem, source_name=path.name, source_sha256=source_sha256)
        return _stored(path, "imported", row, parsed, dry_run=dry_run)
    fates = plan_spans(session, previous, parsed)
    unplaced = [fate for fate in fates if fate.status == "unplaced"]
    them = "it" if len(unplaced) == 1 else "them"
    if unplaced and not drop_unplaced:
        return ImportOutcome(
            path, "refused",
            f"{path.name} changed since it was imported as {previous.name!r}, and the text of "
            f"{_count(unplaced)} is gone from it; keep that text in the file, or import with "
            f"--drop-unplaced to remove {them} (undoing the re-import brings {them} back)",
            previous.name, spans=tuple(fates), dry_run=dry_run,
        )
    revise_document(session, previous, parsed, fates, source_sha256=source_sha256, coder_id=coder_id)
    row = session.get(DocumentRow, previous.id)
    return _stored(path, "replaced", row, parsed, spans=tuple(fates), dry_run=dry_run)


def _count(fates: list[SpanFate]) -> str:
    """'2 codings and 1 memo': how many spans of each kind."""
    parts = []
    for kind in ("coding", "memo", "suggestion decision"):
        count = sum(1 for fate in fates if fate.kind == kind)
        if count:
            parts.append(f"{count} {kind if count == 1 else kind + 's'}")
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)


def _stored(path: Path, status: ImportStatus, row: DocumentRow, parsed: ParsedTranscript, *,
            spans: tuple[SpanFate, ...] = (), dry_run: bool = False) -> ImportOutcome:
    verb = "re-import" if status == "replaced" else "import"
    verb = f"would {verb}" if dry_run else f"{verb}ed"
    case = f", case {parsed.case_label}" if parsed.case_label else ""
    speakers = len({turn.speaker for turn in parsed.turns})
    layout = f"; {parsed.layout}" if parsed.layout else ""
    interviewer = (
        f"; interviewer {parsed.interviewer_label} ({parsed.interviewer_evidence})"
        if parsed.interviewer_label else f"; no interviewer ({parsed.interviewer_evidence})"
    )
    if parsed.interviewer_evidence.startswith("unsure"):
        interviewer += f"; set it with: qualcode speakers {row.name} --interviewer LABEL"
    carried = f"; {span_summary(spans)}" if spans else ""
    if any(fate.status == "unplaced" for fate in spans):
        carried += " (removed; undoing the re-import brings them back)"
    message = (
        f"{verb} as {row.name!r}: {len(parsed.turns)} turns, {speakers} speakers, "
        f"{row.word_count} words{case}{layout}{interviewer}{carried}"
    )
    return ImportOutcome(path, status, message, row.name, len(parsed.turns), row.word_count, spans, dry_run)


def span_summary(spans: Sequence[SpanFate]) -> str:
    """'12 unchanged, 30 moved, 2 text changed, 0 unplaced' over a re-import's spans."""
    return ", ".join(f"{sum(1 for fate in spans if fate.status == status)} {status}"
                     for status in ("unchanged", "moved", "text changed", "unplaced"))


def import_transcripts(
    store: ProjectStore, paths: Sequence[Path], *, interviewer: str | None = None, layout: str | None = None,
    progress: Progress | None = None, dry_run: bool = False, coder_id: int | None = None,
    drop_unplaced: bool = False,
) -> list[ImportOutcome]:
    """Import several files; each is all-or-nothing, and one refused file does not stop the others."""
    outcomes = []
    for number, path in enumerate(paths, start=1):
        if progress:
            progress(number, len(paths), Path(path))
        outcomes.append(import_transcript(store, Path(path), interviewer=interviewer, layout=layout,
                                          dry_run=dry_run, coder_id=coder_id, drop_unplaced=drop_unplaced))
    return outcomes
