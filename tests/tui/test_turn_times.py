"""The turn's time in the workbench: at the head of the turn's margin in the transcript and in the segment
panel's title (``turn at`` for a paragraph or sentence that does not start its turn)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from qualcode.storage.codebook_store import apply_codebook_spec
from qualcode.storage.project_store import init_project
from qualcode.tui.widgets.transcript_view import TranscriptView
from tests.project_factory import SMALL_CODEBOOK, add_document, parsed_interview
from tests.tui.workbench_project import SIZE, settle, workbench_app

pytestmark = pytest.mark.asyncio

TURNS = [
    ("I", "Hoe begon het?"),
    ("R", "Met een brief van de bestuurders.\nDaarna kwam het eerste overleg in Hoeveen."),
    ("I", "En toen?"),
]
TIMES = (1.0, 9.5, 3723.0)


@pytest.fixture
def timed_project(tmp_path):
    folder = tmp_path / "project"
    store = init_project(folder)
    apply_codebook_spec(store, SMALL_CODEBOOK)
    parsed = parsed_interview(TURNS)
    turns = tuple(replace(turn, start_time=time) for turn, time in zip(parsed.turns, TIMES, strict=True))
    add_document(store, "gesprek", replace(parsed, turns=turns))
    store.close()
    return folder


def screen_lines(transcript: TranscriptView) -> list[str]:
    return [transcript.render_line(y).text for y in range(transcript.wrapped_document.height)]


def panel_title(pilot) -> str:
    return str(pilot.app.screen.query_one("#codings-text").content).splitlines()[0]


async def test_each_turn_shows_its_time_in_the_margin_and_the_panel(timed_project):
    async with workbench_app(timed_project).run_test(size=SIZE) as pilot:
        await settle(pilot)
        transcript = pilot.app.screen.query_one(TranscriptView)
        lines = screen_lines(transcript)
        assert lines[0].startswith("▌ I: Hoe begon het?") and lines[0].rstrip().endswith(" 00:00:01")
        assert lines[1].rstrip().endswith(" 00:00:09") and "Met een brief" in lines[1]
        assert lines[3].rstrip().endswith(" 01:02:03")
        assert panel_title(pilot) == "Turn 1/3 · I (interviewer) · 00:00:01"
        await pilot.press("j")
        assert panel_title(pilot) == "Turn 2/3 · R (respondent) · 00:00:09"
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("j")
        assert panel_title(pilot) == "Paragraph 3/4 · R (respondent) · turn at 00:00:09"


async def test_codes_come_first_when_a_turn_has_no_room_for_both(timed_project):
    async with workbench_app(timed_project).run_test(size=SIZE) as pilot:
        await settle(pilot)
        transcript = pilot.app.screen.query_one(TranscriptView)
        await pilot.press("1")  # the one-line first turn
        await pilot.press("j", "1")  # the two-line second turn: time, then the code
        await settle(pilot)
        lines = screen_lines(transcript)
        assert "▌ Gebrek aan vertrouw" in lines[0] and "00:00:01" not in lines[0]
        assert lines[1].rstrip().endswith(" 00:00:09")
        assert "▌ Gebrek aan vertrouw" in lines[2]
