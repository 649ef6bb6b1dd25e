"""Control characters in stored names and text never reach the terminal raw from the command line."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.domain.display_text import display_text, has_control_characters
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.documents import get_document
from qualcode.storage.project_store import open_project
from tests.hostile_names import CODE_NAME, DOCUMENT_NAME, HOSTILE, RAW_CONTROLS, build_hostile_project

runner = CliRunner()


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "project"
    build_hostile_project(folder).close()
    return folder


def run(project, *args: str):
    result = runner.invoke(app, [*args, "-p", str(project)])
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_safe(output: str) -> None:
    assert not [c for c in RAW_CONTROLS if c in output], repr(output)
    assert not has_control_characters(output), repr(output)


def test_display_text_makes_every_control_visible_one_for_one() -> None:
    assert display_text("\x1b[31mA\x07\r\x9b\x7f\x00B\n\tC") == "␛[31mA␇␍�␡␀B\n\tC"
    assert display_text("gewoon café, “quotes” en 😀") == "gewoon café, “quotes” en 😀"


@given(st.text())
def test_display_text_leaves_no_control_and_keeps_every_offset(value: str) -> None:
    shown = display_text(value)

    assert len(shown) == len(value)
    assert not has_control_characters(shown)
    assert [a for a, b in zip(value, shown, strict=True) if a != b] == [c for c in value if has_control_characters(c)]


@pytest.mark.parametrize("command", [
    ["codebook", "show"],
    ["documents"],
    ["segments", DOCUMENT_NAME, "--unit", "turn"],
    ["cases", "list"],
])
def test_tables_show_controls_as_symbols_and_markup_as_written(project, command) -> None:
    output = run(project, *command)

    assert_safe(output)
    assert "[bold]" in output or "[31m" in output  # markup is shown, not applied


def test_codebook_table_shows_the_name_readably(project) -> None:
    output = run(project, "codebook", "show")

    assert "␛[31mrood" in output
    assert "[bold]vet[/bold]" in output and "[@click=app.quit]q" in output


def test_csv_and_json_keep_the_stored_value(project) -> None:
    rows = json.loads(run(project, "codebook", "show", "--format", "json"))
    assert [row["name"] for row in rows] == [CODE_NAME]
    raw_json = run(project, "codebook", "show", "--format", "json")
    assert_safe(raw_json)  # written as \u001b, \u009b: the same characters, escaped
    assert CODE_NAME.replace("\r", "") in run(project, "codebook", "show", "--format", "csv").replace("\r", "")


def test_text_is_exact_when_piped(project) -> None:
    assert HOSTILE in run(project, "text", DOCUMENT_NAME)


def test_error_messages_show_controls_as_symbols(project) -> None:
    result = runner.invoke(app, ["text", "nope \x1b[2J\x1b]0;title\x07", "-p", str(project)])

    assert result.exit_code == 1
    assert "error:" in result.stderr
    assert_safe(result.stderr)


def test_the_agreement_report_shows_names_safely(project) -> None:
    store = open_project(project)
    try:
        daan = ensure_coder(store, "daan \x1b[31m[b]")
        document = get_document(store, DOCUMENT_NAME)
        apply_code(store, coder_id=daan.id, document_id=document.id, code_id=load_codebook(store).codes[0].id,
                   start=0, end=9)
    finally:
        store.close()

    output = run(project, "agreement", "--coders", "eva", "--coders", "daan \x1b[31m[b]", "--by-document")

    assert_safe(output)
    assert "daan ␛[31m[b]" in output and "doc ␛[31m[bold]" in output
