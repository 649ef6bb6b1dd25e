"""``qualcode report agreement``: the HTML page read back with html5lib equals ``qualcode agreement --format json``."""

from __future__ import annotations

import json
import re
from importlib.metadata import version

import html5lib
import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.agreement_data import code_disagreements, coded_text_agreement
from qualcode.storage.project_store import open_project

CHOICES = [
    ["--unit", "char"],
    ["--unit", "paragraph", "--min-overlap", "50%"],
    ["--unit", "turn", "--documents", "interview-02-longziekten"],
]
FIGURES = ("percent_agreement", "kappa", "alpha", "ac1")
COUNTS = ("units", "both", "only_a", "only_b", "neither")


def _run(sample, *arguments):
    return CliRunner().invoke(app, [*arguments, "--project", str(sample)])


def _page(sample, tmp_path, choice):
    target = tmp_path / "report.html"
    result = _run(sample, "report", "agreement", "--coders", "eva", "daan", *choice, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert f"Wrote {target}" in result.stderr
    return html5lib.parse(target.read_text(encoding="utf-8"), namespaceHTMLElements=False), target


def _json(sample, choice):
    result = _run(sample, "agreement", "--coders", "eva", "daan", *choice, "--format", "json")
    assert result.exit_code == 0, result.output
    return {row["code"]: row for row in json.loads(result.stdout)}


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _number(value: str | None) -> float | None:
    return None if value in ("", None) else float(value)


@pytest.mark.parametrize("choice", CHOICES, ids=["char", "paragraph-50", "turn-one-document"])
def test_every_code_row_and_number_equals_the_agreement_json(sample, tmp_path, choice) -> None:
    page, _ = _page(sample, tmp_path, choice)
    expected = _json(sample, choice)

    rows = page.findall(".//table[@class='figures']/tbody/tr")
    assert [row.get("data-code") for row in rows][-1] == "*"
    assert sorted(row.get("data-code") for row in rows) == sorted(expected)
    kappas = [_number(row.find("td[@data-key='kappa']").get("data-value")) for row in rows[:-1]]
    defined = [kappa for kappa in kappas if kappa is not None]
    assert defined == sorted(defined) and kappas[: len(defined)] == defined  # worst first, undefined last
    for row in rows:
        values = expected[row.get("data-code")]
        cells = {cell.get("data-key"): cell for cell in row.findall("td[@data-key]")}
        for key in COUNTS:
            assert int(cells[key].get("data-value")) == values[key]
            assert _text(cells[key]).replace(",", "") == str(values[key])
        for key in FIGURES:
            assert _number(cells[key].get("data-value")) == values[key], (row.get("data-code"), key)
            shown = _text(cells[key])
            if values[key] is None:
                assert shown == "undefined"
            elif key == "percent_agreement":
                assert shown == f"{values[key] * 100:.1f}%"
            else:
                assert shown == f"{values[key]:.3f}"
        interval = cells["kappa_ci"]
        assert _number(interval.get("data-low")) == values["kappa_ci_low"]
        assert _number(interval.get("data-high")) == values["kappa_ci_high"]
        if values["kappa_ci_low"] is not None:
            assert _text(interval) == f"{values['kappa_ci_low']:.3f} – {values['kappa_ci_high']:.3f}"


def test_the_pooled_result_and_the_formulas_hold_the_pooled_numbers(sample, tmp_path) -> None:
    page, _ = _page(sample, tmp_path, CHOICES[0])
    pooled = _json(sample, CHOICES[0])["*"]

    block = page.find(".//section[@class='pooled']")
    for key in ("kappa", "alpha", "ac1", "percent_agreement"):
        assert _number(block.find(f".//span[@data-key='{key}']").get("data-value")) == pooled[key]
    formulas = _text(page.find(".//section[@class='formulas']"))
    assert f"({pooled['both']} + {pooled['neither']}) / {pooled['units']}" in formulas
    assert f"= {pooled['kappa']:.4f}" in formulas and f"= {pooled['alpha']:.4f}" in formulas
    assert f"= {pooled['ac1']:.4f}" in formulas
    forest = page.find(".//section[@class='forest']//{http://www.w3.org/2000/svg}svg")
    assert f"{pooled['kappa']:.3f} [{pooled['kappa_ci_low']:.3f}, {pooled['kappa_ci_high']:.3f}]" in _text(forest)


@pytest.mark.parametrize("choice", CHOICES[:2], ids=["char", "paragraph-50"])
def test_every_disagreement_appears_once_with_its_place_and_settlement(sample, tmp_path, choice) -> None:
    page, _ = _page(sample, tmp_path, choice)
    store = open_project(sample)
    try:
        overlap = 0.5 if "--min-overlap" in choice else None
        figures = coded_text_agreement(store, ["eva", "daan"], unit=choice[1], min_overlap=overlap, by_document=False)
        expected = {(row.code, f"{found.document_id}:{found.start}-{found.end}")
                    for row in figures.agreement.rows
                    for found in code_disagreements(figures.scope, row.code_id, overlap)}
    finally:
        store.close()

    articles = page.findall(".//article")
    shown = [(article.get("data-code"), article.get("data-id")) for article in articles]
    assert len(shown) == len(set(shown)) == len(expected) > 10
    assert set(shown) == expected
    for article in articles:
        header = _text(article.find("header"))
        assert re.search(r"interview-0[12]-\w+ · turn \d+ \((R|Respondent|Interviewer|I)\)", header), header
        assert len(article.findall(".//blockquote")) == 2
        assert article.find(".//span[@class='region']") is not None
    if choice[1] == "char":  # the conftest settled the first disagreement of the worst code, at character level
        settled = [article for article in articles if article.get("data-settled")]
        assert [article.get("data-settled") for article in settled] == ["b"]
        assert "Settled: the consensus took B's coding" in _text(settled[0])
        assert articles.index(settled[0]) == 0


def test_the_page_is_self_contained_and_says_what_was_compared(sample, tmp_path) -> None:
    page, target = _page(sample, tmp_path, CHOICES[0])
    source = target.read_text(encoding="utf-8")

    assert page.find(".//script") is None and page.find(".//link") is None
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", source)
    assert "@media print" in source and "@page" in source
    compared = _text(page.find(".//section[@class='compared']"))
    for fact in ("eva", "daan", "interview-01-cardiologie", "interview-02-longziekten", "characters",
                 version("qualcode")):
        assert fact in compared
    assert re.search(r"\b\d{1,3}(,\d{3})* words", compared)
    assert page.find(".//span[@data-pseudonymised='false']") is not None
    commands = _text(page.find(".//pre[@class='command']"))
    assert "qualcode report agreement --coders eva daan --unit char --output report.html" in commands
    assert "qualcode agreement --coders eva daan --unit char --format json" in commands


def test_the_fingerprint_tells_two_comparisons_apart(sample, tmp_path) -> None:
    first, _ = _page(sample, tmp_path, CHOICES[0])
    again, _ = _page(sample, tmp_path, CHOICES[0])
    other, _ = _page(sample, tmp_path, CHOICES[1])

    def fingerprint(page):
        return page.find(".//span[@data-fingerprint]").get("data-fingerprint")

    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint(first))
    assert fingerprint(first) == fingerprint(again) != fingerprint(other)


