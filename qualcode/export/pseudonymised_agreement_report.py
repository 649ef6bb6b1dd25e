"""The agreement report with its quotes, names and offsets pseudonymised; its numbers stay those of the project."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from qualcode.agreement.units import Span
from qualcode.domain.pseudonymised_text import PseudonymisedText
from qualcode.export.agreement_report import AgreementReport, CodeDisagreements, PlacedDisagreement, report_notes
from qualcode.storage.accepted_pseudonyms import AcceptedPseudonyms


def pseudonymised_report(report: AgreementReport, pseudonyms: AcceptedPseudonyms) -> AgreementReport:
    """``report`` as it reads with the accepted decisions applied: each context text with every offset in it
    moved exactly as the pseudonymised document moves it, document names, case labels, speakers and the
    project name. Figures, settlements and the fingerprint (of the original texts) are those computed."""
    texts = {document.id: pseudonyms.document_text(document.id, document.text)
             for document in report.figures.scope.documents}

    def name(value: str) -> str:
        return pseudonyms.free_text(value) or value

    return replace(
        report,
        project=name(report.project),
        documents=tuple(replace(document, name=name(document.name), case=pseudonyms.free_text(document.case))
                        for document in report.documents),
        disagreements=tuple(_code(code, texts, pseudonyms) for code in report.disagreements),
        notes=report_notes(report.figures, name),
        pseudonymised=True,
    )


def _code(code: CodeDisagreements, texts: dict[int, PseudonymisedText], pseudonyms: AcceptedPseudonyms
          ) -> CodeDisagreements:
    return replace(code, found=tuple(_placed(placed, texts[placed.disagreement.document_id], pseudonyms)
                                     for placed in code.found))


def _spans(mapped: PseudonymisedText, spans: Iterable[Span]) -> tuple[Span, ...]:
    return tuple(mapped.map_span(start, end) for start, end in spans)


def _placed(placed: PlacedDisagreement, mapped: PseudonymisedText, pseudonyms: AcceptedPseudonyms
            ) -> PlacedDisagreement:
    found = placed.disagreement
    context_start, context_end = mapped.map_span(found.context_start, found.context_end)
    start, end = mapped.map_span(found.start, found.end)
    settlement = placed.settlement
    if settlement is not None:
        settlement = replace(settlement, start=start, end=end)
    return replace(
        placed,
        disagreement=replace(
            found, document=pseudonyms.free_text(found.document) or found.document, start=start, end=end,
            a_spans=_spans(mapped, found.a_spans), b_spans=_spans(mapped, found.b_spans),
            context_start=context_start, context=mapped.text[context_start:context_end]),
        speaker=pseudonyms.free_text(placed.speaker) or placed.speaker,
        settlement=settlement,
        a_in_context=_spans(mapped, placed.a_in_context),
        b_in_context=_spans(mapped, placed.b_in_context),
    )
