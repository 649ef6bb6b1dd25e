"""``export frequencies`` counts one coder or the consensus by default, says which, and adds coders only when asked."""

from __future__ import annotations

import csv

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.coders import ensure_coder
from qualcode.storage.sqlite_reading import REMEMBERED_CODER_SETTING
from qualcode.storage.codings import NewCoding, insert_codings, list_codings
from qualcode.storage.consensus import DEFAULT_CONSENSUS
from qualcode.storage.project_store import open_project
from qualcode.storage.settings import set_setting
from tests.export.conftest import build_project

runner = CliRunner()


@pytest.fixture
def folder(tmp_path):
    build_project(tmp_path / "project").close()
    return tmp_path / "project"


def frequencies(folder, *options: str):
    return runner.invoke(app, ["export", "frequencies", "--table", "long", *options, "--project", str(folder)])


def long_coders(folder) -> set[str]:
    with open(folder / "exports" / "frequencies-long.csv", encoding="utf-8", newline="") as handle:
        return {row["coder"] for row in csv.DictReader(handle)}


def test_two_coders_and_no_consensus_are_refused_with_the_choices(folder):
    result = frequencies(folder)
    assert result.exit_code == 1
    assert result.stderr == ("error: 2 coders have codings (anna, bram) and there is no consensus coder: count one "
                             "with --coder NAME, or add them together with --all-coders\n")
    assert not (folder / "exports" / "frequencies-long.csv").exists()


def test_the_remembered_coder_is_counted_and_named(folder):
    store = open_project(folder)
    set_setting(store, REMEMBERED_CODER_SETTING, "bram")
    store.close()
    result = frequencies(folder)
    assert result.exit_code == 0, result.output
    assert "counting coder bram (the one this project remembers)" in result.stderr
    assert long_coders(folder) == {"bram"}


def test_the_consensus_coder_comes_before_the_remembered_one(folder):
    store = open_project(folder)
    set_setting(store, REMEMBERED_CODER_SETTING, "bram")
    consensus = ensure_coder(store, DEFAULT_CONSENSUS).id
    anna = ensure_coder(store, "anna")
    settled = [NewCoding(document_id=c.document_id, code_id=c.code_id, coder_id=consensus, start=c.start, end=c.end)
               for c in list_codings(store, coder_id=anna.id)[:2]]
    with store.transaction() as session:
        insert_codings(session, settled)
    store.close()
    result = frequencies(folder)
    assert result.exit_code == 0, result.output
    assert f"counting the consensus coder ({DEFAULT_CONSENSUS})" in result.stderr
    assert long_coders(folder) == {DEFAULT_CONSENSUS}


def test_all_coders_only_when_asked_and_labelled(folder):
    result = frequencies(folder, "--all-coders")
    assert result.exit_code == 0, result.output
    assert "counting all coders added together: anna, bram" in result.stderr
    assert long_coders(folder) == {"anna", "bram"}


def test_named_coders(folder):
    one = frequencies(folder, "--coder", "anna")
    assert "counting coder anna;" in one.stderr and long_coders(folder) == {"anna"}
    both = frequencies(folder, "--coder", "anna", "--coder", "bram")
    assert "counting coders added together: anna, bram;" in both.stderr


def test_the_only_coder_with_codings_needs_no_choice(tmp_path):
    store = build_project(tmp_path / "solo", with_codings=False)
    ensure_coder(store, "anna")
    ensure_coder(store, "bram")  # a coder without codings does not make the choice ambiguous
    assert frequencies(tmp_path / "solo").stderr.startswith("0 coded documents; counting no coder (none has codings yet)")
    store.close()


@pytest.mark.parametrize(("options", "message"), [
    (["--coder", "anna", "--all-coders"], "--coder and --all-coders exclude each other"),
    (["--coder", "carla"], "no coder named 'carla' (coders: anna, bram)"),
])
def test_bad_choices_write_nothing(folder, options, message):
    result = frequencies(folder, *options)
    assert result.exit_code == 1 and message in result.stderr
    assert not (folder / "exports" / "frequencies-long.csv").exists()
