"""Agreement of m coders from how many coded each unit, against the full units × coders matrix."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.agreement import fleiss_kappa, percent_agreement
from qualcode.agreement.group_presence import (
    GroupPresenceCounts,
    count_group_presence,
    group_presence_agreement,
)

krippendorff = pytest.importorskip("krippendorff")


@pytest.mark.parametrize("coders", [2, 3, 5])
def test_counts_give_the_figures_of_the_whole_matrix(coders) -> None:
    rng = np.random.default_rng(coders)
    for _ in range(20):
        matrix = rng.random((int(rng.integers(5, 60)), coders)) < rng.uniform(0.05, 0.6)
        if matrix.all() or not matrix.any():
            continue
        result = group_presence_agreement(count_group_presence(matrix))

        assert result.fleiss_kappa.value == pytest.approx(fleiss_kappa(matrix).value, abs=1e-12)
        assert result.percent_agreement.value == pytest.approx(percent_agreement(matrix).value, abs=1e-12)
        expected = krippendorff.alpha(matrix.T.astype(float), level_of_measurement="nominal")
        assert result.alpha.value == pytest.approx(expected, abs=1e-12)


def test_counts_pool_by_adding() -> None:
    first = np.array([[1, 1, 0], [0, 0, 0]], dtype=bool)
    second = np.array([[1, 1, 1], [1, 0, 0], [0, 1, 0]], dtype=bool)

    pooled = count_group_presence(first) + count_group_presence(second)

    assert pooled == count_group_presence(np.concatenate([first, second])) == GroupPresenceCounts((1, 2, 1, 1))


def test_no_variation_is_undefined_with_its_reason_not_zero() -> None:
    result = group_presence_agreement(GroupPresenceCounts((7, 0, 0, 0)))

    assert result.fleiss_kappa.value is None and "no variation" in result.fleiss_kappa.reason
    assert result.alpha.value is None and "no variation" in result.alpha.reason
    assert result.percent_agreement.value == 1.0
    empty = group_presence_agreement(GroupPresenceCounts((0, 0, 0)))
    assert empty.fleiss_kappa.reason == "no units" and empty.alpha.value is None
