"""``qualcode export qdpx|qdc`` and ``qualcode exchange import`` as a user runs them."""

from __future__ import annotations

import sqlite3
import zipfile

from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.project_store import DATABASE_NAME
from tests.refi.projects import rich_project

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(arg) for arg in args])


def dump(folder) -> list[str]:
    connection = sqlite3.connect(folder / DATABASE_NAME)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_export_to_exports_then_import_into_a_new_project(tmp_path):
    rich_project(tmp_path / "studie").close()
    exported = run("export", "qdpx", "-p", tmp_path / "studie")
    assert exported.exit_code == 0, exported.output
    path = tmp_path / "studie" / "exports" / "studie.qdpx"
    assert f"wrote {path}: 2 documents, 5 codes, 2 coders, 8 codings, 2 memos, 2 cases" in exported.output
    assert zipfile.ZipFile(path).testzip() is None
    codebook = run("export", "qdc", "-p", tmp_path / "studie", "--output", tmp_path / "codes.qdc")
    assert codebook.exit_code == 0 and "7 codes" in codebook.output

    assert run("init", tmp_path / "kopie").exit_code == 0
    imported = run("exchange", "import", path, "-p", tmp_path / "kopie")
    assert imported.exit_code == 0, imported.output
    assert "documents: 2 added" in imported.output
    assert "codes: 5 added in 2 new group(s), 0 already here" in imported.output
    assert "codings: 8 added, 0 already here; memos: 2; cases: 2" in imported.output


def test_a_refused_import_says_why_and_changes_nothing(tmp_path):
    rich_project(tmp_path / "studie").close()
    before = dump(tmp_path / "studie")
    bad = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("project.qde", "<Project")
        archive.writestr("../../etc/cron.d/evil", "x")
    result = run("exchange", "import", bad, "-p", tmp_path / "studie")
    assert result.exit_code == 1
    assert "points outside the archive" in result.output and "nothing was imported" in result.output
    assert dump(tmp_path / "studie") == before


def test_coder_names_that_exist_must_be_confirmed(tmp_path):
    rich_project(tmp_path / "studie").close()
    run("export", "qdpx", "-p", tmp_path / "studie", "-o", tmp_path / "s.qdpx")
    clash = run("exchange", "import", tmp_path / "s.qdpx", "-p", tmp_path / "studie")
    assert clash.exit_code == 1 and "coder name(s) Bram de Vries, anna exist in both projects" in clash.output
    again = run("exchange", "import", tmp_path / "s.qdpx", "-p", tmp_path / "studie",
                "--as", "anna=anna", "--as", "Bram de Vries=bram-thuis", "--dry-run")
    assert again.exit_code == 0, again.output
    assert "would import" in again.output and "Bram de Vries as bram-thuis" in again.output


def test_importing_a_sample_reports_counting_and_what_is_left_out(tmp_path, sample):
    assert run("init", tmp_path / "p").exit_code == 0
    result = run("exchange", "import", sample("nvivo12-win_oltas0517.qdpx"), "-p", tmp_path / "p")
    assert result.exit_code == 0, result.output
    assert ("positions in 'videos_10_selected': UTF-16 code units, BOM skipped, CRLF as two "
            "(303/303 fit, 300 on word boundaries)") in result.output
    spec = run("exchange", "import", sample("spec-example_atlasti8.qdpx"), "-p", tmp_path / "p")
    assert "not imported: picture source 'cornflakes-n-milk.jpg', 2 codings: qualcode codes text only" in spec.output
