"""Saved queries: kept in the project, re-run by name, usable as @name inside other queries."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from qualcode.analysis.retrieval import retrieve
from qualcode.cli import app
from qualcode.domain.code_query import QueryError
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.saved_queries import delete_saved_query, list_saved_queries, save_query
from tests.analysis.coded_project import GELD, VERTROUWEN

runner = CliRunner()


def _rows(store, query):
    return [(s.document, s.coder, s.start, s.end) for s in retrieve(store, query)]


def test_a_saved_query_stands_where_a_code_stands(project):
    save_query(project, "verkennend-vertrouwen", f"{VERTROUWEN} AND WHERE fase = verkennend", "trust, phase 1")
    assert _rows(project, "@verkennend-vertrouwen") == _rows(project, f"{VERTROUWEN} AND WHERE fase = verkennend")
    assert _rows(project, f"@verkennend-vertrouwen OR {GELD}") == _rows(
        project, f"({VERTROUWEN} AND WHERE fase = verkennend) OR {GELD}")
    save_query(project, "verkennend-vertrouwen", VERTROUWEN)            # replaced, not duplicated
    assert [(q.name, q.text, q.description) for q in list_saved_queries(project)] == [
        ("verkennend-vertrouwen", VERTROUWEN, "")]


def test_bad_saved_queries(project):
    with pytest.raises(QueryError, match=r"query:1:5: expected a code"):
        save_query(project, "kapot", "a OR")
    with pytest.raises(ProjectError, match="a saved query's name is letters"):
        save_query(project, "met spatie", VERTROUWEN)
    save_query(project, "zelf", "@zelf OR x")
    with pytest.raises(QueryError, match="the saved query '@zelf' refers to itself"):
        list(retrieve(project, "@zelf"))
    with pytest.raises(QueryError, match=r"expected a saved query \(saved queries: zelf\), not '@nee'"):
        retrieve(project, "@nee")
    with pytest.raises(NotFoundError, match="no saved query 'nee'"):
        delete_saved_query(project, "nee")
    assert [q.name for q in list_saved_queries(project)] == ["zelf"]


def test_the_queries_commands(project):
    folder = ["--project", str(project.folder)]
    assert runner.invoke(app, ["queries", "save", "v", VERTROUWEN, "-d", "trust", *folder]).exit_code == 0
    listed = runner.invoke(app, ["queries", "list", "--format", "csv", *folder])
    assert listed.stdout.splitlines() == ["name,query,description", f"v,{VERTROUWEN},trust"]
    run = runner.invoke(app, ["queries", "run", "v", "--format", "json", *folder])
    direct = runner.invoke(app, ["retrieve", VERTROUWEN, "--format", "json", *folder])
    assert run.exit_code == 0 and run.stdout == direct.stdout
    before = list(sqlite3.connect(project.database_path).iterdump())
    refused = runner.invoke(app, ["queries", "save", "w", "onbekend/code", *folder])
    assert refused.exit_code == 1
    assert "error: query:1:1: expected a code id, group id or glob of the codebook, not 'onbekend/code'" in refused.stderr
    assert list(sqlite3.connect(project.database_path).iterdump()) == before
    assert runner.invoke(app, ["queries", "delete", "v", *folder]).exit_code == 0
    assert runner.invoke(app, ["queries", "list", "--format", "csv", *folder]).stdout == "name,query,description\n"
