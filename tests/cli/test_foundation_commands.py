"""The foundation's commands, run as a user runs them: import, listings, text, segments, codebook, cases."""

import json
import sqlite3
import zipfile

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.project_store import DATABASE_NAME

runner = CliRunner()

INTERVIEW = (
    "Interview cardiologie\nRespondent: R1\nDatum: 2026-03-12\nDuur: 52 minuten\n\n"
    "I: Hoe begon het?\nR: [00:01:10] Nou, kijk, het vertrouwen was er niet.\nDat kwam later pas.\n"
    "I: En het geld?\nR: Daar hebben we lang over gepraat.\n"
)


def run(*args: str):
    return runner.invoke(app, list(args))


def dump(folder) -> list[str]:
    """Everything in the project database, to check that a refused command changed nothing."""
    connection = sqlite3.connect(folder / DATABASE_NAME)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "project"
    assert run("init", str(folder)).exit_code == 0
    return folder


def test_import_then_list_print_and_segment(project, tmp_path):
    source = tmp_path / "interview-01.txt"
    source.write_bytes(INTERVIEW.replace("\n", "\r\n").encode("cp1252"))
    result = run("import", str(source), "-p", str(project))
    assert result.exit_code == 0, result.output
    assert "imported as 'interview-01': 4 turns" in result.output
    listed = json.loads(run("documents", "--format", "json", "-p", str(project)).stdout)
    assert listed == [{"id": 1, "name": "interview-01", "format": "txt", "case": "R1", "turns": 4,
                       "words": 23, "codings": 0, "coded_share": 0.0}]
    assert run("text", "interview-01", "-p", str(project)).stdout == INTERVIEW.rstrip("\n")
    turns = json.loads(run("segments", "1", "--unit", "turn", "--format", "json", "-p", str(project)).stdout)
    assert [t["text"] for t in turns] == [
        "Hoe begon het?", "Nou, kijk, het vertrouwen was er niet.\nDat kwam later pas.",
        "En het geld?", "Daar hebben we lang over gepraat.",
    ]
    assert [t["role"] for t in turns] == ["interviewer", "respondent", "interviewer", "respondent"]
    sentences = run("segments", "interview-01", "--unit", "sentence", "--format", "csv", "-p", str(project)).stdout
    assert sentences.splitlines()[0] == "index,start,end,time,speaker,role,text"
    assert len(sentences.splitlines()) == 1 + 5


