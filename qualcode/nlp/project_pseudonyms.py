"""Detection over a project's documents, with what the project knows and the review's decisions."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlmodel import select

from qualcode.domain.pseudonym_forms import EntityType, FormDecision, OccurrenceDecision, find_mentions
from qualcode.nlp.pseudonym_detection import Detection, Knowledge, KnownForm, PseudonymDetector, looks_like_name, settle
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.pseudonym_decisions import form_decisions, occurrence_decisions
from qualcode.storage.tables import CaseAttributeRow, CaseRow, DocumentRow, SegmentRow

FIELD_TYPES: dict[str, EntityType] = {
    "respondent": "person", "respondente": "person", "geïnterviewde": "person", "geinterviewde": "person",
    "deelnemer": "person", "interviewer": "person", "interviewster": "person", "onderzoeker": "person",
    "naam": "person", "name": "person", "moderator": "person",
    "locatie": "place", "location": "place", "plaats": "place", "woonplaats": "place", "regio": "place",
    "organisatie": "organisation", "organisation": "organisation", "ziekenhuis": "organisation",
    "instelling": "organisation", "werkgever": "organisation", "praktijk": "organisation",
}
"""Header fields and case attributes whose value names someone or somewhere, by their (casefolded) name."""


@dataclass(frozen=True)
class ProjectDetection:
    """A detection in one document, with the review's status and pseudonym for it."""

    document: str
    document_id: int
    start: int
    end: int
    text: str
    type: EntityType
    source: str
    confidence: float
    status: str
    pseudonym: str


def project_knowledge(store: ProjectStore) -> Knowledge:
    """Forms the project names: accepted decisions, header fields, case attributes and labels, speakers."""
    known: list[KnownForm] = []
    decisions = form_decisions(store)
    known += [KnownForm(d.form, d.type, "accepted") for d in decisions if d.status == "accepted"]
    with store.session() as session:
        for metadata_json in session.exec(select(DocumentRow.metadata_json)).all():
            for key, value in json.loads(metadata_json or "{}").items():
                entity_type = FIELD_TYPES.get(key.split(" ")[0])
                if entity_type and isinstance(value, str) and looks_like_name(value):
                    known.append(KnownForm(value.strip(), entity_type, "header"))
        for attribute in session.exec(select(CaseAttributeRow)).all():
            entity_type = FIELD_TYPES.get(attribute.name.casefold())
            if entity_type and attribute.value and looks_like_name(attribute.value):
                known.append(KnownForm(attribute.value.strip(), entity_type, "case"))
        for label in session.exec(select(CaseRow.label)).all():
            if looks_like_name(label):
                known.append(KnownForm(label, "person", "case"))
        for speaker in set(session.exec(select(SegmentRow.speaker)).all()):
            if looks_like_name(speaker):
                known.append(KnownForm(speaker, "person", "speaker"))
    unique = {}
    for form in known:
        unique.setdefault(form.form, form)
    rejected = frozenset(d.form for d in decisions if d.status == "rejected")
    return Knowledge(tuple(form for form in unique.values() if form.form not in rejected), rejected)


def _status(detection: Detection, document_id: int, forms: dict[str, FormDecision],
            occurrences: dict[tuple[int, int, int], OccurrenceDecision]) -> tuple[str, str]:
    occurrence = occurrences.get((document_id, detection.start, detection.end))
    if occurrence is not None:
        return occurrence.status, occurrence.pseudonym
    decision = forms.get(detection.text)
    if decision is not None:
        return decision.status, decision.pseudonym
    return "proposed", ""


def detect_in_project(
    store: ProjectStore, detector: PseudonymDetector, document_ids: Sequence[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[ProjectDetection]:
    """Every detection in the documents (all when ``document_ids`` is None), in document and text order.

    Mentions the coder added and forms accepted are included however the detector sees them; a
    form or an occurrence rejected is kept with its status, so a review can change its mind.
    """
    with store.session() as session:
        query = select(DocumentRow.id, DocumentRow.name, DocumentRow.text).order_by(DocumentRow.id)
        if document_ids is not None:
            query = query.where(DocumentRow.id.in_(list(document_ids)))
        documents = session.exec(query).all()
    knowledge = project_knowledge(store)
    texts = {document_id: text for document_id, _name, text in documents}
    found = detector.detect_documents(texts, Knowledge(knowledge.known), progress)
    forms = {decision.form: decision for decision in form_decisions(store)}
    occurrences = {(o.document_id, o.start, o.end): o for o in occurrence_decisions(store)}
    rows = []
    for document_id, name, text in documents:
        added = [Detection(o.start, o.end, text[o.start:o.end], o.type, "coder", 1.0)
                 for o in occurrences.values() if o.document_id == document_id and o.status == "accepted"]
        for form in forms.values():
            if form.status == "accepted":
                added += [Detection(start, end, text[start:end], form.type, "accepted", 0.95)
                          for start, end in find_mentions(text, form.form)]
        for detection in settle(found[document_id] + added):
            status, pseudonym = _status(detection, document_id, forms, occurrences)
            rows.append(ProjectDetection(name, document_id, detection.start, detection.end, detection.text,
                                         detection.type, detection.source, detection.confidence, status, pseudonym))
    return rows
