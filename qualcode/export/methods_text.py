"""The methods paragraph: the project's own numbers in a Dutch or English paragraph, with the references.

The wording is content for the thesis, not interface text: it is written out in both languages
here (not through the interface catalogue), and the researcher edits it. The numbers come from
the project and from ``agreement_report`` (so from ``qualcode agreement``); numbers are written
the way each language writes them (0,762 and 4.331 in Dutch).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from babel.numbers import format_decimal

from qualcode.export.agreement_report import AgreementReport, ReportChoice, agreement_report, default_pair
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import list_coders
from qualcode.storage.codings import list_codings
from qualcode.storage.consensus import DEFAULT_CONSENSUS
from qualcode.storage.documents import list_documents
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore

REFERENCES = {
    "cohen": "Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological "
             "Measurement, 20(1), 37–46.",
    "efron": "Efron, B., & Tibshirani, R. J. (1993). An introduction to the bootstrap. Chapman & Hall.",
    "gwet": "Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence of high "
            "agreement. British Journal of Mathematical and Statistical Psychology, 61(1), 29–48.",
    "krippendorff2004": "Krippendorff, K. (2004). Content analysis: An introduction to its methodology (2nd ed.). "
                        "Sage.",
    "krippendorff2011": "Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for "
                        "Communication, University of Pennsylvania.",
}

UNITS = {
    "nl": {"char": "tekens (elk teken een eenheid)", "turn": "beurten", "paragraph": "alinea's", "sentence": "zinnen"},
    "en": {"char": "characters (each character a unit)", "turn": "turns", "paragraph": "paragraphs",
           "sentence": "sentences"},
}
CHOICES = {
    "nl": {"a": "voor de codering van {a}", "b": "voor de codering van {b}", "both": "voor beide coderingen",
           "neither": "voor geen van beide"},
    "en": {"a": "in favour of {a}'s coding", "b": "in favour of {b}'s coding", "both": "keeping both codings",
           "neither": "keeping neither"},
}


@dataclass(frozen=True)
class CoderWork:
    name: str
    documents: int
    codings: int


@dataclass(frozen=True)
class MethodsFacts:
    """Every number the paragraph states."""

    documents: int
    words: int
    groups: tuple[str, ...]
    codes: int
    coders: tuple[CoderWork, ...]
    """Every coder with codings except the consensus coder, most codings first."""
    agreement: AgreementReport | None
    """The two coders' agreement report; None when fewer than two coders coded."""


def methods_facts(store: ProjectStore, coders: Sequence[str] | None = None, *, unit: str = "char",
                  min_overlap: float | None = None) -> MethodsFacts:
    """Read the numbers; ProjectError for unknown coders or a wrong choice."""
    documents = list_documents(store)
    codebook = load_codebook(store)
    codings = list_codings(store)
    count = Counter(coding.coder_id for coding in codings)
    coded_in: dict[int, set[int]] = {}
    for coding in codings:
        coded_in.setdefault(coding.coder_id, set()).add(coding.document_id)
    work = tuple(sorted((CoderWork(coder.name, len(coded_in.get(coder.id, ())), count[coder.id])
                         for coder in list_coders(store) if count[coder.id] and coder.name != DEFAULT_CONSENSUS),
                        key=lambda item: (-item.codings, item.name)))
    if coders:
        pair = (coders[0], coders[1])
    else:
        try:
            pair = default_pair(store)
        except ProjectError:
            pair = None
    report = None if pair is None else agreement_report(store, ReportChoice(pair, unit, min_overlap))
    return MethodsFacts(len(documents), sum(document.words for document in documents),
                        tuple(group.name for group in codebook.groups), len(codebook.codes), work, report)


def methods_text(facts: MethodsFacts, language: str = "nl") -> str:
    """The paragraph, a blank line, and the references it cites (APA style), as plain text."""
    if language not in UNITS:
        raise ValueError(f"the methods paragraph is written in nl or en, not {language!r}")
    number = _numbers(language)
    sentences = _corpus(facts, language, number)
    cited: list[str] = []
    if facts.agreement is not None:
        sentences += _agreement(facts.agreement, language, number, cited)
    heading = "Literatuur" if language == "nl" else "References"
    references = "\n".join(REFERENCES[key] for key in sorted(set(cited)))
    text = " ".join(sentences) + "\n"
    return text + (f"\n{heading}\n\n{references}\n" if references else "")


def _numbers(language: str):
    locale = "nl_NL" if language == "nl" else "en_GB"

    def number(value: float | int, places: int | None = None) -> str:
        if places is None:
            return format_decimal(value, format="#,##0", locale=locale)
        return format_decimal(value, format="#,##0." + "0" * places, locale=locale)

    return number


def _corpus(facts: MethodsFacts, language: str, number) -> list[str]:
    groups = _listing(facts.groups, language)
    verb = {"nl": " er ", "en": " coded "}[language]  # only after the first name: "eva coded 4 and daan 2"
    coders = _listing([f"{work.name}{verb if index == 0 else ' '}{work.documents} ({number(work.codings)} "
                       f"{'coderingen' if language == 'nl' else 'codings'})"
                       for index, work in enumerate(facts.coders)], language)
    if language == "nl":
        sentences = [f"De analyse omvat {facts.documents} interviews met samen {number(facts.words)} woorden.",
                     f"Ze zijn gecodeerd met een codeboek van {facts.codes} codes in {len(facts.groups)} groepen "
                     f"({groups})."]
        if facts.coders:
            sentences.append(f"Van de interviews codeerde {coders}.")
        return sentences
    sentences = [f"The analysis covers {facts.documents} interviews with {number(facts.words)} words in all.",
                 f"They were coded with a codebook of {facts.codes} codes in {len(facts.groups)} groups ({groups})."]
    if facts.coders:
        sentences.append(f"Of the interviews, {coders}.")
    return sentences


