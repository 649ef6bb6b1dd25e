"""An export that cannot be written: one line naming the real file and the reason, exit 1, old files kept, no temp file.

A full disk is an injected ``OSError(ENOSPC)`` (in the write or in the final sync); a read-only
folder is an injected ``EROFS``/``EACCES`` (the tests run as root, so chmod would not stop them);
a missing folder and a folder that is really a file are real paths.
"""

from __future__ import annotations

import csv
import errno
import os
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.export import atomic_files, report_files
from tests.export.conftest import build_project

runner = CliRunner()
DISK_FULL = "the disk is full (No space left on device)"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    build_project(tmp_path / "project").close()
    (tmp_path / "project" / "exports").mkdir(exist_ok=True)
    return tmp_path / "project"


def commands(folder: Path) -> dict[str, tuple[list[str], Path]]:
    """Each export command, with the file it writes (the first one, for reports of several files)."""
    exports = folder / "exports"
    return {
        "frequencies": (["export", "frequencies", "--all-coders"], exports / "frequencies-long.csv"),
        "frequencies-xlsx": (["export", "frequencies", "--all-coders", "--format", "xlsx"], exports / "frequencies.xlsx"),
        "cooccurrence-excel-nl": (["export", "cooccurrence", "--excel-nl"], exports / "cooccurrence-matrix.csv"),
        "segments": (["export", "segments"], exports / "segments.csv"),
        "codebook-xlsx": (["export", "codebook", "--format", "xlsx"], exports / "codebook.xlsx"),
        "qdpx": (["export", "qdpx"], exports / "project.qdpx"),
        "qdc": (["export", "qdc"], exports / "project.qdc"),
        "codebook-yaml": (["codebook", "export", str(exports / "codes.yaml")], exports / "codes.yaml"),
        "agreement": (["agreement", "--coders", "anna", "bram", "--format", "csv", "--output",
                       str(exports / "agreement.csv")], exports / "agreement.csv"),
        "agreement-json": (["agreement", "--coders", "anna", "bram", "--format", "json", "--output",
                            str(exports / "agreement.json")], exports / "agreement.json"),
    }


COMMANDS = list(commands(Path("p")))


def run(folder: Path, arguments: list[str]):
    return runner.invoke(app, [*arguments, "--project", str(folder)])


def assert_refused(result, message: str) -> None:
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if not line.startswith("3 coded documents")]
    assert errors == [f"error: {message}"]  # one line, no traceback
    assert result.exception is None or isinstance(result.exception, SystemExit)


def left_over(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*") if path.name.endswith(".tmp"))


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_at_the_final_sync(folder, monkeypatch, command):
    arguments, target = commands(folder)[command]
    target.write_bytes(b"the previous export")

    def full(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic_files.os, "fsync", full)
    assert_refused(run(folder, arguments), f"cannot write {target}: {DISK_FULL}")
    assert target.read_bytes() == b"the previous export"
    assert left_over(folder.parent) == []
    monkeypatch.undo()
    assert run(folder, arguments).exit_code == 0  # and once there is room again, it works
    assert target.read_bytes() != b"the previous export" and left_over(folder.parent) == []


def exported(folder: Path) -> list[str]:
    return sorted(path.name for path in (folder / "exports").iterdir() if path.name != ".gitkeep")


def test_a_full_disk_halfway_through_a_csv(folder, monkeypatch):
    real_writer = csv.writer

    class HalfWriter:
        def __init__(self, handle, dialect):
            self.writer = real_writer(handle, dialect)

        def writerow(self, row):
            self.writer.writerow(row)

        def writerows(self, rows):
            self.writer.writerows(list(rows)[:1])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(report_files.csv, "writer", HalfWriter)
    result = run(folder, ["export", "frequencies", "--all-coders", "--excel-nl"])
    assert_refused(result, f"cannot write {folder / 'exports' / 'frequencies-long.csv'}: {DISK_FULL}")
    assert exported(folder) == []


def test_a_full_disk_halfway_through_a_workbook(folder, monkeypatch):
    def half_write(self, data):
        with open(self, "wb") as handle:
            handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", half_write)
    result = run(folder, ["export", "segments", "--format", "xlsx"])
    assert_refused(result, f"cannot write {folder / 'exports' / 'segments.xlsx'}: {DISK_FULL}")
    assert exported(folder) == []


def test_a_full_disk_while_openpyxl_writes_its_sheets(folder, monkeypatch):
    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(openpyxl.Workbook, "save", full)
    result = run(folder, ["export", "frequencies", "--all-coders", "--format", "xlsx"])
    assert_refused(result, f"cannot write {folder / 'exports' / 'frequencies.xlsx'}: {DISK_FULL}")
    assert exported(folder) == []


@pytest.mark.parametrize(("code", "reason"), [
    (errno.EROFS, "the folder is on a read-only file system (Read-only file system)"),
    (errno.EACCES, "no permission to write in that folder (Permission denied)"),
    (errno.EDQUOT, "the disk quota is used up (Disk quota exceeded)"),
])
@pytest.mark.parametrize("command", ["segments", "frequencies-xlsx", "qdpx", "codebook-yaml", "agreement"])
def test_a_folder_that_refuses_new_files(folder, monkeypatch, command, code, reason):
    arguments, target = commands(folder)[command]

    def refused(*args, **kwargs):
        raise OSError(code, os.strerror(code), kwargs.get("dir"))

    monkeypatch.setattr(atomic_files.tempfile, "mkstemp", refused)
    assert_refused(run(folder, arguments), f"cannot write {target}: {reason}")
    assert not target.exists() and left_over(folder.parent) == []


@pytest.mark.parametrize("command", ["segments", "codebook-xlsx", "qdpx", "qdc", "codebook-yaml",
                                     "agreement", "agreement-json"])
@pytest.mark.parametrize("obstacle", ["missing folder", "folder is a file"])
def test_a_target_whose_folder_is_missing_or_a_file(folder, tmp_path, command, obstacle):
    arguments, target = commands(folder)[command]
    if obstacle == "folder is a file":
        (tmp_path / "notities.txt").write_text("a file")
        where = tmp_path / "notities.txt"
    else:
        where = tmp_path / "nergens"
    moved = where / target.name
    arguments = [str(moved) if argument == str(target) else argument for argument in arguments]
    if str(moved) not in arguments:
        arguments += ["--output", str(moved)]
    if obstacle == "missing folder":
        message = f"cannot write {moved}: the folder {where} does not exist"
    else:
        message = f"cannot write {moved}: {where} is a file, not a folder"
    assert_refused(run(folder, arguments), message)
    assert (tmp_path / "notities.txt").exists() == (obstacle == "folder is a file")
    assert not (tmp_path / "nergens").exists() and left_over(tmp_path) == []
