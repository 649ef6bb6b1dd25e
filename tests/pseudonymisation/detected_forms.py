"""The forms a detector finds in a text, with their types: what the rule tests compare."""

from __future__ import annotations

from qualcode.nlp.pseudonym_detection import PseudonymDetector


def found(detector: PseudonymDetector, text: str) -> set[tuple[str, str]]:
    return {(d.text, d.type) for d in detector.detect(text)}
