"""``qualcode retrieve`` as a user runs it: every format, the filters, and bad input."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from tests.analysis.coded_project import VERTROUWEN, text_of

runner = CliRunner()


def run(project, *args):
    return runner.invoke(app, ["retrieve", *args, "--project", str(project.folder)])


def test_json_objects_carry_the_promised_keys(project):
    result = run(project, VERTROUWEN, "--format", "json", "--coder", "eva", "--context", "4")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [record["document"] for record in records] == ["b-interview", "interview"]
    first = records[1]
    assert {"document", "case", "code", "coder", "start", "end", "speaker", "time", "text", "memo"} <= set(first)
    assert first["code"] == [VERTROUWEN] and first["coder"] == "eva" and first["case"] == "R1"
    assert text_of(project, "interview")[first["start"]:first["end"]] == first["text"]
    assert first["memo"] == "kern" and len(first["before"]) == 4


def test_csv_md_and_table(project, tmp_path):
    rows = list(csv.DictReader(io.StringIO(run(project, "belemmerend", "--format", "csv").stdout)))
    assert len(rows) == 5 and rows[0]["document"] == "b-interview"
    markdown = run(project, f"{VERTROUWEN} AND WHERE fase = gestart", "--format", "md").stdout
    assert markdown.startswith("## belemmerend/gebrek-aan-vertrouwen AND WHERE fase = gestart\n")
    assert markdown.count("\n| b-interview |") == 1
    table = run(project, VERTROUWEN, "--where", "fase=verkennend", "--coder", "daan")
    assert table.exit_code == 0 and "daan" in table.stdout and "eva" not in table.stdout
    target = tmp_path / "trust.csv"
    written = run(project, VERTROUWEN, "--format", "csv", "--output", str(target), "--excel-nl")
    assert written.exit_code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfdocument;case;")


def test_unit_and_roles(project):
    same_turn = json.loads(run(project, "belemmerend/* AND bevorderend/*", "--unit", "turn", "-f", "json").stdout)
    assert same_turn == []
    everyone = json.loads(run(project, VERTROUWEN, "--all-roles", "-f", "json").stdout)
    assert len(everyone) == 4


def _dump(project):
    connection = sqlite3.connect(project.database_path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.mark.parametrize(("arguments", "message"), [
    (["belemmerend AND"], "error: query:1:16: expected a code, '(' or NOT after AND, but the query ends"),
    (["onbekend"], "error: query:1:1: expected a code id, group id or glob of the codebook, not 'onbekend'"),
    ([VERTROUWEN, "--coder", "piet"], "error: no coder named 'piet' (coders: daan, eva)"),
    ([VERTROUWEN, "--document", "nee"], "error: no document 'nee' (documents: b-interview, interview)"),
    ([VERTROUWEN, "--where", "fase"], "error: --where needs ATTRIBUTE=VALUE, not 'fase'"),
    ([VERTROUWEN, "--unit", "word"], "Invalid value for '--unit'"),
    ([VERTROUWEN, "--context", "-1"], "Invalid value for '--context'"),
    ([VERTROUWEN, "--output", "x.txt"], "error: --output needs --format csv, json or md"),
    ([VERTROUWEN, "-f", "json", "--output", "/nonexistent/x.json"], "error: cannot write /nonexistent/x.json"),
])
def test_bad_input_is_one_clear_line_and_changes_nothing(project, arguments, message):
    before = _dump(project)
    result = run(project, *arguments)
    assert result.exit_code != 0
    assert message in result.stderr
    assert _dump(project) == before