def _agreement(report: AgreementReport, language: str, number, cited: list[str]) -> list[str]:
    scope, pooled = report.figures.scope, report.pooled
    a, b = (coder.name for coder in scope.coders)
    double = len(report.documents)
    double_words = sum(document.words for document in report.documents)
    unit = UNITS[language][scope.unit]
    overlap = report.choice.min_overlap
    kappa, alpha, ac1, interval = pooled.pair.kappa, pooled.pair.alpha, pooled.pair.ac1, pooled.interval
    defined_rows = [row for row in report.rows if row.pair.kappa.value is not None]
    found = sum(len(code.found) for code in report.disagreements)
    choices = Counter(placed.settlement.choice for code in report.disagreements for placed in code.found
                      if placed.settlement is not None)
    settled = sum(choices.values())
    cited += ["cohen", "krippendorff2004", "krippendorff2011", "gwet", "efron"]
    nl = language == "nl"

    def value(result) -> str:
        return number(result.value, 2) if result.value is not None else ("niet gedefinieerd" if nl else "undefined")

    if nl:
        sentences = [f"Zowel {a} als {b} codeerde dezelfde {double} interviews ({number(double_words)} woorden), "
                     "onafhankelijk van elkaar."]
        coded = ("" if scope.unit == "char" else
                 " (een eenheid telt als gecodeerd bij elke overlap)" if overlap is None else
                 f" (een eenheid telt als gecodeerd als de coderingen ten minste {number(overlap * 100)}% ervan "
                 "bedekken)")
        sentences.append(f"De overeenstemming is per code berekend op {unit}{coded}, met qualcode "
                         f"{report.qualcode_version}.")
        interval_text = (f" (95%-bootstrapinterval {number(interval.low, 2)}–{number(interval.high, 2)}, "
                         f"{number(interval.resamples)} trekkingen; Efron & Tibshirani, 1993)"
                         if interval is not None and interval.defined else "")
        sentences.append(f"Over alle {len(report.rows)} codes samen was Cohens κ (Cohen, 1960) {value(kappa)}"
                         f"{interval_text}, Krippendorffs α (nominaal; Krippendorff, 2004, 2011) {value(alpha)} en "
                         f"Gwets AC1 (Gwet, 2008) {value(ac1)}.")
        if len(defined_rows) > 1:
            low, high = defined_rows[0], defined_rows[-1]
            sentences.append(f"Per code liep κ uiteen van {value(low.pair.kappa)} ({report.code_of(low).name}) tot "
                             f"{value(high.pair.kappa)} ({report.code_of(high).name}).")
        if found == 0:
            sentences.append("De codeurs verschilden nergens van mening.")
        elif settled == 0:
            sentences.append(f"De {number(found)} verschillen zijn (nog) niet in overleg beslecht.")
        else:
            how = _listing([f"{count} {CHOICES['nl'][choice].format(a=a, b=b)}" for choice, count in
                            sorted(choices.items())], "nl")
            sentences.append(f"Van de {number(found)} verschillen zijn er {number(settled)} in overleg beslecht en "
                             f"vastgelegd in een consensuscodering ({how}); {number(found - settled)} staan nog open.")
        return sentences
    sentences = [f"Both {a} and {b} coded the same {double} interviews ({number(double_words)} words), independently "
                 "of each other."]
    coded = ("" if scope.unit == "char" else
             ", a unit counting as coded at any overlap" if overlap is None else
             f", a unit counting as coded when the codings cover at least {number(overlap * 100)}% of it")
    sentences.append(f"Agreement was computed per code on {unit}{coded}, with qualcode {report.qualcode_version}.")
    interval_text = (f" (95% bootstrap interval {number(interval.low, 2)}–{number(interval.high, 2)}, "
                     f"{number(interval.resamples)} resamples; Efron & Tibshirani, 1993)"
                     if interval is not None and interval.defined else "")
    sentences.append(f"Pooled over the {len(report.rows)} codes, Cohen's κ (Cohen, 1960) was {value(kappa)}"
                     f"{interval_text}, Krippendorff's α (nominal; Krippendorff, 2004, 2011) {value(alpha)} and "
                     f"Gwet's AC1 (Gwet, 2008) {value(ac1)}.")
    if len(defined_rows) > 1:
        low, high = defined_rows[0], defined_rows[-1]
        sentences.append(f"Per code, κ ranged from {value(low.pair.kappa)} ({report.code_of(low).name}) to "
                         f"{value(high.pair.kappa)} ({report.code_of(high).name}).")
    if found == 0:
        sentences.append("The coders disagreed nowhere.")
    elif settled == 0:
        sentences.append(f"The {number(found)} disagreements have not (yet) been settled.")
    else:
        how = _listing([f"{count} {CHOICES['en'][choice].format(a=a, b=b)}" for choice, count in
                        sorted(choices.items())], "en")
        sentences.append(f"Of the {number(found)} disagreements, {number(settled)} were settled in discussion into a "
                         f"consensus coding ({how}); {number(found - settled)} remain open.")
    return sentences


def _listing(items: Sequence[str], language: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    joiner = " en " if language == "nl" else " and "
    return ", ".join(items[:-1]) + joiner + items[-1]
