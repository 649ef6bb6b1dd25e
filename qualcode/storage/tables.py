"""SQLModel table classes mirroring the schema that ``migrations`` creates.

The migrations own the schema; these classes only map it for queries. A test checks that
both agree column for column.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class TableRow(SQLModel):
    """The base of the table classes: Pydantic builds a row's validator only if one is ever asked for.

    Rows are made by SQLAlchemy or by the store's own code, which SQLModel does not validate; building
    the seventeen validators on import cost every command that opens a project about 10 ms.
    """

    model_config = {"defer_build": True}  # merged into SQLModel's own configuration


class SettingRow(TableRow, table=True):
    __tablename__ = "settings"
    key: str = Field(primary_key=True)
    value: str


class CoderRow(TableRow, table=True):
    __tablename__ = "coders"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    created_at: datetime


class CaseRow(TableRow, table=True):
    __tablename__ = "cases"
    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(unique=True)
    created_at: datetime


class CaseAttributeRow(TableRow, table=True):
    __tablename__ = "case_attributes"
    case_id: int = Field(foreign_key="cases.id", primary_key=True)
    name: str = Field(primary_key=True)
    value_type: str
    value: str | None = None


class DocumentRow(TableRow, table=True):
    __tablename__ = "documents"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    text: str
    source_name: str
    source_format: str
    source_sha256: str
    text_sha256: str
    imported_at: datetime
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    metadata_json: str = "{}"
    interviewer_label: str | None = None
    word_count: int = 0


class SegmentRow(TableRow, table=True):
    __tablename__ = "segments"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id")
    kind: str
    idx: int
    turn_index: int
    start: int
    end: int
    speaker: str
    role: str
    start_time: float | None = None


class CodeGroupRow(TableRow, table=True):
    __tablename__ = "code_groups"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    name: str
    description: str = ""
    colour: str | None = None
    position: int = 0


class CodeRow(TableRow, table=True):
    __tablename__ = "codes"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    group_id: int = Field(foreign_key="code_groups.id")
    parent_id: int | None = Field(default=None, foreign_key="codes.id")
    name: str
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    indicators_json: str = "[]"
    colour: str | None = None
    hotkey: str | None = None
    position: int = 0
    version: int = 1
    changed_by: int | None = Field(default=None, foreign_key="coders.id")


class CodingRow(TableRow, table=True):
    __tablename__ = "codings"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id")
    code_id: int = Field(foreign_key="codes.id")
    coder_id: int = Field(foreign_key="coders.id")
    start: int
    end: int
    memo: str = ""
    origin: str = "manual"
    created_at: datetime
    updated_at: datetime


class MemoRow(TableRow, table=True):
    __tablename__ = "memos"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id")
    coder_id: int | None = Field(default=None, foreign_key="coders.id")
    start: int
    end: int
    text: str
    created_at: datetime
    updated_at: datetime


class ActionLogRow(TableRow, table=True):
    __tablename__ = "action_log"
    id: int | None = Field(default=None, primary_key=True)
    coder_id: int | None = Field(default=None, foreign_key="coders.id")
    kind: str
    payload_json: str
    created_at: datetime
    undone_at: datetime | None = None


class SuggestionFeedbackRow(TableRow, table=True):
    __tablename__ = "suggestion_feedback"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id")
    start: int
    end: int
    code_id: int = Field(foreign_key="codes.id")
    coder_id: int = Field(foreign_key="coders.id")
    decision: str
    score: float | None = None
    created_at: datetime


class ParseCacheRow(TableRow, table=True):
    __tablename__ = "parse_cache"
    document_id: int = Field(foreign_key="documents.id", primary_key=True)
    pipeline: str = Field(primary_key=True)
    text_sha256: str
    payload: bytes
    created_at: datetime


class SavedQueryRow(TableRow, table=True):
    __tablename__ = "saved_queries"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    text: str
    description: str = ""
    created_at: datetime
    updated_at: datetime


class FrameworkSummaryRow(TableRow, table=True):
    __tablename__ = "framework_summaries"
    id: int | None = Field(default=None, primary_key=True)
    code_id: int = Field(foreign_key="codes.id")
    case_id: int = Field(foreign_key="cases.id")
    coder_id: int | None = Field(default=None, foreign_key="coders.id")
    text: str
    created_at: datetime
    updated_at: datetime


class PseudonymFormRow(TableRow, table=True):
    __tablename__ = "pseudonym_forms"
    id: int | None = Field(default=None, primary_key=True)
    form: str = Field(unique=True)
    type: str
    status: str
    pseudonym: str = ""
    created_at: datetime
    updated_at: datetime


class PseudonymOccurrenceRow(TableRow, table=True):
    __tablename__ = "pseudonym_occurrences"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id")
    start: int
    end: int
    type: str
    status: str
    pseudonym: str = ""
    created_at: datetime
    updated_at: datetime
