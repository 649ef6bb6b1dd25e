"""The undo log: every undoable action is stored with the row changes it made, per coder.

An action (applying a code, removing a coding, editing a memo, changing the codebook) writes its
rows through :class:`RowChanges`, which remembers each row as it was before and after, and then
:func:`record_action` stores that list in ``action_log`` in the same transaction. Undo puts the
rows back as they were before, redo as they were after; both check first that nobody changed
those rows since, so an undo never overwrites later work. A change of a document's speakers (names
and who interviews) is recorded as that small state before and after, not as its segment rows; a
corrected transcript's re-import records the document's text and segments before and after whole,
and a document's link to its case as the case before and after.
The log lives in the project, so undo and redo survive a restart. Recording a new action drops
the coder's undone actions: they can no longer be redone, as in any editor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from qualcode.domain.language import _
from qualcode.storage.document_state import DocumentState, read_document_state, write_document_state
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.speaker_state import SpeakerState, read_speaker_state, write_speaker_state
from qualcode.storage.tables import ActionLogRow
from qualcode.storage.timestamps import utc_now

UNDOABLE_TABLES = ("codings", "memos", "codes", "code_groups", "suggestion_feedback", "framework_summaries", "cases",
                   "saved_queries", "pseudonym_forms", "pseudonym_occurrences")
"""Tables whose rows actions change; each has an integer ``id`` primary key."""

Row = dict[str, Any]


@dataclass(frozen=True)
class RowChange:
    """One row of one table, as it was before an action and after it (None: did not exist)."""

    table: str
    row_id: int
    before: Row | None
    after: Row | None


@dataclass(frozen=True)
class SpeakerChange:
    """A document's speakers before an action and after it."""

    document_id: int
    before: SpeakerState
    after: SpeakerState


@dataclass(frozen=True)
class DocumentChange:
    """A document's text and segments before an action and after it."""

    document_id: int
    before: DocumentState
    after: DocumentState


@dataclass(frozen=True)
class CaseLinkChange:
    """The case a document belonged to before an action and after it (None: no case)."""

    document_id: int
    before: int | None
    after: int | None


@dataclass(frozen=True)
class Focus:
    """Where in which document an action happened, so the workbench can show it after an undo."""

    document_id: int
    start: int
    end: int


@dataclass(frozen=True)
class ActionRecord:
    """An entry of the undo log."""

    id: int
    coder_id: int | None
    kind: str
    description: str
    created_at: datetime
    undone: bool
    focus: Focus | None


def read_row(session: Session, table: str, row_id: int) -> Row | None:
    """A row exactly as SQLite stores it (timestamps stay text), or None."""
    _check_table(table)
    result = session.execute(text(f'SELECT * FROM "{table}" WHERE id = :id'), {"id": row_id}).mappings().first()
    return dict(result) if result is not None else None


def _check_table(table: str) -> None:
    if table not in UNDOABLE_TABLES:
        raise ValueError(f"{table!r} is not a table the undo log covers")


def _insert_raw(session: Session, table: str, row: Row) -> int:
    names = list(row)
    columns = ", ".join(f'"{name}"' for name in names)
    values = ", ".join(f":{name}" for name in names)
    if row.get("id") is None and session.get_bind().dialect.name != "sqlite":  # no lastrowid in psycopg
        return int(session.execute(text(f'INSERT INTO "{table}" ({columns}) VALUES ({values}) RETURNING id'),
                                   row).scalar_one())
    result = session.execute(text(f'INSERT INTO "{table}" ({columns}) VALUES ({values})'), row)
    return int(row["id"]) if row.get("id") is not None else int(result.lastrowid)


def _insert_returning(session: Session, table: str, row: Row) -> Row:
    """Insert a row and return it as stored: one round trip on PostgreSQL (``RETURNING``), a read on SQLite."""
    if session.get_bind().dialect.name == "sqlite":
        return read_row(session, table, _insert_raw(session, table, row))
    names = list(row)
    columns = ", ".join(f'"{name}"' for name in names)
    values = ", ".join(f":{name}" for name in names)
    return dict(session.execute(text(f'INSERT INTO "{table}" ({columns}) VALUES ({values}) RETURNING *'),
                                row).mappings().one())


