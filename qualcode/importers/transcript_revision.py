"""A corrected transcript replacing its document's text: every coding, memo and suggestion decision
carried to the text it was on, and what happened to each reported.

The old and new text are aligned (``text_alignment``); each span moves with its text. The document
keeps its id and name; its text, metadata and segments come from the new file, as at a first import.
Everything is written through ``RowChanges``, so the re-import is one action in the undo log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session, select

from qualcode.domain.transcript import ParsedTranscript
from qualcode.domain.turn_time import TurnTimes, place_text
from qualcode.importers.text_alignment import Alignment, SpanStatus
from qualcode.storage.actions import Focus, RowChanges, record_action
from qualcode.storage.cases import ensure_case_in
from qualcode.storage.document_state import REIMPORT_ACTION, DocumentState, read_document_state
from qualcode.storage.documents import segment_rows, text_sha256, transcript_words
from qualcode.storage.tables import (
    CodeRow, CoderRow, CodingRow, DocumentRow, MemoRow, SegmentRow, SuggestionFeedbackRow,
)
from qualcode.storage.timestamps import utc_now

SpanKind = Literal["coding", "memo", "suggestion decision"]
_TABLES: dict[SpanKind, tuple[type, str]] = {
    "coding": (CodingRow, "codings"), "memo": (MemoRow, "memos"),
    "suggestion decision": (SuggestionFeedbackRow, "suggestion_feedback"),
}


@dataclass(frozen=True)
class SpanFate:
    """What a re-import does to one coding, memo or suggestion decision."""

    kind: SpanKind
    row_id: int
    label: str
    status: SpanStatus
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_text: str
    new_text: str
    old_place: str = ""
    """Where the span was, as the workbench says it: ``turn 4 · 00:03:12``."""
    new_place: str = ""
    """Where it lands in the new text, the same way (empty when it is not placed)."""


def plan_spans(session: Session, document: DocumentRow, new: ParsedTranscript) -> list[SpanFate]:
    """Where each coding, memo and suggestion decision on the document lands in the ``new`` text, in
    document order, with the turn and time before and after; nothing is written."""
    new_text = new.text
    alignment = Alignment(document.text, new_text)
    old_turns = TurnTimes.of(session.exec(
        select(SegmentRow.start, SegmentRow.end, SegmentRow.start_time)
        .where(SegmentRow.document_id == document.id, SegmentRow.kind == "turn").order_by(SegmentRow.start)).all())
    new_turns = TurnTimes.of((turn.start, turn.end, turn.start_time) for turn in new.turns)
    codes = dict(session.exec(select(CodeRow.id, CodeRow.key)).all())
    coders = dict(session.exec(select(CoderRow.id, CoderRow.name)).all())
    fates = []
    for kind, (table, _) in _TABLES.items():
        for row in session.exec(select(table).where(table.document_id == document.id).order_by(table.id)):
            placed = alignment.place(row.start, row.end)
            fates.append(SpanFate(
                kind=kind, row_id=row.id, label=_label(kind, row, codes, coders), status=placed.status,
                old_start=row.start, old_end=row.end, new_start=placed.start, new_end=placed.end,
                old_text=document.text[row.start : row.end], new_text=new_text[placed.start : placed.end],
                old_place=_place(old_turns, row.start, row.end),
                new_place=_place(new_turns, placed.start, placed.end) if placed.status != "unplaced" else "",
            ))
    return sorted(fates, key=lambda fate: (fate.old_start, fate.old_end, fate.kind, fate.row_id))


def _place(turns: TurnTimes, start: int, end: int) -> str:
    index = turns.turn_at(start)
    return place_text(index, turns.of_span(start, end) if index is not None else None)


def _label(kind: SpanKind, row, codes: dict[int, str], coders: dict[int, str]) -> str:
    coder = coders.get(row.coder_id, "no coder")
    if kind == "coding":
        return f"{codes[row.code_id]} by {coder}"
    if kind == "memo":
        return f"memo by {coder}"
    return f"{row.decision} {codes[row.code_id]} by {coder}"


def revise_document(
    session: Session, document: DocumentRow, parsed: ParsedTranscript, fates: list[SpanFate], *,
    source_sha256: str, coder_id: int | None,
) -> None:
    """Give the document the parsed text and segments and move every placed span, as one undoable
    action of ``coder_id``; unplaced spans are removed (the caller has asked for that), and undoing
    the action brings them back."""
    changes = RowChanges(session)
    changes.set_document(document.id, _new_state(session, document, parsed, source_sha256))
    for fate in fates:
        if fate.status == "unplaced":
            changes.delete(_TABLES[fate.kind][1], fate.row_id)
        elif (fate.new_start, fate.new_end) != (fate.old_start, fate.old_end):
            changes.update(_TABLES[fate.kind][1], fate.row_id, {"start": fate.new_start, "end": fate.new_end})
    record_action(session, coder_id, REIMPORT_ACTION, f"re-import {document.name}", changes,
                  Focus(document.id, 0, 0))
    session.expire(document)


def _new_state(session: Session, document: DocumentRow, parsed: ParsedTranscript,
               source_sha256: str) -> DocumentState:
    old = read_document_state(session, document.id)
    case_id = ensure_case_in(session, parsed.case_label).id if parsed.case_label else old.columns["case_id"]
    columns = {
        **old.columns,
        "text": parsed.text, "source_format": parsed.source_format, "source_sha256": source_sha256,
        "text_sha256": text_sha256(parsed.text),
        "imported_at": utc_now().replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds"),
        "case_id": case_id, "metadata_json": json.dumps(parsed.metadata, ensure_ascii=False, sort_keys=True),
        "interviewer_label": parsed.interviewer_label, "word_count": transcript_words(parsed),
    }
    return DocumentState(columns, tuple(segment_rows(document.id, parsed)))
