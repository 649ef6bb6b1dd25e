"""Undoable codebook edits: add, edit, move, reorder, merge and delete codes and groups.

Code keys say where a code is: ``group/name`` or ``group/parent/name``, made from the group (or
parent) and the name when the code is added. Renaming a code keeps its key, so codings files,
merged projects and exports keep pointing at it; moving it to another group or parent gives it
(and its sub-codes) the key of the new place in the same undoable action, so no export or group
filter finds it under its old group; saved queries that name it get the new key in that action too.
Codings, memos, summaries and suggestion decisions refer to the code's row, not its key, so they follow. A code that is deleted hands its sub-codes to its own parent, as a codebook file
import does.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from qualcode.domain.code_query import QueryError, with_codes_renamed
from qualcode.domain.codebook_spec import COLOUR_PATTERN, HOTKEY_PATTERN
from qualcode.domain.models import Code, CodeGroup, Coding
from qualcode.storage.actions import Focus, RowChanges, record_action
from qualcode.storage.code_versions import locked_code
from qualcode.storage.codebook_store import code_from_row, group_from_row
from qualcode.storage.coding_actions import insert_coding
from qualcode.storage.codings import NewCoding
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import (
    CodeGroupRow, CodeRow, CoderRow, CodingRow, SavedQueryRow, SuggestionFeedbackRow,
)
from qualcode.domain.language import _

ADD_CODE = "add-code"
EDIT_CODE = "edit-code"
MOVE_CODE = "move-code"
MERGE_CODES = "merge-codes"
DELETE_CODE = "delete-code"
ADD_GROUP = "add-group"
EDIT_GROUP = "edit-group"
DELETE_GROUP = "delete-group"
REORDER = "reorder"

CODE_FIELDS = ("name", "description", "inclusion", "exclusion", "indicators", "colour", "hotkey")
GROUP_FIELDS = ("name", "description", "colour")


@dataclass(frozen=True)
class AddedCode:
    """A new code, and the coding made with it when it was created to be applied at once."""

    code: Code
    coding: Coding | None = None


@dataclass(frozen=True)
class Impact:
    """What a destructive codebook step touches: to show before asking for confirmation."""

    codes: int
    codings: int
    coders: tuple[str, ...]
    sub_codes: int = 0


@dataclass(frozen=True)
class MergeOutcome:
    moved: int
    duplicates_removed: int


def slug(name: str) -> str:
    """``Gedoe over geld!`` -> ``gedoe-over-geld``: lower-case ASCII letters, digits and hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "code"


def _unique_key(session: Session, row_type: type, wanted: str) -> str:
    taken = set(session.exec(select(row_type.key).where(row_type.key.like(f"{wanted}%"))))
    key, number = wanted, 1
    while key in taken:
        number += 1
        key = f"{wanted}-{number}"
    return key


def _code_row(session: Session, code_id: int) -> CodeRow:
    row = session.get(CodeRow, code_id)
    if row is None:
        raise NotFoundError(_("no code with id {code_id}").format(code_id=code_id))
    return row


def _group_row(session: Session, group_id: int) -> CodeGroupRow:
    row = session.get(CodeGroupRow, group_id)
    if row is None:
        raise NotFoundError(_("no code group with id {group_id}").format(group_id=group_id))
    return row


def _descendants(session: Session, code_id: int) -> list[CodeRow]:
    """Sub-codes of a code at any depth, parents before children."""
    found, frontier = [], [code_id]
    while frontier:
        children = session.exec(select(CodeRow).where(CodeRow.parent_id.in_(frontier))).all()
        found.extend(children)
        frontier = [child.id for child in children]
    return found


