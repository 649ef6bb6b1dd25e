"""The project's pseudonymisation decisions (the key): accepted and rejected forms and occurrences, undoable."""

from __future__ import annotations

from sqlmodel import Session, select

from qualcode.domain.language import _
from qualcode.domain.pseudonym_forms import (
    ENTITY_TYPES, EntityType, FormDecision, OccurrenceDecision, numbered_pseudonym,
)
from qualcode.storage.actions import Focus, RowChanges, record_action
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import DocumentRow, PseudonymFormRow, PseudonymOccurrenceRow
from qualcode.storage.timestamps import utc_now

ACTION_KIND = "pseudonymise"


def form_decisions(store: ProjectStore) -> list[FormDecision]:
    """Every decided form, in the order they were first decided."""
    with store.session() as session:
        rows = session.exec(select(PseudonymFormRow).order_by(PseudonymFormRow.id)).all()
    return [FormDecision(row.form, row.type, row.status, row.pseudonym) for row in rows]  # type: ignore[arg-type]


def occurrence_decisions(store: ProjectStore, document_id: int | None = None) -> list[OccurrenceDecision]:
    """The decisions on single occurrences, of one document or all."""
    with store.session() as session:
        query = select(PseudonymOccurrenceRow).order_by(PseudonymOccurrenceRow.id)
        if document_id is not None:
            query = query.where(PseudonymOccurrenceRow.document_id == document_id)
        rows = session.exec(query).all()
    return [OccurrenceDecision(row.document_id, row.start, row.end, row.type, row.status,  # type: ignore[arg-type]
                               row.pseudonym) for row in rows]


def _check_type(entity_type: str) -> None:
    if entity_type not in ENTITY_TYPES:
        raise ProjectError(_("unknown type {entity_type!r}; use one of {entity_types}").format(entity_type=entity_type, entity_types=', '.join(ENTITY_TYPES)))


def _next_pseudonym(session: Session, entity_type: str, form: str) -> str:
    """The pseudonym a newly accepted form gets: a person's surname alone gets the one of the full name
    already accepted (and the other way round), else the next number of its type."""
    rows = session.exec(select(PseudonymFormRow).where(PseudonymFormRow.status == "accepted",
                                                       PseudonymFormRow.type == entity_type)).all()
    if entity_type == "person":
        for row in rows:  # "Wolters" after "Hans Wolters" (or before it), not "Wietske Bakker" after "Joost Bakker"
            if row.form.split()[-1] == form.split()[-1] and 1 in (len(row.form.split()), len(form.split())):
                return row.pseudonym
    used = {row.pseudonym for row in rows}
    number = 1
    while numbered_pseudonym(entity_type, number) in used:
        number += 1
    return numbered_pseudonym(entity_type, number)


def decide_form(
    store: ProjectStore, form: str, status: str, *, entity_type: str | None = None,
    pseudonym: str | None = None, coder_id: int | None = None,
) -> FormDecision:
    """Accept or reject ``form`` everywhere in the project (undoable); returns the decision stored.

    Accepting without a pseudonym keeps the one it had, else gives the next ``[Persoon N]``.
    """
    form = form.strip()
    if not form:
        raise ProjectError(_("the form to decide on is empty"))
    if status not in ("accepted", "rejected"):
        raise ProjectError(_("unknown decision {status!r}").format(status=status))
    if entity_type is not None:
        _check_type(entity_type)
    if pseudonym is not None and not pseudonym.strip():
        raise ProjectError(_("the pseudonym is empty"))
    with store.transaction() as session:
        row = session.exec(select(PseudonymFormRow).where(PseudonymFormRow.form == form)).first()
        chosen_type = entity_type or (row.type if row else "other")
        if status == "accepted":
            if pseudonym is None:
                pseudonym = row.pseudonym if row and row.pseudonym and row.type == chosen_type else (
                    _next_pseudonym(session, chosen_type, form))
        else:
            pseudonym = row.pseudonym if row else ""
        now = utc_now()
        changes = RowChanges(session)
        values = {"form": form, "type": chosen_type, "status": status, "pseudonym": pseudonym.strip()}
        if row is None:
            changes.insert("pseudonym_forms", {**values, "created_at": now, "updated_at": now})
        else:
            changes.update("pseudonym_forms", row.id, {**values, "updated_at": now})
        record_action(session, coder_id, ACTION_KIND, f"{status[:-2]} '{form}'", changes)
    return FormDecision(form, chosen_type, status, pseudonym.strip())  # type: ignore[arg-type]


def decide_occurrence(
    store: ProjectStore, document_id: int, start: int, end: int, status: str, *,
    entity_type: EntityType, pseudonym: str | None = None, coder_id: int | None = None,
) -> OccurrenceDecision:
    """Accept (or add) or reject one span of one document, apart from its form (undoable)."""
    _check_type(entity_type)
    if status not in ("accepted", "rejected"):
        raise ProjectError(_("unknown decision {status!r}").format(status=status))
    with store.transaction() as session:
        document = session.get(DocumentRow, document_id)
        if document is None:
            raise ProjectError(_("no document with id {document_id}").format(document_id=document_id))
        if not 0 <= start < end <= len(document.text):
            raise ProjectError(_("{start}..{end} is not a span of {name} (0..{length})").format(start=start, end=end, name=document.name, length=len(document.text)))
        if pseudonym is None:
            form = session.exec(select(PseudonymFormRow).where(
                PseudonymFormRow.form == document.text[start:end], PseudonymFormRow.status == "accepted")).first()
            pseudonym = form.pseudonym if form else _next_pseudonym(session, entity_type, document.text[start:end])
        row = session.exec(select(PseudonymOccurrenceRow).where(
            PseudonymOccurrenceRow.document_id == document_id, PseudonymOccurrenceRow.start == start,
            PseudonymOccurrenceRow.end == end)).first()
        now = utc_now()
        values = {"document_id": document_id, "start": start, "end": end, "type": entity_type,
                  "status": status, "pseudonym": pseudonym}
        changes = RowChanges(session)
        if row is None:
            changes.insert("pseudonym_occurrences", {**values, "created_at": now, "updated_at": now})
        else:
            changes.update("pseudonym_occurrences", row.id, {**values, "updated_at": now})
        record_action(session, coder_id, ACTION_KIND, f"{status[:-2]} '{document.text[start:end]}'", changes,
                      Focus(document_id, start, end))
    return OccurrenceDecision(document_id, start, end, entity_type, status, pseudonym)  # type: ignore[arg-type]
