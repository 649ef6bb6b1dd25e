"""Rank codes for a typed query: fuzzy over names, ids and descriptions, with rapidfuzz."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from qualcode.domain.models import Code, Codebook

MIN_SCORE = 60.0
FIELD_WEIGHTS = (("name", 1.0), ("key", 0.9), ("description", 0.75), ("inclusion", 0.6))


@dataclass(frozen=True)
class CodeMatch:
    code: Code
    score: float
    field: str
    """The field that matched best (``name``, ``key``, ``description`` or ``inclusion``)."""


def _field_score(query: str, value: str) -> float:
    value = utils.default_process(value)
    if not value:
        return 0.0
    if value.startswith(query):
        return 100.0
    if len(query) <= 2:  # one or two letters: only word starts are meaningful
        return 95.0 if any(word.startswith(query) for word in value.split()) else 0.0
    return max(fuzz.partial_ratio(query, value), fuzz.token_set_ratio(query, value))


def match_codes(codebook: Codebook, query: str, *, limit: int | None = None) -> list[CodeMatch]:
    """Codes ranked for ``query`` (best first, ties in codebook order); every code for a blank query."""
    processed = utils.default_process(query)
    if not processed:
        matches = [CodeMatch(code, 100.0, "name") for code in codebook.codes]
        return matches[:limit] if limit else matches
    matches = []
    for code in codebook.codes:
        best = max(((_field_score(processed, getattr(code, name)) * weight, name) for name, weight in FIELD_WEIGHTS))
        if best[0] >= MIN_SCORE:
            matches.append(CodeMatch(code, best[0], best[1]))
    matches.sort(key=lambda match: -match.score)  # stable: ties keep codebook order
    return matches[:limit] if limit else matches


def exact_name_match(codebook: Codebook, query: str) -> Code | None:
    """The code whose name is ``query`` apart from case and surrounding spaces."""
    wanted = query.strip().casefold()
    return next((code for code in codebook.codes if code.name.casefold() == wanted), None)
