"""Re-import alignment speed: carrying 1,000 coded spans to a corrected 50,000-word interview.

Compares qualcode's alignment (a line pass, then characters between shared lines) with one
character alignment of the whole text by rapidfuzz's Levenshtein (Indel over the whole text takes
about ten times longer still, so it is left out) and with difflib over lines alone.

Run: uv run python bench/text_alignment.py
"""

from __future__ import annotations

import difflib
import random
import time
from collections import Counter

from rapidfuzz.distance import Levenshtein

from bench.synthetic_interview import synthetic_interview
from qualcode.importers.text_alignment import Alignment

WORDS, EDITS, SPANS = 50_000, 200, 1_000
CORRECTIONS = ("vertrouwen", "gemeente", "samenwerking", "Jansen", "eh", "")


def corrected(text: str, rng: random.Random) -> str:
    """``text`` with EDITS word-level corrections: a word replaced, inserted or deleted."""
    words = text.split(" ")
    for _ in range(EDITS):
        index = rng.randrange(len(words))
        words[index] = rng.choice(CORRECTIONS) if rng.random() < 0.7 else words[index] + " " + rng.choice(CORRECTIONS)
    return " ".join(words)


def seconds(work) -> tuple[float, object]:
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


def main() -> None:
    rng = random.Random(18)
    old, _ = synthetic_interview(WORDS)
    new = corrected(old, rng)
    spans = []
    for _ in range(SPANS):
        start = rng.randrange(len(old) - 200)
        spans.append((start, start + rng.randint(5, 200)))
    print(f"{len(old.split()):,} words, {len(old):,} characters; {EDITS} corrections; {SPANS:,} spans")
    took, alignment = seconds(lambda: Alignment(old, new))
    placing, placed = seconds(lambda: [alignment.place(start, end) for start, end in spans])
    statuses = Counter(place.status for place in placed)
    print(f"qualcode alignment (lines, words, then characters): {took * 1000:.0f} ms CPU, "
          f"placing the spans {placing * 1000:.0f} ms; {dict(statuses)}")
    took, _ = seconds(lambda: Levenshtein.opcodes(old, new))
    print(f"rapidfuzz Levenshtein.opcodes over all characters: {took * 1000:.0f} ms CPU")
    took, _ = seconds(lambda: difflib.SequenceMatcher(None, old.splitlines(True), new.splitlines(True),
                                                      autojunk=False).get_opcodes())
    print(f"difflib.SequenceMatcher over lines only (no characters): {took * 1000:.0f} ms CPU")


if __name__ == "__main__":
    main()
