"""``qualcode documents`` prints the same whether it reads a folder's project with sqlite3 or through the store."""

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.coders import ensure_coder
from qualcode.storage.sqlite_reading import REMEMBERED_CODER_SETTING
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.settings import set_setting
from tests.project_factory import add_document, parsed_interview
from tests.tui.workbench_project import build_project

runner = CliRunner()


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "project"
    store = build_project(folder)
    add_document(store, "zonder beurten", parsed_interview([]))
    add_document(store, "interview-03 (Sébastien)", parsed_interview([("R", "Ja. Nee.\nMisschien.")], case="R3"))
    eva = ensure_coder(store, "eva").id
    code = load_codebook(store).codes[0].id
    for start, end in ((3, 30), (20, 60), (100, 101)):
        apply_code(store, coder_id=eva, document_id=1, code_id=code, start=start, end=end)
    store.close()
    return folder


def _through_the_store(monkeypatch):
    monkeypatch.setattr("qualcode.cli.project_commands.open_for_reading", lambda folder: None)


@pytest.mark.parametrize("arguments", [[], ["--coder", "eva"], ["--coder", "daan"], ["-f", "csv"], ["-f", "json"],
                                       ["--coder", "eva", "-f", "json"], ["--coder", "nobody"]])
def test_both_ways_print_the_same(project, monkeypatch, arguments):
    quick = runner.invoke(app, ["documents", *arguments, "-p", str(project)])
    _through_the_store(monkeypatch)
    stored = runner.invoke(app, ["documents", *arguments, "-p", str(project)])
    assert (quick.exit_code, quick.stdout, quick.stderr) == (stored.exit_code, stored.stdout, stored.stderr)
    assert quick.exit_code == (1 if "nobody" in arguments else 0)


def test_the_remembered_coder_is_listed_the_same_both_ways(project, monkeypatch):
    from qualcode.storage.project_store import open_project

    store = open_project(project)
    set_setting(store, REMEMBERED_CODER_SETTING, "eva")
    store.close()
    quick = runner.invoke(app, ["documents", "-p", str(project)])
    _through_the_store(monkeypatch)
    stored = runner.invoke(app, ["documents", "-p", str(project)])
    assert (quick.stdout, quick.stderr) == (stored.stdout, stored.stderr)
    assert "codings and coded share of eva" in quick.stderr


def test_listing_a_folders_documents_does_not_load_sqlalchemy(project):
    script = ("import sys\nfrom qualcode.launcher import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
              "print('sqlalchemy' in sys.modules, file=sys.stderr)")
    finished = subprocess.run([sys.executable, "-c", script, "documents", "-p", str(project)],
                              capture_output=True, text=True, timeout=120)
    assert finished.stderr.splitlines()[-1] == "False", finished.stderr
    assert "interview-01" in finished.stdout
