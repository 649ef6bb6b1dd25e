"""The pseudonymisation tests' detector: one per test module, as building it loads deduce's tables."""

from __future__ import annotations

import pytest

from qualcode.nlp.pseudonym_detection import PseudonymDetector


@pytest.fixture(scope="module")
def detector() -> PseudonymDetector:
    return PseudonymDetector()
