"""Recall and precision per type of pseudonymisation's detection, before review, on the annotated interviews.

    uv run python bench/pseudonymise_recall.py [--misses] [--held-out]

``--held-out`` scores the interviews written after detection was first developed
(tests/data/pseudonymisation/heldout): one before, three just before the rules for unknown
capitalised words and the like were added for the kinds of miss they showed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from qualcode.nlp.project_pseudonyms import detect_in_project  # noqa: E402
from qualcode.nlp.pseudonym_detection import PseudonymDetector  # noqa: E402
from tests.pseudonymisation.annotated_interviews import score  # noqa: E402
from tests.pseudonymisation.annotated_project import annotated_project  # noqa: E402


def main() -> None:
    show_misses = "--misses" in sys.argv
    detector = PseudonymDetector()
    with tempfile.TemporaryDirectory() as folder:
        store, gold = annotated_project(Path(folder) / "project", "--held-out" in sys.argv)
        detections = detect_in_project(store, detector)
        texts = {}
        from qualcode.storage.documents import get_document

        for document_id in gold:
            texts[document_id] = get_document(store, document_id).text
        print(f"{'type':<14}{'mentions':>9}{'found':>7}{'recall':>8}{'detections':>12}{'correct':>9}{'precision':>11}")
        for entity_type in ("person", "place", "organisation"):
            totals = [0, 0, 0, 0]
            for document_id, mentions in gold.items():
                mine = [d for d in detections if d.document_id == document_id]
                result = score(texts[document_id], mentions, mine, entity_type)
                for index, value in enumerate((result.mentions, result.found, result.detections, result.correct)):
                    totals[index] += value
                if show_misses:
                    wanted = [m for m in mentions if m.type == entity_type]
                    for m in wanted:
                        if score(texts[document_id], [m], mine, entity_type).found == 0:
                            print(f"  missed {entity_type}: {m.text!r} at {m.start}")
                    for d in mine:
                        if d.type == entity_type and not any(d.start < m.end and m.start < d.end for m in wanted):
                            print(f"  wrong {entity_type}: {d.text!r} at {d.start} ({d.source})")
            mentions, found, count, correct = totals
            print(f"{entity_type:<14}{mentions:>9}{found:>7}{found / mentions:>8.3f}{count:>12}{correct:>9}"
                  f"{correct / count if count else 1:>11.3f}")
        store.close()


if __name__ == "__main__":
    main()
