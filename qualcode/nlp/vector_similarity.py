"""Similarity of a segment's mean word vector to each code's description and coded examples."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy

# Cosine below FLOOR says nothing (averaged word vectors of any two Dutch texts are alike);
# from FLOOR to 1 the score rises linearly to WEIGHT.
FLOOR = 0.5
WEIGHT = 0.6
MIN_SCORE = 0.05


@dataclass(frozen=True)
class VectorEvidence:
    code_key: str
    score: float
    cosine: float
    examples: int
    against: str

    def reason(self) -> str:
        if self.against == "examples":
            what = f"{self.examples} coded example{'s' if self.examples != 1 else ''}"
        else:
            what = "the code description"
        return f"close in meaning to {what} (cosine {self.cosine:.2f})"


def _unit(vector: numpy.ndarray) -> numpy.ndarray | None:
    norm = float(numpy.linalg.norm(vector))
    return vector / norm if norm > 0 else None


class CodeVectors:
    """Unit vectors per code: one for its description, one for the centroid of its coded examples."""

    def __init__(self, descriptions: Mapping[str, numpy.ndarray],
                 examples: Mapping[str, Sequence[numpy.ndarray]]) -> None:
        self._rows: list[tuple[str, str, int]] = []
        vectors = []
        for code_key, vector in descriptions.items():
            unit = _unit(numpy.asarray(vector, dtype="float32"))
            if unit is not None:
                self._rows.append((code_key, "description", 0))
                vectors.append(unit)
        for code_key, members in examples.items():
            if len(members):
                unit = _unit(numpy.mean(numpy.asarray(members, dtype="float32"), axis=0))
                if unit is not None:
                    self._rows.append((code_key, "examples", len(members)))
                    vectors.append(unit)
        self._matrix = numpy.vstack(vectors) if vectors else numpy.zeros((0, 0), dtype="float32")

    @property
    def is_empty(self) -> bool:
        return not self._rows

    def match(self, vector: numpy.ndarray | None) -> list[VectorEvidence]:
        """The best evidence per code for a segment vector (None or zero: nothing)."""
        if vector is None or self.is_empty:
            return []
        unit = _unit(numpy.asarray(vector, dtype="float32"))
        if unit is None:
            return []
        cosines = self._matrix @ unit
        best: dict[str, VectorEvidence] = {}
        for (code_key, against, count), cosine in zip(self._rows, cosines.tolist(), strict=True):
            score = WEIGHT * min(1.0, max(0.0, (cosine - FLOOR) / (1.0 - FLOOR)))
            if score >= MIN_SCORE and (code_key not in best or score > best[code_key].score):
                best[code_key] = VectorEvidence(code_key, score, cosine, count, against)
        return sorted(best.values(), key=lambda item: (-item.score, item.code_key))