def test_same_bytes_again_is_a_no_op_that_says_so(project, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    run("import", str(source), "-p", str(project))
    before = dump(project)
    again = run("import", str(source), "-p", str(project))
    assert again.exit_code == 0 and "already imported as 'a'" in again.output
    assert dump(project) == before


def _coded(project, tmp_path):
    """a.txt imported with eva's codings on two passages; returns the source file."""
    source = tmp_path / "a.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    run("import", str(source), "-p", str(project))
    codebook = tmp_path / "cb.yaml"
    codebook.write_text("codebook: T\ngroups:\n  - id: g\n    name: G\n    codes:\n      - id: g/x\n        name: X\n")
    assert run("codebook", "import", str(codebook), "-p", str(project)).exit_code == 0
    codings = tmp_path / "codings.csv"
    codings.write_text("document,code,text\na,g/x,Daar hebben we lang over gepraat.\na,g/x,En het geld?\n")
    assert run("codings", "import", str(codings), "--coder", "eva", "-p", str(project)).exit_code == 0
    return source


def test_a_dry_run_reports_every_coding_and_changes_nothing(project, tmp_path):
    source = _coded(project, tmp_path)
    before = dump(project)
    source.write_text(INTERVIEW.replace("lang over", "heel lang over") + "I: Dank u wel.\n", encoding="utf-8")
    result = run("import", str(source), "--dry-run", "-p", str(project))
    assert result.exit_code == 0
    assert "dry run: " in result.output and "would re-import as 'a'" in result.output
    assert "1 unchanged, 0 moved, 1 text changed, 0 unplaced" in result.output
    assert "  unchanged: coding g/x by eva" in result.output
    assert ("  text changed: coding g/x by eva, 183-216 -> 183-221: 'Daar hebben we lang over gepraat.' -> "
            "'Daar hebben we heel lang over gepraat.'") in result.output
    assert "dry run, nothing changed: 0 imported, 1 replaced" in result.output
    assert dump(project) == before


def test_a_changed_file_with_codings_is_reimported_with_a_summary(project, tmp_path):
    source = _coded(project, tmp_path)
    source.write_text("I: Goedemorgen.\n" + INTERVIEW[INTERVIEW.index("I: Hoe"):], encoding="utf-8")
    result = run("import", str(source), "--coder", "eva", "-p", str(project))
    assert result.exit_code == 0, result.output
    assert "replaced: " in result.output and "0 unchanged, 2 moved, 0 text changed, 0 unplaced" in result.output
    assert "  moved:" not in result.output  # only what needs a look is listed after a real re-import
    text = run("text", "a", "-p", str(project)).output
    assert text.startswith("I: Goedemorgen.\nI: Hoe begon het?")
    exported = run("export", "segments", "--raw", "-p", str(project))
    assert exported.exit_code == 0, exported.output
    segments = (project / "exports" / "segments.csv").read_text(encoding="utf-8")
    assert "Daar hebben we lang over gepraat." in segments and "En het geld?" in segments


def test_a_changed_file_without_a_coded_passage_is_refused_with_the_list(project, tmp_path):
    source = _coded(project, tmp_path)
    before = dump(project)
    source.write_text(INTERVIEW.replace("I: En het geld?\n", ""), encoding="utf-8")
    result = run("import", str(source), "-p", str(project))
    assert result.exit_code == 1
    assert "the text of 1 coding is gone from it" in result.output
    assert "  unplaced: coding g/x by eva, 167-179: 'En het geld?' is gone" in result.output
    assert dump(project) == before
    dropped = run("import", str(source), "--drop-unplaced", "-p", str(project))
    assert dropped.exit_code == 0
    assert "  unplaced: coding g/x by eva, 167-179: 'En het geld?' is gone, removed" in dropped.output


def _bad_inputs(tmp_path):
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    png = tmp_path / "plaatje.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    corrupt = tmp_path / "kapot.docx"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a zip")
    truncated = tmp_path / "half.docx"
    with zipfile.ZipFile(truncated, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>" * 100)
    truncated.write_bytes(truncated.read_bytes()[:60])
    unsupported = tmp_path / "notities.pages"
    unsupported.write_text("I: hallo\nR: hoi\n")
    folder = tmp_path / "map.txt"
    folder.mkdir()
    return {
        str(tmp_path / "bestaat-niet.txt"): "file not found",
        str(empty): "empty",
        str(png): "PNG image, not a text file",
        str(corrupt): "not a valid .docx",
        str(truncated): ".docx",
        str(unsupported): "cannot read '.pages' files",
        str(folder): "folder",
    }


def test_every_bad_input_is_refused_by_name_and_changes_nothing(project, tmp_path):
    good = tmp_path / "goed.txt"
    good.write_text(INTERVIEW, encoding="utf-8")
    run("import", str(good), "-p", str(project))
    before = dump(project)
    bad = _bad_inputs(tmp_path)
    result = run("import", *bad, "-p", str(project))
    assert result.exit_code == 1
    for path, reason in bad.items():
        line = next(line for line in result.output.splitlines() if line.startswith(f"refused: {path}:"))
        assert reason in line, line
    assert f"summary: 0 imported, 0 replaced, 0 unchanged, {len(bad)} refused" in result.output
    assert dump(project) == before


def test_oversize_file_is_refused(project, tmp_path):
    big = tmp_path / "groot.txt"
    big.write_text(INTERVIEW * 30_000, encoding="utf-8")
    before = dump(project)
    result = run("import", str(big), "-p", str(project), "--max-file-mb", "2")
    assert result.exit_code == 1
    assert "is 6.3 MB, over the limit of 2 MB (raise it with --max-file-mb)" in result.output
    assert dump(project) == before


def test_several_files_each_all_or_nothing_with_a_summary(project, tmp_path):
    good = tmp_path / "goed.txt"
    good.write_text(INTERVIEW, encoding="utf-8")
    empty = tmp_path / "leeg.txt"
    empty.write_text("")
    result = run("import", str(good), str(empty), "-p", str(project))
    assert result.exit_code == 1
    assert "summary: 1 imported, 0 replaced, 0 unchanged, 1 refused" in result.output
    assert [d["name"] for d in json.loads(run("documents", "-f", "json", "-p", str(project)).stdout)] == ["goed"]


def test_listing_errors_go_to_stderr_with_a_non_zero_exit(project):
    result = run("text", "onbekend", "-p", str(project))
    assert result.exit_code == 1
    assert "no document 'onbekend'" in result.stderr
    assert result.stdout == ""


def test_no_project_is_a_clear_error(tmp_path):
    result = run("documents", "-p", str(tmp_path / "leeg"))
    assert result.exit_code == 1 and "no qualcode project" in result.stderr


def test_codebook_import_export_and_show(project, tmp_path):
    codebook = tmp_path / "cb.yaml"
    codebook.write_text(
        "codebook: T\ngroups:\n  - id: g\n    name: G\n    codes:\n      - id: g/x\n        name: X\n"
        "        indicators: [geld]\n        hotkey: 1\n"
    )
    first = run("codebook", "import", str(codebook), "-p", str(project))
    assert "1 added, 0 updated, 0 unchanged" in first.output
    second = run("codebook", "import", str(codebook), "-p", str(project))
    assert "0 added, 0 updated, 1 unchanged" in second.output
    shown = json.loads(run("codebook", "show", "-f", "json", "-p", str(project)).stdout)
    assert shown == [{"group": "g", "code": "g/x", "name": "X", "hotkey": "1", "codings": 0, "indicators": "geld"}]
    out = tmp_path / "terug.yaml"
    assert run("codebook", "export", str(out), "-p", str(project)).exit_code == 0
    assert "id: g/x" in out.read_text()
    broken = tmp_path / "kapot.yaml"
    broken.write_text("codebook: T\ngroups:\n  - id: g\n    name: G\n    codes:\n      - id: g/x\n        hotkey: q\n")
    result = run("codebook", "import", str(broken), "-p", str(project))
    assert result.exit_code == 1 and f"{broken}:6: 'name' is missing" in result.stderr


def test_cases_and_coders(project, tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_text("case,fase,jaren\nR1,verkennend,12\n")
    assert run("cases", "import", str(cases), "-p", str(project)).exit_code == 0
    assert json.loads(run("cases", "list", "-f", "json", "-p", str(project)).stdout) == [
        {"case": "R1", "document": None, "fase": "verkennend", "jaren": 12}]
    assert run("coders", "add", "eva", "-p", str(project)).exit_code == 0
    assert run("coders", "add", "eva", "-p", str(project)).exit_code == 1
    assert json.loads(run("coders", "list", "-f", "json", "-p", str(project)).stdout) == [
        {"id": 1, "name": "eva", "codings": 0}]
