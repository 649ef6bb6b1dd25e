"""Documents and their segments: storing a parsed transcript and reading it back."""

from __future__ import annotations

import hashlib
import json
import re

from sqlalchemy import func
from sqlmodel import Session, select

from qualcode.domain.language import _
from qualcode.domain.models import Document, DocumentSummary, Role, Segment, Unit
from qualcode.domain.sentences import sentence_spans
from qualcode.domain.transcript import ParsedTranscript
from qualcode.storage.cases import ensure_case_in
from qualcode.storage.errors import NotFoundError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CaseRow, DocumentRow, SegmentRow
from qualcode.storage.timestamps import utc_now

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _document(row: DocumentRow) -> Document:
    return Document(
        id=row.id,
        name=row.name,
        text=row.text,
        source_name=row.source_name,
        source_format=row.source_format,
        source_sha256=row.source_sha256,
        text_sha256=row.text_sha256,
        imported_at=row.imported_at,
        case_id=row.case_id,
        metadata=json.loads(row.metadata_json),
    )


def _role(speaker: str, interviewer_label: str | None) -> Role:
    if interviewer_label is None:
        return "unknown"
    return "interviewer" if speaker == interviewer_label else "respondent"


def unique_document_name(session: Session, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3`` ... when a document has that name already."""
    if session.exec(select(DocumentRow.id).where(DocumentRow.name == wanted)).first() is None:
        return wanted  # the usual case, from the name's index; the LIKE below reads every name
    taken = set(session.exec(select(DocumentRow.name).where(DocumentRow.name.like(f"{wanted}%"))))
    name, number = wanted, 1
    while name in taken:
        number += 1
        name = f"{wanted}-{number}"
    return name


def store_transcript(
    session: Session, parsed: ParsedTranscript, *, name: str, source_name: str, source_sha256: str
) -> DocumentRow:
    """Insert a parsed transcript, its turns and paragraphs inside the caller's transaction."""
    case_id = ensure_case_in(session, parsed.case_label).id if parsed.case_label else None
    words = transcript_words(parsed)
    row = DocumentRow(
        name=unique_document_name(session, name),
        text=parsed.text,
        source_name=source_name,
        source_format=parsed.source_format,
        source_sha256=source_sha256,
        text_sha256=text_sha256(parsed.text),
        imported_at=utc_now(),
        case_id=case_id,
        metadata_json=json.dumps(parsed.metadata, ensure_ascii=False, sort_keys=True),
        interviewer_label=parsed.interviewer_label,
        word_count=words,
    )
    session.add(row)
    session.flush()
    values = segment_values(row.id, parsed)
    if values:
        session.connection().exec_driver_sql(_INSERT_SEGMENTS, values)
    return row


_INSERT_SEGMENTS = ('INSERT INTO segments (document_id, kind, idx, turn_index, start, "end", speaker, role, start_time) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def segment_values(document_id: int, parsed: ParsedTranscript) -> list[tuple]:
    """``segment_rows`` as plain tuples in the order of ``_INSERT_SEGMENTS``'s columns."""
    values: list[tuple] = []
    paragraph_index = 0
    for turn_index, turn in enumerate(parsed.turns):
        role = _role(turn.speaker, parsed.interviewer_label)
        speaker, start_time = turn.speaker, turn.start_time
        values.append((document_id, "turn", turn_index, turn_index, turn.start, turn.end, speaker, role, start_time))
        for start, end in turn.paragraphs:
            values.append((document_id, "paragraph", paragraph_index, turn_index, start, end, speaker, role,
                           start_time if start == turn.start else None))
            paragraph_index += 1
    return values


def transcript_words(parsed: ParsedTranscript) -> int:
    """The words said in a parsed transcript's turns (labels and times left out)."""
    return sum(count_words(parsed.text[turn.start : turn.end]) for turn in parsed.turns)


def segment_rows(document_id: int, parsed: ParsedTranscript) -> list[dict]:
    """The segment rows (turns, then each turn's paragraphs) of a parsed transcript, without ids."""
    return [{"document_id": document_id, "turn_index": turn_index, "speaker": speaker, "role": role, "kind": kind,
             "idx": idx, "start": start, "end": end, "start_time": start_time}
            for document_id, kind, idx, turn_index, start, end, speaker, role, start_time
            in segment_values(document_id, parsed)]


def find_by_source_sha256(session: Session, source_sha256: str) -> DocumentRow | None:
    return session.exec(select(DocumentRow).where(DocumentRow.source_sha256 == source_sha256)).first()


def find_by_source_name(session: Session, source_name: str) -> DocumentRow | None:
    return session.exec(select(DocumentRow).where(DocumentRow.source_name == source_name)).first()


def list_documents(store: ProjectStore) -> list[DocumentSummary]:
    """Every document with its case, turn count, word count and length, in name order."""
    with store.session() as session:
        turn_counts = dict(
            session.exec(
                select(SegmentRow.document_id, func.count())
                .where(SegmentRow.kind == "turn")
                .group_by(SegmentRow.document_id)
            ).all()
        )
        rows = session.exec(
            select(DocumentRow.id, DocumentRow.name, DocumentRow.source_format, CaseRow.label,
                   DocumentRow.word_count, func.length(DocumentRow.text))
            .join(CaseRow, CaseRow.id == DocumentRow.case_id, isouter=True)
            .order_by(DocumentRow.name)
        ).all()
        return [
            DocumentSummary(id=doc_id, name=name, source_format=fmt, case_label=case,
                            turns=turn_counts.get(doc_id, 0), words=words, characters=length)
            for doc_id, name, fmt, case, words, length in rows
        ]


def get_document(store: ProjectStore, reference: str | int) -> Document:
    """A document by name or id; NotFoundError lists what exists when nothing matches."""
    with store.session() as session:
        row = None
        if isinstance(reference, int) or str(reference).isdigit():
            row = session.get(DocumentRow, int(reference))
        if row is None:
            row = session.exec(select(DocumentRow).where(DocumentRow.name == str(reference))).first()
        if row is None:
            names = ", ".join(session.exec(select(DocumentRow.name).order_by(DocumentRow.name))) or "none yet"
            raise NotFoundError(_("no document {reference!r} (documents: {names})").format(reference=reference, names=names))
        return _document(row)


def document_segments(store: ProjectStore, document_id: int, unit: Unit = "turn") -> list[Segment]:
    """The document's turns, paragraphs or sentences (sentences are split inside paragraphs)."""
    stored_kind = "turn" if unit == "turn" else "paragraph"
    with store.session() as session:
        rows = session.exec(
            select(SegmentRow)
            .where(SegmentRow.document_id == document_id, SegmentRow.kind == stored_kind)
            .order_by(SegmentRow.idx)
        ).all()
        text = session.get(DocumentRow, document_id).text if unit == "sentence" else ""
    segments = [
        Segment(document_id=row.document_id, kind=unit, index=row.idx, start=row.start, end=row.end,
                speaker=row.speaker, role=row.role, turn_index=row.turn_index, start_time=row.start_time)
        for row in rows
    ]
    if unit != "sentence":
        return segments
    sentences: list[Segment] = []
    for paragraph in segments:
        for start, end in sentence_spans(text, paragraph.start, paragraph.end):
            sentences.append(
                Segment(document_id=document_id, kind="sentence", index=len(sentences), start=start, end=end,
                        speaker=paragraph.speaker, role=paragraph.role, turn_index=paragraph.turn_index,
                        start_time=paragraph.start_time if start == paragraph.start else None)
            )
    return sentences
