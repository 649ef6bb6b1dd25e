"""Names and text that hold escape sequences or markup are drawn as they read, never obeyed."""

from __future__ import annotations

import html
import re

import pytest

from qualcode.domain.display_text import has_control_characters
from tests.hostile_names import RAW_CONTROLS, build_hostile_project
from tests.tui.workbench_project import SIZE, settle, workbench_app

pytestmark = pytest.mark.asyncio


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "project"
    build_hostile_project(folder).close()
    return folder


def screen_text(app) -> tuple[str, str]:
    """(the SVG screenshot as written, the text it shows): what the terminal would be sent, frame by frame."""
    svg = app.export_screenshot()
    shown = html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")
    return svg, shown


def assert_drawn_safely(app) -> str:
    svg, shown = screen_text(app)
    assert not [c for c in RAW_CONTROLS if c in svg]
    assert not has_control_characters(shown.replace("\n", "").replace("\t", ""))
    return shown


async def test_the_workbench_draws_controls_as_symbols_and_markup_as_written(hostile) -> None:
    app = workbench_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        shown = assert_drawn_safely(app)

        assert "␛[31m" in shown                      # the code name, the document name, the transcript
        assert "[bold]vet[/bold]" in shown            # markup in the text is shown, not applied
        assert "doc ␛[31m[bold]" in shown            # the document's name, in its list and the title


async def test_a_notification_quoting_a_hostile_name_is_plain_text(hostile) -> None:
    app = workbench_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("1")                        # again: "Code … is already on this span."
        await settle(pilot)

        assert_drawn_safely(app)
        assert app.is_running                         # a "[/]" in the name, read as markup, would end the app
        [notification] = [n for n in app._notifications if "already on this span" in n.message]
        assert not notification.markup
        assert "␛[31mrood" in notification.message and "[@click=app.quit]q" in notification.message
        assert not has_control_characters(notification.message)


async def test_the_codebook_screen_shows_the_details_safely(hostile) -> None:
    app = workbench_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b", "down")
        await settle(pilot)

        shown = assert_drawn_safely(app)

        assert "Uitleg ␛[31mrood" in shown
