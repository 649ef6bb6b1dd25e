"""Krippendorff's unitizing alpha: published examples, a literal reference, symmetries."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qualcode.agreement import unitizing_alpha


def test_identical_spans_agree_perfectly() -> None:
    spans = [(3, 10), (15, 30), (30, 31)]

    result = unitizing_alpha(40, [spans, spans, spans])

    assert result.value == 1.0
    assert result.observed == 0.0
    assert (result.units, result.coders) == (40, 3)


def test_krippendorff_2004_example() -> None:
    # Content Analysis (2nd ed., 2004: 254): continuum 150..450, two coders, category c.
    # Shifted by -150 to start at 0. Published: D_o = .0144, D_e = .0532, alpha_c = .7286.
    first = [(225, 295), (370, 400)]
    second = [(220, 300), (355, 375), (400, 420)]

    result = unitizing_alpha(
        300, [[(s - 150, e - 150) for s, e in first], [(s - 150, e - 150) for s, e in second]]
    )

    assert round(result.observed, 4) == 0.0144
    assert round(result.expected, 4) == 0.0532
    assert round(result.value, 4) == 0.7286


def test_krippendorff_2004_example_identical_category() -> None:
    # Category k in the same example: both coders mark (180, 240) and (300, 350): D_e = .0490.
    spans = [(30, 90), (150, 200)]

    result = unitizing_alpha(300, [spans, spans])

    assert round(result.expected, 4) == 0.0490
    assert result.value == 1.0


def _slots(marks: str) -> list[tuple[int, int]]:
    """Units from a string of slots: digits mark a unit, a change of digit or a '|' ends one."""
    spans, position, start, current = [], 0, None, None
    for char in marks:
        if char == "|":
            if start is not None:
                spans.append((start, position))
            start, current = None, None
            continue
        if char != current:
            if start is not None:
                spans.append((start, position))
            start, current = (position if char == "1" else None), char
        position += 1
    if start is not None:
        spans.append((start, position))
    return spans


# Krippendorff (1995: 57), four pairs of coders on a continuum of 24 slots.
KRIPPENDORFF_1995 = {
    "A": (
        "0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0",
        "0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0",
    ),
    "B": (
        "1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1|0 0 0 0 0 0",
        "1 1|1|1|1|1|1 1 1|1|0 0 0 0 0 0 0 0 0 0 0 0 0 0",
    ),
    "C": (
        "0 0|1 1 1 1 1 1|0 0|1 1|0 0|1 1 1 1|0 0|1 1|0 0",
        "1 1|0 0|1 1 1 1|0 0|1 1 1 1|0 0|1 1|0 0|1 1|0 0",
    ),
    "D": (
        "1 1|1 1 1 1 1 1 1 1|1 1 1 1|1 1 1 1 1 1|1 1 1 1",
        "1 1 1 1|1 1 1 1|1 1 1 1 1 1 1|1 1|1 1 1 1 1 1 1",
    ),
}
# Observed disagreements as the paper computes them (exact), and alphas for a finely divided
# continuum; the paper's D_e carries a small error (see DKPro Statistics' Krippendorff1995Test),
# so the alphas are checked to 0.02.
KRIPPENDORFF_1995_OBSERVED = {"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715}
KRIPPENDORFF_1995_ALPHA = {"A": 0.553, "B": -0.926, "C": 0.679, "D": 0.066}


@pytest.mark.parametrize("pair", sorted(KRIPPENDORFF_1995))
def test_krippendorff_1995_example(pair: str) -> None:
    first, second = (_slots(marks.replace(" ", "")) for marks in KRIPPENDORFF_1995[pair])
    stretch = 10_000

    coarse = unitizing_alpha(24, [first, second])
    fine = unitizing_alpha(24 * stretch, [_stretched(first, stretch), _stretched(second, stretch)])

    assert coarse.observed == pytest.approx(KRIPPENDORFF_1995_OBSERVED[pair], abs=1e-5)
    assert fine.observed == pytest.approx(KRIPPENDORFF_1995_OBSERVED[pair], abs=1e-5)
    assert fine.value == pytest.approx(KRIPPENDORFF_1995_ALPHA[pair], abs=0.02)


def _stretched(spans: list[tuple[int, int]], factor: int) -> list[tuple[int, int]]:
    return [(start * factor, end * factor) for start, end in spans]


def _sections(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int, bool]]:
    """(begin, length, marked) for every unit and gap of one coder, in order."""
    sections, position = [], 0
    for start, end in sorted(spans):
        if start > position:
            sections.append((position, start - position, False))
        sections.append((start, end - start, True))
        position = end
    if position < length:
        sections.append((position, length - position, False))
    return sections


def _literal_alpha(length: int, coders: list[list[tuple[int, int]]]) -> tuple[float, float]:
    """D_o and D_e written out as Krippendorff (2004: 251-253) sums them, section by section."""
    sections = [_sections(spans, length) for spans in coders]
    m = len(coders)
    observed = 0.0
    for i, j in itertools.permutations(range(m), 2):
        for b_g, l_g, w_g in sections[i]:
            for b_h, l_h, w_h in sections[j]:
                if w_g and w_h and -l_g < b_g - b_h < l_h:
                    observed += (b_g - b_h) ** 2 + (b_g + l_g - b_h - l_h) ** 2
                elif w_g and not w_h and l_h - l_g >= b_g - b_h >= 0:
                    observed += l_g**2
                elif not w_g and w_h and l_g - l_h >= b_h - b_g >= 0:
                    observed += l_h**2
    units = [size for coder in sections for _, size, marked in coder if marked]
    gaps = [size for coder in sections for _, size, marked in coder if not marked]
    numerator = sum(
        (len(units) - 1) * (2 * u**3 - 3 * u**2 + u) / 3 + u**2 * sum(g - u + 1 for g in gaps if g >= u)
        for u in units
    )
    expected = (2 / length) * numerator / (m * length * (m * length - 1) - sum(u * (u - 1) for u in units))
    return observed / (m * (m - 1) * length**2), expected


def _random_spans(rng: np.random.Generator, length: int) -> list[tuple[int, int]]:
    cuts = np.sort(
        rng.choice(np.arange(1, length), size=min(int(rng.integers(0, 12)), length - 1), replace=False)
    )
    bounds = [0, *cuts.tolist(), length]
    return [(s, e) for s, e in itertools.pairwise(bounds) if rng.random() < 0.4]


@pytest.mark.parametrize("seed", range(25))
def test_matches_the_literal_formula_on_random_spans(seed: int) -> None:
    rng = np.random.default_rng(seed)
    length = int(rng.integers(5, 120))
    coders = [_random_spans(rng, length) for _ in range(int(rng.integers(2, 5)))]
    if not any(coders):
        coders[0] = [(0, 1)]

    result = unitizing_alpha(length, coders)
    observed, expected = _literal_alpha(length, coders)

    assert result.observed == pytest.approx(observed, rel=1e-12, abs=1e-15)
    assert result.expected == pytest.approx(expected, rel=1e-12)
    assert result.value == pytest.approx(1 - observed / expected, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("seed", range(10))
def test_symmetries(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    length = 200
    coders = [_random_spans(rng, length) for _ in range(3)] + [[(10, 50)]]
    mirrored = [[(length - end, length - start) for start, end in spans] for spans in coders]

    result = unitizing_alpha(length, coders)

    assert unitizing_alpha(length, coders[::-1]).value == pytest.approx(result.value, abs=1e-12)
    assert unitizing_alpha(length, mirrored).value == pytest.approx(result.value, abs=1e-12)
    assert unitizing_alpha(length, [sorted(spans, reverse=True) for spans in coders]) == result


def test_disagreeing_coders_score_below_agreeing_ones() -> None:
    agreeing = unitizing_alpha(100, [[(10, 30), (60, 80)], [(11, 30), (60, 82)]])
    disjoint = unitizing_alpha(100, [[(10, 30)], [(60, 80)]])

    assert agreeing.value > 0.9
    assert disjoint.value < 0


def test_nobody_marked_anything_is_undefined() -> None:
    result = unitizing_alpha(50, [[], []])

    assert result.value is None
    assert "no coder marked any span" in result.reason


@pytest.mark.parametrize(
    ("length", "spans", "message"),
    [
        (10, [[(2, 5), (4, 8)], []], "overlap"),
        (10, [[(2, 11)], []], "outside"),
        (10, [[(4, 4)], []], "empty"),
        (10, [[(1, 2)]], "at least 2 coders"),
        (0, [[], []], "positive integer"),
    ],
)
def test_bad_input_is_refused(length: int, spans, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        unitizing_alpha(length, spans)
