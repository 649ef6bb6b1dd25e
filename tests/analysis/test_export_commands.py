"""``qualcode export quotes|crosstab|framework|memos`` as a user runs them, and their refusals."""

from __future__ import annotations

import csv
import sqlite3

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.coders import get_coder
from qualcode.storage.memos import set_segment_memo
from tests.analysis.coded_project import VERTROUWEN

runner = CliRunner()


def run(project, *args):
    return runner.invoke(app, ["export", *args, "--project", str(project.folder)])


def test_quotes_docx_and_markdown(project, tmp_path):
    result = run(project, "quotes", f"{VERTROUWEN} AND WHERE fase = verkennend", "--memos")
    assert result.exit_code == 0, result.output
    path = project.folder / "exports" / "quotes.docx"
    assert result.stdout.strip() == str(path)
    paragraphs = [(p.style.name, p.text) for p in docx.Document(path).paragraphs]
    assert [text.split("\n")[0] for style, text in paragraphs if style == "Quote"] == [
        "Het vertrouwen is er nog niet.", "vertrouwen is er"]
    assert ("Heading 2", "Gebrek aan vertrouwen") in paragraphs and ("Normal", "Memo: kern") in paragraphs
    markdown = tmp_path / "citaten.md"
    assert run(project, "quotes", "-f", "md", "--output", str(markdown), "--coder", "daan").exit_code == 0
    assert markdown.read_text(encoding="utf-8").count("\n> — ") == 1


def test_crosstab_files(project):
    assert run(project, "crosstab", "--by", "fase", "--excel-nl").exit_code == 0
    with open(project.folder / "exports" / "crosstab-fase-cases.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["group", "row", "gestart", "verkennend"]
    assert rows[1] == ["Belemmerende factoren", "Gebrek aan vertrouwen", "1,0", "1,0"]     # decimal commas
    result = run(project, "crosstab", "--documents", "--row", "@nee")
    assert result.exit_code == 1 and "expected a saved query" in result.stderr
    assert run(project, "crosstab", "--cases", "-f", "md").exit_code == 0
    assert "| R1 | R2 |" in (project.folder / "exports" / "crosstab-cases.md").read_text(encoding="utf-8")


def test_framework_and_memos(project):
    assert run(project, "framework").exit_code == 0
    workbook = openpyxl.load_workbook(project.folder / "exports" / "framework.xlsx")
    assert workbook.sheetnames == ["Belemmerende factoren", "Bevorderende factoren"]
    assert run(project, "framework", "-f", "md").exit_code == 0
    eva = get_coder(project, "eva").id
    set_segment_memo(project, coder_id=eva, document_id=1, start=0, end=2, text="=HYPERLINK(x)")
    assert run(project, "memos", "-f", "csv").exit_code == 0
    with open(project.folder / "exports" / "memos.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["kind"], row["coder"], row["memo"]) for row in rows] == [  # a formula memo stays text
        ("segment", "eva", "'=HYPERLINK(x)"), ("coding", "eva", "kern")]
    assert run(project, "memos").exit_code == 0
    assert "**coding** (belemmerend/gebrek-aan-vertrouwen, eva, R1): kern" in (
        project.folder / "exports" / "memos.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("arguments", "message"), [
    (["quotes", "belemmerend AND"], "error: query:1:16: expected a code, '(' or NOT after AND, but the query ends"),
    (["quotes", "--coder", "piet"], "error: no coder named 'piet'"),
    (["quotes", "--output", "/nonexistent/q.docx"], "error: cannot write /nonexistent/q.docx: the folder"),
    (["crosstab"], "error: choose the columns: one of --by ATTRIBUTE, --cases or --documents"),
    (["crosstab", "--by", "fase", "--cases"], "error: choose the columns: one of --by ATTRIBUTE, --cases or --documents"),
    (["crosstab", "--by", "leeftijd"], "error: no case attribute 'leeftijd' (attributes: fase)"),
    (["framework", "-f", "pdf"], "Invalid value for '--format'"),
])
def test_refusals_change_nothing(project, arguments, message):
    before = list(sqlite3.connect(project.database_path).iterdump())
    result = run(project, *arguments)
    assert result.exit_code != 0 and message in result.stderr
    assert list(sqlite3.connect(project.database_path).iterdump()) == before