def _validated_code_fields(session: Session, code_id: int | None, fields: dict) -> dict:
    unknown = set(fields) - set(CODE_FIELDS)
    if unknown:
        raise ProjectError(_("a code has no field {names}").format(names=', '.join(sorted(unknown))))
    values = dict(fields)
    if "name" in values:
        values["name"] = values["name"].strip()
        if not values["name"]:
            raise ProjectError(_("a code needs a name"))
    for text_field in ("description", "inclusion", "exclusion"):
        if text_field in values:
            values[text_field] = values[text_field].strip()
    if values.get("colour"):
        if not COLOUR_PATTERN.match(values["colour"]):
            raise ProjectError(_("colour {value!r} must look like #1f77b4").format(value=values['colour']))
    elif "colour" in values:
        values["colour"] = None
    if values.get("hotkey"):
        hotkey = values["hotkey"].strip().lower()
        if not HOTKEY_PATTERN.match(hotkey):
            raise ProjectError(_("hotkey {hotkey!r} must be a digit or a function key (f1-f12, shift+f1-f12)").format(
                hotkey=hotkey))
        holder = session.exec(select(CodeRow).where(CodeRow.hotkey == hotkey, CodeRow.id != code_id)).first()
        if holder is not None:
            raise ProjectError(_("hotkey {hotkey!r} is already bound to {name} ({key})").format(
                hotkey=hotkey, name=holder.name, key=holder.key))
        values["hotkey"] = hotkey
    elif "hotkey" in values:
        values["hotkey"] = None
    if "indicators" in values:
        indicators = [word.strip() for word in values.pop("indicators") if word.strip()]
        values["indicators_json"] = json.dumps(indicators, ensure_ascii=False)
    return values


def _next_position(session: Session) -> int:
    return (session.exec(select(func.max(CodeRow.position))).one() or 0) + 1


def add_code(
    store: ProjectStore, *, coder_id: int | None, group_id: int, name: str, parent_id: int | None = None,
    apply_to: Focus | None = None, **fields,
) -> AddedCode:
    """Add a code to a group (under ``parent_id`` when given) as one undoable action.

    With ``apply_to`` the new code is applied to that span for the coder in the same action,
    so one undo takes both back.
    """
    with store.transaction() as session:
        group = _group_row(session, group_id)
        parent = _code_row(session, parent_id) if parent_id is not None else None
        if parent is not None and parent.group_id != group_id:
            raise ProjectError(_("{code} is not in the group {group}").format(code=parent.name, group=group.name))
        values = _validated_code_fields(session, None, {"name": name, **fields})
        if session.exec(select(CodeRow).where(CodeRow.group_id == group_id, CodeRow.name == values["name"])).first():
            raise ProjectError(_("the group {name} has a code named {value!r} already").format(
                name=group.name, value=values['name']))
        key = _unique_key(session, CodeRow, f"{parent.key if parent else group.key}/{slug(values['name'])}")
        changes = RowChanges(session)
        code_id = changes.insert("codes", {"key": key, "group_id": group_id, "parent_id": parent_id,
                                           "position": _next_position(session), **values})
        coding = None
        if apply_to is not None:
            if coder_id is None:
                raise ProjectError(_("a coding needs a coder"))
            coding = insert_coding(session, changes, NewCoding(
                document_id=apply_to.document_id, code_id=code_id, coder_id=coder_id,
                start=apply_to.start, end=apply_to.end))
        description = f"add code {values['name']}" + (" and apply it" if coding else "")
        record_action(session, coder_id, ADD_CODE, description, changes, apply_to)
        return AddedCode(code_from_row(session.get(CodeRow, code_id)), coding)


def update_code(store: ProjectStore, *, coder_id: int | None, code_id: int, opened_version: int | None = None,
                **fields) -> Code:
    """Change a code's name, description, criteria, indicators, colour or hotkey (one undoable action).

    With ``opened_version`` (the ``Code.version`` the editor was opened on) the edit is refused with
    "changed by NAME since you opened it" when someone changed the code in between.
    """
    with store.transaction() as session:
        row = locked_code(session, code_id, opened_version)
        values = _validated_code_fields(session, code_id, fields)
        if "name" in values and values["name"] != row.name and session.exec(
            select(CodeRow).where(CodeRow.group_id == row.group_id, CodeRow.name == values["name"],
                                  CodeRow.id != code_id)
        ).first():
            raise ProjectError(_("the group has a code named {value!r} already").format(value=values['name']))
        old_name = row.name
        changes = RowChanges(session)
        changes.update("codes", code_id, {**values, "version": row.version + 1, "changed_by": coder_id})
        if "name" in values and values["name"] != old_name:
            description = f"rename {old_name} to {values['name']}"
        else:
            description = f"edit {old_name}"
        record_action(session, coder_id, EDIT_CODE, description, changes)
        session.expire_all()
        return code_from_row(session.get(CodeRow, code_id))


