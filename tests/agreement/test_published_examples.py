"""The measures reproduce published worked examples to their published precision."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.agreement import (
    brennan_prediger,
    cohen_kappa,
    cohen_kappa_from_table,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    scott_pi,
)

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C:
# 4 coders (A-D) x 12 units, values 1-5, None where a coder gave no value.
KRIPPENDORFF_2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def _units_by_coders(columns: dict[str, list]) -> list[list]:
    return [list(row) for row in zip(*columns.values(), strict=True)]


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_reliability_data(level: str, published: float) -> None:
    krippendorff = pytest.importorskip("krippendorff")
    rows = _units_by_coders(KRIPPENDORFF_2011)

    result = krippendorff_alpha(rows, level=level)

    assert round(result.value, 3) == published
    assert result.units == 11  # unit 12 has one value only: not pairable
    reference = np.array(
        [[np.nan if v is None else v for v in column] for column in KRIPPENDORFF_2011.values()]
    )
    assert result.value == pytest.approx(krippendorff.alpha(reference, level_of_measurement=level), abs=1e-12)


def test_krippendorff_2011_nominal_disagreements() -> None:
    # The paper's nominal coincidences: n = 40 pairable values, D_o = 8/40 = 0.2.
    result = krippendorff_alpha(_units_by_coders(KRIPPENDORFF_2011), level="nominal")

    assert result.observed == pytest.approx(0.2)
    assert result.value == pytest.approx(1 - 39 * 8 / (40**2 - (9**2 + 13**2 + 10**2 + 5**2 + 3**2)))


# Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., p. 120, analyses the same 4 coders
# x 12 units with its gaps; his irrCAC package ships it as cac.raw4raters and gives
# fleiss.kappa.raw: p_a 0.81818, p_e 0.23872, kappa 0.76117; gwet.ac1.raw: p_e 0.19032, AC1 0.77544.
def test_gwet_2014_fleiss_kappa_with_missing_values() -> None:
    result = fleiss_kappa(_units_by_coders(KRIPPENDORFF_2011))

    assert round(result.value, 3) == 0.761
    assert round(result.observed, 5) == 0.81818
    assert round(result.expected, 5) == 0.23872
    assert (result.units, result.coders) == (11, 4)  # unit 12 has one value: no pair to agree


def test_gwet_2014_ac1_with_missing_values() -> None:
    result = gwet_ac1(_units_by_coders(KRIPPENDORFF_2011))

    assert round(result.value, 3) == 0.775
    assert round(result.observed, 5) == 0.81818
    assert round(result.expected, 5) == 0.19032


# Fleiss (1971: 379), Table 1: 30 patients, each diagnosed by 6 of the psychiatrists, into
# 1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other.
FLEISS_1971_ROWS = [
    (4, 4, 4, 4, 4, 4), (2, 2, 2, 5, 5, 5), (2, 3, 3, 3, 3, 5), (5, 5, 5, 5, 5, 5), (2, 2, 2, 4, 4, 4),
    (1, 1, 3, 3, 3, 3), (3, 3, 3, 3, 5, 5), (1, 1, 3, 3, 3, 4), (1, 1, 4, 4, 4, 4), (5, 5, 5, 5, 5, 5),
    (1, 4, 4, 4, 4, 4), (1, 2, 4, 4, 4, 4), (2, 2, 2, 3, 3, 3), (1, 4, 4, 4, 4, 4), (2, 2, 4, 4, 4, 5),
    (3, 3, 3, 3, 3, 5), (1, 1, 1, 4, 5, 5), (1, 1, 1, 1, 1, 2), (2, 2, 4, 4, 4, 4), (1, 3, 3, 5, 5, 5),
    (5, 5, 5, 5, 5, 5), (2, 4, 4, 4, 4, 4), (2, 2, 4, 5, 5, 5), (1, 1, 4, 4, 4, 4), (1, 4, 4, 4, 4, 5),
    (2, 2, 2, 2, 2, 4), (1, 1, 1, 1, 5, 5), (2, 2, 4, 4, 4, 4), (1, 3, 3, 3, 3, 3), (5, 5, 5, 5, 5, 5),
]  # fmt: skip
# The same table as Fleiss printed it: per patient, how many psychiatrists chose each category
# (transcribed independently, in JonasMoss/quadagree's data_raw/fleiss1971.csv).
FLEISS_1971_COUNTS = [
    (0, 0, 0, 6, 0), (0, 3, 0, 0, 3), (0, 1, 4, 0, 1), (0, 0, 0, 0, 6), (0, 3, 0, 3, 0),
    (2, 0, 4, 0, 0), (0, 0, 4, 0, 2), (2, 0, 3, 1, 0), (2, 0, 0, 4, 0), (0, 0, 0, 0, 6),
    (1, 0, 0, 5, 0), (1, 1, 0, 4, 0), (0, 3, 3, 0, 0), (1, 0, 0, 5, 0), (0, 2, 0, 3, 1),
    (0, 0, 5, 0, 1), (3, 0, 0, 1, 2), (5, 1, 0, 0, 0), (0, 2, 0, 4, 0), (1, 0, 2, 0, 3),
    (0, 0, 0, 0, 6), (0, 1, 0, 5, 0), (0, 2, 0, 1, 3), (2, 0, 0, 4, 0), (1, 0, 0, 4, 1),
    (0, 5, 0, 1, 0), (4, 0, 0, 0, 2), (0, 2, 0, 4, 0), (1, 0, 5, 0, 0), (0, 0, 0, 0, 6),
]  # fmt: skip


def _rows_from_counts(counts: list[tuple[int, ...]]) -> list[list[int]]:
    """Raters are exchangeable in Fleiss' kappa: expand category counts into one row per unit."""
    return [[category for category, n in enumerate(row, start=1) for _ in range(n)] for row in counts]


