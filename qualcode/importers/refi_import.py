"""Import a REFI-QDA project (.qdpx) or codebook (.qdc): read and check everything, then one transaction.

Users become coders (a name that already exists here must be confirmed or renamed, as in
``qualcode merge``), codes become groups and keyed codes (see ``refi_codebook``), text sources
become documents (a source whose stored text equals a document's is that document; speaker turns
and the interviewer are found as for any transcript, by ``labelled_transcript``), selections
become codings on spans placed by ``refi_positions``, selection descriptions and notes become
memos, cases and variables become cases and typed attributes. Whatever qualcode cannot hold is
listed in the result, never dropped silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, select

from qualcode.domain.bulk_work import without_cycle_collection
from qualcode.domain.language import _
from qualcode.domain.transcript import ParsedTranscript
from qualcode.importers.interviewer_label import interviewer_label
from qualcode.importers.labelled_transcript import parse_labelled_text
from qualcode.importers.refi_errors import RefiError
from qualcode.importers.refi_file import check_references, read_refi_file
from qualcode.importers.refi_model import Unsupported
from qualcode.importers.refi_plan import ImportPlan, PlannedDocument, RefusedSelection, SourceCounting
from qualcode.storage.cases import set_case_attributes
from qualcode.storage.coders import ensure_coder_in
from qualcode.storage.codings import insert_coding_values, stored_time
from qualcode.storage.documents import store_transcript, text_sha256
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_merge import CoderClash, CoderClashError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CodeGroupRow, CodeRow, CoderRow, DocumentRow, MemoRow
from qualcode.storage.timestamps import utc_now

SOURCE_FORMAT = "qdpx"
FALLBACK_CODER = "refi-import"
"""The coder of codings whose file names no user at all."""
REFUSED_SHOWN = 5


@dataclass(frozen=True)
class RefiImportResult:
    """What an import did (or, for a dry run, would do), and everything it left out and why."""

    path: Path
    kind: str
    """``project`` or ``codebook``."""
    origin: str
    documents_added: tuple[str, ...] = ()
    documents_matched: tuple[str, ...] = ()
    groups_added: tuple[str, ...] = ()
    codes_added: tuple[str, ...] = ()
    codes_matched: int = 0
    coders: tuple[tuple[str, str], ...] = ()
    """(name in the file, coder name here) for every user."""
    codings_added: int = 0
    codings_already_present: int = 0
    memos_added: int = 0
    cases: tuple[str, ...] = ()
    countings: tuple[SourceCounting, ...] = ()
    refused: tuple[RefusedSelection, ...] = ()
    not_imported: tuple[Unsupported, ...] = ()
    dry_run: bool = False

class _Writer:
    """Writes a plan inside one transaction."""

    def __init__(self, session: Session, planner: ImportPlan, coder_names: dict[str, str]):
        self.session, self.planner, self.project = session, planner, planner.project
        self.coder_names = coder_names
        self.users = {user.guid: user.name or f"user {user.guid[:8]}" for user in self.project.users}
        self.coder_ids: dict[str | None, int] = {}
        self.not_imported: list[Unsupported] = []
        self.rows: list = []
        """Rows the transaction wrote or matched, held so the session's weak identity map keeps them."""

    def coder_name(self, user_guid: str | None) -> str:
        if user_guid is None:
            return FALLBACK_CODER
        name = self.users.get(user_guid, f"user {user_guid[:8]}")
        return self.coder_names.get(name, name)

    def coder_id(self, user_guid: str | None) -> int:
        if user_guid not in self.coder_ids:
            row = ensure_coder_in(self.session, self.coder_name(user_guid))
            self.rows.append(row)
            self.coder_ids[user_guid] = row.id
        return self.coder_ids[user_guid]

    def codebook(self) -> tuple[dict[str, int], list[str], list[str], int]:
        """Code GUID -> code id; groups added; codes added; codes matched."""
        plan = self.planner.codebook
        groups = {row.key: row for row in self.session.exec(select(CodeGroupRow))}
        codes = {row.key: row for row in self.session.exec(select(CodeRow))}
        hotkeys = {row.hotkey: row.key for row in codes.values() if row.hotkey}
        group_position = max((row.position for row in groups.values()), default=-1) + 1
        code_position = max((row.position for row in codes.values()), default=-1) + 1
        groups_added, codes_added, matched = [], [], 0
        for group in plan.groups:
            if group.key not in groups:
                row = CodeGroupRow(key=group.key, name=group.name, description=group.description,
                                   colour=group.colour, position=group_position)
                group_position += 1
                self.session.add(row)
                self.session.flush()
                groups[row.key] = row
                groups_added.append(row.key)
        ids = {}
        for code in plan.codes:
            row = codes.get(code.key)
            if row is not None:
                matched += 1
            else:
                extras = code.extras
                hotkey = extras.hotkey if extras else None
                if hotkey and hotkey in hotkeys:
                    self.not_imported.append(Unsupported("hotkey", f"{hotkey} for {code.key}",
                                                         f"already bound to {hotkeys[hotkey]}"))
                    hotkey = None
                row = CodeRow(
                    key=code.key, group_id=groups[code.group_key].id,
                    parent_id=codes[code.parent_key].id if code.parent_key else None, name=code.name,
                    description=code.description, colour=code.colour, position=code_position,
                    inclusion=extras.inclusion if extras else "", exclusion=extras.exclusion if extras else "",
                    indicators_json=_json_list(extras.indicators if extras else ()), hotkey=hotkey,
                )
                code_position += 1
                if hotkey:
                    hotkeys[hotkey] = code.key
                self.session.add(row)
                self.session.flush()
                codes[row.key] = row
                codes_added.append(row.key)
            ids[code.guid] = row.id
        self.rows += [*groups.values(), *codes.values()]
        return ids, groups_added, codes_added, matched

    def cases(self) -> list[str]:
        variables = {variable.guid: variable.name for variable in self.project.variables}
        labels = []
        for case in self.project.cases:
            label = case.name or case.guid
            attributes = {variables[guid]: _attribute(value) for guid, value in case.values}
            set_case_attributes(self.session, label, attributes)
            labels.append(label)
        self.session.flush()
        return labels

    def documents(self) -> tuple[list[int], list[str], list[str]]:
        existing = {row.text_sha256: row for row in self.session.exec(select(DocumentRow))}
        ids, added, matched = [], [], []
        for planned in self.planner.documents:
            text = planned.aligned.text
            name = planned.source.name or planned.source.guid
            row = existing.get(text_sha256(text))
            if row is not None:
                matched.append(row.name)
                ids.append(row.id)
                continue
            parsed = _transcript(text, planned, self.planner.refi.path)
            row = store_transcript(self.session, parsed, name=name,
                                   source_name=planned.source.plain_text_path or name,
                                   source_sha256=planned.source_sha256)
            existing[row.text_sha256] = row
            ids.append(row.id)
            added.append(row.name)
        self.rows += existing.values()
        return ids, added, matched

    def memos(self, documents: list[int]) -> int:
        added = 0
        for memo in self.planner.memos:
            # A memo whose file names no author stays without one, unlike a coding, which needs a coder.
            coder_id = self.coder_id(memo.user_guid) if memo.user_guid else None
            values = {"document_id": documents[memo.document], "coder_id": coder_id,
                      "start": memo.start, "end": memo.end, "text": memo.text}
            same = self.session.exec(select(func.count()).select_from(MemoRow).where(
                *(getattr(MemoRow, column).is_(value) if value is None else getattr(MemoRow, column) == value
                  for column, value in values.items()))).one()
            if same:
                continue
            created = memo.created or utc_now()
            self.session.add(MemoRow(**values, created_at=created, updated_at=created))
            added += 1
        self.session.flush()
        return added


