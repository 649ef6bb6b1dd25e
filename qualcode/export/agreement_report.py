"""What the agreement report holds: the figures of ``qualcode agreement``, the compared data, each disagreement.

Every number comes from ``coded_text_agreement``, the function behind ``qualcode agreement``;
this module only gathers what a reader also needs around them: the documents with their word
counts, a fingerprint of the compared codings, each disagreement with its turn, time and how it
was settled into the consensus coder, and the command that makes the same report again.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from qualcode.agreement.coded_text import CodeAgreement
from qualcode.agreement.disagreements import Disagreement, clip_spans
from qualcode.domain.language import _
from qualcode.domain.models import Code, Codebook, Segment
from qualcode.storage.agreement_data import CodedTextReport, coded_text_agreement
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import list_coders
from qualcode.storage.codings import list_codings
from qualcode.storage.consensus import DEFAULT_CONSENSUS, Settlement, settlement_progress
from qualcode.storage.documents import document_segments, list_documents
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore

FINGERPRINT_VERSION = 1
"""Bumped when what the fingerprint covers changes, so that old and new fingerprints are never confused."""


def unit_name(unit: str) -> str:
    """The plural name of a unit, in the interface language (written out so the catalogue finds each)."""
    return {"char": _("characters"), "turn": _("turns"), "paragraph": _("paragraphs"), "sentence": _("sentences")}[unit]


@dataclass(frozen=True)
class ReportChoice:
    """What to compare: two coders, the unit, the minimum overlap and the documents (empty: the default)."""

    coders: tuple[str, str]
    unit: str = "char"
    min_overlap: float | None = None
    documents: tuple[str, ...] = ()
    seed: int = 0

    def arguments(self) -> list[str]:
        """The options that make this choice, as ``qualcode agreement`` and ``qualcode report agreement`` take them."""
        words = ["--coders", *self.coders, "--unit", self.unit]
        if self.min_overlap is not None:
            words += ["--min-overlap", f"{self.min_overlap:g}"]
        for document in self.documents:
            words += ["--documents", document]
        if self.seed:
            words += ["--seed", str(self.seed)]
        return words


@dataclass(frozen=True)
class ComparedDocument:
    name: str
    case: str | None
    words: int


@dataclass(frozen=True)
class PlacedDisagreement:
    """A disagreement with where it is (turn number from 1, speaker, time) and how it was settled (or None)."""

    disagreement: Disagreement
    turn: int | None
    speaker: str
    time: float | None
    settlement: Settlement | None
    a_in_context: tuple[tuple[int, int], ...]
    b_in_context: tuple[tuple[int, int], ...]
    """Each coder's codings of the code within the context (not only those over the disagreement)."""

    @property
    def key(self) -> str:
        """Unique within one code: the document and the region."""
        return f"{self.disagreement.document_id}:{self.disagreement.start}-{self.disagreement.end}"


@dataclass(frozen=True)
class CodeDisagreements:
    code: Code
    row: CodeAgreement
    found: tuple[PlacedDisagreement, ...]

    @property
    def settled(self) -> int:
        return sum(1 for placed in self.found if placed.settlement is not None)


@dataclass(frozen=True)
class AgreementReport:
    """Everything the report shows, computed once; rendering it reads only this."""

    project: str
    choice: ReportChoice
    figures: CodedTextReport
    codebook: Codebook
    documents: tuple[ComparedDocument, ...]
    disagreements: tuple[CodeDisagreements, ...]
    """Per code row, worst agreement first (the per-code table's order)."""
    fingerprint: str
    made_at: datetime
    qualcode_version: str
    consensus: str = DEFAULT_CONSENSUS
    pseudonymised: bool = False
    """Whether quotes, offsets in them and names went through the accepted pseudonyms (``pseudonymised_report``)."""
    notes: tuple[str, ...] = field(default=())

    @property
    def rows(self) -> list[CodeAgreement]:
        return self.figures.agreement.worst_first()

    @property
    def pooled(self) -> CodeAgreement:
        return self.figures.agreement.pooled

    def code_of(self, row: CodeAgreement) -> Code:
        return self.codebook.code_by_id(row.code_id)

    def command(self, output: str | Path) -> str:
        """The command that writes this report again (run in the project folder)."""
        pseudonymised = ["--pseudonymised"] if self.pseudonymised else []
        return shlex.join(["qualcode", "report", "agreement", *self.choice.arguments(), *pseudonymised,
                           "--output", str(output)])

    def json_command(self) -> str:
        """The command whose JSON holds exactly the report's numbers."""
        return shlex.join(["qualcode", "agreement", *self.choice.arguments(), "--format", "json"])


def _turn_at(turns: Sequence[Segment], offset: int) -> Segment | None:
    """The first turn (in document order) that ends after ``offset``: the one it lies in, or the next."""
    index = bisect.bisect_right(turns, offset, key=lambda segment: segment.end)
    return turns[index] if index < len(turns) else None


