"""Pilot tests of the memo screen: every memo, search, coder and code filters, enter shows the memo's place."""

from __future__ import annotations

import pytest

from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code, set_coding_memo
from qualcode.storage.documents import get_document
from qualcode.storage.memos import set_segment_memo
from qualcode.storage.project_store import open_project
from qualcode.tui.screens.memo_screen import MemoScreen
from qualcode.tui.screens.workbench import WorkbenchScreen
from tests.tui.workbench_project import SIZE, settle, workbench_app

V = "belemmerend/gebrek-aan-vertrouwen"
G = "belemmerend/gedoe-over-geld"
MEMOS = [  # (coder, document, code or None for a segment memo, text the memo is on, memo)
    ("eva", "interview-01", V, "Eerlijk gezegd is er weinig vertrouwen.", "Wantrouwen na het passeren."),
    ("eva", "interview-02", G, "het geld blijft een punt", "Geld als terugkerend punt."),
    ("daan", "interview-02", V, "Het vertrouwen groeit langzaam", "Vertrouwen groeit."),
    ("eva", "interview-01", None, "Dat we elkaar beter leren kennen.", "Kennismaking als oplossing."),
]


@pytest.fixture
def memoed(project):
    store = open_project(project)
    try:
        codes = {code.key: code.id for code in load_codebook(store).codes}
        for coder, name, code, text, memo in MEMOS:
            coder_id = ensure_coder(store, coder).id
            document = get_document(store, name)
            start = document.text.index(text)
            end = start + len(text)
            if code is None:
                set_segment_memo(store, coder_id=coder_id, document_id=document.id, start=start, end=end, text=memo)
            else:
                coding = apply_code(store, coder_id=coder_id, document_id=document.id, code_id=codes[code],
                                    start=start, end=end).coding
                set_coding_memo(store, coder_id=coder_id, coding_id=coding.id, memo=memo)
    finally:
        store.close()
    return project


async def open_memos(pilot) -> MemoScreen:
    await settle(pilot)
    assert isinstance(pilot.app.screen, WorkbenchScreen)
    await pilot.press("M")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MemoScreen)
    return pilot.app.screen


def texts(screen: MemoScreen) -> list[str]:
    return [memo.text for memo in screen.shown_memos]


@pytest.mark.asyncio
class TestMemoScreen:
    async def test_every_memo_in_document_order(self, memoed):
        app = workbench_app(memoed)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_memos(pilot)
            assert texts(screen) == ["Wantrouwen na het passeren.", "Kennismaking als oplossing.",
                                     "Vertrouwen groeit.", "Geld als terugkerend punt."]
            assert screen.listing.option_count == 4
            assert str(screen.query_one("#memo-counts").render()) == "4 of 4 memos"

    async def test_search_as_you_type_and_the_filters_combine(self, memoed):
        app = workbench_app(memoed)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_memos(pilot)
            await pilot.press("slash", *"vertrouwen")
            await settle(pilot)
            assert texts(screen) == ["Wantrouwen na het passeren.", "Vertrouwen groeit."]  # the memo or its text
            await pilot.press("enter", "v")  # back to the list; mine only
            await settle(pilot)
            assert texts(screen) == ["Wantrouwen na het passeren."]
            await pilot.press("v")  # daan
            await settle(pilot)
            assert texts(screen) == ["Vertrouwen groeit."]
            await pilot.press("v", "slash", "ctrl+u", "enter", "c")
            await settle(pilot)
            await pilot.press("down", "down", "enter")  # every code, Gebrek aan vertrouwen, Gedoe over geld
            await settle(pilot)
            assert texts(screen) == ["Geld als terugkerend punt."]
            await pilot.press("slash", *"niets dergelijks")
            await settle(pilot)
            assert texts(screen) == []
            assert "nothing matches" in str(screen.query_one("#memo-counts").render())

    async def test_enter_shows_the_memos_place_in_the_workbench_selected(self, memoed):
        app = workbench_app(memoed)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_memos(pilot)
            await pilot.press("down", "down")
            memo = screen.shown_memos[2]
            await pilot.press("enter")
            await settle(pilot)
            workbench = app.screen
            assert isinstance(workbench, WorkbenchScreen)
            assert workbench.data.document.id == memo.document_id
            assert workbench.transcript.text_offset_selection == (memo.start, memo.end)
