"""Turn a REFI-QDA code tree into qualcode groups and keyed codes.

qualcode codes live in groups and have stable keys (``group/code/subcode``); REFI-QDA codes have
neither. A top-level code that cannot be coded (``isCodable="false"``, as qualcode exports its
groups) becomes a group; every other top-level code, with its subtree, goes into one group named
after the imported file. Keys come from qualcode's own ``qualcode.json`` when the file has one;
otherwise (or when a code was moved so its key no longer fits) each is the parent's key, ``/``, and the slug of the code's name: accents folded to
ASCII, lower case, runs of anything else turned into one ``-`` (``"1. Oltás típusa"`` →
``1-oltas-tipusa``), cut to 60 characters; a sibling with the same slug gets ``-2``, ``-3`` ...
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from qualcode.importers.refi_extension import CodeExtras, Extension
from qualcode.importers.refi_model import RefiCode

MAX_SLUG = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """``"Gebrek aan vertrouwen"`` → ``gebrek-aan-vertrouwen``; ``code`` when nothing is left."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    return slug or "code"


@dataclass(frozen=True)
class PlannedGroup:
    key: str
    name: str
    description: str = ""
    colour: str | None = None
    guid: str | None = None


@dataclass(frozen=True)
class PlannedCode:
    guid: str
    key: str
    name: str
    group_key: str
    parent_key: str | None
    description: str
    colour: str | None
    extras: CodeExtras | None


@dataclass(frozen=True)
class CodebookPlan:
    groups: tuple[PlannedGroup, ...]
    codes: tuple[PlannedCode, ...]
    """Parents before children."""

    def group_guids(self) -> set[str]:
        return {group.guid for group in self.groups if group.guid}


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    taken.add(candidate)
    return candidate


def plan_codebook(codes: tuple[RefiCode, ...], file_group: str, extension: Extension | None = None) -> CodebookPlan:
    """Groups and codes with keys for ``codes``; ``file_group`` names the group for codable top-level codes."""
    extension = extension or Extension()
    groups: list[PlannedGroup] = []
    group_keys: set[str] = set()
    planned: list[PlannedCode] = []

    def key_for(code: RefiCode, parent_key: str, siblings: set[str]) -> str:
        extras = extension.codes.get(code.guid)
        wanted = extras.key if extras else ""
        last = wanted.rsplit("/", 1)[-1]
        if wanted.startswith(parent_key + "/") and "/" not in wanted[len(parent_key) + 1:] and last not in siblings:
            siblings.add(last)
            return wanted
        return f"{parent_key}/{_unique(slugify(code.name), siblings)}"

    def add_subtree(top: RefiCode, group_key: str, parent_key: str, siblings: set[str]) -> None:
        stack = [(top, parent_key, siblings)]
        while stack:
            code, parent, taken = stack.pop(0)
            key = key_for(code, parent, taken)
            planned.append(PlannedCode(
                guid=code.guid, key=key, name=code.name, group_key=group_key,
                parent_key=None if parent == group_key else parent, description=code.description,
                colour=code.colour, extras=extension.codes.get(code.guid),
            ))
            children_taken: set[str] = set()
            stack[0:0] = [(child, key, children_taken) for child in code.children]

    loose = [code for code in codes if code.codable and code.guid not in extension.group_keys]
    loose_guids = {code.guid for code in loose}
    for code in codes:
        if code.guid in loose_guids:
            continue
        key = extension.group_keys.get(code.guid)
        if key is None or "/" in key or key in group_keys:
            key = _unique(slugify(code.name), group_keys)
        group_keys.add(key)
        groups.append(PlannedGroup(key=key, name=code.name, description=code.description, colour=code.colour,
                                   guid=code.guid))
        taken: set[str] = set()
        for child in code.children:
            add_subtree(child, key, key, taken)
    if loose:
        fallback_key = _unique(slugify(file_group), group_keys)
        groups.insert(0, PlannedGroup(key=fallback_key, name=file_group))
        top_taken: set[str] = set()
        for code in loose:
            add_subtree(code, fallback_key, fallback_key, top_taken)
    return CodebookPlan(groups=tuple(groups), codes=tuple(planned))