def move_code(store: ProjectStore, *, coder_id: int | None, code_id: int, group_id: int,
              parent_id: int | None = None) -> Code:
    """Move a code (with its sub-codes) to another group, or under another code."""
    with store.transaction() as session:
        row = _code_row(session, code_id)
        group = _group_row(session, group_id)
        descendants = _descendants(session, code_id)
        if parent_id is not None:
            parent = _code_row(session, parent_id)
            if parent_id == code_id or parent_id in {d.id for d in descendants}:
                raise ProjectError(_("{name} cannot be moved under itself or one of its sub-codes").format(
                    name=row.name))
            if parent.group_id != group_id:
                raise ProjectError(_("{code} is not in the group {group}").format(code=parent.name, group=group.name))
        keys = _moved_keys(session, row, descendants, parent.key if parent_id is not None else group.key)
        changes = RowChanges(session)
        changes.update("codes", code_id, {"group_id": group_id, "parent_id": parent_id,
                                          "position": _next_position(session), "key": keys[code_id]})
        for child in descendants:
            changes.update("codes", child.id, {"group_id": group_id, "key": keys[child.id]})
        _rename_in_saved_queries(session, changes, {code.key: keys[code.id] for code in (row, *descendants)})
        target = session.get(CodeRow, parent_id).name if parent_id is not None else group.name
        renamed = f" (id {row.key} → {keys[code_id]})" if keys[code_id] != row.key else ""
        record_action(session, coder_id, MOVE_CODE, f"move {row.name} to {target}{renamed}", changes)
        session.expire_all()
        return code_from_row(session.get(CodeRow, code_id))


def _rename_in_saved_queries(session: Session, changes: RowChanges, renames: dict[str, str]) -> None:
    """Saved queries name codes by id: give them the new ids (a query that no longer parses stays as it is)."""
    renames = {old: new for old, new in renames.items() if old != new}
    if not renames:
        return
    for query in session.exec(select(SavedQueryRow)).all():
        try:
            renamed = with_codes_renamed(query.text, renames)
        except QueryError:
            continue
        if renamed != query.text:
            changes.update("saved_queries", query.id, {"text": renamed})


def _moved_keys(session: Session, row: CodeRow, descendants: Sequence[CodeRow], prefix: str) -> dict[int, str]:
    """The keys a moved code and its sub-codes get under ``prefix``: the new place, then each one's own last part."""
    moving = {row.id} | {child.id for child in descendants}
    taken = {key for code_id, key in session.exec(select(CodeRow.id, CodeRow.key)) if code_id not in moving}
    keys: dict[int, str] = {}
    for code, parent_key in [(row, prefix), *((child, None) for child in descendants)]:
        wanted = f"{parent_key if parent_key is not None else keys[code.parent_id]}/{code.key.rsplit('/', 1)[-1]}"
        key, number = wanted, 1
        while key in taken:
            number += 1
            key = f"{wanted}-{number}"
        taken.add(key)
        keys[code.id] = key
    return keys


def _renumber(changes: RowChanges, table: str, rows: Sequence, moving_id: int, offset: int) -> bool:
    ordered = list(rows)
    index = next(i for i, row in enumerate(ordered) if row.id == moving_id)
    target = index + offset
    if not 0 <= target < len(ordered):
        return False
    ordered.insert(target, ordered.pop(index))
    positions = sorted(row.position for row in rows)
    if len(set(positions)) < len(positions):
        positions = list(range(positions[0], positions[0] + len(positions)))
    for row, position in zip(ordered, positions, strict=True):
        changes.update(table, row.id, {"position": position})
    return True


def reorder_code(store: ProjectStore, *, coder_id: int | None, code_id: int, offset: int) -> bool:
    """Move a code up (offset -1) or down (+1) among its siblings; False when it is at the edge."""
    with store.transaction() as session:
        row = _code_row(session, code_id)
        siblings = session.exec(
            select(CodeRow).where(CodeRow.group_id == row.group_id, CodeRow.parent_id == row.parent_id
                                  if row.parent_id is not None else CodeRow.parent_id.is_(None))
            .order_by(CodeRow.position, CodeRow.id)
        ).all()
        changes = RowChanges(session)
        if not _renumber(changes, "codes", siblings, code_id, offset):
            return False
        record_action(session, coder_id, REORDER, f"move {row.name} {'up' if offset < 0 else 'down'}", changes)
        return True


def reorder_group(store: ProjectStore, *, coder_id: int | None, group_id: int, offset: int) -> bool:
    """Move a group up (offset -1) or down (+1); False when it is at the edge."""
    with store.transaction() as session:
        row = _group_row(session, group_id)
        groups = session.exec(select(CodeGroupRow).order_by(CodeGroupRow.position, CodeGroupRow.id)).all()
        changes = RowChanges(session)
        if not _renumber(changes, "code_groups", groups, group_id, offset):
            return False
        record_action(session, coder_id, REORDER, f"move {row.name} {'up' if offset < 0 else 'down'}", changes)
        return True


