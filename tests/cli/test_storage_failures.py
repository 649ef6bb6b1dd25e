"""Every storage failure on the command line is one readable line, exit status 1, and changes nothing."""

import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage import project_store
from qualcode.storage.backups import KEEP_SETTING
from qualcode.storage.project_store import DATABASE_NAME, open_project
from qualcode.storage.settings import get_setting
from tests.cli.test_foundation_commands import INTERVIEW, dump
from tests.storage.test_integrity import damage_page, flip_text_byte

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def assert_one_line_refusal(result, *fragments: str) -> str:
    """Exit 1, no traceback, one error line (the last on standard error, after any progress), holding every fragment."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert [line for line in lines if line.startswith("error: ")] == lines[-1:], result.stderr
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[-1]
    return lines[-1]


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "project"
    assert run("init", str(folder)).exit_code == 0
    source = tmp_path / "a.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    assert run("import", str(source), "-p", str(folder)).exit_code == 0
    return folder


@pytest.fixture
def transcript(tmp_path):
    source = tmp_path / "b.txt"
    source.write_text(INTERVIEW.replace("Respondent: R1", "Respondent: R2") * 20, encoding="utf-8")
    return source


def test_a_damaged_project_is_refused_naming_the_backup_and_nothing_is_written(project, transcript):
    backup = run("backup", "-p", str(project))
    assert backup.exit_code == 0
    written = next((project / "backups").glob("qualcode-*.db"))
    database = project / DATABASE_NAME
    damage_page(database, "documents")
    damaged = database.read_bytes()
    for command in (["import", str(transcript)], ["documents"], ["coders", "add", "eva"]):
        result = run(*command, "-p", str(project))
        assert_one_line_refusal(result, "is damaged", str(written))
        assert database.read_bytes() == damaged


def test_an_empty_database_file_is_refused(project, transcript):
    (project / DATABASE_NAME).write_bytes(b"")
    assert_one_line_refusal(run("import", str(transcript), "-p", str(project)), "0 bytes")
    assert_one_line_refusal(run("documents", "-p", str(project)), "0 bytes")
    assert (project / DATABASE_NAME).read_bytes() == b""


def test_a_byte_flipped_inside_a_text_is_refused_before_anything_is_written(project, transcript):
    database = project / DATABASE_NAME
    flip_text_byte(database, b"vertrouwen")
    damaged = database.read_bytes()
    assert_one_line_refusal(run("import", str(transcript), "-p", str(project)),
                            "is damaged (documents row 1: the text is not the text that was imported")
    assert database.read_bytes() == damaged


def test_text_that_is_not_utf8_met_by_a_command_is_one_line_not_a_traceback(project):
    assert run("coders", "add", "vertrouwenspersoon", "-p", str(project)).exit_code == 0
    flip_text_byte(project / DATABASE_NAME, b"vertrouwenspersoon")
    assert_one_line_refusal(run("coders", "list", "-p", str(project)), "is damaged (text that is not UTF-8)")


def test_check_on_a_healthy_and_a_damaged_project(project):
    healthy = run("check", "-p", str(project))
    assert healthy.exit_code == 0 and healthy.stdout.startswith("ok: ")
    damage_page(project / DATABASE_NAME, "segments")
    damaged = run("check", "-p", str(project))
    assert damaged.exit_code == 1
    assert damaged.stdout.startswith("problem: ")
    assert_one_line_refusal(damaged, "is damaged", "there is no backup of it")


def test_check_reports_text_that_is_not_utf8(project):
    flip_text_byte(project / DATABASE_NAME, b"vertrouwen")
    result = run("check", "-p", str(project))
    assert result.exit_code == 1 and "documents row 1: text is not UTF-8" in result.stdout
    assert "documents row 1: the text is not the text that was imported" in result.stdout


def test_backup_writes_a_copy_that_equals_the_project(project, tmp_path):
    target = tmp_path / "copy.db"
    result = run("backup", "--output", str(target), "-p", str(project))
    assert result.exit_code == 0 and str(target) in result.stdout
    copy = sqlite3.connect(target)
    assert list(copy.iterdump()) == dump(project)
    copy.close()
    assert_one_line_refusal(run("backup", "--output", str(target), "-p", str(project)), "exists already")


def test_backup_keep_daily_is_a_project_setting(project):
    assert run("backup", "--keep-daily", "3", "-p", str(project)).exit_code == 0
    store = open_project(project)
    assert get_setting(store, KEEP_SETTING) == "3"
    store.close()


HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("holding", flush=True)
sys.stdin.read()
"""