@pytest.mark.parametrize(("arguments", "message"), [
    (["--coders", "eva"], "compares two different coders"),
    (["--coders", "eva", "eva"], "compares two different coders"),
    (["--coders", "eva", "daan", "consensus"], "compares two different coders"),
    (["--coders", "eva", "niemand"], "niemand"),
    (["--coders", "eva", "daan", "--min-overlap", "150%"], "overlap"),
    (["--coders", "eva", "daan", "--min-overlap", "0.5"], "char"),
    (["--coders", "eva", "daan", "--documents", "geen-document"], "geen-document"),
    (["--coders", "eva", "daan", "--output", "{folder}/report.docx"], ".html or .pdf"),
    (["--coders", "eva", "daan", "--output", "{folder}/missing/report.html"], "does not exist"),
])
def test_bad_input_is_one_clear_line_and_writes_nothing(sample, tmp_path, arguments, message) -> None:
    arguments = [argument.format(folder=tmp_path) for argument in arguments]
    if "--output" not in arguments:
        arguments += ["--output", str(tmp_path / "report.html")]
    before = sorted(path.name for path in (sample / "exports").glob("*")) if (sample / "exports").exists() else []

    result = _run(sample, "report", "agreement", *arguments)

    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.stderr
    assert list(tmp_path.iterdir()) == []
    after = sorted(path.name for path in (sample / "exports").glob("*")) if (sample / "exports").exists() else []
    assert after == before


def test_names_and_text_that_look_like_html_stay_text(tmp_path) -> None:
    from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
    from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
    from qualcode.storage.coders import ensure_coder
    from qualcode.storage.coding_actions import apply_code
    from qualcode.storage.project_store import init_project
    from tests.project_factory import add_document, parsed_interview

    name = '<script>alert("code")</script> & </td>'
    text = 'Antwoord <img src="http://x/y.png" onerror="alert(1)"> en verder </article>'
    store = init_project(tmp_path / "p")
    apply_codebook_spec(store, CodebookSpec(title="T", groups=(GroupSpec(
        key="g", name="<b>groep</b>", colour="red;background-image:url(http://x/z.png)",
        codes=(CodeSpec(key="g/c", name=name, colour='#fff" onclick="x'),)),)))
    document = add_document(store, "<i>doc</i>", parsed_interview([("I", "Vraag?"), ("R", text)]))
    code = load_codebook(store).codes[0]
    for coder, (begin, end) in (("eva", (10, 40)), ("daan", (20, 60))):
        apply_code(store, coder_id=ensure_coder(store, coder).id, document_id=document, code_id=code.id,
                   start=begin, end=end)
    store.close()

    target = tmp_path / "r.html"
    result = _run(tmp_path / "p", "report", "agreement", "--coders", "eva", "daan", "--output", str(target))

    assert result.exit_code == 0, result.output
    source = target.read_text(encoding="utf-8")
    page = html5lib.parse(source, namespaceHTMLElements=False)
    assert page.find(".//script") is None and page.find(".//img") is None
    assert "http://x" not in "".join(f"{key}={value}" for element in page.iter() for key, value in element.items())
    assert name in _text(page.find(".//tr[@data-code='g/c']"))
    assert len(page.findall(".//article")) == 2
    assert "<img src" in _text(page.find(".//article"))
