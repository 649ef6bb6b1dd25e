"""Which command lines the ``qualcode`` script opens as a plain workbench before it loads the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from qualcode.cli import COMMAND_MODULES
from qualcode.launcher import WorkbenchRequest, language_first, plain_workbench

PLAIN = [
    ([], WorkbenchRequest(Path("."), None, True)),
    (["thesis"], WorkbenchRequest(Path("thesis"), None, True)),
    (["open", "thesis"], WorkbenchRequest(Path("thesis"), None, True)),
    (["open"], WorkbenchRequest(Path("."), None, True)),
    (["--coder", "eva"], WorkbenchRequest(Path("."), "eva", True)),
    (["thesis", "--coder", "eva", "--no-suggestions"], WorkbenchRequest(Path("thesis"), "eva", False)),
    (["--coder=eva", "thesis"], WorkbenchRequest(Path("thesis"), "eva", True)),
    (["--no-suggestions"], WorkbenchRequest(Path("."), None, False)),
    (["-p", "thesis"], WorkbenchRequest(Path("thesis"), None, True)),
    (["--project", "thesis", "open", "--coder", "eva"], WorkbenchRequest(Path("thesis"), "eva", True)),
    (["--project=thesis"], WorkbenchRequest(Path("thesis"), None, True)),
    (["--lang", "nl", "thesis"], WorkbenchRequest(Path("thesis"), None, True)),
    (["--lang=en", "-p", "thesis", "--coder", "daan"], WorkbenchRequest(Path("thesis"), "daan", True)),
    (["open", "documents"], WorkbenchRequest(Path("documents"), None, True)),  # a folder called documents
]

NOT_PLAIN = [
    ["documents"], ["import", "a.txt"], ["export", "segments"], ["--help"], ["-h"], ["--version"], ["thesis", "--help"],
    ["open", "--help"], ["postgresql://eva@localhost/thesis"], ["open", "postgres://localhost/x"], ["a", "b"],
    ["-p", "a", "b"], ["--project", "a", "--project", "b"], ["--", "thesis"], ["thesis", "--bogus"], ["-p=thesis"],
    ["--coder"], ["--project"], ["--lang", "xx"], ["--lang"], ["--coder", "a", "--coder", "b"], ["-x"],
    ["open", "a", "b"], ["thesis", "-h"],
]


@pytest.mark.parametrize(("arguments", "request_"), PLAIN)
def test_plain_workbench_invocations_are_recognised(arguments, request_):
    assert plain_workbench(arguments, {}) == request_


@pytest.mark.parametrize("arguments", NOT_PLAIN)
def test_everything_else_goes_to_the_command_line(arguments):
    assert plain_workbench(arguments, {}) is None


@pytest.mark.parametrize("command", sorted(set(COMMAND_MODULES) - {"open"}))
def test_every_command_goes_to_the_command_line(command):
    assert plain_workbench([command], {}) is None
    assert plain_workbench(["-p", "thesis", command], {}) is None


def test_the_project_variable_names_the_folder_unless_one_is_given():
    environment = {"QUALCODE_PROJECT": "/home/eva/thesis"}
    assert plain_workbench([], environment).folder == Path("/home/eva/thesis")
    assert plain_workbench(["other"], environment).folder == Path("other")
    assert plain_workbench(["-p", "other"], environment).folder == Path("other")
    assert plain_workbench([], {"QUALCODE_PROJECT": "postgresql://eva@localhost/thesis"}) is None


def test_lang_after_the_command_is_moved_to_the_front_first():
    _, arguments = language_first(["thesis", "--coder", "eva", "--lang", "nl"])
    assert plain_workbench(arguments, {}) == WorkbenchRequest(Path("thesis"), "eva", True)


def test_a_folder_without_a_current_project_gets_the_command_lines_message(tmp_path):
    """The first phase declines, and the command line says what it always said."""
    finished = subprocess.run([sys.executable, "-c", "from qualcode.launcher import main; main()", str(tmp_path)],
                              capture_output=True, text=True, env={**os.environ, "QUALCODE_LANG": "en"})
    assert finished.returncode == 1 and "no qualcode project in" in finished.stderr
