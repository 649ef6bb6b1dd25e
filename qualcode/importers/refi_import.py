"""Import a REFI-QDA project (.qdpx) or codebook (.qdc): read and check everything, then one transaction.

Users become coders (a name that already exists here must be confirmed or renamed, as in
``qualcode merge``), codes become groups and keyed codes (see ``refi_codebook``), text sources
become documents (a source whose stored text equals a document's is that document), selections
become codings on spans placed by ``refi_positions``, selection descriptions and notes become
memos, cases and variables become cases and typed attributes. Whatever qualcode cannot hold is
listed in the result, never dropped silently.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, select

from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.export.refi_extension import EXTENSION_ENTRY
from qualcode.importers.refi_archive import QdpxArchive, is_zip, read_xml_file
from qualcode.importers.refi_codebook import CodebookPlan, plan_codebook
from qualcode.importers.refi_errors import RefiError
from qualcode.importers.refi_extension import Extension, read_extension
from qualcode.importers.refi_model import RefiCoding, RefiProject, RefiSelection, RefiTextSource, Unsupported
from qualcode.importers.refi_positions import SourcePlacement, place_selections
from qualcode.importers.refi_text import AlignedText, align, decode_source
from qualcode.importers.refi_xml import duplicate_guids, parse_refi_xml
from qualcode.storage.cases import set_case_attributes
from qualcode.storage.coders import ensure_coder_in
from qualcode.storage.codings import NewCoding, insert_codings
from qualcode.storage.documents import store_transcript, text_sha256
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_merge import CoderClash, CoderClashError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CodeGroupRow, CodeRow, CoderRow, DocumentRow, MemoRow
from qualcode.storage.timestamps import utc_now

FALLBACK_CODER = "refi-import"
"""The coder of codings whose file names no user at all."""
REFUSED_SHOWN = 5


@dataclass(frozen=True)
class SourceCounting:
    """How one source's positions were counted, and the evidence."""

    source: str
    counting: str
    selections: int
    fitting: int
    on_word_boundaries: int
    names_matching: int
    runner_up: str | None
    runner_up_on_word_boundaries: int | None
    tied: bool


@dataclass(frozen=True)
class RefusedSelection:
    source: str
    guid: str
    start: int
    end: int
    reason: str
    codings: int


@dataclass(frozen=True)
class RefiImportResult:
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


@dataclass
class RefiFile:
    """A REFI-QDA file read and checked, before anything touches a project."""

    path: Path
    kind: str
    project: RefiProject
    extension: Extension | None
    texts: dict[str, bytes]
    """Text source or note GUID -> the bytes of its plain text, for those the archive holds."""


def _missing_text_reason(reference: str | None, rich: str | None) -> str:
    if reference is None:
        return f"it has only rich text ({rich}); qualcode imports plain text" if rich else "it has no text"
    if not reference.casefold().startswith("internal://"):
        return f"its text file is outside the .qdpx ({reference})"
    return f"its text file {reference} is not in the .qdpx"


def read_refi_file(path: Path) -> RefiFile:
    """Open and check ``path`` (.qdpx or .qdc); RefiError says what is wrong and where."""
    path = Path(path)
    if not path.exists():
        raise RefiError(path, "file not found")
    if path.is_dir():
        raise RefiError(path, "is a folder, not a .qdpx or .qdc file")
    if not is_zip(path):
        project = parse_refi_xml(read_xml_file(path), path, path.name)
        refi = RefiFile(path, "codebook" if project.is_codebook else "project", project, None, {})
        _load_texts(refi, None)
        return refi
    archive = QdpxArchive.open(path)
    try:
        entry = archive.project_entry()
        project = parse_refi_xml(archive.read(entry), path, entry)
        extension_entry = archive.find(EXTENSION_ENTRY)
        extension = read_extension(archive.read(extension_entry), path) if extension_entry else None
        refi = RefiFile(path, "project", project, extension, {})
        _load_texts(refi, archive)
    finally:
        archive.close()
    return refi


def _load_texts(refi: RefiFile, archive: QdpxArchive | None) -> None:
    items = [(source.guid, source.plain_text_content, source.plain_text_path) for source in refi.project.text_sources]
    items += [(note.guid, note.text, note.plain_text_path) for note in refi.project.notes]
    for guid, inline, reference in items:
        if inline is not None:
            refi.texts[guid] = inline.encode("utf-8")
            continue
        entry = archive.source_entry(reference) if archive and reference else None
        if entry is not None:
            refi.texts[guid] = archive.read(entry)


def _check_references(refi: RefiFile) -> None:
    project, path = refi.project, refi.path
    code_guids = [code.guid for code, _ in project.all_codes()]
    for what, guids in (("codes", code_guids), ("text sources", [s.guid for s in project.text_sources])):
        duplicates = duplicate_guids(guids)
        if duplicates:
            raise RefiError(path, f"two {what} share the GUID {duplicates[0]}")
    known_codes = set(code_guids)
    for source in project.text_sources:
        codings = [*source.codings, *(coding for selection in source.selections for coding in selection.codings)]
        for coding in codings:
            if coding.code_guid not in known_codes:
                raise RefiError(path, f"coding {coding.guid} in source {source.name!r} refers to code "
                                      f"{coding.code_guid}, which the file does not define")
    variables = {variable.guid for variable in project.variables}
    for owner, values in [*((case.name, case.values) for case in project.cases),
                          *((source.name, source.values) for source in project.text_sources)]:
        for guid, _ in values:
            if guid not in variables:
                raise RefiError(path, f"{owner!r} has a value for variable {guid}, which the file does not define")


