"""``qualcode report methods``: the paragraph states the project's own numbers, in Dutch and English, and cites."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.documents import list_documents
from qualcode.storage.project_store import open_project
from tests.tui.workbench_project import build_project


def _run(project, *arguments):
    return CliRunner().invoke(app, [*arguments, "--project", str(project)])


def _pooled(sample, *choice):
    rows = json.loads(_run(sample, "agreement", "--coders", "eva", "daan", *choice, "--format", "json").stdout)
    return rows[-1]


@pytest.mark.parametrize(("language", "decimal", "words"), [("nl", ",", "8.555"), ("en", ".", "8,555")])
def test_the_paragraph_holds_the_projects_numbers_and_the_references(sample, language, decimal, words) -> None:
    result = _run(sample, "report", "methods", "--lang", language)
    assert result.exit_code == 0, result.output
    text = result.stdout
    pooled = _pooled(sample)
    store = open_project(sample)
    try:
        total = sum(document.words for document in list_documents(store))
    finally:
        store.close()

    def fixed(value: float) -> str:
        return f"{value:.2f}".replace(".", decimal)

    assert f"{total:,}".replace(",", "." if language == "nl" else ",") == words and words in text
    assert "4 interviews" in text and "17 codes" in text and "4 " in text
    assert fixed(pooled["kappa"]) in text and fixed(pooled["alpha"]) in text and fixed(pooled["ac1"]) in text
    assert f"{fixed(pooled['kappa_ci_low'])}–{fixed(pooled['kappa_ci_high'])}" in text
    assert "eva" in text and "daan" in text and "2 interviews" in text
    settled = {"nl": "1 in overleg beslecht", "en": "1 were settled in discussion"}[language]
    assert settled in text and {"nl": "voor de codering van daan", "en": "in favour of daan's coding"}[language] in text
    for reference in ("Cohen, J. (1960)", "Krippendorff, K. (2004)", "Gwet, K. L. (2008)", "Efron, B."):
        assert reference in text
    assert ("Literatuur" if language == "nl" else "References") in text


def test_paragraph_units_follow_the_choice(sample) -> None:
    result = _run(sample, "report", "methods", "--lang", "en", "--coders", "daan,eva", "--unit", "paragraph",
                  "--min-overlap", "50%")
    assert result.exit_code == 0, result.output
    rows = json.loads(_run(sample, "agreement", "--coders", "daan", "eva", "--unit", "paragraph", "--min-overlap",
                           "50%", "--format", "json").stdout)

    assert "on paragraphs, a unit counting as coded when the codings cover at least 50% of it" in result.stdout
    assert f"was {rows[-1]['kappa']:.2f}" in result.stdout
    assert "Both daan and eva" in result.stdout


def test_a_project_with_one_coder_gets_no_agreement_sentences(tmp_path) -> None:
    build_project(tmp_path / "project").close()
    result = _run(tmp_path / "project", "report", "methods", "--lang", "en", "--output", str(tmp_path / "m.txt"))

    assert result.exit_code == 0, result.output
    text = (tmp_path / "m.txt").read_text(encoding="utf-8")
    assert text.startswith("The analysis covers") and "κ" not in text and "References" not in text


@pytest.mark.parametrize(("arguments", "message"), [
    (["--coders", "eva"], "two different coders"),
    (["--coders", "eva", "--coders", "eva"], "two different coders"),
    (["--coders", "eva,niemand"], "niemand"),
    (["--min-overlap", "0.5"], "char"),
    (["--min-overlap", "veel", "--unit", "turn"], "veel"),
    (["--lang", "de"], "de"),
])
def test_bad_methods_requests_fail_clearly(sample, arguments, message) -> None:
    result = _run(sample, "report", "methods", *arguments)

    assert result.exit_code != 0
    assert message in result.stderr, result.stderr
