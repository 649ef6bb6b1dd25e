"""What coded-text agreement reads from a project: coders, documents with their units, codes and codings.

The measures themselves live in ``qualcode.agreement`` and take plain data; this module
validates the user's choices against the project, reads the data once and hands it over.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from sqlmodel import select

from qualcode.agreement.coded_text import DEFAULT_SEED, CodedTextAgreement, measure_coded_text
from qualcode.agreement.disagreements import Disagreement, find_disagreements
from qualcode.agreement.units import UNIT_KINDS, CodedSpan, UnitDocument, UnitKind
from qualcode.domain.language import _
from qualcode.domain.models import Code, Coder, Document
from qualcode.domain.sentences import sentence_spans
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coded_spans import coded_spans, segment_spans
from qualcode.storage.coders import get_coder
from qualcode.storage.documents import get_document, list_documents
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import DocumentRow


@dataclass(frozen=True)
class AgreementScope:
    """The chosen coders, documents (with their units) and codes, and those coders' codings there."""

    unit: UnitKind
    coders: tuple[Coder, ...]
    documents: tuple[UnitDocument, ...]
    codes: tuple[Code, ...]
    named_codes: frozenset[int]
    """Codes named by their full key (not through a group prefix or by default)."""
    codings: tuple[CodedSpan, ...]
    """The chosen coders' codings, coder by coder, each in document and text order."""
    partly_coded_documents: tuple[str, ...] = ()
    """Documents left out by default because some but not all of the coders coded in them."""

    def used_codes(self) -> tuple[Code, ...]:
        """The codes some chosen coder applied in the chosen documents, plus the codes named by key."""
        used = {coding.code_id for coding in self.codings} | self.named_codes
        return tuple(code for code in self.codes if code.id in used)

    def unused_codes(self) -> tuple[Code, ...]:
        reported = {code.id for code in self.used_codes()}
        return tuple(code for code in self.codes if code.id not in reported)

    def coders_without_codings(self) -> tuple[Coder, ...]:
        coding = {coding.coder_id for coding in self.codings}
        return tuple(coder for coder in self.coders if coder.id not in coding)

    def codings_of(self, coder_id: int, code_id: int, document_id: int) -> list[tuple[int, int]]:
        """(start, end) of one coder's codings of one code in one document, in the scope's order."""
        return list(self._spans.get((coder_id, code_id, document_id), ()))

    @cached_property
    def _spans(self) -> dict[tuple[int, int, int], list[tuple[int, int]]]:
        # Settling and its progress ask for every code and document: index once instead of scanning each time.
        spans: dict[tuple[int, int, int], list[tuple[int, int]]] = defaultdict(list)
        for coding in self.codings:
            spans[coding.coder_id, coding.code_id, coding.document_id].append((coding.start, coding.end))
        return spans


@dataclass(frozen=True)
class CodedTextReport:
    """The agreement figures with the scope they were computed on."""

    scope: AgreementScope
    agreement: CodedTextAgreement


def load_agreement_scope(
    store: ProjectStore,
    coder_names: Sequence[str],
    *,
    unit: str = "char",
    documents: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
) -> AgreementScope:
    """Read what agreement needs; ProjectError (NotFoundError for an unknown name) when a choice is wrong.

    ``documents`` are names or ids (default: every document each of the coders coded in). ``codes`` are code keys, or
    group prefixes ending in ``/`` such as ``belemmerend/`` (default: every code).
    """
    if unit not in UNIT_KINDS:
        raise ProjectError(_("the unit must be one of {unit_kinds}, not {unit!r}").format(unit_kinds=', '.join(UNIT_KINDS), unit=unit))
    names = list(dict.fromkeys(name.strip() for name in coder_names if name.strip()))
    if len(names) < 2:
        raise ProjectError(_("agreement needs at least two different coders, got {names}").format(names=', '.join(names) or _("none")))
    coders = tuple(get_coder(store, name) for name in names)
    chosen_codes, named = _codes(load_codebook(store).codes, codes)
    named_documents = _named_documents(store, documents) if documents else None
    all_codings = coded_spans(store, [coder.id for coder in coders])
    left_out: tuple[str, ...] = ()
    if named_documents is not None:
        chosen_documents = named_documents
    else:
        coded = {coding.document_id for coding in all_codings}
        per_coder = [{c.document_id for c in all_codings if c.coder_id == coder.id} for coder in coders]
        by_all = set.intersection(*per_coder)
        summaries = list_documents(store)
        texts = _texts(store, by_all)
        chosen_documents = [UnitDocument(d.id, d.name, texts[d.id]) for d in summaries if d.id in by_all]
        left_out = tuple(d.name for d in summaries if d.id in coded - by_all)
    code_ids, document_ids = {code.id for code in chosen_codes}, {d.id for d in chosen_documents}
    codings = tuple(c for c in all_codings if c.code_id in code_ids and c.document_id in document_ids)
    units = {} if unit == "char" else _unit_spans(store, {d.id: d.text for d in chosen_documents}, unit)
    unit_documents = tuple(
        UnitDocument(d.id, d.name, d.text, None if unit == "char" else units.get(d.id, ()))
        for d in chosen_documents
    )
    return AgreementScope(unit, coders, unit_documents, chosen_codes, named, codings,  # type: ignore[arg-type]
                          left_out)


