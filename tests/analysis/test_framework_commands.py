"""``qualcode framework show|summary`` as a user runs them."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.actions import undo
from qualcode.storage.coders import get_coder
from tests.analysis.coded_project import VERTROUWEN

runner = CliRunner()


def run(project, *args):
    return runner.invoke(app, ["framework", *args, "--project", str(project.folder)])


def test_write_read_show_and_undo_a_summary(project):
    assert run(project, "summary", VERTROUWEN, "R1", "Wantrouwen na de buitenpoli.", "--coder", "eva").exit_code == 0
    assert run(project, "summary", VERTROUWEN, "R1").stdout == "Wantrouwen na de buitenpoli.\n"
    rows = list(csv.DictReader(io.StringIO(run(project, "show", "--format", "csv").stdout)))
    assert {"group": "Belemmerende factoren", "code": VERTROUWEN, "case": "R1", "segments": "2",
            "summary": "Wantrouwen na de buitenpoli."} in rows
    assert len(rows) == 4 * 2                      # every code × every case
    undo(project, get_coder(project, "eva").id)
    assert run(project, "summary", VERTROUWEN, "R1").stdout == "\n"


@pytest.mark.parametrize(("arguments", "message"), [
    (["summary", "onbekend", "R1", "x"], "error: no code 'onbekend' in the codebook"),
    (["summary", VERTROUWEN, "R9", "x"], "error: no case 'R9' (cases: R1, R2)"),
    (["summary", VERTROUWEN, "R1", "x", "--coder", "piet"], "error: no coder named 'piet'"),
])
def test_refusals_change_nothing(project, arguments, message):
    before = list(sqlite3.connect(project.database_path).iterdump())
    result = run(project, *arguments)
    assert result.exit_code == 1 and message in result.stderr
    assert list(sqlite3.connect(project.database_path).iterdump()) == before
