"""How long pseudonymisation's detection takes on a 10,000-word interview, after deduce is loaded once.

Prints the time to load deduce and the place gazetteer (once per session, in a worker in the
workbench), then the median of several runs of: deduce alone on the text (the yardstick) and
qualcode's detection (deduce, patterns, gazetteer, project knowledge and propagation) on the same
text. The interview is the four annotated interviews of tests/data/pseudonymisation, their names
varied, one after another until it has 10,000 words.
Run: uv run python bench/pseudonymise_bench.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from qualcode.nlp.pseudonym_detection import Knowledge, KnownForm, PseudonymDetector  # noqa: E402
from tests.pseudonymisation.annotated_interviews import interviews  # noqa: E402

WORDS = 10_000


def interview_of(words: int) -> str:
    parts, count, round_number = [], 0, 0
    texts = [text for text, _mentions in interviews().values()]
    while count < words:
        for text in texts:
            varied = text.replace("Wolters", f"Wolters{round_number}").replace("Dekker", f"Dekker{round_number}")
            parts.append(varied)
            count += len(varied.split())
        round_number += 1
    return "\n\n".join(parts)


def median_seconds(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    text = interview_of(WORDS)
    started = time.perf_counter()
    detector = PseudonymDetector()
    loaded = time.perf_counter() - started
    knowledge = Knowledge((KnownForm("Hans Wolters", "person", "header"), KnownForm("Deventer", "place", "header")))
    yardstick = median_seconds(lambda: detector.deduce.deidentify(text), runs)
    detection = median_seconds(lambda: detector.detect_documents({1: text}, knowledge), runs)
    found = len(detector.detect_documents({1: text}, knowledge)[1])
    print(f"interview: {len(text.split()):,} words, {len(text):,} characters; median of {runs} runs")
    print(f"load deduce and the gazetteer (once): {loaded:6.2f} s")
    print(f"deduce alone (yardstick):             {yardstick:6.3f} s")
    print(f"qualcode detection ({found} mentions):  {detection:6.3f} s")


if __name__ == "__main__":
    main()
