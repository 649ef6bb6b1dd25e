"""What a retrieval asks for (filters) and what it returns (segments and their counts)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RetrievalFilters:
    """Which codings and passages a retrieval looks at; the defaults: every coder, respondents only."""

    coders: tuple[str, ...] | None = None
    """Coder names; None: every coder (``("consensus",)`` for the settled codings)."""
    documents: tuple[str, ...] | None = None
    """Document names; None: every document."""
    attributes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Case attribute -> the values allowed (as text: ``true``/``false`` for yes/no attributes)."""
    roles: tuple[str, ...] | None = ("respondent",)
    """Speaker roles; None: every role. Turns of documents without a known interviewer (role
    ``unknown``) always pass, so a transcript without speaker labels is never left out."""


@dataclass(frozen=True)
class RetrievedSegment:
    """One passage a query found, for one coder, with where it is and what it says."""

    document: str
    document_id: int
    case: str | None
    speaker: str | None
    role: str | None
    time: str | None
    """``hh:mm:ss`` of the turn the passage starts in; None where the transcript has no times."""
    turn_index: int
    coder: str
    codes: tuple[str, ...]
    """The code ids the query matched on this passage (codes under NOT are not listed)."""
    coding_ids: tuple[int, ...]
    start: int
    end: int
    text: str
    before: str
    after: str
    memo: str | None


@dataclass(frozen=True)
class RetrievalCounts:
    """The header line of a retrieval: how many segments, documents, cases and coders."""

    segments: int
    documents: int
    cases: int
    coders: int