def test_fleiss_1971_transcriptions_agree() -> None:
    assert _rows_from_counts(FLEISS_1971_COUNTS) == [list(row) for row in FLEISS_1971_ROWS]


def test_fleiss_1971_example() -> None:
    result = fleiss_kappa(FLEISS_1971_ROWS)

    assert round(result.value, 3) == 0.430
    assert round(result.observed, 4) == 0.5556
    # Fleiss printed P_e = .2201, carrying rounded intermediate values; unrounded it is 0.21994.
    assert result.expected == pytest.approx(0.2201, abs=5e-4)
    assert (result.units, result.coders) == (30, 6)


# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
WIKIPEDIA_FLEISS_COUNTS = [
    (0, 0, 0, 0, 14), (0, 2, 6, 4, 2), (0, 0, 3, 5, 6), (0, 3, 9, 2, 0), (2, 2, 8, 1, 1),
    (7, 7, 0, 0, 0), (3, 2, 6, 3, 0), (2, 5, 3, 2, 2), (6, 5, 2, 1, 0), (0, 2, 2, 3, 7),
]  # fmt: skip


def test_wikipedia_fleiss_example() -> None:
    result = fleiss_kappa(_rows_from_counts(WIKIPEDIA_FLEISS_COUNTS))

    assert round(result.value, 3) == 0.210
    assert round(result.observed, 3) == 0.378
    assert round(result.expected, 3) == 0.213


def _rows_from_table(cells: dict[tuple[object, object], int]) -> list[list[object]]:
    return [[a, b] for (a, b), n in cells.items() for _ in range(n)]


def test_wikipedia_cohen_kappa_example() -> None:
    # Wikipedia, "Cohen's kappa": 50 proposals; both yes 20, both no 15, A yes/B no 5, A no/B yes 10.
    rows = _rows_from_table({("yes", "yes"): 20, ("no", "no"): 15, ("yes", "no"): 5, ("no", "yes"): 10})

    result = cohen_kappa(rows)

    assert result.value == pytest.approx(0.4)
    assert result.observed == pytest.approx(0.7)
    assert result.expected == pytest.approx(0.5)
    assert percent_agreement(rows).value == pytest.approx(0.7)


def test_brennan_prediger_1981_example() -> None:
    # Brennan & Prediger (1981: 689), proportions x 100: kappa .27, their free-marginal kappa .40.
    rows = _rows_from_table({(1, 1): 50, (2, 1): 10, (2, 2): 10, (2, 3): 10, (3, 1): 20})

    assert round(cohen_kappa(rows).value, 2) == 0.27
    assert round(cohen_kappa(rows).expected, 2) == 0.45
    assert round(brennan_prediger(rows).value, 2) == 0.40


def test_krippendorff_1995_digitised_example() -> None:
    # Krippendorff (1995: 57), pair A (Bertha, Bill) digitised per time slot: kappa .385,
    # pi .314, alpha .329 (values as reproduced by DKPro Statistics' Krippendorff1995Test).
    bertha = "001111111100001111110000"
    bill = "000011110000000110000000"
    rows = [[int(a), int(b)] for a, b in zip(bertha, bill, strict=True)]

    assert round(cohen_kappa(rows).value, 3) == 0.385
    assert round(scott_pi(rows).value, 3) == 0.314
    assert round(krippendorff_alpha(rows).value, 3) == 0.329


@pytest.mark.parametrize(
    ("table", "p_a", "p_e", "ac1"),
    [
        # Values from Gwet's own irrCAC 1.4 (gwet.ac1.raw), via DKPro Statistics' fixtures.
        ([[80, 7], [8, 5]], 0.85, 0.21875, 0.808),
        (
            [[20, 5, 1, 0], [4, 15, 6, 1], [0, 5, 18, 4], [0, 1, 3, 12]],
            0.684210526315789,
            0.247294552169898,
            0.58046,
        ),
    ],
)
def test_gwet_ac1_matches_irrcac(table: list[list[int]], p_a: float, p_e: float, ac1: float) -> None:
    rows = _rows_from_table({(a, b): n for a, row in enumerate(table) for b, n in enumerate(row)})

    result = gwet_ac1(rows)

    assert result.observed == pytest.approx(p_a, abs=1e-12)
    assert result.expected == pytest.approx(p_e, abs=1e-12)
    assert result.value == pytest.approx(ac1, abs=5e-6)


def test_nvivo_coding_comparison_example() -> None:
    # NVivo's help: a 1000-character document, 50 characters coded by both users, 150 by only
    # one, 800 by neither -> percentage agreement (800 + 50) / 1000 = 85%. NVivo does not split
    # the 150; with 100 only A and 50 only B its kappa steps give EF1 = 150*100/1000 = 15,
    # EF2 = 850*900/1000 = 765, K = (850 - 780) / (1000 - 780).
    table = [[800, 50], [100, 50]]  # rows A (not coded, coded), columns B

    result = cohen_kappa_from_table(table)

    assert result.observed == pytest.approx(0.85)
    assert result.value == pytest.approx(70 / 220)
