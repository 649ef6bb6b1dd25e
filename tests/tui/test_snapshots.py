"""Snapshot tests of the workbench at 120x36: the main screen, the code picker, the codebook screen and the help.

Each test builds the small test project in a folder named ``project`` (no temporary path on
screen), starts the app with suggestions off and a fixed theme, and waits for every store task
before the screenshot is taken. Update the snapshots with ``--snapshot-update`` only after
looking at the report.
"""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.workbench_project import SIZE, settle, workbench_app


def pressing(*keys: str):
    """A ``run_before`` that waits for the workbench, presses ``keys`` and waits for the store again.

    A text box's cursor blinks twice a second; it is held still so the frame does not depend on timing.
    """

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        for text_box in pilot.app.screen.query(Input):
            text_box.cursor_blink = False

    return run_before


class TestWorkbench:
    def test_main_screen_on_a_coded_respondent_segment(self, project, snap_compare):
        """The second turn (the respondent's), coded by eva with hotkey 1; daan's coding in the margin."""
        assert snap_compare(workbench_app(project), terminal_size=SIZE, run_before=pressing("j", "1"))


class TestCodePicker:
    def test_the_picker_filters_as_you_type(self, project, snap_compare):
        """``c`` on the second turn, then ``vertr``: the fuzzy matches, best first."""
        assert snap_compare(workbench_app(project), terminal_size=SIZE, run_before=pressing("j", "c", *"vertr"))


class TestCodebookScreen:
    def test_the_codebook_screen_shows_the_tree_and_the_highlighted_code(self, project, snap_compare):
        """``b``, then down to the first code: its details, hotkey and uses on the right."""
        assert snap_compare(workbench_app(project), terminal_size=SIZE, run_before=pressing("b", "down"))


class TestHelp:
    def test_help_lists_the_workbench_keys(self, project, snap_compare):
        """``?`` in the workbench."""
        assert snap_compare(workbench_app(project), terminal_size=SIZE, run_before=pressing("question_mark"))
