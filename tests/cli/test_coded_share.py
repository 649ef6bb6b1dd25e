"""One coded-share figure: ``qualcode documents`` prints what the workbench's document list shows."""

import json

from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.coders import find_coder
from qualcode.storage.sqlite_reading import REMEMBERED_CODER_SETTING
from qualcode.storage.coding_counts import coded_shares
from qualcode.storage.documents import list_documents
from qualcode.storage.project_store import open_project
from qualcode.storage.settings import set_setting
from qualcode.tui.widgets.document_list import DocumentList
from tests.tui.workbench_project import build_project

runner = CliRunner()


def test_documents_prints_the_percentage_the_document_list_shows(tmp_path):
    folder = tmp_path / "project"
    store = build_project(folder)  # daan coded the second turn of interview-01
    set_setting(store, REMEMBERED_CODER_SETTING, "daan")
    shares = coded_shares(store, find_coder(store, "daan").id)
    shown = {summary.name: str(DocumentList.prompt(summary, shares.get(summary.id, 0.0))).split()[-1]
             for summary in list_documents(store)}
    store.close()
    result = runner.invoke(app, ["documents", "-f", "json", "-p", str(folder)])
    assert result.exit_code == 0, result.output
    printed = {row["name"]: f"{row['coded_percent']}%" for row in json.loads(result.stdout)}
    assert printed == shown and printed["interview-01"] not in ("0%", "100%")
    assert "codings and coded share of daan" in result.stderr
    nobody = runner.invoke(app, ["documents", "--coder", "eva", "-f", "json", "-p", str(folder)])
    assert nobody.exit_code == 1 or all(row["coded_percent"] == 0 for row in json.loads(nobody.stdout))