def _coder_names(session: Session, code_ids: Sequence[int]) -> tuple[str, ...]:
    if not code_ids:
        return ()
    names = session.exec(
        select(CoderRow.name).join(CodingRow, CodingRow.coder_id == CoderRow.id)
        .where(CodingRow.code_id.in_(code_ids)).distinct()
    ).all()
    return tuple(sorted(names))


def _coding_count(session: Session, code_ids: Sequence[int]) -> int:
    if not code_ids:
        return 0
    return session.exec(select(func.count()).select_from(CodingRow).where(CodingRow.code_id.in_(code_ids))).one()


def code_impact(store: ProjectStore, code_id: int) -> Impact:
    """The codings of one code (its sub-codes stay), to show before deleting or merging it."""
    with store.session() as session:
        _code_row(session, code_id)
        sub_codes = len(session.exec(select(CodeRow.id).where(CodeRow.parent_id == code_id)).all())
        return Impact(codes=1, codings=_coding_count(session, [code_id]),
                      coders=_coder_names(session, [code_id]), sub_codes=sub_codes)


def group_impact(store: ProjectStore, group_id: int) -> Impact:
    """The codes of a group and their codings, to show before deleting it."""
    with store.session() as session:
        _group_row(session, group_id)
        code_ids = session.exec(select(CodeRow.id).where(CodeRow.group_id == group_id)).all()
        return Impact(codes=len(code_ids), codings=_coding_count(session, code_ids),
                      coders=_coder_names(session, code_ids))


def _delete_code_rows(session: Session, changes: RowChanges, row: CodeRow) -> int:
    """Delete a code, its codings and suggestion decisions; its sub-codes move to its parent."""
    for child in session.exec(select(CodeRow).where(CodeRow.parent_id == row.id)).all():
        changes.update("codes", child.id, {"parent_id": row.parent_id})
    coding_ids = session.exec(select(CodingRow.id).where(CodingRow.code_id == row.id)).all()
    for coding_id in coding_ids:
        changes.delete("codings", coding_id)
    for feedback_id in session.exec(select(SuggestionFeedbackRow.id).where(SuggestionFeedbackRow.code_id == row.id)).all():
        changes.delete("suggestion_feedback", feedback_id)
    changes.delete("codes", row.id)
    return len(coding_ids)


def delete_code(store: ProjectStore, *, coder_id: int | None, code_id: int) -> int:
    """Delete a code with all its codings (of every coder) as one undoable action; returns the codings deleted."""
    with store.transaction() as session:
        row = _code_row(session, code_id)
        changes = RowChanges(session)
        deleted = _delete_code_rows(session, changes, row)
        record_action(session, coder_id, DELETE_CODE, f"delete code {row.name}", changes)
        return deleted


def merge_codes(store: ProjectStore, *, coder_id: int | None, source_id: int, target_id: int) -> MergeOutcome:
    """Fold one code into another: its codings, sub-codes and suggestion decisions move, then it goes.

    A coding that the target already has on the same span for the same coder is a duplicate
    and is dropped. One undoable action.
    """
    if source_id == target_id:
        raise ProjectError(_("a code cannot be merged into itself"))
    with store.transaction() as session:
        source, target = _code_row(session, source_id), _code_row(session, target_id)
        if target.id in {d.id for d in _descendants(session, source_id)}:
            raise ProjectError(_("{code} cannot be merged into its own sub-code {target}").format(
                code=source.name, target=target.name))
        changes = RowChanges(session)
        moved = duplicates = 0
        for coding in session.exec(select(CodingRow).where(CodingRow.code_id == source_id)).all():
            if session.exec(select(CodingRow.id).where(
                CodingRow.code_id == target_id, CodingRow.document_id == coding.document_id,
                CodingRow.coder_id == coding.coder_id, CodingRow.start == coding.start, CodingRow.end == coding.end,
            )).first() is not None:
                changes.delete("codings", coding.id)
                duplicates += 1
            else:
                changes.update("codings", coding.id, {"code_id": target_id})
                moved += 1
        for feedback_id in session.exec(
            select(SuggestionFeedbackRow.id).where(SuggestionFeedbackRow.code_id == source_id)
        ).all():
            changes.update("suggestion_feedback", feedback_id, {"code_id": target_id})
        for child in session.exec(select(CodeRow).where(CodeRow.parent_id == source_id)).all():
            changes.update("codes", child.id, {"parent_id": target_id})
            for descendant in [child, *_descendants(session, child.id)]:
                changes.update("codes", descendant.id, {"group_id": target.group_id})
        changes.delete("codes", source_id)
        record_action(session, coder_id, MERGE_CODES, f"merge {source.name} into {target.name}", changes)
        return MergeOutcome(moved=moved, duplicates_removed=duplicates)


