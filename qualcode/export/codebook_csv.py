"""The codebook as a table: one row per code, in codebook order, for a spreadsheet or an appendix."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.export.report_files import ReportTable
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.project_store import ProjectStore

CODEBOOK_COLUMNS = ("group", "code", "name", "description", "include", "exclude", "indicators", "colour", "hotkey",
                    "parent")
INDICATOR_SEPARATOR = ", "


@dataclass(frozen=True)
class CodebookRow:
    """One code; ``group`` and ``parent`` are keys, ``parent`` empty for a top-level code."""

    group: str
    code: str
    name: str
    description: str
    include: str
    exclude: str
    indicators: tuple[str, ...]
    colour: str | None
    hotkey: str | None
    parent: str | None


def codebook_rows(store: ProjectStore) -> list[CodebookRow]:
    codebook = load_codebook(store)
    groups = {group.id: group.key for group in codebook.groups}
    keys = {code.id: code.key for code in codebook.codes}
    return [
        CodebookRow(group=groups[code.group_id], code=code.key, name=code.name, description=code.description,
                    include=code.inclusion, exclude=code.exclusion, indicators=code.indicators,
                    colour=code.colour, hotkey=code.hotkey,
                    parent=keys[code.parent_id] if code.parent_id is not None else None)
        for code in codebook.codes
    ]


def codebook_table(rows: list[CodebookRow]) -> ReportTable:
    """Indicators joined with ``", "`` in one cell."""
    return ReportTable("codebook", "", CODEBOOK_COLUMNS, [
        (r.group, r.code, r.name, r.description, r.include, r.exclude, INDICATOR_SEPARATOR.join(r.indicators),
         r.colour, r.hotkey, r.parent) for r in rows
    ])
