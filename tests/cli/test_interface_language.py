"""The interface language: ``--lang`` (before or after the command), then $QUALCODE_LANG, then the
project's setting (``qualcode language``), then the system's locale; English when none says Dutch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from qualcode.domain.language import (
    DUTCH, ENGLISH, LOCALE_VARIABLES, current_language, follow_project_setting, language_of_locale, start_language,
)
from qualcode.launcher import language_first

SCRIPT = Path(sys.executable).parent / "qualcode"
NOT_ASKED = {variable: "" for variable in ("QUALCODE_LANG", *LOCALE_VARIABLES)}


def script(*args: str, cwd: Path, **environment: str) -> subprocess.CompletedProcess:
    """The installed ``qualcode`` script with no language asked for, except in ENVIRONMENT."""
    inherited = {name: value for name, value in os.environ.items() if name not in NOT_ASKED}
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**inherited, "LANG": "C.UTF-8", **environment})


@pytest.mark.parametrize("arguments", [
    ["--lang", "nl", "--help"],
    ["--lang=nl", "--help"],
    ["--help", "--lang", "nl"],
])
def test_lang_nl_gives_dutch_help(tmp_path, arguments):
    result = script(*arguments, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Zonder opdracht opent qualcode de codeerwerkbank op het project." in result.stdout
    assert "De projectmap voor de opdracht die volgt" in result.stdout
    assert "─ Opties ─" in result.stdout and "─ Opdrachten ─" in result.stdout  # Typer's own panel titles


def test_a_usage_error_in_dutch_has_a_dutch_panel_and_hint(tmp_path):
    result = script("--lang", "nl", "documents", "--bogus", cwd=tmp_path)
    assert result.returncode == 2
    assert "─ Fout ─" in result.stderr and "voor hulp" in result.stderr
    assert "─ Error ─" in script("documents", "--bogus", cwd=tmp_path).stderr


def test_lang_after_the_command_translates_its_help_and_messages(tmp_path):
    help_text = script("init", "--help", "--lang", "nl", cwd=tmp_path).stdout
    assert "De map die een project wordt." in help_text
    result = script("init", str(tmp_path / "scriptie"), "--lang", "nl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"qualcode-project aangemaakt in {tmp_path / 'scriptie'}\n"


def test_english_without_a_language_asked_for(tmp_path):
    result = script("init", str(tmp_path / "scriptie"), cwd=tmp_path)
    assert result.stderr == f"Initialised a qualcode project in {tmp_path / 'scriptie'}\n"
    assert "Without a command, qualcode opens the coding workbench" in script("--help", cwd=tmp_path).stdout


def test_the_environment_variable_and_the_locale(tmp_path):
    assert "codeerwerkbank" in script("--help", cwd=tmp_path, QUALCODE_LANG="nl").stdout
    assert "codeerwerkbank" in script("--help", cwd=tmp_path, LANG="nl_NL.UTF-8").stdout
    assert "codeerwerkbank" in script("--help", cwd=tmp_path, LC_ALL="nl_BE.UTF-8").stdout
    assert "coding workbench" in script("--help", cwd=tmp_path, LANG="de_DE.UTF-8").stdout


def test_lang_beats_the_environment_variable_which_beats_the_locale(tmp_path):
    assert "coding workbench" in script("--lang", "en", "--help", cwd=tmp_path, QUALCODE_LANG="nl").stdout
    assert "coding workbench" in script("--help", cwd=tmp_path, QUALCODE_LANG="en", LANG="nl_NL.UTF-8").stdout


@pytest.mark.parametrize(("arguments", "environment"), [
    (["--lang", "fr", "--help"], {}),
    (["--lang", "NL", "--help"], {}),
    (["coders", "list"], {"QUALCODE_LANG": "fr"}),
])
def test_a_language_qualcode_does_not_speak_is_refused(tmp_path, arguments, environment):
    result = script(*arguments, cwd=tmp_path, **environment)
    assert result.returncode == 2
    assert "Invalid value for '--lang'" in result.stderr and "'en', 'nl'" in result.stderr


def test_lang_without_a_value_is_pointed_at(tmp_path):
    result = script("documents", "--lang", cwd=tmp_path)
    assert result.returncode == 2
    assert "--lang" in result.stderr


def test_the_project_setting_chooses_when_nothing_else_does(tmp_path):
    project = tmp_path / "scriptie"
    assert script("init", str(project), cwd=tmp_path).returncode == 0
    assert script("language", "--project", str(project), cwd=tmp_path).stdout == "auto\n"
    result = script("language", "nl", "--project", str(project), cwd=tmp_path)
    assert result.stdout == "the interface language of this project is now nl\n"
    assert script("language", "-p", str(project), cwd=tmp_path).stdout == "nl\n"
    result = script("coders", "add", "eva", "--project", str(project), cwd=tmp_path)
    assert result.stdout == "codeur 'eva' toegevoegd\n"
    result = script("coders", "add", "daan", "--project", str(project), cwd=tmp_path, QUALCODE_LANG="en")
    assert result.stdout == "added coder 'daan'\n"
    result = script("language", "auto", "--project", str(project), cwd=tmp_path)
    assert result.stdout == "de taal van dit project volgt nu de taal van het systeem\n"
    assert script("language", "-p", str(project), cwd=tmp_path).stdout == "auto\n"


@pytest.mark.parametrize("choice", ["fr", "dutch", ""])
def test_the_project_setting_refuses_other_languages(tmp_path, choice):
    project = tmp_path / "scriptie"
    assert script("init", str(project), cwd=tmp_path).returncode == 0
    result = script("language", choice, "--project", str(project), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"error: no interface language {choice!r}; choose nl, en or auto\n"
    assert script("language", "-p", str(project), cwd=tmp_path).stdout == "auto\n"


@pytest.mark.parametrize(("arguments", "expected"), [
    ([], (None, [])),
    (["documents"], (None, ["documents"])),
    (["documents", "--lang", "nl"], ("nl", ["--lang", "nl", "documents"])),
    (["-p", "d", "--lang=en", "documents"], ("en", ["--lang", "en", "-p", "d", "documents"])),
    (["--lang"], (None, ["--lang"])),
    (["retrieve", "--", "--lang", "nl"], (None, ["retrieve", "--", "--lang", "nl"])),
    (["--lang", "fr"], ("fr", ["--lang", "fr"])),
])
def test_the_script_moves_lang_in_front_of_the_command(arguments, expected):
    assert language_first(arguments) == expected


@pytest.mark.parametrize(("environment", "language"), [
    ({}, ENGLISH),
    ({"LANG": "nl_NL.UTF-8"}, DUTCH),
    ({"LANG": "C"}, ENGLISH),
    ({"LANGUAGE": "nl:en", "LANG": "en_GB.UTF-8"}, DUTCH),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}, ENGLISH),
    ({"LC_ALL": "", "LC_MESSAGES": "nl_BE", "LANG": "en_US"}, DUTCH),
])
def test_the_system_language(environment, language):
    assert language_of_locale(environment) == language


def test_a_project_setting_does_not_override_what_was_asked_for():
    start_language(None, {"LANG": "C"})
    follow_project_setting(DUTCH)
    assert current_language() == DUTCH
    start_language(None, {"QUALCODE_LANG": "en"})
    follow_project_setting(DUTCH)
    assert current_language() == ENGLISH
    start_language("en", {"QUALCODE_LANG": "nl"})
    follow_project_setting("klingon")
    assert current_language() == ENGLISH
