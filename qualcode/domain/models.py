"""Frozen dataclasses for what a project holds: coders, documents, segments, codes, codings, cases.

Offsets are 0-based code-point offsets into a document's stored text, end exclusive
(Python string slicing: ``text[start:end]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Role = Literal["interviewer", "respondent", "unknown"]
SegmentKind = Literal["turn", "paragraph"]
Unit = Literal["turn", "paragraph", "sentence"]
CodingOrigin = Literal["manual", "suggestion", "import", "merge", "consensus"]


@dataclass(frozen=True)
class Coder:
    id: int
    name: str


@dataclass(frozen=True)
class Document:
    id: int
    name: str
    text: str
    source_name: str
    source_format: str
    source_sha256: str
    text_sha256: str
    imported_at: datetime
    case_id: int | None = None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the document list: counts, not the text."""

    id: int
    name: str
    source_format: str
    case_label: str | None
    turns: int
    words: int
    characters: int


@dataclass(frozen=True)
class Segment:
    """A turn, a paragraph inside a turn, or a sentence inside a paragraph."""

    document_id: int
    kind: Unit
    index: int
    start: int
    end: int
    speaker: str
    role: Role
    turn_index: int
    start_time: float | None = None


@dataclass(frozen=True)
class CodeGroup:
    id: int
    key: str
    name: str
    description: str = ""
    colour: str | None = None
    position: int = 0


@dataclass(frozen=True)
class Code:
    """A code in the codebook. ``key`` is the stable id used in files (``belemmerend/geen-noodzaak``)."""

    id: int
    key: str
    name: str
    group_id: int
    parent_id: int | None = None
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    indicators: tuple[str, ...] = ()
    colour: str | None = None
    hotkey: str | None = None
    position: int = 0
    version: int = 1
    """Counts the edits of the code's fields, so that an edit of a version someone changed meanwhile is refused."""


@dataclass(frozen=True)
class Codebook:
    groups: tuple[CodeGroup, ...]
    codes: tuple[Code, ...]

    def code_by_key(self, key: str) -> Code | None:
        return next((code for code in self.codes if code.key == key), None)

    def code_by_id(self, code_id: int) -> Code | None:
        return next((code for code in self.codes if code.id == code_id), None)

    def codes_in_group(self, group_id: int) -> tuple[Code, ...]:
        return tuple(code for code in self.codes if code.group_id == group_id)


@dataclass(frozen=True)
class Coding:
    id: int
    document_id: int
    code_id: int
    coder_id: int
    start: int
    end: int
    memo: str = ""
    origin: CodingOrigin = "manual"
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Memo:
    """A free memo attached to a document span (a segment memo) rather than to a coding."""

    id: int
    document_id: int
    coder_id: int | None
    start: int
    end: int
    text: str
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Case:
    """A respondent, with typed attributes (str, int, float, bool or date as ISO text)."""

    id: int
    label: str
    attributes: dict[str, str | int | float | bool | None] = field(default_factory=dict)
