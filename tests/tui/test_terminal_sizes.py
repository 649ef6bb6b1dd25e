"""Snapshot tests of the workbench and every screen at 80x24, 120x36 and 200x50.

At 80 columns the side panel starts hidden and the transcript keeps 60 columns of text; at 200x50
the panels get more room. Each test starts from the workbench on the second turn, coded by eva
with hotkey 1, and waits for every store task before and after the keys. (The export dialog is
left out: it shows the project's temporary path.)
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from qualcode.nlp.pipeline_loader import OFFLINE_HINT
from qualcode.tui.widgets.transcript_view import NARROW_MARGIN_MIN_COLUMN, NARROW_TEXT_WIDTH, WIDE_MARGIN_COLUMN_WIDTH
from tests.tui.test_reports_screen import coded  # noqa: F401  (the fixture: codings and case attributes)
from tests.tui.workbench_project import settle, workbench_app

SIZES = [(80, 24), (120, 36), (200, 50)]

SCREENS = {
    "workbench": (),
    "side-panel-toggled": ("p",),
    "code-picker": ("c",),
    "search": ("slash",),
    "memo-editor": ("m",),
    "codebook": ("b", "down"),
    "agreement": ("i",),
    "disagreements": ("i", "enter"),
    "reports": ("R",),
    "retrieval": ("f",),
    "memos": ("M",),
    "crosstab": ("X",),
    "speakers": ("S",),
    "help": ("question_mark",),
}


def on_the_coded_turn(*keys: str):
    """A ``run_before``: the second turn coded with hotkey 1, then ``keys``, text boxes' cursors held still."""

    async def run_before(pilot) -> None:
        pilot.app.animation_level = "none"  # the tabs' underline slides; a busy machine would catch it halfway
        await settle(pilot)
        await pilot.press("j", "1")
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        for text_box in pilot.app.screen.query(Input):
            text_box.cursor_blink = False

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_screen_fits_the_terminal(coded, snap_compare, screen, size):  # noqa: F811
    assert snap_compare(workbench_app(coded), terminal_size=size, run_before=on_the_coded_turn(*SCREENS[screen]))


@pytest.mark.asyncio
class TestSidePanel:
    async def test_at_80_columns_the_panel_starts_hidden_and_the_text_keeps_60_columns(self, project):
        async with workbench_app(project).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            workbench = pilot.app.screen
            assert not workbench.query_one("#sidebar").display
            assert workbench.transcript.wrap_width >= NARROW_TEXT_WIDTH
            assert workbench.transcript.margin_column_width >= NARROW_MARGIN_MIN_COLUMN
            await pilot.press("p")
            assert workbench.query_one("#sidebar").display
            await pilot.press("p")
            assert not workbench.query_one("#sidebar").display

    async def test_o_shows_the_panel_and_opening_a_document_hides_it_again(self, project):
        async with workbench_app(project).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            workbench = pilot.app.screen
            await pilot.press("o")
            assert workbench.query_one("#sidebar").display
            assert pilot.app.focused is workbench.document_list
            await pilot.press("down", "enter")
            await settle(pilot)
            assert workbench.data.document.name == "interview-02"
            assert not workbench.query_one("#sidebar").display
            assert pilot.app.focused is workbench.transcript

    async def test_hiding_the_panel_moves_the_focus_out_of_it(self, project):
        async with workbench_app(project).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            workbench = pilot.app.screen
            assert workbench.query_one("#sidebar").display
            await pilot.press("g", "p")
            assert not workbench.query_one("#sidebar").display
            assert pilot.app.focused is workbench.transcript

    async def test_two_coders_side_by_side_still_leave_60_columns_of_text(self, project):
        async with workbench_app(project).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("v")
            await settle(pilot)
            transcript = pilot.app.screen.transcript
            assert transcript.wrap_width >= NARROW_TEXT_WIDTH
            assert transcript.margin_column_width in (0, *range(NARROW_MARGIN_MIN_COLUMN, 23))

    async def test_growing_the_terminal_shows_the_panel_and_the_full_margin(self, project):
        async with workbench_app(project).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.resize_terminal(200, 50)
            await settle(pilot)
            workbench = pilot.app.screen
            assert workbench.query_one("#sidebar").display
            assert workbench.transcript.margin_column_width == WIDE_MARGIN_COLUMN_WIDTH[1]


@pytest.mark.asyncio
async def test_the_offline_nlp_notice_comes_once_per_project(project, monkeypatch):
    shown = []
    for _ in range(2):
        app = workbench_app(project, suggestions=True)
        monkeypatch.setattr(app, "notify", lambda message, **options: shown.append(message))
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            for _ in range(400):  # the pipeline loads in a worker of its own
                if pilot.app.screen.suggester is not None:
                    break
                await pilot.pause(0.05)
            await settle(pilot)
    assert shown == [OFFLINE_HINT]
