"""What a REFI-QDA project or codebook holds, as read from its XML, before anything is stored.

GUIDs are kept in one canonical form (lower case, no braces) so references match however a
tool wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

VariableValue = str | int | float | bool | date | None


@dataclass(frozen=True)
class RefiUser:
    guid: str
    name: str


@dataclass(frozen=True)
class RefiCode:
    guid: str
    name: str
    codable: bool
    colour: str | None
    description: str
    children: tuple[RefiCode, ...] = ()

    def walk(self):
        """This code and its descendants, depth first, each with its parent (None at the top)."""
        stack: list[tuple[RefiCode, RefiCode | None]] = [(self, None)]
        while stack:
            code, parent = stack.pop()
            yield code, parent
            stack.extend((child, code) for child in reversed(code.children))


@dataclass(frozen=True)
class RefiCoding:
    guid: str
    code_guid: str
    user_guid: str | None
    created: datetime | None
    note_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RefiSelection:
    """A ``PlainTextSelection``: positions as the file gives them, in whatever counting its tool uses."""

    guid: str
    name: str
    start: int
    end: int
    user_guid: str | None
    created: datetime | None
    modified: datetime | None
    description: str
    codings: tuple[RefiCoding, ...]
    note_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RefiTextSource:
    guid: str
    name: str
    plain_text_path: str | None
    plain_text_content: str | None
    rich_text_path: str | None
    user_guid: str | None
    created: datetime | None
    selections: tuple[RefiSelection, ...]
    codings: tuple[RefiCoding, ...]
    """Codings of the whole source (``Coding`` directly inside ``TextSource``)."""
    note_guids: tuple[str, ...]
    values: tuple[tuple[str, VariableValue], ...]
    """(variable guid, value) pairs."""


@dataclass(frozen=True)
class RefiVariable:
    guid: str
    name: str
    kind: str
    """``Text``, ``Boolean``, ``Integer``, ``Float``, ``Date`` or ``DateTime``."""


@dataclass(frozen=True)
class RefiCase:
    guid: str
    name: str
    values: tuple[tuple[str, VariableValue], ...]
    source_guids: tuple[str, ...]
    code_refs: int = 0
    selection_refs: int = 0


@dataclass(frozen=True)
class RefiNote:
    guid: str
    name: str
    text: str | None
    plain_text_path: str | None
    user_guid: str | None
    created: datetime | None


@dataclass(frozen=True)
class Unsupported:
    """Something in the file qualcode cannot hold, reported to the user instead of dropped silently."""

    kind: str
    name: str
    reason: str
    codings: int = 0


@dataclass(frozen=True)
class RefiProject:
    """A ``Project`` (from ``project.qde``) or a ``CodeBook`` (from a .qdc, with no sources)."""

    name: str
    origin: str
    creating_user_guid: str | None
    users: tuple[RefiUser, ...] = ()
    codes: tuple[RefiCode, ...] = ()
    variables: tuple[RefiVariable, ...] = ()
    cases: tuple[RefiCase, ...] = ()
    text_sources: tuple[RefiTextSource, ...] = ()
    notes: tuple[RefiNote, ...] = ()
    unsupported: tuple[Unsupported, ...] = ()
    is_codebook: bool = False
    note_refs_elsewhere: frozenset[str] = field(default_factory=frozenset)
    """Notes referenced from places qualcode does not import (codes, cases, the project, links)."""

    def all_codes(self):
        for top in self.codes:
            yield from top.walk()
