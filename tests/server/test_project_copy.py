"""``qualcode copy``: SQLite -> PostgreSQL -> SQLite gives back every row, byte for byte; non-empty targets are refused."""

import sqlite3
from datetime import date

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.actions import action_history, undo
from qualcode.storage.cases import set_case_attributes
from qualcode.storage.codebook_editing import add_code, move_code, update_code
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code, set_coding_memo
from qualcode.storage.codings import list_codings
from qualcode.storage.errors import ProjectError
from qualcode.storage.framework_summaries import set_framework_summary
from qualcode.storage.memos import set_segment_memo
from qualcode.storage.project_copy import copy_project
from qualcode.storage.project_store import DATABASE_NAME, open_project
from qualcode.storage.saved_queries import save_query
from qualcode.storage.settings import set_setting
from qualcode.storage.pseudonym_decisions import decide_form, decide_occurrence
from qualcode.storage.suggestion_store import record_feedback, save_parse
from tests.project_factory import add_document, parsed_interview, small_project

pytestmark = pytest.mark.postgresql

HOSTILE = "Zo’n 😀 e\u0301n\r\nregel\twith \x1b[31m escape, \u2028 and \ufeff BOM-ish; quote ' and \" and \\ backslash"


def rich_project(folder):
    """A project with something in every table: codings, memos, undo history, blobs, settings, odd text."""
    store = small_project(folder)
    eva, daan = ensure_coder(store, "eva"), ensure_coder(store, "daan")
    codes = {code.key.split("/")[-1]: code.id for code in load_codebook(store).codes}
    second = add_document(store, "vreemd", parsed_interview([("I", "Vraag?"), ("R", HOSTILE)], case="R2"))
    with store.transaction() as session:
        set_case_attributes(session, "R1", {"leeftijd": 54, "sinds": date(2019, 3, 1), "maatschap": True,
                                            "aandeel": 0.1 + 0.2, "opmerking": HOSTILE})
    applied = apply_code(store, coder_id=eva.id, document_id=1, code_id=codes["gebrek-aan-vertrouwen"], start=40, end=70)
    set_coding_memo(store, coder_id=eva.id, coding_id=applied.coding.id, memo=HOSTILE)
    apply_code(store, coder_id=daan.id, document_id=second, code_id=codes["noodzaak"], start=9, end=20)
    apply_code(store, coder_id=eva.id, document_id=second, code_id=codes["honoraria"], start=10, end=14)
    set_segment_memo(store, coder_id=eva.id, document_id=1, start=0, end=30, text="Eerste vraag 😀")
    newer = add_code(store, coder_id=eva.id, group_id=1, name="Later toegevoegd")
    move_code(store, coder_id=eva.id, code_id=codes["gebrek-aan-vertrouwen"], group_id=1, parent_id=newer.code.id)
    update_code(store, coder_id=eva.id, code_id=codes["noodzaak"], description=HOSTILE)
    undo(store, eva.id)  # one undone step stays in the log, to be redone after the copy
    set_framework_summary(store, coder_id=eva.id, code_id=codes["noodzaak"], case_id=1, text="Samenvatting")
    save_query(store, "geld", "belemmerend/gedoe-over-geld*", "met honoraria")
    record_feedback(store, document_id=1, start=40, end=70, code_id=codes["noodzaak"], coder_id=eva.id,
                    decision="rejected", score=0.123456789012345)
    save_parse(store, 1, "offline", "abc", bytes(range(256)) * 3)
    decide_form(store, "Marewijk", "accepted", entity_type="place", coder_id=eva.id)
    decide_occurrence(store, 1, 40, 48, "rejected", entity_type="person", coder_id=eva.id)
    set_setting(store, "tui.coder", "eva")
    return store


def dump(folder) -> list[str]:
    """Every row of the SQLite project as SQL text (types and bytes included), without the migration records."""
    connection = sqlite3.connect(folder / DATABASE_NAME)
    try:
        return [line for line in connection.iterdump() if "schema_migrations" not in line]
    finally:
        connection.close()


def test_sqlite_to_postgresql_to_sqlite_keeps_everything(tmp_path, server_database):
    rich_project(tmp_path / "a").close()
    to_server = copy_project(tmp_path / "a", server_database)
    back = copy_project(server_database, tmp_path / "b")
    assert dict(to_server.rows) == dict(back.rows) and dict(back.rows)["codings"] == 3
    assert all(count for _, count in back.rows), back.rows  # something in every table
    assert dump(tmp_path / "b") == dump(tmp_path / "a")


def test_the_copy_works_on_as_the_original_undo_and_new_rows_included(tmp_path, server_database):
    rich_project(tmp_path / "a").close()
    copy_project(tmp_path / "a", server_database)
    original, copy = open_project(tmp_path / "a"), open_project(server_database)
    eva = ensure_coder(original, "eva").id
    assert action_history(copy, eva) == action_history(original, eva)
    for store in (original, copy):
        undo(store, eva)
        apply_code(store, coder_id=eva, document_id=1, code_id=1, start=0, end=5)  # new ids follow the copied ones
    assert [(c.id, c.code_id, c.start, c.end, c.memo) for c in list_codings(copy)] == \
        [(c.id, c.code_id, c.start, c.end, c.memo) for c in list_codings(original)]
    original.close()
    copy.close()


def test_a_non_empty_target_is_refused_and_left_alone(tmp_path, server_database):
    rich_project(tmp_path / "a").close()
    small_project(tmp_path / "full").close()
    before = dump(tmp_path / "full")
    with pytest.raises(ProjectError, match="is not an empty project .*documents \\(1\\)"):
        copy_project(tmp_path / "a", tmp_path / "full")
    assert dump(tmp_path / "full") == before
    copy_project(tmp_path / "a", server_database)
    with pytest.raises(ProjectError, match="is not an empty project"):
        copy_project(tmp_path / "full", server_database)
    with pytest.raises(ProjectError, match="same project"):
        copy_project(tmp_path / "a", tmp_path / "a")


def test_a_failed_copy_leaves_no_database_behind(tmp_path, monkeypatch):
    rich_project(tmp_path / "a").close()
    monkeypatch.setattr("qualcode.storage.project_copy.BATCH_ROWS", 0)  # range() with step 0 raises
    with pytest.raises(ValueError):
        copy_project(tmp_path / "a", tmp_path / "new")
    assert not (tmp_path / "new" / DATABASE_NAME).exists()


def test_copy_on_the_command_line_both_ways(tmp_path, server_database):
    rich_project(tmp_path / "a").close()
    runner = CliRunner()
    there = runner.invoke(app, ["copy", str(tmp_path / "a"), server_database])
    assert there.exit_code == 0 and "2 documents" in there.output and "qualcode:***@" in there.output
    back = runner.invoke(app, ["copy", server_database, str(tmp_path / "b")])
    assert back.exit_code == 0, back.output
    again = runner.invoke(app, ["copy", str(tmp_path / "b"), server_database])
    assert again.exit_code == 1 and again.output.startswith("error: ") and "not an empty project" in again.output
    assert dump(tmp_path / "b") == dump(tmp_path / "a")