def _transcript(text: str, planned: PlannedDocument, path: Path) -> ParsedTranscript:
    """Header, speaker turns and interviewer as for any transcript; the file's case and variables win."""
    parsed = parse_labelled_text(text, SOURCE_FORMAT)
    return replace(parsed, metadata={**parsed.metadata, **planned.metadata},
                   case_label=planned.case_label or parsed.case_label,
                   interviewer_label=interviewer_label(parsed, None, path))


def _json_list(values) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _attribute(value):
    return value if isinstance(value, (str, int, float, bool, date)) or value is None else str(value)


def _check_coders(store: ProjectStore, planner: ImportPlan, coder_names: dict[str, str]) -> None:
    names = {user.name or f"user {user.guid[:8]}" for user in planner.project.users}
    unknown = set(coder_names) - names
    if unknown:
        raise ProjectError(_("{path}: the file has no user(s) {unknown} to rename").format(path=planner.refi.path, unknown=', '.join(sorted(unknown))))
    users = {user.guid: user.name or f"user {user.guid[:8]}" for user in planner.project.users}
    active = {users.get(item.user_guid, f"user {item.user_guid[:8]}") for item in [*planner.codings, *planner.memos]
              if item.user_guid is not None}
    with store.session() as session:
        local = set(session.exec(select(CoderRow.name)))
    clashes = tuple(sorted(name for name in active if name in local and name not in coder_names))
    if clashes:
        raise CoderClashError(CoderClash(clashes))


