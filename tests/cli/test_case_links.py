"""Linking documents to cases after import: cases link / unlink (undoable) and the cases CSV's document column."""

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.actions import undo
from qualcode.storage.project_store import DATABASE_NAME, open_project

runner = CliRunner()

PLAIN = "I: Hoe begon het?\nR: Nou, het vertrouwen was er niet.\n"


def run(*args: str):
    return runner.invoke(app, list(args))


def dump(folder) -> list[str]:
    connection = sqlite3.connect(folder / DATABASE_NAME)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def cases_of(project) -> dict[str, str | None]:
    listed = json.loads(run("documents", "-f", "json", "-p", str(project)).stdout)
    return {row["name"]: row["case"] for row in listed}


@pytest.fixture
def project(tmp_path):
    """Two interviews without a Respondent: header, so they have no case."""
    folder = tmp_path / "project"
    assert run("init", str(folder)).exit_code == 0
    for name in ("interview-a", "interview-b"):
        (tmp_path / f"{name}.txt").write_text(PLAIN + f"I: En {name}?\nR: Ja.\n", encoding="utf-8")
        assert run("import", str(tmp_path / f"{name}.txt"), "-p", str(folder)).exit_code == 0
    assert run("coders", "add", "eva", "-p", str(folder)).exit_code == 0
    return folder


def test_link_makes_the_case_and_unlink_takes_the_document_out(project):
    result = run("cases", "link", "interview-a", "R7", "--coder", "eva", "-p", str(project))
    assert result.exit_code == 0, result.output
    assert "interview-a now belongs to the new case R7" in result.stdout
    assert run("cases", "link", "interview-b", "R7", "-p", str(project)).exit_code == 0
    assert cases_of(project) == {"interview-a": "R7", "interview-b": "R7"}
    result = run("cases", "link", "interview-b", "R8", "-p", str(project))
    assert "interview-b now belongs to case R8 (was R7)" in result.stdout
    result = run("cases", "unlink", "interview-a", "--coder", "eva", "-p", str(project))
    assert result.exit_code == 0 and "interview-a no longer belongs to case R7" in result.stdout
    assert cases_of(project) == {"interview-a": None, "interview-b": "R8"}
    assert [case["case"] for case in json.loads(run("cases", "list", "-f", "json", "-p", str(project)).stdout)] == [
        "R7", "R8"]  # the case stays


def test_link_and_unlink_are_undone_in_the_coders_log(project):
    run("cases", "link", "interview-a", "R7", "--coder", "eva", "-p", str(project))
    run("cases", "unlink", "interview-a", "--coder", "eva", "-p", str(project))
    store = open_project(project)
    try:
        coder_id = next(c["id"] for c in json.loads(run("coders", "list", "-f", "json", "-p", str(project)).stdout))
        assert undo(store, coder_id).description == "case of interview-a: none (was R7)"
        assert cases_of(project)["interview-a"] == "R7"
        assert undo(store, coder_id).description == "case of interview-a: R7"
        assert cases_of(project)["interview-a"] is None
        assert json.loads(run("cases", "list", "-f", "json", "-p", str(project)).stdout) == []  # the new case went too
    finally:
        store.close()


@pytest.mark.parametrize("args, message", [
    (("cases", "link", "interview-z", "R1"), "no document 'interview-z'"),
    (("cases", "link", "interview-a", "  "), "is not a case label"),
    (("cases", "link", "interview-a", " R1"), "is not a case label"),
    (("cases", "link", "interview-a", "R" * 101), "is not a case label"),
    (("cases", "unlink", "interview-z"), "no document 'interview-z'"),
    (("cases", "link", "interview-a", "R1", "--coder", "nobody"), "nobody"),
])
def test_bad_links_are_refused_and_change_nothing(project, args, message):
    before = dump(project)
    result = run(*args, "-p", str(project))
    assert result.exit_code == 1 and message in result.stderr
    assert dump(project) == before


def test_the_cases_csv_links_documents_and_comes_back_from_cases_list(project, tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_text("case,document,fase\nR1,interview-a,verkennend\nR1,interview-b,verkennend\nR2,,besluit\n")
    result = run("cases", "import", str(cases), "-p", str(project))
    assert result.exit_code == 0, result.output
    assert "imported 2 cases" in result.stdout and "linked 2 documents" in result.stdout
    assert cases_of(project) == {"interview-a": "R1", "interview-b": "R1"}
    exported = run("cases", "list", "-f", "csv", "-p", str(project)).stdout
    assert exported.splitlines() == ["case,document,fase", "R1,interview-a,verkennend", "R1,interview-b,verkennend",
                                     "R2,,besluit"]
    run("cases", "unlink", "interview-b", "-p", str(project))
    again = tmp_path / "again.csv"
    again.write_text(exported)
    assert run("cases", "import", str(again), "-p", str(project)).exit_code == 0
    assert cases_of(project) == {"interview-a": "R1", "interview-b": "R1"}


@pytest.mark.parametrize("content, message", [
    ("case,document\nR1,interview-z\n", "no document 'interview-z'"),
    ("case,document\nR1,interview-a\nR2,interview-a\n", "document interview-a is under case R1 on row 2"),
    ("case,document,fase\nR1,interview-a,a\nR1,interview-b,b\n", "case R1 has fase 'a' on row 2 but 'b' here"),
    ("case,fase\nR1,a\nR1,a\n", "listed twice"),
    ("case,document\n,interview-a\n", "the 'case' column is empty"),
])
def test_bad_cases_csv_is_refused_and_changes_nothing(project, tmp_path, content, message):
    cases = tmp_path / "cases.csv"
    cases.write_text(content)
    before = dump(project)
    result = run("cases", "import", str(cases), "-p", str(project))
    assert result.exit_code == 1 and message in result.stderr, result.output
    assert dump(project) == before