def _validated_group_fields(fields: dict) -> dict:
    unknown = set(fields) - set(GROUP_FIELDS)
    if unknown:
        raise ProjectError(_("a code group has no field {names}").format(names=', '.join(sorted(unknown))))
    values = dict(fields)
    if "name" in values:
        values["name"] = values["name"].strip()
        if not values["name"]:
            raise ProjectError(_("a code group needs a name"))
    if "description" in values:
        values["description"] = values["description"].strip()
    if values.get("colour"):
        if not COLOUR_PATTERN.match(values["colour"]):
            raise ProjectError(_("colour {value!r} must look like #1f77b4").format(value=values['colour']))
    elif "colour" in values:
        values["colour"] = None
    return values


def add_group(store: ProjectStore, *, coder_id: int | None, name: str, **fields) -> CodeGroup:
    """Add a code group at the end of the codebook (one undoable action)."""
    with store.transaction() as session:
        values = _validated_group_fields({"name": name, **fields})
        if session.exec(select(CodeGroupRow).where(CodeGroupRow.name == values["name"])).first():
            raise ProjectError(_("there is a group named {value!r} already").format(value=values['name']))
        position = (session.exec(select(func.max(CodeGroupRow.position))).one() or 0) + 1
        changes = RowChanges(session)
        group_id = changes.insert("code_groups", {"key": _unique_key(session, CodeGroupRow, slug(values["name"])),
                                                  "position": position, **values})
        record_action(session, coder_id, ADD_GROUP, f"add group {values['name']}", changes)
        return group_from_row(session.get(CodeGroupRow, group_id))


def update_group(store: ProjectStore, *, coder_id: int | None, group_id: int, **fields) -> CodeGroup:
    """Rename a group or change its description or colour (one undoable action)."""
    with store.transaction() as session:
        row = _group_row(session, group_id)
        values = _validated_group_fields(fields)
        if "name" in values and session.exec(
            select(CodeGroupRow).where(CodeGroupRow.name == values["name"], CodeGroupRow.id != group_id)
        ).first():
            raise ProjectError(_("there is a group named {value!r} already").format(value=values['name']))
        old_name = row.name
        changes = RowChanges(session)
        changes.update("code_groups", group_id, values)
        renamed = "name" in values and values["name"] != old_name
        record_action(session, coder_id, EDIT_GROUP,
                      f"rename {old_name} to {values['name']}" if renamed else f"edit {old_name}", changes)
        session.expire_all()
        return group_from_row(session.get(CodeGroupRow, group_id))


def delete_group(store: ProjectStore, *, coder_id: int | None, group_id: int) -> Impact:
    """Delete a group with its codes and all their codings (one undoable action); returns what went."""
    with store.transaction() as session:
        row = _group_row(session, group_id)
        codes = session.exec(select(CodeRow).where(CodeRow.group_id == group_id)).all()
        code_ids = [code.id for code in codes]
        coders = _coder_names(session, code_ids)
        changes = RowChanges(session)
        codings = 0
        depth = {code.id: _depth(session, code) for code in codes}
        for code in sorted(codes, key=lambda c: depth[c.id], reverse=True):  # sub-codes first
            for coding_id in session.exec(select(CodingRow.id).where(CodingRow.code_id == code.id)).all():
                changes.delete("codings", coding_id)
                codings += 1
            for feedback_id in session.exec(
                select(SuggestionFeedbackRow.id).where(SuggestionFeedbackRow.code_id == code.id)
            ).all():
                changes.delete("suggestion_feedback", feedback_id)
            changes.delete("codes", code.id)
        changes.delete("code_groups", group_id)
        record_action(session, coder_id, DELETE_GROUP, f"delete group {row.name}", changes)
        return Impact(codes=len(codes), codings=codings, coders=coders)


def _depth(session: Session, code: CodeRow) -> int:
    depth, parent_id = 0, code.parent_id
    while parent_id is not None:
        depth += 1
        parent_id = session.get(CodeRow, parent_id).parent_id
    return depth