def _update_raw(session: Session, table: str, row_id: int, values: Row) -> None:
    assignments = ", ".join(f'"{name}" = :{name}' for name in values)
    session.execute(text(f'UPDATE "{table}" SET {assignments} WHERE id = :id'), {**values, "id": row_id})


def _delete_raw(session: Session, table: str, row_id: int) -> None:
    session.execute(text(f'DELETE FROM "{table}" WHERE id = :id'), {"id": row_id})


def _stored_value(value: Any) -> Any:
    """What SQLite keeps for a Python value: timestamps as the text SQLAlchemy writes."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    return value


class RowChanges:
    """Write rows inside an open transaction and remember each change for the undo log."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.changes: list[RowChange] = []
        self.speaker_changes: list[SpeakerChange] = []
        self.document_changes: list[DocumentChange] = []
        self.case_links: list[CaseLinkChange] = []

    def set_case(self, document_id: int, case_id: int | None) -> bool:
        """Link a document to a case (None: to none); returns False when it already was."""
        before = _case_of(self.session, document_id)
        if before == case_id:
            return False
        _link_case(self.session, document_id, case_id)
        self.case_links.append(CaseLinkChange(document_id, before, case_id))
        return True

    def set_document(self, document_id: int, state: DocumentState) -> bool:
        """Give a document another text and segments; returns False when they are the same."""
        before = read_document_state(self.session, document_id)
        if state == before:
            return False
        write_document_state(self.session, document_id, state)
        self.document_changes.append(DocumentChange(document_id, before, read_document_state(self.session,
                                                                                            document_id)))
        return True

    def set_speakers(self, document_id: int, state: SpeakerState) -> int:
        """Give a document's speakers new names and roles; returns how many segments were written."""
        before = read_speaker_state(self.session, document_id)
        if state == before:
            return 0
        written = write_speaker_state(self.session, document_id, before, state)
        self.speaker_changes.append(SpeakerChange(document_id, before, state))
        return written

    def insert(self, table: str, values: Row) -> int:
        """Insert a row and return its id."""
        _check_table(table)
        stored = _insert_returning(self.session, table, {name: _stored_value(v) for name, v in values.items()})
        self.changes.append(RowChange(table, stored["id"], None, stored))
        return stored["id"]

    def update(self, table: str, row_id: int, values: Row) -> bool:
        """Change some columns of a row; returns False (and records nothing) when nothing changes."""
        _check_table(table)
        before = read_row(self.session, table, row_id)
        if before is None:
            raise ProjectError(_("no row {row_id} in {table}").format(row_id=row_id, table=table))
        stored = {name: _stored_value(v) for name, v in values.items()}
        if all(before.get(name) == value for name, value in stored.items()):
            return False
        _update_raw(self.session, table, row_id, stored)
        self.changes.append(RowChange(table, row_id, before, read_row(self.session, table, row_id)))
        return True

    def delete(self, table: str, row_id: int) -> Row:
        """Delete a row and return what it held."""
        _check_table(table)
        before = read_row(self.session, table, row_id)
        if before is None:
            raise ProjectError(_("no row {row_id} in {table}").format(row_id=row_id, table=table))
        _delete_raw(self.session, table, row_id)
        self.changes.append(RowChange(table, row_id, before, None))
        return before


def record_action(
    session: Session, coder_id: int | None, kind: str, description: str, changes: RowChanges,
    focus: Focus | None = None,
) -> int | None:
    """Store an action and its row changes in the log; returns its id (None when nothing changed).

    Drops the coder's undone actions, which can no longer be redone.
    """
    if not (changes.changes or changes.speaker_changes or changes.document_changes or changes.case_links):
        return None
    _drop_redo_stack(session, coder_id)
    payload = {
        "description": description,
        "focus": [focus.document_id, focus.start, focus.end] if focus else None,
        "changes": [[c.table, c.row_id, c.before, c.after] for c in changes.changes],
    }
    if changes.speaker_changes:
        payload["speakers"] = [[c.document_id, c.before.as_json(), c.after.as_json()]
                               for c in changes.speaker_changes]
    if changes.document_changes:
        payload["documents"] = [[c.document_id, c.before.as_json(), c.after.as_json()]
                                for c in changes.document_changes]
    if changes.case_links:
        payload["case_links"] = [[c.document_id, c.before, c.after] for c in changes.case_links]
    session.flush()  # rows the caller added through the ORM go in first, as they did when the log row was one
    return session.execute(_INSERT_ACTION, {"coder_id": coder_id, "kind": kind, "created_at": utc_now(),
                                            "payload_json": json.dumps(payload, ensure_ascii=False)}
                           ).inserted_primary_key[0]


