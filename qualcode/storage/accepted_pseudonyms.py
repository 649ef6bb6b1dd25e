"""The project's accepted pseudonymisation decisions, as the replacements of a document's text or of a name."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.domain.pseudonym_forms import FormDecision, OccurrenceDecision, text_replacements
from qualcode.domain.pseudonymised_text import PseudonymisedText, pseudonymise
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.pseudonym_decisions import form_decisions, occurrence_decisions


@dataclass(frozen=True)
class AcceptedPseudonyms:
    """Accepted forms (everywhere) and the decisions on single occurrences (in one document's text)."""

    forms: tuple[FormDecision, ...]
    occurrences: tuple[OccurrenceDecision, ...]

    def document_text(self, document_id: int, text: str) -> PseudonymisedText:
        """A document's text with its forms and its own occurrence decisions applied, with the offset map."""
        own = [occurrence for occurrence in self.occurrences if occurrence.document_id == document_id]
        return pseudonymise(text, text_replacements(text, self.forms, own))

    def free_text(self, value: str | None) -> str | None:
        """A name or free text outside the documents (memo, speaker, label) with the accepted forms applied."""
        if not value:
            return value
        return pseudonymise(value, text_replacements(value, self.forms)).text


def accepted_pseudonyms(store: ProjectStore) -> AcceptedPseudonyms:
    """What pseudonymising the project's texts and names replaces, by the decisions taken so far."""
    forms = tuple(decision for decision in form_decisions(store) if decision.status == "accepted")
    return AcceptedPseudonyms(forms, tuple(occurrence_decisions(store)))
