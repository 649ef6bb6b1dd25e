"""Pilot tests of the speakers dialog (S): it lists the figures of `qualcode speakers`, renames a speaker and
sets the interviewer without moving a coding, and u / ctrl+y undo and redo that, also after a restart."""

from __future__ import annotations

import pytest

from qualcode.storage.codings import list_codings
from qualcode.storage.documents import document_segments, get_document
from qualcode.storage.project_store import open_project
from qualcode.tui.screens.help_screen import HelpScreen
from qualcode.tui.screens.speakers_dialog import SpeakersDialog
from qualcode.tui.screens.text_prompt import TextPrompt
from qualcode.tui.screens.workbench import WorkbenchScreen
from qualcode.tui.widgets.transcript_view import TranscriptView
from tests.tui.workbench_project import SIZE, settle, workbench_app

pytestmark = pytest.mark.asyncio


def speakers_and_codings(folder, name="interview-01"):
    """Per turn (speaker, role, start, end), and every coding's span, read afresh from the project."""
    store = open_project(folder)
    try:
        document = get_document(store, name)
        turns = [(t.speaker, t.role, t.start, t.end) for t in document_segments(store, document.id, "turn")]
        paragraphs = [(p.speaker, p.role) for p in document_segments(store, document.id, "paragraph")]
        codings = [(c.coder_id, c.code_id, c.start, c.end) for c in list_codings(store)]
        return turns, paragraphs, codings
    finally:
        store.close()


async def open_speakers(pilot) -> SpeakersDialog:
    await pilot.press("S")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SpeakersDialog)
    return pilot.app.screen


def dialog_lines(dialog: SpeakersDialog) -> list[str]:
    options = dialog.query_one("#speakers")
    return [" ".join(str(options.get_option_at_index(i).prompt).split()) for i in range(options.option_count)]


async def test_the_dialog_shows_each_speaker_with_role_turns_words_and_questions(project):
    async with workbench_app(project).run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_speakers(pilot)
        assert dialog.query_one("#speakers-header").content.plain.split() == [
            "speaker", "role", "turns", "words", "questions"]
        assert dialog_lines(dialog) == ["I interviewer 3 19 2", "R respondent 2 42 0"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, WorkbenchScreen)


async def test_rename_set_the_interviewer_undo_redo_and_undo_after_a_restart(project):
    original = speakers_and_codings(project)
    async with workbench_app(project).run_test(size=SIZE) as pilot:
        await settle(pilot)
        transcript = pilot.app.screen.query_one(TranscriptView)
        await pilot.press("j")
        await open_speakers(pilot)
        await pilot.press("down", "n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TextPrompt)
        await pilot.press(*["backspace"] * 3, *"Dr. Smits", "enter")
        await settle(pilot)
        renamed = speakers_and_codings(project)
        assert [turn[:2] for turn in renamed[0]] == [("I", "interviewer"), ("Dr. Smits", "respondent")] * 2 + [
            ("I", "interviewer")]
        assert transcript.current_index == 1 and transcript.current_segment.speaker == "Dr. Smits"
        assert "Dr. Smits (respondent)" in str(pilot.app.screen.query_one("#codings-text").content)

        dialog = await open_speakers(pilot)
        assert dialog_lines(dialog)[1] == "Dr. Smits respondent 2 42 0"
        await pilot.press("down", "i")
        await settle(pilot)
        swapped = speakers_and_codings(project)
        assert [turn[:2] for turn in swapped[0][:2]] == [("I", "respondent"), ("Dr. Smits", "interviewer")]
        assert {paragraph[1] for paragraph in swapped[1] if paragraph[0] == "Dr. Smits"} == {"interviewer"}
        assert transcript.current_segment.role == "interviewer"

        await pilot.press("u")
        await settle(pilot)
        assert speakers_and_codings(project) == renamed
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert speakers_and_codings(project) == original
        assert transcript.current_segment.speaker == "R"
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert speakers_and_codings(project) == renamed
    for turns, _, _ in (original, renamed, swapped):  # the spans and codings never moved
        assert [turn[2:] for turn in turns] == [turn[2:] for turn in original[0]]
    assert renamed[2] == swapped[2] == original[2] != []

    async with workbench_app(project).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert speakers_and_codings(project) == original
        assert [s.speaker for s in pilot.app.screen.query_one(TranscriptView).segments] == ["I", "R", "I", "R", "I"]


async def test_a_name_another_speaker_has_is_refused_and_changes_nothing(project):
    original = speakers_and_codings(project)
    async with workbench_app(project).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_speakers(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("backspace", "R", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, WorkbenchScreen)
        messages = [notification.message for notification in pilot.app._notifications]
        assert any("two speakers would be called 'R'" in message for message in messages)
    assert speakers_and_codings(project) == original


async def test_the_help_screen_lists_the_speakers_key(project):
    async with workbench_app(project).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        rows = [row for section in pilot.app.screen._sections for row in section.rows]
        assert any(row[0] == "S" and "rename one, set the interviewer" in row[1] for row in rows)


async def test_the_workbench_starts_without_loading_the_readers():
    """The speakers' figures come from the importers package, which loads every reader: only when S is pressed."""
    import json
    import subprocess
    import sys

    script = ("import json, sys, qualcode.tui.app, qualcode.tui.screens.workbench\n"
              "print(json.dumps(sorted(m for m in sys.modules if m.startswith('qualcode.importers'))))")
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(completed.stdout) == []


async def test_an_undo_on_the_codebook_screen_shows_in_the_transcript_afterwards(project):
    """u there undoes the speaker change too; back in the workbench, the transcript shows the old roles."""
    original = speakers_and_codings(project)
    async with workbench_app(project).run_test(size=SIZE) as pilot:
        await settle(pilot)
        transcript = pilot.app.screen.query_one(TranscriptView)
        await open_speakers(pilot)
        await pilot.press("down", "i")
        await settle(pilot)
        assert [s.role for s in transcript.segments][:2] == ["respondent", "interviewer"]
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, WorkbenchScreen)
        assert speakers_and_codings(project) == original
        assert [s.role for s in transcript.segments][:2] == ["interviewer", "respondent"]
