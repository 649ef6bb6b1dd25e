"""The options people give before the command: ``--project DIR`` before or after it, ``--version``, ``-h``."""

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

import qualcode.cli
from qualcode.cli import ALL_MODULES, COMMAND_MODULES, app, with_command
from qualcode.cli.command_line_shape import command_position
from tests.cli.test_foundation_commands import INTERVIEW

runner = CliRunner()
SCRIPT = Path(sys.executable).parent / "qualcode"


def run(*args: str, **environment: str):
    return runner.invoke(app, list(args), env=environment or None)


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "scriptie"
    assert run("init", str(folder)).exit_code == 0
    source = tmp_path / "interview-01.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    assert run("import", str(source), "--project", str(folder)).exit_code == 0
    return folder


def listed_names(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [row["name"] for row in json.loads(result.stdout)]


@pytest.mark.parametrize("arguments", [
    ["--project", "{p}", "documents", "--format", "json"],
    ["-p", "{p}", "documents", "--format", "json"],
    ["--project={p}", "documents", "--format", "json"],
    ["documents", "--format", "json", "--project", "{p}"],
    ["--project", "{p}", "documents", "--format", "json", "--project", "{p}"],
])
def test_project_before_or_after_the_command(project, tmp_path, monkeypatch, arguments):
    monkeypatch.chdir(tmp_path)  # not the project: the option must name it
    assert listed_names(run(*[a.replace("{p}", str(project)) for a in arguments])) == ["interview-01"]


def test_project_before_a_subcommand_of_a_group(project):
    result = run("--project", str(project), "export", "frequencies")
    assert result.exit_code == 0, result.output
    assert (project / "exports" / "frequencies-long.csv").exists()


def test_the_environment_variable_and_what_overrides_it(project, tmp_path):
    assert listed_names(run("documents", "--format", "json", QUALCODE_PROJECT=str(project))) == ["interview-01"]
    other = tmp_path / "other"
    assert run("init", str(other)).exit_code == 0
    assert listed_names(run("--project", str(other), "documents", "--format", "json",
                            QUALCODE_PROJECT=str(project))) == []
    assert listed_names(run("documents", "--format", "json", "--project", str(other),
                            QUALCODE_PROJECT=str(project))) == []


def test_two_different_projects_are_refused(project, tmp_path):
    other = tmp_path / "other"
    assert run("init", str(other)).exit_code == 0
    result = run("--project", str(project), "documents", "--project", str(other))
    assert result.exit_code == 2
    assert "before the command and" in result.output and "give one project" in result.output


def test_version_comes_from_the_installed_package():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"qualcode {version('qualcode')}\n"


def test_help_names_the_global_options():
    for flag in ("--help", "-h"):
        result = run(flag)
        assert result.exit_code == 0
        assert "--project" in result.stdout and "--version" in result.stdout


@pytest.mark.parametrize(("arguments", "position"), [
    ([], 0),
    (["documents"], 0),
    (["--project", "d", "documents"], 2),
    (["-p", "d"], 2),
    (["--project=d", "--coder", "eva"], 1),
    (["d", "--coder", "eva"], 0),
    (["--project"], None),
    (["--version"], None),
    (["-p", "d", "--help"], None),
])
def test_where_the_command_goes(arguments, position):
    assert command_position(arguments) == position


def _modules(command) -> set[str]:
    found = {command.callback.__module__} if command.callback is not None else set()
    for subcommand in getattr(command, "commands", {}).values():
        found |= _modules(subcommand)
    return found


def test_the_script_loads_every_command_from_the_modules_that_add_it():
    """The script loads only the modules ``COMMAND_MODULES`` names for the command it is given."""
    for module in pkgutil.iter_modules(qualcode.cli.__path__):  # a new command module must be named there too
        importlib.import_module(f"qualcode.cli.{module.name}")
    commands = typer.main.get_group(app).commands
    assert set(commands) == set(COMMAND_MODULES)
    for name, command in commands.items():
        assert {f"qualcode.cli.{module}" for module in COMMAND_MODULES[name]} == _modules(command), name
    assert sorted(ALL_MODULES) == sorted({module for modules in COMMAND_MODULES.values() for module in modules})


@pytest.mark.parametrize(("arguments", "expected"), [
    (["codings", "import", "x.csv"], ["codings", "import", "x.csv"]),
    (["-p", "d", "export", "segments"], ["-p", "d", "export", "segments"]),
    (["d"], ["open", "d"]),
    (["-p", "d"], ["-p", "d", "open"]),
    ([], ["open"]),
    (["open", "d"], ["open", "d"]),
    (["--help"], ["--help"]),
])
def test_a_command_line_without_a_command_opens_the_workbench(arguments, expected):
    assert with_command(arguments) == expected
    assert with_command(expected) == expected


def script(*args: str, cwd: Path, **environment: str) -> subprocess.CompletedProcess:
    """The installed ``qualcode`` script, as a user's shell runs it."""
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **environment})


def test_the_real_script_takes_the_project_before_the_command(project, tmp_path):
    before = script("--project", str(project), "documents", "--format", "csv", cwd=tmp_path)
    after = script("documents", "--format", "csv", "--project", str(project), cwd=tmp_path)
    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    assert before.stdout == after.stdout
    assert before.stdout.splitlines()[1].startswith("1,interview-01,txt,R1,")
    assert script("--version", cwd=tmp_path).stdout == f"qualcode {version('qualcode')}\n"


def test_the_real_script_opens_the_workbench_on_the_project_it_is_given(tmp_path):
    """Without a command the workbench opens on the --project folder (refused here: it is no project)."""
    for arguments, environment in ((["--project", "nowhere"], {}), (["--project", "nowhere", "--coder", "eva"], {}),
                                   ([], {"QUALCODE_PROJECT": "nowhere"})):
        result = script(*arguments, cwd=tmp_path, **environment)
        assert result.returncode == 1
        assert result.stderr == ("error: no qualcode project in nowhere (no qualcode.db); run 'qualcode init "
                                 "nowhere' and 'qualcode import FILE...' first\n")
