"""Agreement on a project's coded text: exact counts per unit and min-overlap, checked against other tools."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.agreement import PresenceCounts, character_mask, fleiss_kappa
from qualcode.storage.agreement_data import coded_text_agreement
from qualcode.storage.coders import get_coder
from qualcode.storage.codings import NewCoding, add_coding
from qualcode.storage.errors import NotFoundError, ProjectError
from tests.agreement_store.coded_project import GELD, NOODZAAK, TEXT_LENGTH, VERTROUWEN, code_id, coded_project
from tests.project_factory import add_document, parsed_interview

sklearn_metrics = pytest.importorskip("sklearn.metrics")
krippendorff = pytest.importorskip("krippendorff")


def _counts(row) -> tuple[int, int, int, int]:
    counts = row.pair.counts
    return counts.both, counts.only_a, counts.only_b, counts.neither


def _row(report, key):
    return next(row for row in report.agreement.rows if row.code == key)


@pytest.mark.parametrize(
    ("unit", "min_overlap", "expected"),
    [
        # Turns: 20-59 and 80-95 are coded by both; at 50% eva's 11 of 39 and daan's 18 of 39 are too little.
        ("turn", None, (2, 0, 0, 2)),
        ("turn", 0.5, (0, 1, 0, 3)),
        # Paragraphs: 20-44 has eva's 11/24 and daan's 18/24; 80-95 eva's 15/15 and daan's 3/15.
        ("paragraph", None, (2, 0, 0, 3)),
        ("paragraph", 0.5, (0, 1, 1, 3)),
        ("paragraph", 0.2, (2, 0, 0, 3)),
        ("paragraph", 0.75, (0, 1, 1, 3)),
        ("paragraph", 0.76, (0, 1, 0, 4)),
        # Sentences: 20-31 both, 32-44 only daan; at 100% daan covers 32-44 whole but not 20-31.
        ("sentence", None, (2, 0, 1, 3)),
        ("sentence", 1.0, (0, 2, 1, 3)),
        # Characters: eva 26, daan 21, both 26-31 and 85-88.
        ("char", None, (8, 18, 13, 57)),
    ],
)
def test_exact_counts_per_unit_and_min_overlap(tmp_path, unit, min_overlap, expected) -> None:
    store, _ = coded_project(tmp_path / "p")
    report = coded_text_agreement(store, ["eva", "daan"], unit=unit, min_overlap=min_overlap)

    assert _counts(_row(report, VERTROUWEN)) == expected


def test_kappa_by_hand_on_paragraphs_at_half_overlap(tmp_path) -> None:
    store, _ = coded_project(tmp_path / "p")
    row = _row(coded_text_agreement(store, ["eva", "daan"], unit="paragraph", min_overlap=0.5), VERTROUWEN)

    # p_o = 3/5; p_e = (1·1 + 4·4) / 25 = 0.68; κ = (0.6 − 0.68) / 0.32 = −0.25
    assert row.pair.percent_agreement.value == pytest.approx(0.6)
    assert row.pair.kappa.expected == pytest.approx(0.68)
    assert row.pair.kappa.value == pytest.approx(-0.25)


def test_character_level_matches_scikit_learn_and_krippendorff(tmp_path) -> None:
    store, _ = coded_project(tmp_path / "p")
    row = _row(coded_text_agreement(store, ["eva", "daan"], unit="char"), VERTROUWEN)
    eva = character_mask(TEXT_LENGTH, [(20, 31), (80, 95)])
    daan = character_mask(TEXT_LENGTH, [(26, 44), (85, 88)])

    assert row.pair.kappa.value == pytest.approx(sklearn_metrics.cohen_kappa_score(eva, daan), abs=1e-12)
    expected_alpha = krippendorff.alpha(np.stack([eva, daan]).astype(float), level_of_measurement="nominal")
    assert row.pair.alpha.value == pytest.approx(expected_alpha, abs=1e-12)
    assert row.pair.percent_agreement.value == pytest.approx(np.mean(eva == daan))


def test_nvivo_coding_comparison_per_character(tmp_path) -> None:
    # NVivo's coding comparison help: of 1000 characters 50 are coded by both users, 150 by one
    # only and 800 by neither: agreement (50 + 800) / 1000 = 85%.
    text = "x" * 1000
    codings = {("eva", VERTROUWEN): [(100, 250)], ("daan", VERTROUWEN): [(200, 300)]}
    store, _ = coded_project(tmp_path / "p", codings={})
    document_id = add_document(store, "nvivo", parsed_interview([("R", text)]))
    for (coder, key), spans in codings.items():
        for start, end in spans:
            add_coding(store, NewCoding(document_id, code_id(store, key), get_coder(store, coder).id,
                                        start + 3, end + 3))
    report = coded_text_agreement(store, ["eva", "daan"], unit="char", documents=["nvivo"])
    row = _row(report, VERTROUWEN)

    # The document is "R: " + 1000 characters + "\n": the label and line end are 4 more units of "neither".
    assert _counts(row) == (50, 100, 50, 804)
    assert row.pair.percent_agreement.value == pytest.approx(854 / 1004)
    eva = character_mask(1004, [(103, 253)])
    daan = character_mask(1004, [(203, 303)])
    assert row.pair.kappa.value == pytest.approx(sklearn_metrics.cohen_kappa_score(eva, daan), abs=1e-12)


def test_pooled_row_is_the_sum_over_codes_and_documents(tmp_path) -> None:
    store, _ = coded_project(tmp_path / "p")
    report = coded_text_agreement(store, ["eva", "daan"], unit="paragraph")
    result = report.agreement

    assert [row.code for row in result.rows] == [VERTROUWEN, NOODZAAK]
    assert _counts(_row(report, NOODZAAK)) == (0, 1, 0, 4)
    assert _counts(result.pooled) == (2, 1, 0, 7)
    assert result.pooled.pair.counts == sum((row.pair.counts for row in result.rows), PresenceCounts(0, 0, 0, 0))
    per_document = [row for row in result.by_document if row.document == "gesprek"]
    assert [row.code for row in per_document] == [VERTROUWEN, NOODZAAK, "*"]
    assert per_document[-1].pair.counts == result.pooled.pair.counts


def test_documents_not_every_coder_coded_in_are_left_out_unless_named(tmp_path) -> None:
    store, _ = coded_project(tmp_path / "p")
    default = coded_text_agreement(store, ["eva", "daan"], unit="paragraph")
    named = coded_text_agreement(store, ["eva", "daan"], unit="paragraph", documents=["gesprek", "interview"])

    # small_project's "interview" has no codings at all: not left out by name, simply not coded.
    assert [d.name for d in default.scope.documents] == ["gesprek"]
    assert default.scope.partly_coded_documents == ()
    # Its three paragraphs become three more "neither" units once it is named.
    assert _counts(named.agreement.pooled) == (2, 1, 0, 13)


def test_a_document_only_one_coder_coded_is_named_as_left_out(tmp_path) -> None:
    codings = {("eva", VERTROUWEN): [(20, 31)], ("daan", VERTROUWEN): [(26, 44)]}
    store, _ = coded_project(tmp_path / "p", codings=codings)
    add_coding(store, NewCoding(1, code_id(store, VERTROUWEN), get_coder(store, "eva").id, 3, 10))
    report = coded_text_agreement(store, ["eva", "daan"], unit="paragraph")

    assert [d.name for d in report.scope.documents] == ["gesprek"]
    assert report.scope.partly_coded_documents == ("interview",)


def test_a_code_nobody_used_is_left_out_unless_named_and_then_undefined(tmp_path) -> None:
    store, _ = coded_project(tmp_path / "p")
    default = coded_text_agreement(store, ["eva", "daan"], unit="paragraph")
    named = coded_text_agreement(store, ["eva", "daan"], unit="paragraph", codes=[GELD, "bevorderend/"])

    assert GELD in [code.key for code in default.scope.unused_codes()]
    assert [row.code for row in named.agreement.rows] == [GELD, NOODZAAK]
    geld = _row(named, GELD)
    assert _counts(geld) == (0, 0, 0, 5)
    assert geld.pair.kappa.value is None and "no variation" in geld.pair.kappa.reason
    assert geld.pair.alpha.value is None and geld.interval.low is None
    assert geld.pair.percent_agreement.value == 1.0


def test_three_coders_fleiss_and_alpha_match_independent_implementations(tmp_path) -> None:
    codings = {
        ("eva", VERTROUWEN): [(20, 31), (80, 95)],
        ("daan", VERTROUWEN): [(26, 44), (85, 88)],
        ("mila", VERTROUWEN): [(20, 59)],
        ("mila", NOODZAAK): [(3, 16)],
        ("eva", NOODZAAK): [(63, 76)],
    }
    store, _ = coded_project(tmp_path / "p", codings=codings)
    report = coded_text_agreement(store, ["eva", "daan", "mila"], unit="paragraph")
    vertrouwen, noodzaak = _row(report, VERTROUWEN), _row(report, NOODZAAK)
    # Paragraphs 3-16, 20-44, 45-59, 63-76, 80-95 as units × (eva, daan, mila):
    matrix = np.array([[0, 0, 0], [1, 1, 1], [0, 0, 1], [0, 0, 0], [1, 1, 0]], dtype=bool)

    assert vertrouwen.pair is None and vertrouwen.interval is None
    assert vertrouwen.group.counts.coded_by == (2, 1, 1, 1)
    assert vertrouwen.group.fleiss_kappa.value == pytest.approx(fleiss_kappa(matrix).value)
    expected = krippendorff.alpha(matrix.T.astype(float), level_of_measurement="nominal")
    assert vertrouwen.group.alpha.value == pytest.approx(expected)
    assert noodzaak.group.counts.coded_by == (3, 2, 0, 0)
    pooled_matrix = np.concatenate([matrix, [[0, 0, 1], [0, 0, 0], [0, 0, 0], [1, 0, 0], [0, 0, 0]]]).astype(bool)
    assert report.agreement.pooled.group.counts.coded_by == (5, 3, 1, 1)
    assert report.agreement.pooled.group.fleiss_kappa.value == pytest.approx(fleiss_kappa(pooled_matrix).value)
    assert report.agreement.pooled.group.alpha.value == pytest.approx(
        krippendorff.alpha(pooled_matrix.T.astype(float), level_of_measurement="nominal"))


def test_the_bootstrap_interval_is_reproducible_with_a_seed(tmp_path) -> None:
    store, _ = coded_project(tmp_path / "p")
    first = coded_text_agreement(store, ["eva", "daan"], unit="char", seed=7).agreement.pooled.interval
    again = coded_text_agreement(store, ["eva", "daan"], unit="char", seed=7).agreement.pooled.interval
    other = coded_text_agreement(store, ["eva", "daan"], unit="char", seed=8).agreement.pooled.interval

    assert (first.low, first.high) == (again.low, again.high)
    assert (first.low, first.high) != (other.low, other.high)
    assert first.low < coded_text_agreement(store, ["eva", "daan"], unit="char").agreement.pooled.pair.kappa.value
    assert first.seed == 7


def test_wrong_choices_are_refused_with_the_reason(tmp_path) -> None:
    store, _ = coded_project(tmp_path / "p")

    with pytest.raises(NotFoundError, match="no coder named 'piet'.*daan"):
        coded_text_agreement(store, ["eva", "piet"])
    with pytest.raises(ProjectError, match="at least two different coders"):
        coded_text_agreement(store, ["eva", "eva"])
    with pytest.raises(ProjectError, match="unit must be one of"):
        coded_text_agreement(store, ["eva", "daan"], unit="word")
    with pytest.raises(ProjectError, match="min-overlap applies to"):
        coded_text_agreement(store, ["eva", "daan"], unit="char", min_overlap=0.5)
    with pytest.raises(NotFoundError, match="no document 'nope'"):
        coded_text_agreement(store, ["eva", "daan"], documents=["nope"])
    with pytest.raises(NotFoundError, match="no code key starts with 'onbekend/'"):
        coded_text_agreement(store, ["eva", "daan"], codes=["onbekend/"])
    with pytest.raises(NotFoundError, match="no code 'belemmerend'"):
        coded_text_agreement(store, ["eva", "daan"], codes=["belemmerend"])


@pytest.mark.parametrize("unit", ["char", "turn", "sentence"])
def test_without_the_per_document_rows_the_code_and_pooled_rows_are_the_same(tmp_path, unit) -> None:
    store, _ = coded_project(tmp_path / "p")
    full = coded_text_agreement(store, ["eva", "daan"], unit=unit).agreement
    short = coded_text_agreement(store, ["eva", "daan"], unit=unit, by_document=False).agreement
    assert full.by_document and short.by_document == ()
    assert (short.rows, short.pooled) == (full.rows, full.pooled)
