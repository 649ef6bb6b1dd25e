"""The workbench in Dutch: the footer, the help screen and the status line, and a snapshot at 80x24.

Key descriptions and titles are made when their modules are imported, which is why the ``qualcode``
script chooses the language before it imports anything else. A test process has imported the TUI
in English already, so the fixture imports ``qualcode.tui`` afresh with Dutch chosen, and puts the
English modules back afterwards.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

import pytest
from textual.widgets import Footer

import qualcode
from qualcode.domain.language import DUTCH, ENGLISH, set_language
from tests.tui.workbench_project import SNAPSHOT_THEME, settle


def _tui_modules() -> dict[str, ModuleType]:
    return {name: module for name, module in sys.modules.items()
            if name == "qualcode.tui" or name.startswith("qualcode.tui.")}


@pytest.fixture
def dutch_tui():
    """``qualcode.tui.app`` imported in Dutch."""
    english = _tui_modules()
    for name in english:
        del sys.modules[name]
    set_language(DUTCH)
    try:
        yield importlib.import_module("qualcode.tui.app")
    finally:
        for name in _tui_modules():
            del sys.modules[name]
        sys.modules.update(english)
        if "qualcode.tui" in english:
            qualcode.tui = english["qualcode.tui"]
        set_language(ENGLISH)


def dutch_workbench(tui: ModuleType, project):
    return tui.make_app(project, "eva", theme=SNAPSHOT_THEME, suggestions=False)


def footer_descriptions(app) -> list[str]:
    return [key.description for key in app.screen.query_one(Footer).query("FooterKey")]


@pytest.mark.asyncio
async def test_the_workbench_speaks_dutch(dutch_tui, project):
    async with dutch_workbench(dutch_tui, project).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        footer = footer_descriptions(pilot.app)
        assert {"Code", "Memo", "Ongedaan", "Zoeken", "Codeboek", "Overeenstemming", "Help"} <= set(footer)
        assert not {"Undo", "Search", "Codebook", "Agreement"} & set(footer)
        status = str(pilot.app.screen.query_one("#status").render())
        assert "codeur eva" in status and "mijn coderingen" in status and "NLP: uit" in status
        assert pilot.app.screen.query_one("#codebook").border_title == "Codeboek"

        await pilot.press("question_mark")
        await settle(pilot)
        sections = {section.title: section.rows for section in pilot.app.screen._sections}
        assert {"Werkbank", "Transcript", "Elders"} <= set(sections)
        descriptions = {description for rows in sections.values() for _key, description in rows}
        assert "Uw laatste actie ongedaan maken (codering, memo of wijziging in het codeboek), ook na een " \
               "herstart." in descriptions
        assert "Opdrachtenpalet: codes, documenten en elke actie." in descriptions
        assert not any("hotkey" in description for description in descriptions)


@pytest.mark.asyncio
async def test_the_code_picker_and_notifications_speak_dutch(dutch_tui, project):
    async with dutch_workbench(dutch_tui, project).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "u")
        await settle(pilot)
        assert [notification.message for notification in pilot.app._notifications] == ["Niets om ongedaan te maken."]
        await pilot.press("c")
        await settle(pilot)
        assert str(pilot.app.screen.query_one(".dialog-box").border_title) == "Coderen: beurt 2"


def test_the_workbench_in_dutch_at_80x24(dutch_tui, project, snap_compare):
    """The second turn coded with hotkey 1, at the size of a default terminal: nothing important is cut."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("j", "1")
        await settle(pilot)

    assert snap_compare(dutch_workbench(dutch_tui, project), terminal_size=(80, 24), run_before=run_before)


def test_the_help_in_dutch_at_80x24(dutch_tui, project, snap_compare):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(dutch_workbench(dutch_tui, project), terminal_size=(80, 24), run_before=run_before)