_INSERT_ACTION = insert(ActionLogRow.__table__).values(
    coder_id=bindparam("coder_id"), kind=bindparam("kind"), payload_json=bindparam("payload_json"),
    created_at=bindparam("created_at"))
"""Built once, so that its compiled form is cached; Core, so that no ORM object is made for a log row."""

_DROP_REDO_STACK = ActionLogRow.__table__.delete().where(
    ActionLogRow.coder_id == bindparam("coder_id"), ActionLogRow.undone_at.is_not(None))


def _drop_redo_stack(session: Session, coder_id: int | None) -> None:
    if coder_id is None:  # actions of no coder (command-line changes of the codebook): IS NULL, not = NULL
        session.execute(ActionLogRow.__table__.delete().where(ActionLogRow.coder_id.is_(None),
                                                              ActionLogRow.undone_at.is_not(None)))
    else:
        session.execute(_DROP_REDO_STACK, {"coder_id": coder_id})


def _record(row: ActionLogRow) -> ActionRecord:
    payload = json.loads(row.payload_json)
    focus = payload.get("focus")
    return ActionRecord(
        id=row.id, coder_id=row.coder_id, kind=row.kind, description=payload["description"],
        created_at=row.created_at, undone=row.undone_at is not None,
        focus=Focus(*focus) if focus else None,
    )


def _changes(row: ActionLogRow) -> list[RowChange]:
    return [RowChange(table, row_id, before, after) for table, row_id, before, after
            in json.loads(row.payload_json)["changes"]]


def _speaker_changes(row: ActionLogRow) -> list[SpeakerChange]:
    return [SpeakerChange(document_id, SpeakerState.from_json(before), SpeakerState.from_json(after))
            for document_id, before, after in json.loads(row.payload_json).get("speakers", [])]


def _document_changes(row: ActionLogRow) -> list[DocumentChange]:
    return [DocumentChange(document_id, DocumentState.from_json(before), DocumentState.from_json(after))
            for document_id, before, after in json.loads(row.payload_json).get("documents", [])]


def _case_link_changes(row: ActionLogRow) -> list[CaseLinkChange]:
    return [CaseLinkChange(*change) for change in json.loads(row.payload_json).get("case_links", [])]


def _case_of(session: Session, document_id: int) -> int | None:
    found = session.execute(text("SELECT case_id FROM documents WHERE id = :id"), {"id": document_id}).first()
    if found is None:
        raise ProjectError(_("no document with id {document_id}").format(document_id=document_id))
    return found[0]


def _link_case(session: Session, document_id: int, case_id: int | None) -> None:
    session.execute(text("UPDATE documents SET case_id = :case_id WHERE id = :id"),
                    {"case_id": case_id, "id": document_id})


def _needs_writing(current: object, expected: object, wanted: object, changed: str, verb: str,
                   description: str) -> bool:
    """Whether a document's state must still be written: not when it is ``wanted`` already, never when someone
    changed it since (``changed`` names what: "the document's case has been changed since")."""
    if current == wanted:
        return False
    if current != expected:
        raise ProjectError(_("cannot {verb} '{description}': {changed}").format(
            verb=verb, description=description, changed=changed))
    return True


def _set_case(session: Session, change: CaseLinkChange, expected: int | None, wanted: int | None, verb: str,
              description: str) -> None:
    """Link the document to the case ``wanted`` when it is still linked to ``expected``."""
    if _needs_writing(_case_of(session, change.document_id), expected, wanted,
                      _("the document's case has been changed since"), verb, description):
        _link_case(session, change.document_id, wanted)


def _set_document(session: Session, change: DocumentChange, expected: DocumentState, wanted: DocumentState,
                  verb: str, description: str) -> None:
    """Give the document the text and segments ``wanted`` when they are still ``expected``."""
    if _needs_writing(read_document_state(session, change.document_id), expected, wanted,
                      _("the document's text has been changed since"), verb, description):
        write_document_state(session, change.document_id, wanted)