def agreement_report(store: ProjectStore, choice: ReportChoice, *, consensus: str = DEFAULT_CONSENSUS,
                     made_at: datetime | None = None) -> AgreementReport:
    """Compute the report for ``choice``; ProjectError (from the store) when a choice is wrong."""
    figures = coded_text_agreement(store, choice.coders, unit=choice.unit, min_overlap=choice.min_overlap,
                                   documents=list(choice.documents) or None, seed=choice.seed, by_document=False)
    scope = figures.scope
    codebook = load_codebook(store)
    summaries = {summary.id: summary for summary in list_documents(store)}
    documents = tuple(ComparedDocument(document.name, summaries[document.id].case_label, summaries[document.id].words)
                      for document in scope.documents)
    turns = {document.id: document_segments(store, document.id, "turn")
             for document in scope.documents}
    per_code = []
    for row in figures.agreement.worst_first():
        progress = settlement_progress(store, scope, row.code_id, min_overlap=choice.min_overlap, consensus=consensus)
        placed = []
        for found in progress.disagreements:
            turn = _turn_at(turns[found.document_id], found.start)
            in_context = [tuple(clip_spans(scope.codings_of(coder.id, row.code_id, found.document_id),
                                           found.context_start, found.context_end)) for coder in scope.coders]
            placed.append(PlacedDisagreement(
                found, None if turn is None else turn.index + 1, "" if turn is None else turn.speaker,
                None if turn is None else turn.start_time, progress.settled.get((found.document_id, found.start)),
                *in_context))
        per_code.append(CodeDisagreements(codebook.code_by_id(row.code_id), row, tuple(placed)))
    return AgreementReport(
        project=store.folder.resolve().name, choice=choice, figures=figures, codebook=codebook, documents=documents,
        disagreements=tuple(per_code), fingerprint=codings_fingerprint(figures, codebook),
        made_at=made_at or datetime.now(timezone.utc), qualcode_version=_qualcode_version(), consensus=consensus,
        notes=report_notes(figures))


def default_pair(store: ProjectStore) -> tuple[str, str]:
    """The two coders with most codings (never the consensus coder); ProjectError when fewer than two coded."""
    counts: dict[int, int] = {}
    for coding in list_codings(store):
        counts[coding.coder_id] = counts.get(coding.coder_id, 0) + 1
    ranked = sorted((coder for coder in list_coders(store) if counts.get(coder.id) and coder.name != DEFAULT_CONSENSUS),
                    key=lambda coder: (-counts[coder.id], coder.name))
    if len(ranked) < 2:
        raise ProjectError(_("agreement needs two coders with codings; this project has {count}").format(
            count=len(ranked)))
    return ranked[0].name, ranked[1].name


def codings_fingerprint(figures: CodedTextReport, codebook: Codebook) -> str:
    """SHA-256 over what was compared: unit, overlap, coders, each document's text and every compared coding.

    Two reports with the same fingerprint compared the same codings of the same texts in the same
    way; a coding moved by one character, or a corrected transcript, gives another.
    """
    scope, result = figures.scope, figures.agreement
    names = {coder.id: coder.name for coder in scope.coders}
    compared = {row.code_id for row in result.rows}
    keys = {code.id: code.key for code in codebook.codes}
    documents = {document.id: document for document in scope.documents}
    content = {
        "version": FINGERPRINT_VERSION,
        "unit": scope.unit,
        "min_overlap": result.min_overlap,
        "coders": [coder.name for coder in scope.coders],
        "documents": sorted([document.name, hashlib.sha256(document.text.encode()).hexdigest()]
                            for document in scope.documents),
        "codings": sorted([names[coding.coder_id], documents[coding.document_id].name, keys[coding.code_id],
                           coding.start, coding.end]
                          for coding in scope.codings if coding.code_id in compared),
    }
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def report_notes(figures: CodedTextReport, document_name: Callable[[str], str] = str) -> tuple[str, ...]:
    """What was left out and why; ``document_name`` shows a document's name (pseudonymised, perhaps)."""
    scope = figures.scope
    notes = []
    if scope.partly_coded_documents:
        notes.append(_("Left out, as only one of the coders coded in them: {documents}.").format(
            documents=", ".join(map(document_name, scope.partly_coded_documents))))
    unused = scope.unused_codes()
    if unused:
        notes.append(_("Left out, as neither coder used them in these documents: {codes}.").format(
            codes=", ".join(code.key for code in unused)))
    for coder in scope.coders_without_codings():
        notes.append(_("{coder} has no codings of these codes in the chosen documents.").format(coder=coder.name))
    return tuple(notes)


def _qualcode_version() -> str:
    try:
        return version("qualcode")
    except PackageNotFoundError:
        return "unknown"
