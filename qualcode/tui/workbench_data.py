"""What the workbench reads from the store, in one call each (run from a worker thread)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from qualcode.domain.models import Codebook, Coding, Document, DocumentSummary, Memo, Segment, Unit
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import list_coders
from qualcode.storage.sqlite_reading import REMEMBERED_CODER_SETTING
from qualcode.storage.coding_counts import CodeUsage, code_usage, coded_share, coded_shares, spoken_characters
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import document_segments, get_document, list_documents
from qualcode.storage.memos import list_memos
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.settings import get_setting, set_setting

CODER_SETTING = REMEMBERED_CODER_SETTING

POSITION_SETTING = "tui.position.{coder_id}"
"""Where a coder was: document, offset and unit, so the workbench reopens there."""


@dataclass(frozen=True)
class Overview:
    """The project at a glance: codebook, use counts, documents and the coder's coded shares."""

    codebook: Codebook
    usage: dict[int, CodeUsage]
    documents: tuple[DocumentSummary, ...]
    shares: dict[int, float]
    spoken: dict[int, int]
    coders: dict[int, str]


@dataclass(frozen=True)
class DocumentData:
    """One document with what the transcript and the panel need."""

    document: Document
    turns: tuple[Segment, ...]
    segments: tuple[Segment, ...]
    unit: Unit
    codings: tuple[Coding, ...]
    memos: tuple[Memo, ...]


@dataclass(frozen=True)
class Position:
    document_id: int
    offset: int
    unit: Unit


def load_overview(store: ProjectStore, coder_id: int) -> Overview:
    return Overview(
        codebook=load_codebook(store),
        usage=code_usage(store, coder_id),
        documents=tuple(list_documents(store)),
        shares=coded_shares(store, coder_id),
        spoken=spoken_characters(store),
        coders={coder.id: coder.name for coder in list_coders(store)},
    )


@dataclass(frozen=True)
class Start:
    """What the workbench shows first: the overview, and the document (with the position) to open."""

    overview: Overview
    document: DocumentData | None
    position: Position | None


def load_start(store: ProjectStore, coder_id: int) -> Start:
    """The overview and the document the coder was last in (or the first), read in one go."""
    overview = load_overview(store, coder_id)
    position = saved_position(store, coder_id)
    known = {document.id for document in overview.documents}
    if position is not None and (position.document_id not in known or position.unit not in ("turn", "paragraph",
                                                                                               "sentence")):
        position = None
    if position is not None:
        return Start(overview, load_document(store, position.document_id, position.unit), position)
    if overview.documents:
        return Start(overview, load_document(store, overview.documents[0].id, "turn"), None)
    return Start(overview, None, None)


def load_document(store: ProjectStore, document_id: int, unit: Unit) -> DocumentData:
    turns = tuple(document_segments(store, document_id, "turn"))
    return DocumentData(
        document=get_document(store, document_id),
        turns=turns,
        segments=turns if unit == "turn" else tuple(document_segments(store, document_id, unit)),
        unit=unit,
        codings=tuple(list_codings(store, document_id=document_id)),
        memos=tuple(list_memos(store, document_id=document_id)),
    )


def load_codings(store: ProjectStore, document_id: int) -> tuple[tuple[Coding, ...], tuple[Memo, ...]]:
    """A document's codings and memos again (after an undo or a codebook change)."""
    return tuple(list_codings(store, document_id=document_id)), tuple(list_memos(store, document_id=document_id))


def share_of(codings: tuple[Coding, ...] | list[Coding], coder_id: int, spoken: int) -> float:
    return coded_share([coding for coding in codings if coding.coder_id == coder_id], spoken)


def saved_position(store: ProjectStore, coder_id: int) -> Position | None:
    raw = get_setting(store, POSITION_SETTING.format(coder_id=coder_id))
    if not raw:
        return None
    try:
        values = json.loads(raw)
        return Position(int(values["document"]), int(values["offset"]), values["unit"])
    except (ValueError, KeyError, TypeError):
        return None


def save_position(store: ProjectStore, coder_id: int, position: Position) -> None:
    set_setting(store, POSITION_SETTING.format(coder_id=coder_id), json.dumps(
        {"document": position.document_id, "offset": position.offset, "unit": position.unit}))
