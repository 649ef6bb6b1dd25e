"""``qualcode server init|start|url|stop DIR``: a server from the wheel, its URL for the coders, and a clean stop."""

import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli import app

pytestmark = pytest.mark.postgresql

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_init_start_url_stop_and_the_project_on_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scratch = Path(tempfile.mkdtemp(prefix="qualcode-server-command-"))  # reachable by the server's own user
    folder = str(scratch / "team")
    try:
        assert run("server", "init", folder).exit_code == 0
        assert run("server", "init", folder).output.startswith("error: ")  # there is one already
        started = run("server", "start", folder)
        url = started.stdout.strip()
        assert started.exit_code == 0 and url.startswith("postgresql://qualcode:") and url.endswith("/qualcode")
        assert run("server", "url", folder).stdout.strip() == url
        assert run("init", url).exit_code == 0
        assert run("coders", "add", "eva", "--project", url).exit_code == 0
        assert "eva" in run("coders", "list", "-f", "csv", "--project", url).stdout
        assert run("server", "start", folder).stdout.strip() == url  # running already: the same URL
        assert run("server", "stop", folder).exit_code == 0
        down = run("coders", "list", "--project", url)
        assert down.exit_code == 1 and "cannot reach the PostgreSQL server" in down.output
        assert run("server", "start", folder).exit_code == 0
        assert "eva" in run("coders", "list", "-f", "csv", "--project", url).stdout  # kept across a restart
        assert run("server", "stop", folder).exit_code == 0
        assert "was not running" in run("server", "stop", folder).output
    finally:
        run("server", "stop", folder)
        shutil.rmtree(scratch, ignore_errors=True)


def test_a_folder_without_a_server_is_one_line(tmp_path):
    result = run("server", "start", str(tmp_path / "nothing"))
    assert result.exit_code == 1 and result.output.startswith("error: no qualcode server in")
