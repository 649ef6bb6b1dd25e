"""2×2 presence/absence counts for coded text, and character masks from spans."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.agreement import (
    PresenceCounts,
    character_mask,
    cohen_kappa,
    count_presence,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    presence_agreement,
)

sklearn_metrics = pytest.importorskip("sklearn.metrics")


def test_character_mask_unions_spans() -> None:
    mask = character_mask(10, [(2, 5), (4, 7), (9, 10), (3, 3)])

    assert mask.tolist() == [False, False, True, True, True, True, True, False, False, True]
    assert not character_mask(4, []).any()


@pytest.mark.parametrize("span", [(-1, 2), (3, 2), (0, 11)])
def test_character_mask_refuses_spans_outside_the_text(span: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match=str(span[0])):
        character_mask(10, [span])


def test_nvivo_example_at_character_level() -> None:
    # NVivo's help: 1000 characters, 50 coded by both, 150 by only one user, 800 by neither: 85%.
    coder_a = character_mask(1000, [(100, 250)])
    coder_b = character_mask(1000, [(200, 300)])

    counts = count_presence(coder_a, coder_b)
    agreement = presence_agreement(counts)

    assert counts == PresenceCounts(both=50, only_a=100, only_b=50, neither=800)
    assert agreement.percent_agreement.value == pytest.approx(0.85)
    assert agreement.kappa.value == pytest.approx(
        sklearn_metrics.cohen_kappa_score(coder_a, coder_b), abs=1e-12
    )
    assert agreement.kappa.value == pytest.approx((850 - 780) / (1000 - 780))


@pytest.mark.parametrize("seed", range(10))
def test_presence_agreement_equals_the_matrix_measures(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a = rng.random(300) < 0.1 + seed / 20
    b = np.where(rng.random(300) < 0.8, a, rng.random(300) < 0.3)
    rows = [[bool(x), bool(y)] for x, y in zip(a, b, strict=True)]

    agreement = presence_agreement(count_presence(a, b))

    assert agreement.counts.units == 300
    assert agreement.percent_agreement.value == pytest.approx(percent_agreement(rows).value, abs=1e-12)
    assert agreement.kappa.value == pytest.approx(cohen_kappa(rows).value, abs=1e-12)
    assert agreement.kappa.value == pytest.approx(sklearn_metrics.cohen_kappa_score(a, b), abs=1e-12)
    assert agreement.alpha.value == pytest.approx(krippendorff_alpha(rows).value, abs=1e-12)
    assert agreement.alpha.value == pytest.approx(
        krippendorff_alpha(np.column_stack([a, b])).value, abs=1e-12
    )
    assert agreement.ac1.value == pytest.approx(gwet_ac1(rows, category_count=2).value, abs=1e-12)


def test_counts_pool_by_addition() -> None:
    first, second = PresenceCounts(1, 2, 3, 4), PresenceCounts(10, 20, 30, 40)

    assert first + second == PresenceCounts(11, 22, 33, 44)
    assert (first + second).units == 110


def test_nobody_coded_anything() -> None:
    agreement = presence_agreement(count_presence(np.zeros(50, bool), np.zeros(50, bool)))

    assert agreement.percent_agreement.value == 1.0
    assert agreement.kappa.value is None
    assert "'not coded'" in agreement.kappa.reason
    assert agreement.alpha.value is None
    assert "no variation" in agreement.alpha.reason
    assert agreement.ac1.value == 1.0  # AC1 stays defined where kappa is not: its point


def test_no_units() -> None:
    agreement = presence_agreement(PresenceCounts(0, 0, 0, 0))

    assert agreement.percent_agreement.reason == "no units"
    assert agreement.kappa.value is None
    assert agreement.alpha.value is None
    assert agreement.ac1.reason == "no units"


def test_count_presence_validates_input() -> None:
    assert count_presence([1, 0, 1], [1, 1, 0]) == PresenceCounts(1, 1, 1, 0)
    with pytest.raises(ValueError, match="one value per unit"):
        count_presence([True, False], [True])
    with pytest.raises(ValueError, match="booleans"):
        count_presence([2, 0], [1, 0])
    with pytest.raises(ValueError, match="non-negative integer"):
        PresenceCounts(-1, 0, 0, 0)
