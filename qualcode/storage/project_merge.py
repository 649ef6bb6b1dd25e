"""Merge another project's coders and codings into this one (blind coding in separate projects).

Documents are matched by the SHA-256 of their stored text, codes by their stable key. Nothing is
dropped: a document or code the other project has and this one lacks is copied over, and reported.
Coders are never merged because their names happen to match: a clash must be resolved with an
explicit mapping (``{"eva": "eva-thuis"}``, or ``{"eva": "eva"}`` to mean the same person).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from sqlalchemy import DateTime
from sqlalchemy.dialects import sqlite

from sqlmodel import Session, select

from qualcode.domain.bulk_work import without_cycle_collection
from qualcode.domain.language import _
from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.storage.coders import ensure_coder_in
from qualcode.storage.codings import insert_coding_values, stored_time
from qualcode.storage.database_errors import DATABASE_ERRORS, describe_database_error
from qualcode.storage.documents import store_transcript
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore, open_project
from qualcode.storage.tables import CodeGroupRow, CodeRow, CoderRow, CodingRow, DocumentRow


@dataclass(frozen=True)
class CoderClash:
    """Coders of the other project whose names exist here already."""

    names: tuple[str, ...]


class CoderClashError(ProjectError):
    def __init__(self, clash: CoderClash):
        self.clash = clash
        names = ", ".join(clash.names)
        super().__init__(
            f"coder name(s) {names} exist in both projects; say whether they are the same person "
            f"(--as {clash.names[0]}={clash.names[0]}) or give the other project's coder a new name "
            f"(--as {clash.names[0]}=NEW_NAME)"
        )


@dataclass
class MergeReport:
    documents_matched: list[str] = field(default_factory=list)
    documents_added: list[str] = field(default_factory=list)
    codes_matched: int = 0
    codes_added: list[str] = field(default_factory=list)
    coders: dict[str, str] = field(default_factory=dict)
    """Other project's coder name -> the name it has here."""
    codings_added: int = 0
    codings_already_present: int = 0


@contextmanager
def _reading_other(other: ProjectStore) -> Iterator[Session]:
    """A read session on the other project whose SQLite failures (a damaged file) name that project."""
    try:
        with other.session() as session:
            yield session
    except DATABASE_ERRORS as error:
        message = describe_database_error(error, other.database_path)
        raise ProjectError(_("cannot read the other project: {message}").format(message=message)) from error


def coder_clashes(store: ProjectStore, other: ProjectStore) -> CoderClash:
    """Names of coders with codings in ``other`` that already exist in ``store``."""
    with _reading_other(other) as session:
        names = set(session.exec(select(CoderRow.name).join(CodingRow, CodingRow.coder_id == CoderRow.id).distinct()))
    with store.session() as session:
        local = set(session.exec(select(CoderRow.name)))
    return CoderClash(tuple(sorted(names & local)))


def merge_project(store: ProjectStore, other_folder: Path, coder_names: dict[str, str] | None = None) -> MergeReport:
    """Bring ``other_folder``'s codings in, all in one transaction; see the module docstring."""
    with without_cycle_collection():
        return _merge_project(store, other_folder, coder_names)


def _merge_project(store: ProjectStore, other_folder: Path, coder_names: dict[str, str] | None) -> MergeReport:
    coder_names = dict(coder_names or {})
    other = open_project(Path(other_folder))
    try:
        if not store.on_server and other.database_path.resolve() == store.database_path.resolve():
            raise ProjectError(_("cannot merge a project into itself"))
        unresolved = tuple(name for name in coder_clashes(store, other).names if name not in coder_names)
        if unresolved:
            raise CoderClashError(CoderClash(unresolved))
        with _reading_other(other) as source:
            snapshot = _read_other(source)
    finally:
        other.close()
    unknown = set(coder_names) - {coder.name for coder in snapshot.coders.values()}
    if unknown:
        raise ProjectError(_("the other project has no coder(s) {unknown} to rename").format(unknown=', '.join(sorted(unknown))))
    report = MergeReport()
    with store.transaction() as session:
        documents = _match_documents(session, snapshot, report)
        codes = _match_codes(session, snapshot, report)
        coders = {}
        for coder_id, coder in snapshot.coders.items():
            name = coder_names.get(coder.name, coder.name)
            coders[coder_id] = ensure_coder_in(session, name).id
            report.coders[coder.name] = name
        inserted = insert_coding_values(session, [
            (documents[document_id], codes[code_id], coders[coder_id], start, end, memo, "merge", created, updated)
            for document_id, code_id, coder_id, start, end, memo, created, updated in snapshot.codings
        ])
        report.codings_added = len(inserted)
        report.codings_already_present = len(snapshot.codings) - len(inserted)
    return report


_Segment = tuple[int, str, int, int, int, int, str, float | None]
"""(document_id, kind, idx, turn_index, start, end, speaker, start_time) of the other project's segment."""

_Coding = tuple[int, int, int, int, int, str, str, str]
"""(document_id, code_id, coder_id, start, end, memo, created_at, updated_at) of the other project's coding,
its times as the store writes them (``stored_time``)."""


@dataclass
class _Snapshot:
    documents: list[DocumentRow]
    segments: dict[int, list[_Segment]]
    groups: dict[int, CodeGroupRow]
    codes: list[CodeRow]
    coders: dict[int, CoderRow]
    codings: list[_Coding]


_STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
"""A time as qualcode writes it; anything else is read as the ORM reads it and written anew."""
_STORED_TIME_GLOB = "-".join(["[0-9]" * 4, "[0-9]" * 2, "[0-9]" * 2]) + " " + ":".join(["[0-9]" * 2] * 3) + "." + "[0-9]" * 6
"""``_STORED_TIME`` as an SQLite GLOB pattern, so that a project whose times all match is checked in one query."""


def _read_other(session: Session) -> _Snapshot:
    # Segments and codings are read as sqlite3's plain tuples (the other project is a folder): 100,000 rows
    # make no objects.
    cursor = session.connection().connection.cursor()
    segments: dict[int, list[_Segment]] = {}
    cursor.execute('SELECT document_id, kind, idx, turn_index, start, "end", speaker, start_time FROM segments '
                   "ORDER BY document_id, kind, idx")
    for row in cursor.fetchall():
        segments.setdefault(row[0], []).append(row)
    cursor.execute('SELECT document_id, code_id, coder_id, start, "end", memo, created_at, updated_at FROM codings '
                   "ORDER BY id")
    codings = cursor.fetchall()
    cursor.execute(f"SELECT count(*) FROM codings WHERE NOT (created_at GLOB '{_STORED_TIME_GLOB}' "
                   f"AND updated_at GLOB '{_STORED_TIME_GLOB}')")
    if cursor.fetchone()[0]:
        stored = _TimeText().stored
        codings = [(document_id, code_id, coder_id, start, end, memo, stored(created), stored(updated))
                   for document_id, code_id, coder_id, start, end, memo, created, updated in codings]
    cursor.close()
    used_coders = {row[2] for row in codings}
    return _Snapshot(
        documents=list(session.exec(select(DocumentRow))),
        segments=segments,
        groups={row.id: row for row in session.exec(select(CodeGroupRow))},
        codes=list(session.exec(select(CodeRow).order_by(CodeRow.position, CodeRow.id))),
        coders={row.id: row for row in session.exec(select(CoderRow)) if row.id in used_coders},
        codings=codings,
    )


class _TimeText:
    """Stored times of the other project as this one writes them: the same text, when it is qualcode's own."""

    def __init__(self) -> None:
        self._parse = DateTime().dialect_impl(sqlite.dialect()).result_processor(sqlite.dialect(), None)

    def stored(self, text: str) -> str:
        if _STORED_TIME.fullmatch(text):
            return text
        moment = self._parse(text)  # then as SQLModel's UTCDateTime takes it: a time without a zone is UTC
        return stored_time(moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment)


def _match_documents(session: Session, snapshot: _Snapshot, report: MergeReport) -> dict[int, int]:
    local = {row.text_sha256: row for row in session.exec(select(DocumentRow))}
    mapping = {}
    for document in snapshot.documents:
        match = local.get(document.text_sha256)
        if match is not None:
            mapping[document.id] = match.id
            report.documents_matched.append(match.name)
            continue
        added = store_transcript(session, _as_parsed(document, snapshot.segments.get(document.id, [])),
                                 name=document.name, source_name=document.source_name,
                                 source_sha256=document.source_sha256)
        mapping[document.id] = added.id
        local[document.text_sha256] = added
        report.documents_added.append(added.name)
    return mapping


def _as_parsed(document: DocumentRow, segments: list[_Segment]) -> ParsedTranscript:
    paragraphs: dict[int, list[tuple[int, int]]] = {}
    turns = []
    for _document_id, kind, idx, turn_index, start, end, speaker, start_time in segments:
        if kind == "turn":
            turns.append((idx, speaker, start, end, start_time))
        elif kind == "paragraph":
            paragraphs.setdefault(turn_index, []).append((start, end))
    return ParsedTranscript(
        text=document.text,
        turns=tuple(
            ParsedTurn(speaker=speaker, start=start, end=end, start_time=start_time,
                       paragraphs=tuple(paragraphs.get(idx, ())))
            for idx, speaker, start, end, start_time in turns
        ),
        source_format=document.source_format,
        metadata=json.loads(document.metadata_json),
        interviewer_label=document.interviewer_label,
    )


def _match_codes(session: Session, snapshot: _Snapshot, report: MergeReport) -> dict[int, int]:
    local = {row.key: row for row in session.exec(select(CodeRow))}
    groups = {row.key: row for row in session.exec(select(CodeGroupRow))}
    keys = {row.id: row.key for row in snapshot.codes}
    mapping = {}
    for code in snapshot.codes:  # parents come before children in position order
        if code.key in local:
            report.codes_matched += 1
        else:
            source_group = snapshot.groups[code.group_id]
            group = groups.get(source_group.key)
            if group is None:
                group = CodeGroupRow(key=source_group.key, name=source_group.name, description=source_group.description,
                                     colour=source_group.colour, position=len(groups))
                session.add(group)
                session.flush()
                groups[group.key] = group
            parent = local.get(keys.get(code.parent_id)) if code.parent_id else None
            taken = {row.hotkey for row in local.values() if row.hotkey}
            row = CodeRow(key=code.key, group_id=group.id, parent_id=parent.id if parent else None, name=code.name,
                          description=code.description, inclusion=code.inclusion, exclusion=code.exclusion,
                          indicators_json=code.indicators_json, colour=code.colour,
                          hotkey=code.hotkey if code.hotkey not in taken else None, position=len(local))
            session.add(row)
            session.flush()
            local[row.key] = row
            report.codes_added.append(row.key)
        mapping[code.id] = local[code.key].id
    return mapping