def import_refi(
    store: ProjectStore, path: Path, *, coder_names: dict[str, str] | None = None, skip_unfitting: bool = False,
    group_name: str | None = None, dry_run: bool = False,
) -> RefiImportResult:
    """Import ``path`` into ``store``; see the module docstring. Raises RefiError or ProjectError, changing nothing.

    ``coder_names`` maps user names in the file to coder names here (``{"eva": "eva"}`` confirms
    the same person). Selections that do not fit their text stop the import, unless
    ``skip_unfitting``: then they are left out and listed in the result. ``group_name`` names the
    group for codes from another tool (default: the file's name).
    """
    with without_cycle_collection():
        return _import_refi(store, path, coder_names=coder_names, skip_unfitting=skip_unfitting,
                            group_name=group_name, dry_run=dry_run)


def _import_refi(store: ProjectStore, path: Path, *, coder_names: dict[str, str] | None, skip_unfitting: bool,
                 group_name: str | None, dry_run: bool) -> RefiImportResult:
    coder_names = dict(coder_names or {})
    refi = read_refi_file(path)
    check_references(refi)
    planner = ImportPlan(refi, group_name)
    planner.plan()
    if planner.refused and not skip_unfitting:
        shown = "; ".join(f"{item.source!r} {item.start}-{item.end}: {item.reason}"
                          for item in planner.refused[:REFUSED_SHOWN])
        more = f" (and {len(planner.refused) - REFUSED_SHOWN} more)" if len(planner.refused) > REFUSED_SHOWN else ""
        raise RefiError(refi.path, _("{count} selection(s) do not fit the text of their source, so nothing was imported: {shown}{more}. Import the rest with --skip-unfitting.").format(count=len(planner.refused), shown=shown, more=more))
    _check_coders(store, planner, coder_names)
    with store.transaction() as session:
        writer = _Writer(session, planner, coder_names)
        code_ids, groups_added, codes_added, codes_matched = writer.codebook()
        coders = []
        for user in refi.project.users:
            writer.coder_id(user.guid)
            coders.append((user.name, writer.coder_name(user.guid)))
        cases = writer.cases()
        documents, documents_added, documents_matched = writer.documents()
        stored = lru_cache(maxsize=4096)(stored_time)  # many codings carry the same time: each is written once
        planned = [
            (documents[item.document], code_ids[item.code_guid], writer.coder_id(item.user_guid), item.start,
             item.end, item.memo, "import", item.created and stored(item.created),
             item.updated and stored(item.updated))
            for item in planner.codings
        ]
        inserted = insert_coding_values(session, planned)
        memos = writer.memos(documents)
        if dry_run:
            session.rollback()
    return RefiImportResult(
        path=refi.path, kind=refi.kind, origin=refi.project.origin,
        documents_added=tuple(documents_added), documents_matched=tuple(documents_matched),
        groups_added=tuple(groups_added), codes_added=tuple(codes_added), codes_matched=codes_matched,
        coders=tuple(coders), codings_added=len(inserted), codings_already_present=len(planned) - len(inserted),
        memos_added=memos, cases=tuple(cases), countings=tuple(planner.countings), refused=tuple(planner.refused),
        not_imported=tuple(planner.not_imported + writer.not_imported), dry_run=dry_run,
    )
