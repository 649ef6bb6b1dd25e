"""What the workbench reads from the store, in one call each (run from a worker thread).

The store's modules load SQLAlchemy, which the workbench's first frame does not wait for (see
``qualcode.tui.opening_store``): each function imports what it uses when it runs, in the store's
worker, by which time the store is open and they are loaded. The dataclasses it returns live in
``qualcode.storage.workbench_start``, which also reads the first of them with sqlite3 alone.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from qualcode.domain.models import Coding, Memo, Unit
from qualcode.storage.sqlite_reading import REMEMBERED_CODER_SETTING
from qualcode.storage.workbench_start import (
    POSITION_SETTING, DocumentData, Overview, Position, Start, parse_position, usable_position,
)

if TYPE_CHECKING:
    from qualcode.storage.project_store import ProjectStore

CODER_SETTING = REMEMBERED_CODER_SETTING


def load_overview(store: ProjectStore, coder_id: int) -> Overview:
    from qualcode.storage.codebook_store import load_codebook
    from qualcode.storage.coders import list_coders
    from qualcode.storage.coding_counts import code_usage, coded_shares, spoken_characters
    from qualcode.storage.documents import list_documents

    return Overview(
        codebook=load_codebook(store),
        usage=code_usage(store, coder_id),
        documents=tuple(list_documents(store)),
        shares=coded_shares(store, coder_id),
        spoken=spoken_characters(store),
        coders={coder.id: coder.name for coder in list_coders(store)},
    )


def load_start(store: ProjectStore, coder_id: int) -> Start:
    """The overview and the document the coder was last in (or the first), read in one go."""
    overview = load_overview(store, coder_id)
    position = usable_position(saved_position(store, coder_id), overview.documents)
    if position is not None:
        return Start(overview, load_document(store, position.document_id, position.unit), position)
    if overview.documents:
        return Start(overview, load_document(store, overview.documents[0].id, "turn"), None)
    return Start(overview, None, None)


def load_document(store: ProjectStore, document_id: int, unit: Unit) -> DocumentData:
    from qualcode.storage.codings import list_codings
    from qualcode.storage.documents import document_segments, get_document
    from qualcode.storage.memos import list_memos

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
    from qualcode.storage.codings import list_codings
    from qualcode.storage.memos import list_memos

    return tuple(list_codings(store, document_id=document_id)), tuple(list_memos(store, document_id=document_id))


def share_of(codings: tuple[Coding, ...] | list[Coding], coder_id: int, spoken: int) -> float:
    """The coder's coded share of a document (after a coding was stored: the store's modules are loaded)."""
    from qualcode.storage.coding_counts import coded_share

    return coded_share([coding for coding in codings if coding.coder_id == coder_id], spoken)


def saved_position(store: ProjectStore, coder_id: int) -> Position | None:
    from qualcode.storage.settings import get_setting

    return parse_position(get_setting(store, POSITION_SETTING.format(coder_id=coder_id)))


def save_position(store: ProjectStore, coder_id: int, position: Position) -> None:
    from qualcode.storage.settings import set_setting

    set_setting(store, POSITION_SETTING.format(coder_id=coder_id), json.dumps(
        {"document": position.document_id, "offset": position.offset, "unit": position.unit}))
