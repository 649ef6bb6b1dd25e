"""A document's respondent segments read together: the previous answer's topic carried over, and codes found
throughout the document counted for less.

Both use only what the suggester itself found in the document (its evidence per code), never the coder's
codings, so they work the same on a document nobody has coded yet:

- an answer often goes on about what the one before it was about ("Jawel. Ze hebben te weinig
  neurologen."); a code with clear evidence in the previous segment (a weight of at least CONTEXT_MIN)
  gets CONTEXT_WEIGHT of it here, with the reason "follows on from the previous answer";
- a code whose words are in most answers of a document (the profession of the speaker, the topic of
  the whole interview) says little about any one of them: a code's weights in a segment are divided by
  ``1 + SPREAD_WEIGHT × its mean weight in the document's other segments``, as an idf over the
  document's segments.

Chosen on the tuning interviews and the sample (198 coded turns, see the README): the spread put 11 more
right top codes (4 from the codebook alone, 7 learning), the carried-over topic 9 more right codes in the
top three (6 and 3); spread weights of 2 to 4 and carried-over weights of 0.1 to 0.15 do about as well.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from qualcode.domain.language import _

# Weights per code and their reasons, as the suggester collects them for one segment.
Evidence = Mapping[str, tuple[Sequence[float], Sequence[str]]]

CONTEXT_WEIGHT = 0.1
CONTEXT_MIN = 0.5
SPREAD_WEIGHT = 3.0
# A mean over fewer other segments than this says nothing about a document: no discount.
SPREAD_MIN_OTHERS = 4
# A code counted at less than this share of its weights says so in its reasons.
SPREAD_SHOWN = 0.5
QUOTE_WORDS = 8


def opening_words(text: str) -> str:
    """The first QUOTE_WORDS words of a text on one line, with an ellipsis when there are more."""
    words = text.split()
    return " ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else "")


def in_context(found: Sequence[Evidence], quotes: Sequence[str]) -> list[dict[str, tuple[list[float], list[str]]]]:
    """Each segment's evidence with the previous segment's topic carried over and each code's spread discounted.

    ``found``: per segment, in document order, what the suggester found there; ``quotes``: the segments' texts.
    """
    totals = [{code_key: sum(parts) for code_key, (parts, _reasons) in evidence.items()} for evidence in found]
    document_total: Counter[str] = Counter()
    for segment_totals in totals:
        document_total.update(segment_totals)
    others = len(found) - 1
    result = []
    for index, evidence in enumerate(found):
        here = {code_key: (list(parts), list(reasons)) for code_key, (parts, reasons) in evidence.items()}
        if index > 0:
            for code_key, total in totals[index - 1].items():
                if total >= CONTEXT_MIN:
                    parts, reasons = here.setdefault(code_key, ([], []))
                    parts.append(CONTEXT_WEIGHT * total)
                    reasons.append(_("follows on from the previous answer: “{quote}”").format(
                        quote=opening_words(quotes[index - 1])))
        if others >= SPREAD_MIN_OTHERS:
            for code_key, (parts, reasons) in here.items():
                elsewhere = (document_total[code_key] - totals[index].get(code_key, 0.0)) / others
                share = 1.0 / (1.0 + SPREAD_WEIGHT * elsewhere)
                parts[:] = [part * share for part in parts]
                if share < SPREAD_SHOWN:
                    reasons.append(_("counted at {share:.0%}: found in many answers of this document").format(
                        share=share))
        result.append(here)
    return result
