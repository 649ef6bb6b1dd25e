"""``qualcode agreement`` through Typer's CliRunner: formats, keys, undefined values, files and errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from tests.agreement_store.coded_project import GELD, NOODZAAK, VERTROUWEN, coded_project

KEYS = ["code", "units", "both", "only_a", "only_b", "neither", "percent_agreement", "kappa", "alpha",
        "kappa_ci_low", "kappa_ci_high", "ac1"]


@pytest.fixture
def project(tmp_path):
    store, _ = coded_project(tmp_path / "p")
    store.close()
    return tmp_path / "p"


def _run(project, *arguments):
    return CliRunner().invoke(app, ["agreement", *arguments, "--project", str(project)])


def test_json_has_one_row_per_code_and_a_pooled_row_with_exactly_the_keys(project) -> None:
    result = _run(project, "--coders", "eva", "daan", "--unit", "paragraph", "--min-overlap", "50%",
                  "--format", "json")

    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [list(row) for row in rows] == [KEYS] * 3
    assert [row["code"] for row in rows] == [VERTROUWEN, NOODZAAK, "*"]
    vertrouwen = rows[0]
    assert [vertrouwen[k] for k in ("units", "both", "only_a", "only_b", "neither")] == [5, 0, 1, 1, 3]
    assert vertrouwen["kappa"] == pytest.approx(-0.25) and vertrouwen["percent_agreement"] == pytest.approx(0.6)
    assert vertrouwen["kappa_ci_low"] <= vertrouwen["kappa_ci_high"]
    assert [rows[2][k] for k in ("units", "both", "only_a", "only_b", "neither")] == [10, 0, 2, 1, 7]


def test_undefined_values_are_null_in_json_and_empty_in_csv(project) -> None:
    as_json = json.loads(_run(project, "-c", "eva,daan", "--codes", GELD, "-u", "turn", "-f", "json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(
        _run(project, "--coders", "eva", "--coders", "daan", "--codes", GELD, "-u", "turn", "-f", "csv").stdout)))

    assert as_json[0]["code"] == GELD and as_json[0]["neither"] == 4
    assert [as_json[0][k] for k in ("kappa", "alpha", "kappa_ci_low", "kappa_ci_high")] == [None] * 4
    assert as_json[0]["percent_agreement"] == 1.0
    assert list(as_csv[0]) == KEYS
    assert [as_csv[0][k] for k in ("kappa", "alpha", "kappa_ci_low", "kappa_ci_high")] == [""] * 4


def test_the_table_shows_the_formula_the_counts_and_worst_agreement_first(project) -> None:
    result = _run(project, "--coders", "eva", "daan", "--unit", "char", "--codes", "belemmerend/")

    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "κ = (p_o − p_e) / (1 − p_e)" in text and "p_o = (both + neither) / units" in text
    assert "character-level intervals are too narrow" in text
    # gebrek-aan-vertrouwen (κ defined) comes before gedoe-over-geld, left out as nobody used it.
    assert f"{VERTROUWEN} " in text and "Left out, as no chosen coder used them here: belemmerend/gedoe-over-geld" \
        in text.replace("\n", " ")
    vertrouwen_line = next(line for line in text.splitlines() if VERTROUWEN in line)
    assert [cell.strip() for cell in vertrouwen_line.split("│")[2:7]] == ["96", "8", "18", "13", "57"]


def test_the_table_sorts_by_worst_kappa_and_marks_undefined_with_its_reason(project) -> None:
    result = _run(project, "--coders", "eva", "daan", "--unit", "paragraph",
                  "--codes", f"{GELD},{NOODZAAK},{VERTROUWEN}")

    lines = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert [line.split("│")[1].strip() for line in lines] == [NOODZAAK, VERTROUWEN, GELD, "* (pooled)"]
    geld = lines[2]
    assert "undef. [1]" in geld
    assert "[1] belemmerend/gedoe-over-geld, Cohen's kappa: no variation" in result.stdout
    assert "undef. [1]" in geld.split("│")[10]  # the interval refers to kappa's reason


def test_by_document_adds_a_document_column(project) -> None:
    rows = list(csv.DictReader(io.StringIO(
        _run(project, "--coders", "eva", "daan", "--unit", "sentence", "--by-document", "--format", "csv").stdout)))

    assert list(rows[0]) == ["document", *KEYS]
    assert [(row["document"], row["code"]) for row in rows] == [
        ("gesprek", VERTROUWEN), ("gesprek", NOODZAAK), ("gesprek", "*"),
        ("*", VERTROUWEN), ("*", NOODZAAK), ("*", "*"),
    ]


def test_three_coders_get_fleiss_and_alpha(tmp_path) -> None:
    codings = {("eva", VERTROUWEN): [(20, 31)], ("daan", VERTROUWEN): [(26, 44)], ("mila", VERTROUWEN): [(80, 95)]}
    store, _ = coded_project(tmp_path / "p", codings=codings)
    store.close()

    result = _run(tmp_path / "p", "--coders", "eva", "daan", "mila", "--unit", "paragraph", "--format", "json")

    rows = json.loads(result.stdout)
    assert list(rows[0]) == ["code", "units", "coded_by_0", "coded_by_1", "coded_by_2", "coded_by_3",
                             "percent_agreement", "fleiss_kappa", "alpha"]
    assert [rows[0][f"coded_by_{j}"] for j in range(4)] == [3, 1, 1, 0]


def test_output_writes_the_file_instead_of_standard_output(project, tmp_path) -> None:
    target = tmp_path / "agreement.csv"

    result = _run(project, "--coders", "eva", "daan", "--format", "csv", "--output", str(target))

    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").splitlines()[0] == ",".join(KEYS)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(("arguments", "message"), [
    (["--coders", "eva", "piet"], "no coder named 'piet'"),
    (["--coders", "eva"], "at least two different coders"),
    (["--coders", "eva", "eva"], "at least two different coders"),
    (["--coders", "eva", "daan", "--unit", "paragraph", "--min-overlap", "50"], "write 50% or 0.5"),
    (["--coders", "eva", "daan", "--min-overlap", "0.5"], "not to char"),
    (["--coders", "eva", "daan", "--documents", "nergens"], "no document 'nergens'"),
])
def test_clear_errors(project, arguments, message) -> None:
    result = _run(project, *arguments)

    assert result.exit_code == 1
    assert message in result.stderr and result.stdout == ""


def test_a_coder_without_codings_in_the_chosen_documents_is_a_warning(project) -> None:
    result = _run(project, "--coders", "eva", "daan", "--documents", "interview", "--codes", VERTROUWEN,
                  "--format", "json")

    assert result.exit_code == 0
    assert "warning: eva has no codings" in result.stderr and "warning: daan has no codings" in result.stderr
    assert json.loads(result.stdout)[0]["kappa"] is None
