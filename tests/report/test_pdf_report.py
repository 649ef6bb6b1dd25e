"""A real browser prints the report: headless Chromium opens the HTML, and qualcode's own PDF, read with pypdf."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.export.pdf_printing import BROWSER_VARIABLE, find_browser
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.project_store import open_project

BROWSER = find_browser()
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium or Chrome on this machine (Debian: apt-get install chromium; .ci/run does it)")


def _run(sample, *arguments):
    return CliRunner().invoke(app, [*arguments, "--project", str(sample)])


def _pdf_text(path) -> str:
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def _expected(sample) -> tuple[dict, list[str]]:
    result = _run(sample, "agreement", "--coders", "eva", "daan", "--format", "json")
    rows = {row["code"]: row for row in json.loads(result.stdout)}
    store = open_project(sample)
    try:
        codebook = load_codebook(store)
    finally:
        store.close()
    return rows["*"], [codebook.code_by_key(key).name for key in rows if key != "*"]


@needs_browser
def test_chromium_opens_the_html_and_prints_the_pooled_kappa_and_every_code(sample, tmp_path) -> None:
    page = tmp_path / "report.html"
    assert _run(sample, "report", "agreement", "--coders", "eva", "daan", "--output", str(page)).exit_code == 0
    printed = tmp_path / "printed.pdf"
    command = [str(BROWSER), "--headless", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
               "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri()]
    if sys.platform.startswith("linux") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")
    subprocess.run(command, check=True, capture_output=True, timeout=300)

    pooled, names = _expected(sample)
    text = _pdf_text(printed)
    assert f"{pooled['kappa']:.3f}" in text
    assert [name for name in names if name not in text] == []


@needs_browser
def test_the_projects_own_pdf_holds_the_same(sample, tmp_path) -> None:
    target = tmp_path / "agreement.pdf"
    result = _run(sample, "report", "agreement", "--coders", "eva", "daan", "--output", str(target))
    assert result.exit_code == 0, result.output

    reader = PdfReader(target)
    assert len(reader.pages) > 3
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4
    pooled, names = _expected(sample)
    text = _pdf_text(target)
    assert f"{pooled['kappa']:.3f}" in text and f"{pooled['alpha']:.3f}" in text
    assert [name for name in names if name not in text] == []
    assert "Not pseudonymised" in text
    assert [path.name for path in tmp_path.iterdir()] == ["agreement.pdf"]


def test_without_a_browser_pdf_is_refused_in_one_line_naming_how_to_get_one(sample, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(BROWSER_VARIABLE, str(tmp_path / "geen-browser"))
    result = _run(sample, "report", "agreement", "--coders", "eva", "daan", "--output", str(tmp_path / "a.pdf"))

    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "error: cannot write" in result.stderr
    assert BROWSER_VARIABLE in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_without_any_browser_the_message_says_how_to_install_one(sample, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(BROWSER_VARIABLE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("qualcode.export.pdf_printing._USUAL_PLACES", ())
    result = _run(sample, "report", "agreement", "--coders", "eva", "daan", "--output", str(tmp_path / "a.pdf"))

    assert result.exit_code == 1
    assert "apt install chromium" in result.stderr and "write .html" in result.stderr
    assert list(tmp_path.iterdir()) == []
