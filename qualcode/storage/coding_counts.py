"""How much coding there is: uses per code and the share of each document a coder has coded."""

from __future__ import annotations

from sqlalchemy import case, func
from sqlmodel import select

from qualcode.domain.models import Coding
from qualcode.storage.codings import coded_characters
from qualcode.storage.documents import list_documents
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.sqlite_reading import DocumentFigures, coded_percent, spoken_share
from qualcode.storage.tables import CodingRow, SegmentRow
from qualcode.storage.workbench_start import CodeUsage



def code_usage(store: ProjectStore, coder_id: int | None) -> dict[int, CodeUsage]:
    """Codings per code id: the coder's own and everyone's."""
    with store.session() as session:
        everyone = dict(session.exec(select(CodingRow.code_id, func.count()).group_by(CodingRow.code_id)).all())
        mine = dict(session.exec(
            select(CodingRow.code_id, func.count()).where(CodingRow.coder_id == coder_id).group_by(CodingRow.code_id)
        ).all())
    return {code_id: CodeUsage(mine.get(code_id, 0), count) for code_id, count in everyone.items()}


def codings_per_coder_and_document(store: ProjectStore) -> dict[tuple[int, int], int]:
    """How many codings each coder has in each document, by (coder id, document id); one query."""
    with store.session() as session:
        return {(coder_id, document_id): count for coder_id, document_id, count in session.exec(
            select(CodingRow.coder_id, CodingRow.document_id, func.count())
            .group_by(CodingRow.coder_id, CodingRow.document_id))}


def spoken_characters(store: ProjectStore) -> dict[int, int]:
    """Per document id, the characters inside its turns (what was said, without labels or header)."""
    with store.session() as session:
        return dict(session.exec(
            select(SegmentRow.document_id, func.sum(SegmentRow.end - SegmentRow.start))
            .where(SegmentRow.kind == "turn").group_by(SegmentRow.document_id)
        ).all())


def coded_share(codings: list[Coding], spoken: int) -> float:
    """The share (0-1) of ``spoken`` characters that ``codings`` cover, overlaps counted once."""
    return min(1.0, coded_characters(codings) / spoken) if spoken else 0.0


def coded_shares(store: ProjectStore, coder_id: int | None, *, every_coder: bool = False) -> dict[int, float]:
    """Per document id, the share of what was said (the characters inside its turns) that this coder has coded.

    ``every_coder``: what any coder has coded, overlaps counted once. The workbench, the palette and
    ``qualcode documents`` all show this figure, rounded by :func:`coded_percent`.
    """
    spoken = spoken_characters(store)
    coverage = document_coverage(store, coder_id, every_coder=every_coder)
    return {document_id: spoken_share(coverage.get(document_id, (0, 0))[1], characters)
            for document_id, characters in spoken.items()}


def document_figures(store: ProjectStore, coder_id: int | None, *, every_coder: bool = False) -> list[DocumentFigures]:
    """Every document in name order with its figures: what ``qualcode documents`` lists.

    The codings and coded share are ``coder_id``'s (``every_coder``: all coders' together). For a
    project in a folder, ``sqlite_reading.read_document_figures`` reads the same without SQLAlchemy.
    """
    spoken = spoken_characters(store)
    coverage = document_coverage(store, coder_id, every_coder=every_coder)
    figures = []
    for summary in list_documents(store):
        codings, covered = coverage.get(summary.id, (0, 0))
        figures.append(DocumentFigures(summary.id, summary.name, summary.source_format, summary.case_label,
                                       summary.turns, summary.words, codings,
                                       coded_percent(spoken_share(covered, spoken.get(summary.id)))))
    return figures


def document_coverage(store: ProjectStore, coder_id: int | None, *, every_coder: bool = False) -> dict[int, tuple[int, int]]:
    """Per document id with codings: how many codings the coder has there and how many characters they cover.

    ``every_coder``: count all coders' codings together instead. One query for the whole project, in
    which the database adds up the union of the spans (``covered_characters``): taken by start, each
    span adds what reaches past the furthest end of the spans before it.
    """
    reach = func.max(CodingRow.end).over(partition_by=CodingRow.document_id,
                                         order_by=(CodingRow.start, CodingRow.end), rows=(None, -1))
    spans = select(CodingRow.document_id, CodingRow.start, CodingRow.end, reach.label("reach"))
    if not every_coder:
        spans = spans.where(CodingRow.coder_id == coder_id)
    spans = spans.subquery()
    since = case((spans.c.reach > spans.c.start, spans.c.reach), else_=spans.c.start)
    added = case((spans.c.end > since, spans.c.end - since), else_=0)
    query = select(spans.c.document_id, func.count(), func.sum(added)).group_by(spans.c.document_id)
    with store.session() as session:
        return {document_id: (codings, covered) for document_id, codings, covered in session.exec(query)}
