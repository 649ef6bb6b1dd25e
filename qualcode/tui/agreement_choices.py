"""What the agreement screens read from the project, one call each (run from a worker thread)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pathlib import Path

from qualcode.domain.models import Codebook, Coder, DocumentSummary
from qualcode.storage.agreement_data import CodedTextReport, coded_text_agreement
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import list_coders
from qualcode.storage.coding_counts import codings_per_coder_and_document
from qualcode.storage.consensus import DEFAULT_CONSENSUS, SettlementCount, settlement_counts
from qualcode.storage.documents import list_documents
from qualcode.storage.project_store import ProjectStore


@dataclass(frozen=True)
class CoderChoice:
    """A coder with how many codings they made and in which documents."""

    coder: Coder
    codings: int
    documents: frozenset[int]


@dataclass(frozen=True)
class AgreementChoices:
    """The coders (most codings first) and documents a supervisor can compare on."""

    coders: tuple[CoderChoice, ...]
    documents: tuple[DocumentSummary, ...]

    def default_pair(self, current: Coder | None) -> tuple[Coder, Coder] | None:
        """The current coder and the other coder with most codings, else the two with most; None if fewer coded.

        The consensus coder is never a default: it is what settling writes to.
        """
        coded = [choice.coder for choice in self.coders if choice.codings and choice.coder.name != DEFAULT_CONSENSUS]
        if len(coded) < 2:
            return None
        if current in coded:
            return current, next(coder for coder in coded if coder != current)
        return coded[0], coded[1]

    def coded_by_both(self, a: Coder, b: Coder) -> tuple[DocumentSummary, ...]:
        """The documents both coders coded in: what agreement compares them on by default."""
        by_id = {choice.coder.id: choice.documents for choice in self.coders}
        both = by_id.get(a.id, frozenset()) & by_id.get(b.id, frozenset())
        return tuple(document for document in self.documents if document.id in both)


def load_choices(store: ProjectStore) -> AgreementChoices:
    counts: Counter[int] = Counter()
    documents: defaultdict[int, set[int]] = defaultdict(set)
    for (coder_id, document_id), count in codings_per_coder_and_document(store).items():
        counts[coder_id] += count
        documents[coder_id].add(document_id)
    choices = sorted(
        (CoderChoice(coder, counts[coder.id], frozenset(documents[coder.id])) for coder in list_coders(store)),
        key=lambda choice: (choice.coder.name == DEFAULT_CONSENSUS, -choice.codings, choice.coder.name),
    )
    return AgreementChoices(tuple(choices), tuple(list_documents(store)))


@dataclass(frozen=True)
class AgreementFigures:
    """The agreement report with the codebook (for names and colours) and how far settling got per code."""

    report: CodedTextReport
    codebook: Codebook
    settled: dict[int, SettlementCount]
    """By code id, for every code row of the report (each code's disagreements are found when it is opened)."""


def compute_figures(
    store: ProjectStore, coder_names: Sequence[str], unit: str, documents: Sequence[str] | None = None,
    min_overlap: float | None = None,
) -> AgreementFigures:
    """Agreement of two coders per code as ``qualcode agreement`` computes it, and how far settling got.

    ``min_overlap``: the share of a unit a coder's codings must cover to count (None: any overlap).
    """
    report = coded_text_agreement(store, coder_names, unit=unit, documents=documents, min_overlap=min_overlap,
                                  by_document=False)
    settled = settlement_counts(store, report.scope, report.agreement.rows, min_overlap=min_overlap)
    return AgreementFigures(report, load_codebook(store), settled)


def write_agreement_report(
    store: ProjectStore, coder_names: Sequence[str], unit: str, documents: Sequence[str] | None = None,
    min_overlap: float | None = None,
) -> Path:
    """Write the agreement report of the screen's choice to ``exports/agreement-A-B.html``; returns the path.

    The same page ``qualcode report agreement`` writes for the same choice (ExportError when it cannot be written).
    """
    from qualcode.export.agreement_html import agreement_html
    from qualcode.export.agreement_report import ReportChoice, agreement_report
    from qualcode.export.page_files import default_page_path, write_page

    choice = ReportChoice((coder_names[0], coder_names[1]), unit, min_overlap, tuple(documents or ()))
    target = default_page_path(store.folder, f"agreement-{coder_names[0]}-{coder_names[1]}")
    return write_page(agreement_html(agreement_report(store, choice), target.name), target)
