"""deduce's lookup tables live in the user's cache folder under deduce's version, and ``pseudonymise prepare``
makes them ready before first use."""

from __future__ import annotations

from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.nlp.deduce_tables import TABLES_FILE, deduce_version, tables_folder, tables_ready
from qualcode.nlp.pseudonym_detection import PseudonymDetector


def test_the_tables_folder_is_the_user_cache_folder_per_deduce_version(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert tables_folder() == tmp_path / "qualcode" / f"deduce-{deduce_version()}"
    assert not tables_ready()


def test_once_loaded_deduce_reads_its_tables_from_there_and_prepare_says_so():
    messages = []
    PseudonymDetector(progress=messages.append)                  # builds the tables the first time
    assert tables_ready() and (tables_folder() / TABLES_FILE).stat().st_size > 0
    result = CliRunner().invoke(app, ["pseudonymise", "prepare"])
    assert result.exit_code == 0, result.output
    assert "ready" in result.stdout and str(tables_folder()) in result.stdout.replace("\n", "")
    messages.clear()
    PseudonymDetector(progress=messages.append)
    assert messages[0] == "loading deduce"