def _set_speakers(session: Session, change: SpeakerChange, expected: SpeakerState, wanted: SpeakerState,
                  verb: str, description: str) -> None:
    """Give the document the speakers ``wanted`` when they are still ``expected`` (or already ``wanted``)."""
    current = read_speaker_state(session, change.document_id)
    if _needs_writing(current, expected, wanted, _("the document's speakers have been changed since"), verb,
                      description):
        write_speaker_state(session, change.document_id, current, wanted)


def _set_row(session: Session, change: RowChange, expected: Row | None, wanted: Row | None, verb: str,
             description: str) -> None:
    """Make the row ``wanted`` when it is still ``expected`` (or already ``wanted``)."""
    current = read_row(session, change.table, change.row_id)
    if current == wanted:
        return
    if current != expected:
        what = {"codings": "a coding", "memos": "a memo", "codes": "a code", "code_groups": "a code group",
                "suggestion_feedback": "a suggestion decision", "framework_summaries": "a summary",
                "cases": "a case", "saved_queries": "a saved query"}[change.table]
        raise ProjectError(_("cannot {verb} '{description}': {what} it changed has been changed since").format(verb=verb, description=description, what=what))
    if wanted is None:
        _delete_raw(session, change.table, change.row_id)
    elif current is None:
        _insert_raw(session, change.table, wanted)
    else:
        _update_raw(session, change.table, change.row_id, {k: v for k, v in wanted.items() if k != "id"})


def undo(store: ProjectStore, coder_id: int | None) -> ActionRecord | None:
    """Undo the coder's latest action that is not undone; None when there is nothing to undo.

    Raises ProjectError, changing nothing, when a row it touched was changed since.
    """
    with store.transaction() as session:
        row = session.exec(
            select(ActionLogRow)
            .where(ActionLogRow.coder_id == coder_id, ActionLogRow.undone_at.is_(None))
            .order_by(ActionLogRow.id.desc())
        ).first()
        if row is None:
            return None
        record = _record(row)
        try:
            for link in reversed(_case_link_changes(row)):  # before the rows: a case made for the link goes after it
                _set_case(session, link, link.after, link.before, "undo", record.description)
            for change in reversed(_changes(row)):
                _set_row(session, change, change.after, change.before, "undo", record.description)
            for speakers in reversed(_speaker_changes(row)):
                _set_speakers(session, speakers, speakers.after, speakers.before, "undo", record.description)
            for document in reversed(_document_changes(row)):
                _set_document(session, document, document.after, document.before, "undo", record.description)
            session.flush()
        except IntegrityError as error:
            raise ProjectError(_("cannot undo '{description}': what it refers to is gone ({reason})").format(description=record.description, reason=error.orig)) from None
        row.undone_at = utc_now()
        return ActionRecord(**{**record.__dict__, "undone": True})


def redo(store: ProjectStore, coder_id: int | None) -> ActionRecord | None:
    """Redo the coder's most recently undone action; None when there is nothing to redo."""
    with store.transaction() as session:
        row = session.exec(
            select(ActionLogRow)
            .where(ActionLogRow.coder_id == coder_id, ActionLogRow.undone_at.is_not(None))
            .order_by(ActionLogRow.id)
        ).first()
        if row is None:
            return None
        record = _record(row)
        try:
            for change in _changes(row):
                _set_row(session, change, change.before, change.after, "redo", record.description)
            for document in _document_changes(row):
                _set_document(session, document, document.before, document.after, "redo", record.description)
            for speakers in _speaker_changes(row):
                _set_speakers(session, speakers, speakers.before, speakers.after, "redo", record.description)
            for link in _case_link_changes(row):
                _set_case(session, link, link.before, link.after, "redo", record.description)
            session.flush()
        except IntegrityError as error:
            raise ProjectError(_("cannot redo '{description}': what it refers to is gone ({reason})").format(description=record.description, reason=error.orig)) from None
        row.undone_at = None
        return ActionRecord(**{**record.__dict__, "undone": False})


def action_history(store: ProjectStore, coder_id: int | None, limit: int = 50) -> list[ActionRecord]:
    """The coder's latest actions, newest first, undone ones included."""
    with store.session() as session:
        rows = session.exec(
            select(ActionLogRow).where(ActionLogRow.coder_id == coder_id)
            .order_by(ActionLogRow.id.desc()).limit(limit)
        ).all()
        return [_record(row) for row in rows]