def test_a_database_locked_by_another_process_names_it(project, transcript, monkeypatch):
    monkeypatch.setattr(project_store, "BUSY_TIMEOUT_MS", 200)
    before = dump(project)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(project / DATABASE_NAME)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "holding\n"
        result = run("import", str(transcript), "-p", str(project))
        assert_one_line_refusal(result, "is locked by another program (it is open in ", f"pid {holder.pid} (",
                                "nothing was changed")
    finally:
        holder.communicate("")
    assert dump(project) == before


def _with_pragma(monkeypatch, pragma: str) -> None:
    """Every connection the store opens from now on also runs ``pragma``."""
    configure = project_store._configure_connection

    def configure_and_limit(dbapi_connection, record) -> None:
        configure(dbapi_connection, record)
        dbapi_connection.execute(pragma(dbapi_connection) if callable(pragma) else pragma)

    monkeypatch.setattr(project_store, "_configure_connection", configure_and_limit)


def test_a_full_disk_is_one_line_and_nothing_is_half_written(project, transcript, monkeypatch):
    before = dump(project)
    # SQLITE_FULL, as on a full disk: the database may not grow by a single page.
    _with_pragma(monkeypatch, lambda connection: "PRAGMA max_page_count = {}".format(
        connection.execute("PRAGMA page_count").fetchone()[0]))
    result = run("import", str(transcript), "-p", str(project))
    assert_one_line_refusal(result, "the disk is full", "nothing was changed")
    assert dump(project) == before


def test_a_read_only_project_is_one_line(project, monkeypatch):
    before = dump(project)
    _with_pragma(monkeypatch, "PRAGMA query_only = ON")  # root can write a chmod-ed file; this cannot
    assert_one_line_refusal(run("coders", "add", "eva", "-p", str(project)), "is read-only", "nothing was changed")
    assert dump(project) == before


def test_merging_from_a_damaged_project_is_one_line(project, tmp_path):
    other = tmp_path / "other"
    assert run("init", str(other)).exit_code == 0
    assert run("coders", "add", "daan", "-p", str(other)).exit_code == 0
    before = dump(project)
    damage_page(other / DATABASE_NAME, "coders")
    assert_one_line_refusal(run("merge", str(other), "-p", str(project)), str(other / DATABASE_NAME), "is damaged")
    (other / DATABASE_NAME).write_bytes(b"")
    assert_one_line_refusal(run("merge", str(other), "-p", str(project)), "0 bytes")
    assert dump(project) == before


def test_merging_from_a_project_with_damage_only_reading_finds_is_one_line(project, tmp_path):
    other = tmp_path / "other"
    assert run("init", str(other)).exit_code == 0
    assert run("coders", "add", "vertrouwenspersoon", "-p", str(other)).exit_code == 0
    flip_text_byte(other / DATABASE_NAME, b"vertrouwenspersoon")
    before = dump(project)
    assert_one_line_refusal(run("merge", str(other), "-p", str(project)),
                            f"cannot read the other project: {other / DATABASE_NAME} is damaged (text that is not UTF-8)")
    assert dump(project) == before


def test_the_qualcode_script_prints_one_line_not_a_traceback(project):
    damage_page(project / DATABASE_NAME, "documents")
    finished = subprocess.run([sys.executable, "-c", "from qualcode.launcher import main; main()", "documents",
                               "-p", str(project)], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 1 and finished.stdout == ""
    assert finished.stderr.count("\n") == 1 and finished.stderr.startswith("error: ")
    assert "is damaged" in finished.stderr