@dataclass
class _PlannedDocument:
    source: RefiTextSource
    aligned: AlignedText
    source_sha256: str
    placement: SourcePlacement
    case_label: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class _PlannedCoding:
    document: int
    code_guid: str
    user_guid: str | None
    start: int
    end: int
    memo: str
    created: datetime | None
    updated: datetime | None


@dataclass
class _PlannedMemo:
    document: int
    user_guid: str | None
    start: int
    end: int
    text: str
    created: datetime | None


class _Planner:
    """Everything the import will write, worked out and checked before the transaction starts."""

    def __init__(self, refi: RefiFile, group_name: str | None):
        self.refi, self.project = refi, refi.project
        self.not_imported: list[Unsupported] = list(refi.project.unsupported)
        self.codebook: CodebookPlan = plan_codebook(self.project.codes, group_name or refi.path.stem, refi.extension)
        self.group_guids = self.codebook.group_guids()
        self.code_names = {code.guid: code.name for code, _ in self.project.all_codes()}
        self.notes = {note.guid: note for note in self.project.notes}
        self.used_notes: set[str] = set()
        self.documents: list[_PlannedDocument] = []
        self.codings: list[_PlannedCoding] = []
        self.memos: list[_PlannedMemo] = []
        self.refused: list[RefusedSelection] = []
        self.countings: list[SourceCounting] = []

    def note_text(self, guid: str) -> str:
        note = self.notes.get(guid)
        if note is None:
            return ""
        self.used_notes.add(guid)
        data = self.refi.texts.get(guid)
        text = ""
        if data is not None:
            try:
                text = align(decode_source(data)).text
            except UnicodeDecodeError:
                raise RefiError(self.refi.path, f"note {note.name!r}: its text is not UTF-8") from None
        return text or note.name

    def plan(self) -> None:
        variables = {variable.guid: variable.name for variable in self.project.variables}
        case_of: dict[str, str] = {}
        for case in self.project.cases:
            label = case.name or case.guid
            for source_guid in case.source_guids:
                if source_guid in case_of and case_of[source_guid] != label:
                    self.not_imported.append(Unsupported(
                        "case link", f"{label} → {source_guid}",
                        f"the source is in case {case_of[source_guid]} already; a document has one case"))
                case_of.setdefault(source_guid, label)
            if case.code_refs or case.selection_refs:
                self.not_imported.append(Unsupported(
                    "case references", label, "codes and selections linked to a case are not imported"))
        for source in self.project.text_sources:
            self.plan_source(source, case_of.get(source.guid), variables)
        for note in self.project.notes:
            if note.guid in self.used_notes:
                continue
            where = ("it is attached to a code, a link or the project" if note.guid in self.project.note_refs_elsewhere
                     else "it is not attached to a text source")
            self.not_imported.append(Unsupported("note", note.name or note.guid,
                                                 f"qualcode keeps memos on documents; {where}"))

    def plan_source(self, source: RefiTextSource, case_label: str | None, variables: dict[str, str]) -> None:
        name = source.name or source.guid
        codings = len(source.codings) + sum(len(selection.codings) for selection in source.selections)
        data = self.refi.texts.get(source.guid)
        if data is None:
            reason = _missing_text_reason(source.plain_text_path, source.rich_text_path)
            self.not_imported.append(Unsupported("text source", name, reason, codings))
            return
        try:
            aligned = align(decode_source(data))
        except UnicodeDecodeError as error:
            raise RefiError(self.refi.path, f"text source {name!r}: its text is not UTF-8 ({error.reason} at "
                                            f"byte {error.start})") from None
        if not aligned.text:
            self.not_imported.append(Unsupported("text source", name, "its text is empty", codings))
            return
        placement = place_selections(aligned, source.selections)
        index = len(self.documents)
        metadata = {variables[guid]: str(value) for guid, value in source.values if value is not None}
        self.documents.append(_PlannedDocument(source, aligned, hashlib.sha256(data).hexdigest(), placement,
                                               case_label, metadata))
        self.record_counting(name, aligned, placement)
        for placed in placement.placed:
            selection = placed.selection
            if not placed.fits:
                self.refused.append(RefusedSelection(name, selection.guid, selection.start, selection.end,
                                                     placed.problem, len(selection.codings)))
                continue
            self.plan_selection(index, selection, placed.start, placed.end)
        for coding in source.codings:
            self.plan_coding(index, coding, None, 0, len(aligned.text), "")
        for guid in source.note_guids:
            if guid in self.notes:
                note = self.notes[guid]
                self.memos.append(_PlannedMemo(index, note.user_guid or source.user_guid, 0, len(aligned.text),
                                               self.note_text(guid), note.created))

    def record_counting(self, name: str, aligned: AlignedText, placement: SourcePlacement) -> None:
        if not placement.placed:
            return
        best = placement.evidence[0]
        second = placement.evidence[1] if len(placement.evidence) > 1 else None
        self.countings.append(SourceCounting(
            name, placement.counting.label(aligned), len(placement.placed), best.fitting, best.on_word_boundaries,
            best.names_matching, second.counting.label(aligned) if second else None,
            second.on_word_boundaries if second else None, placement.tied))

    def joined_notes(self, guids: tuple[str, ...], *texts: str) -> str:
        parts = [text for text in texts if text] + [self.note_text(guid) for guid in guids if guid in self.notes]
        return "\n\n".join(part for part in parts if part)

    def plan_selection(self, index: int, selection: RefiSelection, start: int, end: int) -> None:
        if not selection.codings:
            texts = [(selection.description, selection.user_guid)] if selection.description else []
            texts += [(self.note_text(guid), self.notes[guid].user_guid or selection.user_guid)
                      for guid in selection.note_guids if guid in self.notes]
            for text, user in texts:
                if text:
                    self.memos.append(_PlannedMemo(index, user, start, end, text, selection.created))
            if not texts:
                self.not_imported.append(Unsupported(
                    "selection", selection.name or selection.guid, "it has neither a code nor a note"))
            return
        shared = self.joined_notes(selection.note_guids, selection.description)
        for coding in selection.codings:
            self.plan_coding(index, coding, selection, start, end, shared)

    def plan_coding(self, index: int, coding: RefiCoding, selection: RefiSelection | None, start: int, end: int,
                    shared_memo: str) -> None:
        if coding.code_guid in self.group_guids:
            self.not_imported.append(Unsupported(
                "coding", self.code_names[coding.code_guid],
                "its code cannot be coded (isCodable=false) and became a group", 1))
            return
        user = coding.user_guid or (selection.user_guid if selection else None) or self.project.creating_user_guid
        self.codings.append(_PlannedCoding(
            index, coding.code_guid, user, start, end, self.joined_notes(coding.note_guids, shared_memo),
            coding.created or (selection.created if selection else None), selection.modified if selection else None,
        ))


