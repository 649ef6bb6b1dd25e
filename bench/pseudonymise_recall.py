"""Recall and precision per type of pseudonymisation's detection, before review, on the annotated interviews.

    uv run python bench/pseudonymise_recall.py [--misses] [--set NAME]

``--set development`` (the default) scores the four interviews detection was first developed on
(tests/data/pseudonymisation); ``heldout`` the four written after (tests/data/pseudonymisation/heldout);
``fresh``, ``unseen``, ``unseen2`` and ``unseen3`` four each, written blind and scored once, development data
now. ``unseen4`` scores the interviews written blind to the detector to measure it
(tests/data/pseudonymisation/unseen4, when present); ``all`` every one. ``--held-out`` is ``--set heldout``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from qualcode.nlp.project_pseudonyms import detect_in_project  # noqa: E402
from qualcode.nlp.pseudonym_detection import PseudonymDetector  # noqa: E402
from qualcode.storage.documents import get_document  # noqa: E402
from tests.pseudonymisation.annotated_interviews import SETS, interviews, score  # noqa: E402
from tests.pseudonymisation.annotated_project import annotated_project  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every missed mention and wrong detection")
    parser.add_argument("--set", dest="interview_set", choices=list(SETS), default="development")
    parser.add_argument("--held-out", dest="interview_set", action="store_const", const="heldout",
                        help="the same as --set heldout")
    arguments = parser.parse_args()
    show_misses = arguments.misses
    if not interviews(arguments.interview_set):
        sys.exit(f"no annotated interviews in the set {arguments.interview_set!r}")
    detector = PseudonymDetector()
    with tempfile.TemporaryDirectory() as folder:
        store, gold = annotated_project(Path(folder) / "project", arguments.interview_set)
        detections = detect_in_project(store, detector)
        texts = {}
        names = {}
        for document_id in gold:
            document = get_document(store, document_id)
            texts[document_id], names[document_id] = document.text, document.name
        print(f"set: {arguments.interview_set}, {len(gold)} interviews")
        print(f"{'type':<14}{'mentions':>9}{'found':>7}{'recall':>8}{'detections':>12}{'correct':>9}{'precision':>11}"
              f"{'hidden':>8}")
        for entity_type in ("person", "place", "organisation"):
            totals = [0, 0, 0, 0, 0]
            for document_id, mentions in gold.items():
                mine = [d for d in detections if d.document_id == document_id]
                result = score(texts[document_id], mentions, mine, entity_type)
                for index, value in enumerate((result.mentions, result.found, result.detections, result.correct,
                                               result.hidden)):
                    totals[index] += value
                if show_misses:
                    wanted = [m for m in mentions if m.type == entity_type]
                    for m in wanted:
                        if score(texts[document_id], [m], mine, entity_type).found == 0:
                            print(f"  missed {entity_type}: {m.text!r} at {m.start} ({names[document_id]})")
                    for d in mine:
                        if d.type == entity_type and not any(d.start < m.end and m.start < d.end for m in wanted):
                            print(f"  wrong {entity_type}: {d.text!r} at {d.start} ({d.source}, {names[document_id]})")
            mentions, found, count, correct, hidden = totals
            print(f"{entity_type:<14}{mentions:>9}{found:>7}{found / mentions:>8.3f}{count:>12}{correct:>9}"
                  f"{correct / count if count else 1:>11.3f}{hidden / mentions:>8.3f}")
        print("recall: found by a detection of its own type; hidden: covered by a detection of any type")
        store.close()


if __name__ == "__main__":
    main()
