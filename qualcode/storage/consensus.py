"""Settling two coders' disagreements into a consensus coder, each settlement one undoable action.

The consensus is an ordinary coder (default name ``consensus``), so it exports like any
other. Settling a region rewrites the consensus coder's codings of that code inside the
region only: its codings that reach outside keep their outside parts. Each settlement is
stored in the undo log (kind ``settle-disagreement``) with what was chosen, so the
agreement screen can show what is settled, and undoing it both restores the codings and
unsettles the region.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from qualcode.agreement.disagreements import (
    CHOICES,
    Choice,
    Disagreement,
    agreed_regions,
    chosen_spans,
    clip_spans,
    disagreement_regions,
    merge_spans,
)
from qualcode.agreement.coded_text import CodeAgreement
from qualcode.agreement.units import Span
from qualcode.domain.language import _
from qualcode.storage.actions import Focus, RowChanges, record_action
from qualcode.storage.agreement_data import AgreementScope, code_disagreements
from qualcode.storage.coders import ensure_coder_in
from qualcode.storage.coding_actions import existing_coding, insert_coding
from qualcode.storage.codings import NewCoding
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import ActionLogRow, CodeRow, CoderRow, CodingRow, DocumentRow
from qualcode.storage.timestamps import utc_now

DEFAULT_CONSENSUS = "consensus"
SETTLE = "settle-disagreement"
ADOPT_AGREEMENTS = "adopt-agreements"
CHOICE_NAMES = {"a": "take A", "b": "take B", "both": "both", "neither": "neither"}


@dataclass(frozen=True)
class Settlement:
    """How one region of one code in one document was settled, and by which logged action."""

    document_id: int
    code_id: int
    start: int
    end: int
    choice: Choice
    coder_a_id: int
    coder_b_id: int
    consensus_id: int
    action_id: int

    @property
    def key(self) -> tuple[int, int, int, int]:
        return self.document_id, self.code_id, self.start, self.end


def settle_disagreement(
    store: ProjectStore,
    *,
    coder_a_id: int,
    coder_b_id: int,
    code_id: int,
    document_id: int,
    start: int,
    end: int,
    choice: Choice,
    consensus: str = DEFAULT_CONSENSUS,
    actor_id: int | None = None,
) -> Settlement:
    """Make the consensus coder's codings of the code inside ``start:end`` A's, B's, both or neither.

    One transaction and one undo-log entry, on ``actor_id``'s undo stack (default: the
    consensus coder's). Raises ProjectError, writing nothing, for an unknown coder, code or
    document, a region outside the text, a bad choice, or a consensus that is A or B.
    """
    if choice not in CHOICES:
        raise ProjectError(_("settle with one of {choices}, not {choice!r}").format(choices=', '.join(CHOICES), choice=choice))
    with store.transaction() as session:
        document = _check_scope(session, coder_a_id, coder_b_id, code_id, document_id)
        if not 0 <= start < end <= len(document.text):
            raise ProjectError(_("region {start}-{end} is not inside {name!r} (0-{length})").format(start=start, end=end, name=document.name, length=len(document.text)))
        consensus_row = _consensus_coder(session, consensus, coder_a_id, coder_b_id)
        a_spans = _spans(session, document_id, code_id, coder_a_id)
        b_spans = _spans(session, document_id, code_id, coder_b_id)
        changes = RowChanges(session)
        _replace_inside(session, changes, consensus_row.id, code_id, document_id, start, end,
                        chosen_spans(start, end, a_spans, b_spans, choice))
        code = session.get(CodeRow, code_id)
        description = f"settle {code.name} in {document.name} {start}-{end}: {CHOICE_NAMES[choice]}"
        actor = consensus_row.id if actor_id is None else actor_id
        settlement = {"document_id": document_id, "code_id": code_id, "start": start, "end": end,
                      "choice": choice, "coder_a_id": coder_a_id, "coder_b_id": coder_b_id,
                      "consensus_id": consensus_row.id}
        action_id = _record_settlement(session, actor, description, changes, Focus(document_id, start, end),
                                       settlement)
        return Settlement(**settlement, action_id=action_id)


def settlements(
    store: ProjectStore, *, coder_a_id: int, coder_b_id: int, consensus: str = DEFAULT_CONSENSUS,
    code_id: int | None = None,
) -> dict[tuple[int, int, int, int], Settlement]:
    """The standing settlements of A and B into the consensus, keyed by (document, code, start, end).

    Undone settlements are left out; when a region was settled twice the latest counts.
    """
    with store.session() as session:
        consensus_row = session.exec(select(CoderRow).where(CoderRow.name == consensus)).first()
        if consensus_row is None:
            return {}
        rows = session.exec(
            select(ActionLogRow).where(ActionLogRow.kind == SETTLE, ActionLogRow.undone_at.is_(None))
            .order_by(ActionLogRow.id)
        ).all()
    found: dict[tuple[int, int, int, int], Settlement] = {}
    for row in rows:
        details = json.loads(row.payload_json)["settlement"]
        settlement = Settlement(**details, action_id=row.id)
        if (settlement.coder_a_id, settlement.coder_b_id, settlement.consensus_id) != (
            coder_a_id, coder_b_id, consensus_row.id
        ) or (code_id is not None and settlement.code_id != code_id):
            continue
        found[settlement.key] = settlement
    return found


def adopt_agreements(
    store: ProjectStore,
    scope: AgreementScope,
    code_id: int,
    *,
    min_overlap: float | None = None,
    consensus: str = DEFAULT_CONSENSUS,
    actor_id: int | None = None,
) -> int:
    """Give the consensus what the scope's first two coders agree on for one code; returns codings written.

    Where both code: at character level the characters both cover, for segment units the
    union of both coders' spans inside each unit both code. One undoable action; running it
    again changes nothing.
    """
    coder_a_id, coder_b_id = scope.coders[0].id, scope.coders[1].id
    with store.transaction() as session:
        if session.get(CodeRow, code_id) is None:
            raise NotFoundError(_("no code with id {code_id}").format(code_id=code_id))
        consensus_row = _consensus_coder(session, consensus, coder_a_id, coder_b_id)
        changes = RowChanges(session)
        for document in scope.documents:
            a_spans = scope.codings_of(coder_a_id, code_id, document.id)
            b_spans = scope.codings_of(coder_b_id, code_id, document.id)
            for start, end in agreed_regions(document, a_spans, b_spans, min_overlap):
                _replace_inside(session, changes, consensus_row.id, code_id, document.id, start, end,
                                clip_spans([*a_spans, *b_spans], start, end))
        code = session.get(CodeRow, code_id)
        actor = consensus_row.id if actor_id is None else actor_id
        record_action(session, actor, ADOPT_AGREEMENTS, f"adopt agreements on {code.name}", changes)
        return sum(1 for change in changes.changes if change.before is None)


def _check_scope(session: Session, coder_a_id: int, coder_b_id: int, code_id: int, document_id: int) -> DocumentRow:
    for coder_id in (coder_a_id, coder_b_id):
        if session.get(CoderRow, coder_id) is None:
            raise NotFoundError(_("no coder with id {coder_id}").format(coder_id=coder_id))
    if coder_a_id == coder_b_id:
        raise ProjectError(_("settling needs two different coders"))
    if session.get(CodeRow, code_id) is None:
        raise NotFoundError(_("no code with id {code_id}").format(code_id=code_id))
    document = session.get(DocumentRow, document_id)
    if document is None:
        raise NotFoundError(_("no document with id {document_id}").format(document_id=document_id))
    return document


def _consensus_coder(session: Session, name: str, coder_a_id: int, coder_b_id: int) -> CoderRow:
    name = name.strip()
    if not name:
        raise ProjectError(_("the consensus coder needs a name"))
    existing = session.exec(select(CoderRow).where(CoderRow.name == name)).first()
    if existing is not None and existing.id in (coder_a_id, coder_b_id):
        raise ProjectError(_("the consensus coder cannot be {name!r}, one of the two coders compared").format(name=name))
    return existing or ensure_coder_in(session, name)


def _spans(session: Session, document_id: int, code_id: int, coder_id: int) -> list[Span]:
    return [(row.start, row.end) for row in _codings(session, document_id, code_id, coder_id)]


def _codings(session: Session, document_id: int, code_id: int, coder_id: int) -> Sequence[CodingRow]:
    return session.exec(
        select(CodingRow).where(CodingRow.document_id == document_id, CodingRow.code_id == code_id,
                                CodingRow.coder_id == coder_id).order_by(CodingRow.start, CodingRow.id)
    ).all()


def _replace_inside(
    session: Session, changes: RowChanges, consensus_id: int, code_id: int, document_id: int,
    start: int, end: int, wanted: Sequence[Span],
) -> None:
    """Make the consensus codings of the code inside ``start:end`` exactly ``wanted``; outside parts stay."""
    missing = set(merge_spans(wanted))
    for row in _codings(session, document_id, code_id, consensus_id):
        if row.end <= start or row.start >= end:
            continue
        if start <= row.start and row.end <= end and (row.start, row.end) in missing:
            missing.discard((row.start, row.end))
            continue
        kept = dict(memo=row.memo, origin=row.origin, created_at=row.created_at)
        outside = [(s, e) for s, e in ((row.start, start), (end, row.end)) if s < e]
        changes.delete("codings", row.id)
        for s, e in outside:
            if existing_coding(session, document_id, code_id, consensus_id, s, e) is not None:
                continue
            insert_coding(session, changes, NewCoding(document_id, code_id, consensus_id, s, e,
                                                      updated_at=utc_now(), **kept))
    for s, e in sorted(missing):
        insert_coding(session, changes, NewCoding(document_id, code_id, consensus_id, s, e, origin="consensus"))


def _record_settlement(
    session: Session, actor_id: int, description: str, changes: RowChanges, focus: Focus, settlement: dict,
) -> int:
    """Log the action with the settlement in its payload; a settlement that changed no coding is logged too."""
    action_id = record_action(session, actor_id, SETTLE, description, changes, focus)
    if action_id is None:
        row = ActionLogRow(coder_id=actor_id, kind=SETTLE, payload_json="", created_at=utc_now())
        payload = {"description": description, "focus": [focus.document_id, focus.start, focus.end], "changes": []}
    else:
        row = session.get(ActionLogRow, action_id)
        payload = json.loads(row.payload_json)
    row.payload_json = json.dumps({**payload, "settlement": settlement}, ensure_ascii=False)
    session.add(row)
    session.flush()
    return row.id


@dataclass(frozen=True)
class SettlementProgress:
    """For one code: its current disagreements and the standing settlements among them."""

    code_id: int
    disagreements: tuple[Disagreement, ...]
    settled: dict[tuple[int, int], Settlement]
    """Settlements by (document id, region start), for the disagreements that have one."""

    @property
    def open(self) -> int:
        return len(self.disagreements) - len(self.settled)


def settlement_progress(
    store: ProjectStore, scope: AgreementScope, code_id: int, *, min_overlap: float | None = None,
    consensus: str = DEFAULT_CONSENSUS,
) -> SettlementProgress:
    """The scope's first two coders' disagreements on a code, with how each was settled (if it was).

    A settlement counts only for a region that is still a disagreement with the same bounds.
    """
    found = tuple(code_disagreements(scope, code_id, min_overlap))
    standing = settlements(store, coder_a_id=scope.coders[0].id, coder_b_id=scope.coders[1].id,
                           consensus=consensus, code_id=code_id)
    settled = {(d.document_id, d.start): standing[key] for d in found
               if (key := (d.document_id, code_id, d.start, d.end)) in standing}
    return SettlementProgress(code_id, found, settled)


@dataclass(frozen=True)
class SettlementCount:
    """For one code: how many disagreements there are and how many of them are settled."""

    code_id: int
    disagreements: int
    settled: int

    @property
    def open(self) -> int:
        return self.disagreements - self.settled


def settlement_counts(
    store: ProjectStore, scope: AgreementScope, rows: Sequence[CodeAgreement], *, min_overlap: float | None = None,
    consensus: str = DEFAULT_CONSENSUS,
) -> dict[int, SettlementCount]:
    """By code id, what ``settlement_progress`` counts for each of ``rows`` (the scope's code rows).

    Without finding each disagreement's spans and context: on segment units a disagreement is a
    unit exactly one of the two coders codes, which the row's 2×2 counts already hold; at character
    level the regions are counted. Only the standing settlements are checked one by one.
    """
    coder_a, coder_b = scope.coders[0].id, scope.coders[1].id
    standing = settlements(store, coder_a_id=coder_a, coder_b_id=coder_b, consensus=consensus)
    documents = {document.id: document for document in scope.documents}
    counts = {}
    for row in rows:
        if scope.unit == "char" or row.pair is None:
            total = sum(len(disagreement_regions(document, scope.codings_of(coder_a, row.code_id, document.id),
                                                 scope.codings_of(coder_b, row.code_id, document.id)))
                        for document in scope.documents)
        else:
            total = row.pair.counts.only_a + row.pair.counts.only_b
        settled = 0
        for document_id, code_id, start, end in standing:
            document = documents.get(document_id)
            if code_id != row.code_id or document is None:
                continue
            regions = disagreement_regions(document, scope.codings_of(coder_a, code_id, document_id),
                                           scope.codings_of(coder_b, code_id, document_id), min_overlap)
            settled += any(region == (start, end) for region, _ in regions)
        counts[row.code_id] = SettlementCount(row.code_id, total, settled)
    return counts
