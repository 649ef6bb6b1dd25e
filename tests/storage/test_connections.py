"""An open project keeps its connections between actions, yet holds no lock and no transaction while idle."""

import sqlite3
import threading

import pytest
from sqlalchemy import text

from qualcode.storage.coders import ensure_coder
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.codings import list_codings
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import DATABASE_NAME, open_project
from tests.project_factory import small_project


def _write_at_once(folder) -> None:
    """Another program takes SQLite's write lock without waiting (it fails if anyone holds it)."""
    other = sqlite3.connect(folder / DATABASE_NAME, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO settings (key, value) VALUES ('elsewhere', 'yes')")
        other.execute("COMMIT")
    finally:
        other.close()


@pytest.fixture
def project(tmp_path):
    store = small_project(tmp_path / "p")
    eva = ensure_coder(store, "eva").id
    code = load_codebook(store).codes[0].id
    yield store, eva, code, tmp_path / "p"
    store.close()


def test_after_reads_and_writes_another_program_can_write_at_once(project):
    store, eva, code, folder = project
    apply_code(store, coder_id=eva, document_id=1, code_id=code, start=3, end=10)
    list_codings(store)
    _write_at_once(folder)
    with store.session() as session:
        assert session.execute(text("SELECT value FROM settings WHERE key = 'elsewhere'")).scalar_one() == "yes"


def test_a_refused_action_leaves_no_lock_and_the_next_one_lands(project):
    store, eva, code, folder = project
    with pytest.raises(ProjectError):
        apply_code(store, coder_id=eva, document_id=1, code_id=code, start=3, end=100_000)
    _write_at_once(folder)
    assert apply_code(store, coder_id=eva, document_id=1, code_id=code, start=3, end=10).created


def test_what_another_program_wrote_is_seen_by_the_next_read(project):
    store, eva, code, folder = project
    assert list_codings(store) == []
    other = sqlite3.connect(folder / DATABASE_NAME, isolation_level=None)
    other.execute("INSERT INTO codings (document_id, code_id, coder_id, start, \"end\", created_at, updated_at) "
                  "VALUES (1, ?, ?, 3, 10, '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')", (code, eva))
    other.close()
    assert [(coding.start, coding.end) for coding in list_codings(store)] == [(3, 10)]


def test_once_the_project_is_closed_its_database_file_alone_holds_everything(project):
    store, eva, code, folder = project
    apply_code(store, coder_id=eva, document_id=1, code_id=code, start=3, end=10)
    store.close()
    alone = folder.parent / "copied"
    alone.mkdir()
    (alone / DATABASE_NAME).write_bytes((folder / DATABASE_NAME).read_bytes())  # without the -wal file
    reopened = open_project(alone)
    assert [(coding.start, coding.end) for coding in list_codings(reopened)] == [(3, 10)]
    reopened.close()


def test_a_write_waits_for_another_programs_write_and_then_lands(project):
    store, eva, code, folder = project
    other = sqlite3.connect(folder / DATABASE_NAME, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO settings (key, value) VALUES ('elsewhere', 'first')")
    outcome = {}
    writer = threading.Thread(target=lambda: outcome.update(
        applied=apply_code(store, coder_id=eva, document_id=1, code_id=code, start=3, end=10)))
    writer.start()
    other.execute("COMMIT")
    other.close()
    writer.join(timeout=60)
    assert outcome["applied"].created
    assert len(list_codings(store)) == 1
