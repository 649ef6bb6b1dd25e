"""The codebook in the store: loading it, applying a codebook file to it, and reading it back as a spec."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.domain.language import _
from qualcode.domain.models import Code, Codebook, CodeGroup
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.settings import get_setting
from qualcode.storage.tables import CodeGroupRow, CodeRow, CodingRow, SettingRow, SuggestionFeedbackRow

TITLE_SETTING = "codebook.title"
DESCRIPTION_SETTING = "codebook.description"


@dataclass(frozen=True)
class CodebookChanges:
    """What applying a codebook file did (or, for a dry run, would do)."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: int = 0
    kept_not_in_file: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    codings_deleted: int = 0
    refused: tuple[tuple[str, int], ...] = ()
    """Codes not in the file that were kept because they have codings: (code key, codings)."""


def code_from_row(row: CodeRow) -> Code:
    return Code(
        id=row.id, key=row.key, name=row.name, group_id=row.group_id, parent_id=row.parent_id,
        description=row.description, inclusion=row.inclusion, exclusion=row.exclusion,
        indicators=tuple(json.loads(row.indicators_json)), colour=row.colour, hotkey=row.hotkey,
        position=row.position, version=row.version,
    )


def group_from_row(row: CodeGroupRow) -> CodeGroup:
    return CodeGroup(id=row.id, key=row.key, name=row.name, description=row.description,
                     colour=row.colour, position=row.position)


def load_codebook(store: ProjectStore) -> Codebook:
    """Groups and codes in display order."""
    with store.session() as session:
        groups = session.exec(select(CodeGroupRow).order_by(CodeGroupRow.position, CodeGroupRow.id)).all()
        codes = session.exec(select(CodeRow).order_by(CodeRow.position, CodeRow.id)).all()
        return Codebook(groups=tuple(map(group_from_row, groups)), codes=tuple(map(code_from_row, codes)))


def coding_counts(session: Session) -> dict[int, int]:
    """Codings per code id, over all coders."""
    return dict(session.exec(select(CodingRow.code_id, func.count()).group_by(CodingRow.code_id)).all())


def apply_codebook_spec(
    store: ProjectStore, spec: CodebookSpec, *, prune: bool = False, delete_codings: bool = False,
    dry_run: bool = False,
) -> CodebookChanges:
    """Make the store's codebook match ``spec``: add new codes, update changed ones.

    Codes missing from the file are kept, unless ``prune``: then codes without codings are
    deleted, and codes with codings only when ``delete_codings`` is also given (with their
    codings). Idempotent: applying the same file twice changes nothing the second time.
    """
    with store.transaction() as session:
        changes = _apply(session, spec, prune=prune, delete_codings=delete_codings)
        if dry_run:
            session.rollback()
        return changes


def _apply(session: Session, spec: CodebookSpec, *, prune: bool, delete_codings: bool) -> CodebookChanges:
    groups = {row.key: row for row in session.exec(select(CodeGroupRow))}
    codes = {row.key: row for row in session.exec(select(CodeRow))}
    _check_hotkeys_free(spec, codes)
    added: list[str] = []
    updated: list[str] = []
    unchanged = 0
    for position, group_spec in enumerate(spec.groups):
        values = {"name": group_spec.name, "description": group_spec.description,
                  "colour": group_spec.colour, "position": position}
        row = groups.get(group_spec.key)
        if row is None:
            row = CodeGroupRow(key=group_spec.key, **values)
            session.add(row)
            session.flush()
            groups[row.key] = row
        else:
            _assign(row, values)
    for position, (group_key, parent_key, code_spec) in enumerate(spec.all_codes()):
        values = {
            "group_id": groups[group_key].id,
            "parent_id": codes[parent_key].id if parent_key else None,
            "name": code_spec.name, "description": code_spec.description,
            "inclusion": code_spec.inclusion, "exclusion": code_spec.exclusion,
            "indicators_json": json.dumps(list(code_spec.indicators), ensure_ascii=False),
            "colour": code_spec.colour, "hotkey": code_spec.hotkey, "position": position,
        }
        row = codes.get(code_spec.key)
        if row is None:
            row = CodeRow(key=code_spec.key, **values)
            session.add(row)
            session.flush()
            codes[row.key] = row
            added.append(row.key)
        elif _assign(row, values):
            updated.append(row.key)
        else:
            unchanged += 1
    session.flush()
    in_file = {code.key for _, _, code in spec.all_codes()}
    missing = [row for key, row in codes.items() if key not in in_file]
    counts = coding_counts(session)
    kept, deleted, refused, codings_deleted = [], [], [], 0
    for row in sorted(missing, key=lambda r: r.key, reverse=True):  # children before parents
        used = counts.get(row.id, 0)
        if not prune:
            kept.append(row.key)
        elif used and not delete_codings:
            refused.append((row.key, used))
        else:
            codings_deleted += used
            _delete_code(session, row)
            deleted.append(row.key)
    session.merge(SettingRow(key=TITLE_SETTING, value=spec.title))
    session.merge(SettingRow(key=DESCRIPTION_SETTING, value=spec.description))
    return CodebookChanges(
        added=tuple(added), updated=tuple(updated), unchanged=unchanged, kept_not_in_file=tuple(sorted(kept)),
        deleted=tuple(sorted(deleted)), codings_deleted=codings_deleted, refused=tuple(sorted(refused)),
    )


def _check_hotkeys_free(spec: CodebookSpec, codes: dict[str, CodeRow]) -> None:
    in_file = {code.key: code.hotkey for _, _, code in spec.all_codes()}
    taken = {row.hotkey: key for key, row in codes.items() if row.hotkey and key not in in_file}
    for key, hotkey in in_file.items():
        if hotkey and hotkey in taken:
            raise ProjectError(_("hotkey {hotkey!r} of {key} is already bound to {taken}, which is not in the file").format(hotkey=hotkey, key=key, taken=taken[hotkey]))


def _delete_code(session: Session, row: CodeRow) -> None:
    for child in session.exec(select(CodeRow).where(CodeRow.parent_id == row.id)):
        child.parent_id = row.parent_id
    session.execute(CodingRow.__table__.delete().where(CodingRow.code_id == row.id))
    session.execute(SuggestionFeedbackRow.__table__.delete().where(SuggestionFeedbackRow.code_id == row.id))
    session.flush()
    session.delete(row)
    session.flush()


def _assign(row, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def codebook_spec(store: ProjectStore) -> CodebookSpec:
    """The store's codebook as a spec, ready to be written back to a file."""
    codebook = load_codebook(store)
    children: dict[int | None, list[Code]] = {}
    for code in codebook.codes:
        children.setdefault(code.parent_id, []).append(code)

    def spec_of(code: Code) -> CodeSpec:
        return CodeSpec(
            key=code.key, name=code.name, description=code.description, inclusion=code.inclusion,
            exclusion=code.exclusion, indicators=code.indicators, colour=code.colour, hotkey=code.hotkey,
            children=tuple(spec_of(child) for child in children.get(code.id, [])),
        )

    groups = tuple(
        GroupSpec(key=group.key, name=group.name, description=group.description, colour=group.colour,
                  codes=tuple(spec_of(code) for code in children.get(None, []) if code.group_id == group.id))
        for group in codebook.groups
    )
    return CodebookSpec(title=get_setting(store, TITLE_SETTING, "") or "",
                        description=get_setting(store, DESCRIPTION_SETTING, "") or "", groups=groups)
