"""The workbench's bridge to ``qualcode.nlp``: load the pipeline, suggest for a document, record decisions.

Every function here is slow (spaCy) and runs in a worker thread. ``qualcode.nlp`` is imported
inside them, so starting the workbench never imports spaCy.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qualcode.domain.models import Unit

if TYPE_CHECKING:
    from qualcode.storage.project_store import ProjectStore
    from qualcode.nlp.project_suggestions import ExampleLearner
    from qualcode.nlp.suggester import Suggester
    from qualcode.nlp.suggestion import Suggestion

Span = tuple[int, int]


@dataclass(frozen=True)
class LoadedSuggester:
    """A ready suggester and the status-line text for its pipeline."""

    suggester: Suggester
    status: str
    hint: str | None
    learner: ExampleLearner


def load_suggester(store: ProjectStore, coder_id: int) -> LoadedSuggester:
    """Load the project's pipeline (never downloading anything) and the coder's coded passages."""
    from qualcode.nlp.project_suggestions import ExampleLearner, load_project_pipeline, open_suggester

    pipeline = load_project_pipeline(store)
    suggester = open_suggester(store, pipeline, coder_id)
    return LoadedSuggester(suggester, pipeline.info.status, pipeline.info.hint,
                           ExampleLearner(store, suggester, coder_id))


def relearn(loaded: LoadedSuggester) -> LoadedSuggester:
    """The same suggester with its example model rebuilt from the coder's codings and decisions now."""
    return dataclasses.replace(loaded, suggester=loaded.suggester.with_examples(loaded.learner.rebuild()))


def suggest_for_document(store: ProjectStore, suggester: Suggester, document_id: int, unit: Unit,
                         coder_id: int) -> dict[Span, tuple[Suggestion, ...]]:
    """Suggestions per segment span of a document, leaving out what the coder coded or rejected."""
    from qualcode.nlp.project_suggestions import suggest_document
    from qualcode.storage.documents import get_document

    results = suggest_document(store, suggester, get_document(store, document_id), unit, coder_id)
    return {(item.start, item.end): item.suggestions for item in results}


def record_suggestion_decision(store: ProjectStore, *, document_id: int, span: Span, code_key: str,
                               coder_id: int, accepted: bool, score: float) -> None:
    """Remember an accept or reject so the suggestions learn from it and do not offer it again."""
    from qualcode.nlp.project_suggestions import record_decision

    record_decision(store, document_id=document_id, start=span[0], end=span[1], code_key=code_key,
                    coder_id=coder_id, accepted=accepted, score=score)
