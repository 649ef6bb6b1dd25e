"""Speakers after import: listed with their questions, renamed and given roles without moving a coding;
the import message names the layout and the interviewer's evidence; segments show the turn's time."""

import json

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from tests.cli.test_foundation_commands import dump
from tests.importers import layout_samples as samples

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "project"
    assert run("init", str(folder)).exit_code == 0
    return folder


@pytest.fixture
def imported(project, tmp_path):
    source = samples.write_txt(tmp_path, samples.NOSCRIBE, name="gesprek")
    result = run("import", str(source), "-p", str(project))
    assert result.exit_code == 0, result.output
    return project, result.output


def _speakers(project):
    return json.loads(run("speakers", "gesprek", "--format", "json", "-p", str(project)).stdout)


def test_the_import_message_names_the_layout_and_why_this_interviewer(imported):
    _, output = imported
    assert "imported as 'gesprek': 4 turns, 2 speakers, " in output
    assert "; labelled lines: speaker label, then text; interviewer S00 (S00: 2 of 2 turns end in '?'" in output


def test_speakers_lists_roles_turns_words_and_questions(imported):
    project, _ = imported
    assert _speakers(project) == [
        {"speaker": "S00", "role": "interviewer", "turns": 2, "words": 15, "questions": 2},
        {"speaker": "S01", "role": "respondent", "turns": 2, "words": 42, "questions": 1},
    ]


def test_rename_and_interviewer_change_the_segments_not_their_spans(imported):
    project, _ = imported
    before = run("segments", "gesprek", "--format", "json", "-p", str(project)).stdout
    result = run("speakers", "gesprek", "--interviewer", "S01", "--rename", "S00=Eva", "--rename", "S01=R7",
                 "-p", str(project))
    assert result.exit_code == 0, result.output
    assert "gesprek: 9 segments updated; interviewer: R7" in result.stderr
    assert [(row["speaker"], row["role"]) for row in _speakers(project)] == [
        ("Eva", "respondent"), ("R7", "interviewer")
    ]
    after = json.loads(run("segments", "gesprek", "--format", "json", "-p", str(project)).stdout)
    assert [(row["start"], row["end"], row["text"]) for row in after] == [
        (row["start"], row["end"], row["text"]) for row in json.loads(before)
    ]
    assert run("text", "gesprek", "-p", str(project)).stdout.startswith("Gesprek dermatologie\n\nS00: [00:00:01]")


def test_swapping_two_names(imported):
    project, _ = imported
    assert run("speakers", "gesprek", "--rename", "S00=S01", "--rename", "S01=S00", "-p", str(project)).exit_code == 0
    assert [(row["speaker"], row["role"], row["turns"], row["words"]) for row in _speakers(project)] == [
        ("S01", "interviewer", 2, 15), ("S00", "respondent", 2, 42)
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--interviewer", "S09"], "'S09' does not speak in 'gesprek'; the speakers are: S00, S01"),
        (["--rename", "S09=R1"], "'S09' does not speak in 'gesprek'; the speakers are: S00, S01"),
        (["--rename", "S00=S01"], "two speakers would be called 'S01'; qualcode does not merge speakers"),
        (["--rename", "S00="], "'' is not a speaker name: give 1 to 100 characters, no spaces at the ends"),
        (["--rename", "S00"], "--rename takes OLD=NEW, not 'S00'"),
        (["--rename", "=R1"], "--rename takes OLD=NEW, not '=R1'"),
    ],
)
def test_bad_speaker_changes_change_nothing(imported, arguments, message):
    project, _ = imported
    before = dump(project)
    result = run("speakers", "gesprek", *arguments, "-p", str(project))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {message}"
    assert dump(project) == before


def test_segments_have_the_time_of_their_turn(imported):
    project, _ = imported
    turns = json.loads(run("segments", "gesprek", "--format", "json", "-p", str(project)).stdout)
    assert [row["time"] for row in turns] == ["00:00:01", "00:00:09", "00:00:31", "00:00:35"]
    paragraphs = run("segments", "gesprek", "--unit", "paragraph", "--format", "csv", "-p", str(project)).stdout
    assert [line.split(",")[3] for line in paragraphs.splitlines()] == [
        "time", "00:00:01", "00:00:09", "", "00:00:31", "00:00:35"
    ]


def test_import_with_a_named_layout(project, tmp_path):
    source = samples.write_txt(tmp_path, "Interviewer\nHoe begon het?\n\nR2\nMet een brief.\n", name="kaal")
    result = run("import", str(source), "--layout", "speaker-lines", "-p", str(project))
    assert result.exit_code == 0, result.output
    assert "2 turns, 2 speakers" in result.output and "; speaker line, then text;" in result.output
    refused = run("import", str(source), "--layout", "otter", "-p", str(project))
    assert refused.exit_code == 1
    assert "--layout must be one of labels, speaker-lines, table, not 'otter'" in refused.stderr


def test_a_change_on_the_command_line_goes_in_the_coders_undo_log(imported):
    from qualcode.storage.actions import undo
    from qualcode.storage.coders import find_coder
    from qualcode.storage.sqlite_reading import REMEMBERED_CODER_SETTING
    from qualcode.storage.errors import ProjectError
    from qualcode.storage.project_store import open_project
    from qualcode.storage.settings import set_setting

    project, _ = imported
    before = _speakers(project)
    assert run("coders", "add", "eva", "-p", str(project)).exit_code == 0
    assert run("coders", "add", "daan", "-p", str(project)).exit_code == 0
    store = open_project(project)
    set_setting(store, REMEMBERED_CODER_SETTING, "daan")
    assert run("speakers", "gesprek", "--rename", "S00=Eva", "--coder", "eva", "-p", str(project)).exit_code == 0
    assert run("speakers", "gesprek", "--interviewer", "S01", "-p", str(project)).exit_code == 0
    with pytest.raises(ProjectError, match="have been changed since"):  # daan's change came after eva's
        undo(store, find_coder(store, "eva").id)
    assert undo(store, find_coder(store, "daan").id).description == "speakers of gesprek: interviewer S01"
    assert undo(store, find_coder(store, "eva").id).description == "speakers of gesprek: S00 → Eva"
    assert _speakers(project) == before
    unknown = run("speakers", "gesprek", "--interviewer", "S01", "--coder", "piet", "-p", str(project))
    assert unknown.exit_code == 1 and "no coder named 'piet'" in unknown.stderr
