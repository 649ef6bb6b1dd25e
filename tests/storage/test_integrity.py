"""Project integrity: a damaged or empty database is refused on opening, the full check finds what is wrong."""

import shutil
import sqlite3
from datetime import datetime

import pytest

from qualcode.project_setup import open_or_set_up
from qualcode.storage.backups import backup_project
from qualcode.storage.coders import add_coder
from qualcode.storage.errors import ProjectError
from qualcode.storage.integrity import check_database
from qualcode.storage.project_store import DATABASE_NAME, init_project, open_project
from tests.project_factory import small_project


def damage_page(database, table: str) -> None:
    """Overwrite the b-tree header of ``table``'s root page: the kind of damage a bad disk or copy does."""
    connection = sqlite3.connect(database)
    root, = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    page_size, = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    data = bytearray(database.read_bytes())
    offset = (root - 1) * page_size
    data[offset:offset + 8] = bytes(byte ^ 0xA5 for byte in data[offset:offset + 8])
    database.write_bytes(bytes(data))


def flip_text_byte(database, needle: bytes) -> None:
    """Make the first byte of ``needle`` 0xFF wherever it is stored (in a table and its indexes alike),
    so that the text is no longer UTF-8: SQLite's checks cannot see this."""
    data = database.read_bytes()
    assert needle in data
    database.write_bytes(data.replace(needle, b"\xff" + needle[1:]))


@pytest.fixture
def closed_project(tmp_path):
    """A small project, closed, its write-ahead log folded into qualcode.db."""
    folder = tmp_path / "p"
    small_project(folder).close()
    return folder


def test_a_damaged_page_is_refused_naming_the_newest_backup_and_nothing_is_written(closed_project):
    database = closed_project / DATABASE_NAME
    older = backup_project(database, datetime(2026, 12, 1, 9, 0), closed_project / "old.db")
    newest = backup_project(database, datetime(2026, 12, 7, 9, 0))
    assert older.exists()
    damage_page(database, "documents")
    damaged = database.read_bytes()
    with pytest.raises(ProjectError) as refused:
        open_project(closed_project)
    message = str(refused.value)
    assert "is damaged" in message and str(newest) in message and "\n" not in message
    assert database.read_bytes() == damaged


def test_a_damaged_project_without_backups_says_so(closed_project):
    damage_page(closed_project / DATABASE_NAME, "segments")
    with pytest.raises(ProjectError, match="There is no backup of it"):
        open_project(closed_project)


def test_the_migration_backup_counts_as_a_backup(closed_project):
    database = closed_project / DATABASE_NAME
    migration_copy = closed_project / f"{DATABASE_NAME}.backup-0001_initial-20261201T090000"
    shutil.copyfile(database, migration_copy)
    damage_page(database, "documents")
    with pytest.raises(ProjectError, match=str(migration_copy)):
        open_project(closed_project)


def test_an_empty_database_file_is_refused_not_made_into_a_new_project(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / DATABASE_NAME).write_bytes(b"")
    for opening in (lambda: open_project(folder), lambda: init_project(folder), lambda: open_or_set_up(folder)):
        with pytest.raises(ProjectError, match=r"is damaged \(the file is empty, 0 bytes\)"):
            opening()
        assert (folder / DATABASE_NAME).read_bytes() == b""


def test_an_empty_database_is_refused_also_in_a_folder_with_material_to_set_up(tmp_path):
    folder = tmp_path / "p"
    (folder / "codebooks").mkdir(parents=True)
    (folder / "codebooks" / "c.yaml").write_text("codebook: T\ngroups: []\n")
    (folder / "transcripts").mkdir()
    (folder / DATABASE_NAME).write_bytes(b"")
    with pytest.raises(ProjectError, match="0 bytes"):
        open_or_set_up(folder)


def test_new_projects_are_still_created(tmp_path):
    init_project(tmp_path / "new").close()
    folder = tmp_path / "sample"
    (folder / "codebooks").mkdir(parents=True)
    (folder / "codebooks" / "c.yaml").write_text("codebook: T\ngroups:\n  - id: g\n    name: G\n")
    (folder / "transcripts").mkdir()
    open_or_set_up(folder).close()
    assert check_database(folder / DATABASE_NAME).healthy


def test_the_full_check_passes_a_healthy_project(closed_project):
    report = check_database(closed_project / DATABASE_NAME)
    assert report.healthy and report.problems == ()


def test_the_full_check_finds_a_damaged_page(closed_project):
    damage_page(closed_project / DATABASE_NAME, "documents")
    assert not check_database(closed_project / DATABASE_NAME).healthy


def test_a_byte_flipped_inside_a_document_text_is_refused_on_opening(closed_project):
    database = closed_project / DATABASE_NAME
    flip_text_byte(database, "samenwerking".encode())
    assert sqlite3.connect(database).execute("PRAGMA quick_check").fetchall() == [("ok",)]  # SQLite cannot see it
    damaged = database.read_bytes()
    with pytest.raises(ProjectError, match=r"documents row 1: the text is not the text that was imported"):
        open_project(closed_project)
    assert database.read_bytes() == damaged
    problems = check_database(database).problems
    assert problems[0] == "documents row 1: the text is not the text that was imported (SHA-256 differs)"
    assert problems[1].startswith("documents row 1: text is not UTF-8 (byte ")


def test_the_full_check_finds_text_that_is_not_utf8_outside_documents(closed_project):
    store = open_project(closed_project)
    add_coder(store, "vertrouwenspersoon")
    store.close()
    flip_text_byte(closed_project / DATABASE_NAME, b"vertrouwenspersoon")
    open_project(closed_project).close()  # neither SQLite's quick check nor the text hashes see a coder's name
    assert check_database(closed_project / DATABASE_NAME).problems == ("coders row 1: name is not UTF-8 (byte 0)",)


def test_the_full_check_finds_a_dangling_reference(closed_project):
    store = open_project(closed_project)
    add_coder(store, "eva")
    store.close()
    connection = sqlite3.connect(closed_project / DATABASE_NAME)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("INSERT INTO memos (document_id, coder_id, start, \"end\", text, created_at, updated_at) "
                       "VALUES (42, 1, 0, 1, 'x', '2026-01-01', '2026-01-01')")
    connection.commit()
    connection.close()
    assert check_database(closed_project / DATABASE_NAME).problems == (
        "memos row 1 refers to a missing row of documents",)


def test_a_broken_check_constraint_is_refused_on_opening_and_found_by_the_full_check(closed_project):
    connection = sqlite3.connect(closed_project / DATABASE_NAME)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute('UPDATE segments SET "end" = start - 1 WHERE id = 1')
    connection.commit()
    connection.close()
    with pytest.raises(ProjectError, match="CHECK constraint failed in segments"):
        open_project(closed_project)
    assert check_database(closed_project / DATABASE_NAME).problems == ("CHECK constraint failed in segments",)


def test_the_full_check_of_an_empty_file(tmp_path):
    (tmp_path / DATABASE_NAME).write_bytes(b"")
    assert check_database(tmp_path / DATABASE_NAME).problems == ("the file is empty (0 bytes)",)