def _paragraph_turns(text: str) -> tuple[ParsedTurn, ...]:
    """One turn per non-empty line (without its indentation): REFI-QDA says nothing about speakers."""
    turns = []
    offset = 0
    for line in text.split("\n"):
        content = line.lstrip()
        if content:
            start = offset + len(line) - len(content)
            turns.append(ParsedTurn(speaker="", start=start, end=offset + len(line),
                                    paragraphs=((start, offset + len(line)),)))
        offset += len(line) + 1
    return tuple(turns)


class _Writer:
    """Writes a plan inside one transaction."""

    def __init__(self, session: Session, planner: _Planner, coder_names: dict[str, str]):
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
            parsed = ParsedTranscript(text=text, turns=_paragraph_turns(text), source_format="qdpx",
                                      metadata=planned.metadata, case_label=planned.case_label)
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
            values = {"document_id": documents[memo.document], "coder_id": self.coder_id(memo.user_guid),
                      "start": memo.start, "end": memo.end, "text": memo.text}
            same = self.session.exec(select(func.count()).select_from(MemoRow).where(
                *(getattr(MemoRow, column) == value for column, value in values.items()))).one()
            if same:
                continue
            created = memo.created or utc_now()
            self.session.add(MemoRow(**values, created_at=created, updated_at=created))
            added += 1
        self.session.flush()
        return added


def _json_list(values) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _attribute(value):
    return value if isinstance(value, (str, int, float, bool, date)) or value is None else str(value)


def _check_coders(store: ProjectStore, planner: _Planner, coder_names: dict[str, str]) -> None:
    names = {user.name or f"user {user.guid[:8]}" for user in planner.project.users}
    unknown = set(coder_names) - names
    if unknown:
        raise ProjectError(f"{planner.refi.path}: the file has no user(s) {', '.join(sorted(unknown))} to rename")
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
    coder_names = dict(coder_names or {})
    refi = read_refi_file(path)
    _check_references(refi)
    planner = _Planner(refi, group_name)
    planner.plan()
    if planner.refused and not skip_unfitting:
        shown = "; ".join(f"{item.source!r} {item.start}-{item.end}: {item.reason}"
                          for item in planner.refused[:REFUSED_SHOWN])
        more = f" (and {len(planner.refused) - REFUSED_SHOWN} more)" if len(planner.refused) > REFUSED_SHOWN else ""
        raise RefiError(refi.path, f"{len(planner.refused)} selection(s) do not fit the text of their source, "
                                   f"so nothing was imported: {shown}{more}. Import the rest with --skip-unfitting.")
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
        planned = [
            NewCoding(document_id=documents[item.document], code_id=code_ids[item.code_guid],
                      coder_id=writer.coder_id(item.user_guid), start=item.start, end=item.end, memo=item.memo,
                      origin="import", created_at=item.created, updated_at=item.updated or item.created)
            for item in planner.codings
        ]
        inserted = insert_codings(session, planned)
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