def coded_text_agreement(
    store: ProjectStore,
    coder_names: Sequence[str],
    *,
    unit: str = "char",
    min_overlap: float | None = None,
    documents: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    seed: int = DEFAULT_SEED,
    by_document: bool = True,
) -> CodedTextReport:
    """Per-code, pooled and per-document agreement of the named coders in the project.

    Codes no chosen coder applied in the chosen documents are left out (their units would
    all agree on "not coded" and inflate the pooled figures) unless named by their key. Without
    ``by_document`` the per-document rows are left out.
    """
    if min_overlap is not None and unit == "char":
        raise ProjectError(_("--min-overlap applies to turn, paragraph and sentence units, not to char"))
    scope = load_agreement_scope(store, coder_names, unit=unit, documents=documents, codes=codes)
    agreement = measure_coded_text(
        scope.documents, scope.used_codes(), [coder.id for coder in scope.coders], scope.codings,
        unit=scope.unit, min_overlap=min_overlap, seed=seed, by_document=by_document,
    )
    return CodedTextReport(scope, agreement)


def code_disagreements(
    scope: AgreementScope, code_id: int, min_overlap: float | None = None
) -> list[Disagreement]:
    """Where the scope's first two coders disagree on one code, in document order."""
    coder_a, coder_b = scope.coders[0].id, scope.coders[1].id
    found: list[Disagreement] = []
    for document in scope.documents:
        found += find_disagreements(
            document, scope.codings_of(coder_a, code_id, document.id),
            scope.codings_of(coder_b, code_id, document.id), min_overlap,
        )
    return found


def _unit_spans(store: ProjectStore, texts: dict[int, str], unit: str) -> dict[int, tuple[tuple[int, int], ...]]:
    """Per document, its non-empty units as ``document_segments`` gives them, in one query for all documents."""
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for document_id, start, end in segment_spans(store, "turn" if unit == "turn" else "paragraph"):
        if document_id not in texts:
            continue
        if unit == "sentence":
            spans[document_id] += sentence_spans(texts[document_id], start, end)
        else:
            spans[document_id].append((start, end))
    return {document_id: tuple((start, end) for start, end in found if end > start)
            for document_id, found in spans.items()}


def _texts(store: ProjectStore, document_ids: set[int]) -> dict[int, str]:
    with store.session() as session:
        return {row_id: text for row_id, text in session.exec(select(DocumentRow.id, DocumentRow.text))
                if row_id in document_ids}


def _named_documents(store: ProjectStore, references: Sequence[str]) -> list[Document]:
    chosen: dict[int, Document] = {}
    for reference in references:
        document = get_document(store, reference.strip())
        chosen.setdefault(document.id, document)
    return list(chosen.values())


def _codes(codes: Sequence[Code], patterns: Sequence[str] | None) -> tuple[tuple[Code, ...], frozenset[int]]:
    if not patterns:
        return tuple(codes), frozenset()
    chosen: set[int] = set()
    named: set[int] = set()
    for pattern in (p.strip() for p in patterns if p.strip()):
        if pattern.endswith("/"):
            matching = {code.id for code in codes if code.key.startswith(pattern)}
            if not matching:
                groups = sorted({code.key.split("/", 1)[0] + "/" for code in codes})
                raise NotFoundError(_("no code key starts with {pattern!r} (groups: {groups})").format(pattern=pattern, groups=', '.join(groups)))
            chosen |= matching
            continue
        code = next((code for code in codes if code.key == pattern), None)
        if code is None:
            raise NotFoundError(_("no code {pattern!r} in the codebook; give a code key or a group prefix such as {example}").format(pattern=pattern, example=codes[0].key.split('/', 1)[0] + '/' if codes else 'belemmerend/'))
        chosen.add(code.id)
        named.add(code.id)
    return tuple(code for code in codes if code.id in chosen), frozenset(named)
