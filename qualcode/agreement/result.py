"""The result every agreement measure returns: a value, or the reason it is undefined."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class AgreementResult:
    """One agreement figure with what it was computed from.

    Exactly one of ``value`` and ``reason`` is set: ``value`` is a finite float when
    the measure is defined, ``reason`` says why it is not (never 0, never NaN).
    ``observed`` and ``expected`` are the two terms of ``formula``: agreement
    proportions for percent agreement and the kappa family, disagreements for
    Krippendorff's alphas. ``units`` counts the units that entered the computation
    (for unitizing alpha: the length of the continuum).
    """

    measure: str
    formula: str
    value: float | None
    reason: str | None
    units: int
    coders: int
    observed: float | None = None
    expected: float | None = None

    def __post_init__(self) -> None:
        if (self.value is None) == (self.reason is None):
            raise ValueError(f"{self.measure}: set either a value or a reason, not both or neither")
        for name in ("value", "observed", "expected"):
            number = getattr(self, name)
            if number is not None and not math.isfinite(number):
                raise ValueError(f"{self.measure}: {name} is not finite ({number})")

    @property
    def defined(self) -> bool:
        return self.value is not None

    @classmethod
    def of(
        cls,
        measure: str,
        formula: str,
        value: float,
        *,
        units: int,
        coders: int,
        observed: float | None = None,
        expected: float | None = None,
    ) -> AgreementResult:
        """A defined result; plain floats, whatever numeric type the computation produced."""
        return cls(
            measure,
            formula,
            float(value),
            None,
            units,
            coders,
            None if observed is None else float(observed),
            None if expected is None else float(expected),
        )

    @classmethod
    def undefined(
        cls,
        measure: str,
        formula: str,
        reason: str,
        *,
        units: int,
        coders: int,
        observed: float | None = None,
        expected: float | None = None,
    ) -> AgreementResult:
        return cls(
            measure,
            formula,
            None,
            reason,
            units,
            coders,
            None if observed is None else float(observed),
            None if expected is None else float(expected),
        )
