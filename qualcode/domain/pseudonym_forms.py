"""Pseudonymisation decisions as plain data, and finding a form's mentions in any text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from qualcode.domain.pseudonymised_text import Replacement

EntityType = Literal["person", "place", "organisation", "date", "other"]
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "place", "organisation", "date", "other")
Status = Literal["proposed", "accepted", "rejected"]

PSEUDONYM_LABELS: dict[str, str] = {
    "person": "Persoon",
    "place": "Plaats",
    "organisation": "Organisatie",
    "date": "Datum",
    "other": "Gegeven",
}
"""The word in a numbered pseudonym (``[Persoon 1]``): part of the exported text, so Dutch like the interviews."""


@dataclass(frozen=True)
class FormDecision:
    """A surface form accepted (replace it everywhere by ``pseudonym``) or rejected (never flag it)."""

    form: str
    type: EntityType
    status: Literal["accepted", "rejected"]
    pseudonym: str


@dataclass(frozen=True)
class OccurrenceDecision:
    """One span of one document accepted (also a mention the coder added) or rejected on its own."""

    document_id: int
    start: int
    end: int
    type: EntityType
    status: Literal["accepted", "rejected"]
    pseudonym: str


def numbered_pseudonym(entity_type: str, number: int) -> str:
    """``[Persoon 3]``: the default pseudonym of the third person form accepted in a project."""
    return f"[{PSEUDONYM_LABELS[entity_type]} {number}]"


def _variant_forms(form: str) -> list[str]:
    forms = [form]
    if form[:1].islower():  # "de Lindenhof" at the start of a sentence
        forms.append(form[:1].upper() + form[1:])
    return forms


@lru_cache(maxsize=4096)
def _form_pattern(form: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(variant) for variant in _variant_forms(form))
    # A mention stands alone as a word, or carries a possessive or genitive s (Wolters', Hans's, Jans),
    # or begins a compound with a hyphen (Lindenhof-ziekenhuis): the form itself is what is replaced.
    return re.compile(rf"(?<![\w])(?:{alternatives})(?=(?:'s|'|s)?(?![\w])|-\w)")


def find_mentions(text: str, form: str) -> list[tuple[int, int]]:
    """Every span where ``form`` is mentioned in ``text`` as a word (with possessives and compounds)."""
    if not form.strip():
        return []
    return [(match.start(), match.end()) for match in _form_pattern(form).finditer(text)]


@lru_cache(maxsize=64)
def _forms_pattern(forms: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    variants: dict[str, str] = {}
    for form in forms:
        for variant in _variant_forms(form):
            variants.setdefault(variant, form)
    alternatives = "|".join(re.escape(variant) for variant in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?=(?:'s|'|s)?(?![\w])|-\w)"), variants


def find_all_mentions(text: str, forms: Sequence[str]) -> list[tuple[int, int, str]]:
    """The mentions of many forms in one pass: (start, end, form), the longest form where several start
    at one place; a form inside a longer mention is not reported again."""
    forms = tuple(sorted({form for form in forms if form.strip()}))
    if not forms:
        return []
    pattern, variants = _forms_pattern(forms)
    return [(match.start(), match.end(), variants[match.group()]) for match in pattern.finditer(text)]


def non_overlapping(spans: Iterable[Replacement]) -> list[Replacement]:
    """The spans in text order, dropping any that overlaps a longer (or earlier equally long) one."""
    chosen: list[Replacement] = []
    taken: list[tuple[int, int]] = []
    for candidate in sorted(spans, key=lambda r: (-(r.end - r.start), r.start)):
        if any(candidate.start < end and start < candidate.end for start, end in taken):
            continue
        chosen.append(candidate)
        taken.append((candidate.start, candidate.end))
    return sorted(chosen)


def text_replacements(
    text: str,
    forms: Sequence[FormDecision],
    occurrences: Sequence[OccurrenceDecision] = (),
) -> list[Replacement]:
    """What to replace in one text: each accepted form's mentions and each accepted occurrence,
    except the occurrences rejected one by one; where two overlap the longer wins."""
    rejected = {(o.start, o.end) for o in occurrences if o.status == "rejected"}
    candidates = [Replacement(o.start, o.end, o.pseudonym) for o in occurrences if o.status == "accepted"]
    for decision in forms:
        if decision.status != "accepted":
            continue
        candidates.extend(Replacement(start, end, decision.pseudonym)
                          for start, end in find_mentions(text, decision.form)
                          if (start, end) not in rejected)
    return non_overlapping(candidates)
