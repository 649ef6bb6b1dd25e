"""Work out everything a REFI-QDA import will write, and what it cannot, before the transaction starts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from qualcode.domain.language import _
from qualcode.importers.refi_codebook import CodebookPlan, plan_codebook
from qualcode.importers.refi_errors import RefiError
from qualcode.importers.refi_file import RefiFile, missing_text_reason
from qualcode.importers.refi_model import RefiCoding, RefiSelection, RefiTextSource, Unsupported
from qualcode.importers.refi_positions import SourcePlacement, place_selections
from qualcode.importers.refi_text import AlignedText, align, decode_source


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


@dataclass
class PlannedDocument:
    source: RefiTextSource
    aligned: AlignedText
    source_sha256: str
    placement: SourcePlacement
    case_label: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class PlannedCoding:
    document: int
    code_guid: str
    user_guid: str | None
    start: int
    end: int
    memo: str
    created: datetime | None
    updated: datetime | None


@dataclass
class PlannedMemo:
    document: int
    user_guid: str | None
    start: int
    end: int
    text: str
    created: datetime | None


class ImportPlan:
    """Everything the import will write, worked out and checked before the transaction starts."""

    def __init__(self, refi: RefiFile, group_name: str | None):
        self.refi, self.project = refi, refi.project
        self.not_imported: list[Unsupported] = list(refi.project.unsupported)
        self.codebook: CodebookPlan = plan_codebook(self.project.codes, group_name or refi.path.stem, refi.extension)
        self.group_guids = self.codebook.group_guids()
        self.code_names = {code.guid: code.name for code, _ in self.project.all_codes()}
        self.notes = {note.guid: note for note in self.project.notes}
        self.used_notes: set[str] = set()
        self.documents: list[PlannedDocument] = []
        self.codings: list[PlannedCoding] = []
        self.memos: list[PlannedMemo] = []
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
                raise RefiError(self.refi.path, _("note {name!r}: its text is not UTF-8").format(name=note.name)) from None
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
                     else "it is not attached to a text source that was imported")
            self.not_imported.append(Unsupported("note", note.name or note.guid,
                                                 f"qualcode keeps memos on documents; {where}"))

    def plan_source(self, source: RefiTextSource, case_label: str | None, variables: dict[str, str]) -> None:
        name = source.name or source.guid
        codings = len(source.codings) + sum(len(selection.codings) for selection in source.selections)
        data = self.refi.texts.get(source.guid)
        if data is None:
            reason = missing_text_reason(source.plain_text_path, source.rich_text_path)
            self.not_imported.append(Unsupported("text source", name, reason, codings))
            return
        try:
            aligned = align(decode_source(data))
        except UnicodeDecodeError as error:
            raise RefiError(self.refi.path, _("text source {name!r}: its text is not UTF-8 ({reason} at byte {start})").format(name=name, reason=error.reason, start=error.start)) from None
        if not aligned.text:
            self.not_imported.append(Unsupported("text source", name, "its text is empty", codings))
            return
        placement = place_selections(aligned, source.selections)
        index = len(self.documents)
        metadata = {variables[guid]: str(value) for guid, value in source.values if value is not None}
        self.documents.append(PlannedDocument(source, aligned, hashlib.sha256(data).hexdigest(), placement,
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
                self.memos.append(PlannedMemo(index, note.user_guid or source.user_guid, 0, len(aligned.text),
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
        if not guids and len(texts) == 1:
            return texts[0]  # the usual coding: its selection's memo, or none
        parts = [text for text in texts if text] + [self.note_text(guid) for guid in guids if guid in self.notes]
        return "\n\n".join(part for part in parts if part)

    def plan_selection(self, index: int, selection: RefiSelection, start: int, end: int) -> None:
        if not selection.codings:
            texts = [(selection.description, selection.user_guid)] if selection.description else []
            texts += [(self.note_text(guid), self.notes[guid].user_guid or selection.user_guid)
                      for guid in selection.note_guids if guid in self.notes]
            for text, user in texts:
                if text:
                    self.memos.append(PlannedMemo(index, user, start, end, text, selection.created))
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
        self.codings.append(PlannedCoding(
            index, coding.code_guid, user, start, end, self.joined_notes(coding.note_guids, shared_memo),
            coding.created or (selection.created if selection else None), selection.modified if selection else None,
        ))
