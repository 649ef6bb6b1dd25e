"""What agreement reads in bulk, the coders' codings and the documents' segments, as plain tuples without ORM rows."""

from __future__ import annotations

from collections.abc import Sequence

from qualcode.agreement.units import CodedSpan
from qualcode.storage.project_store import ProjectStore

_SEGMENT_KINDS = ("turn", "paragraph")
_SEGMENT_SPANS = 'SELECT document_id, start, "end" FROM segments WHERE kind = \'{kind}\' ORDER BY document_id, idx'
_CODER_SPANS = ('SELECT document_id, code_id, coder_id, start, "end" FROM codings WHERE coder_id = {coder:d} '
                'ORDER BY document_id, start, "end", id')


def coded_spans(store: ProjectStore, coder_ids: Sequence[int]) -> list[CodedSpan]:
    """Coder by coder (in the order given), each coder's codings in document and text order.

    What ``list_codings`` per coder gives, without memos and times. Agreement reads a whole
    project's codings (100,000 on a research group's project): the database driver's own cursor
    hands over plain tuples, a third of the work of result rows. The coder id is an integer
    written into the query, so it reads the same on SQLite and PostgreSQL.
    """
    spans: list[CodedSpan] = []
    with store.session() as session:
        cursor = session.connection().connection.cursor()
        try:
            for coder_id in dict.fromkeys(coder_ids):
                cursor.execute(_CODER_SPANS.format(coder=int(coder_id)))
                spans += map(CodedSpan._make, cursor.fetchall())
        finally:
            cursor.close()
    return spans


def segment_spans(store: ProjectStore, kind: str) -> list[tuple[int, int, int]]:
    """(document id, start, end) of every stored turn or paragraph of every document, in document and text order."""
    if kind not in _SEGMENT_KINDS:
        raise ValueError(f"segments are read by kind {' or '.join(_SEGMENT_KINDS)}, not {kind!r}")
    with store.session() as session:
        cursor = session.connection().connection.cursor()
        try:
            cursor.execute(_SEGMENT_SPANS.format(kind=kind))
            return cursor.fetchall()
        finally:
            cursor.close()
