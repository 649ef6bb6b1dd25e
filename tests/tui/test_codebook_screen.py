"""Pilot tests of the codebook screen (``b``): each edit is stored at once; ``u`` undoes it, even after a restart."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from qualcode.domain.models import Codebook, Coding
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codings import NewCoding, add_coding, list_codings
from qualcode.storage.documents import document_segments, get_document
from qualcode.storage.project_store import open_project
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.codebook_screen import CodebookScreen
from qualcode.tui.screens.confirm_dialog import ConfirmDialog
from qualcode.tui.screens.form_dialog import FormDialog
from qualcode.tui.screens.text_prompt import TextPrompt
from qualcode.tui.screens.workbench import WorkbenchScreen
from qualcode.tui.widgets.codebook_tree import CodebookNode
from tests.tui.workbench_project import SIZE, settle, workbench_app

pytestmark = pytest.mark.asyncio

TRUST = "belemmerend/gebrek-aan-vertrouwen"
MONEY = "belemmerend/gedoe-over-geld"
FEES = "belemmerend/gedoe-over-geld/honoraria"
NEED = "bevorderend/noodzaak"


def stored(folder) -> tuple[Codebook, list[Coding]]:
    """The codebook and all codings as a fresh connection to the project sees them."""
    store = open_project(folder)
    try:
        return load_codebook(store), list_codings(store)
    finally:
        store.close()


def code(folder, key: str):
    return stored(folder)[0].code_by_key(key)


def add_eva_codings(folder, *coded: tuple[str, int]) -> None:
    """Codings by eva, each (code key, turn index in interview-01), added outside eva's undo history."""
    store = open_project(folder)
    try:
        eva = ensure_coder(store, "eva")
        document = get_document(store, "interview-01")
        turns = document_segments(store, document.id, "turn")
        codebook = load_codebook(store)
        for key, turn in coded:
            add_coding(store, NewCoding(document_id=document.id, code_id=codebook.code_by_key(key).id,
                                        coder_id=eva.id, start=turns[turn].start, end=turns[turn].end))
    finally:
        store.close()


async def open_codebook(pilot) -> CodebookScreen:
    await settle(pilot)
    assert isinstance(pilot.app.screen, WorkbenchScreen)
    await pilot.press("b")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CodebookScreen)
    return pilot.app.screen


async def highlight(pilot, screen: CodebookScreen, node: CodebookNode) -> None:
    """Walk the tree with the arrow keys until ``node`` is highlighted."""
    await pilot.press("home")
    for _ in range(len(screen.codebook.groups) + len(screen.codebook.codes)):
        if screen.tree.highlighted == node:
            return
        await pilot.press("down")
    assert screen.tree.highlighted == node


async def highlight_code(pilot, screen: CodebookScreen, key: str) -> None:
    await highlight(pilot, screen, CodebookNode("code", screen.codebook.code_by_key(key).id))


async def highlight_group(pilot, screen: CodebookScreen, key: str) -> None:
    group = next(group for group in screen.codebook.groups if group.key == key)
    await highlight(pilot, screen, CodebookNode("group", group.id))


async def undo_after_restart(folder, times: int = 1) -> None:
    """Open the project in a new app, go to the codebook screen and press ``u`` ``times`` times."""
    async with workbench_app(folder).run_test(size=SIZE) as pilot:
        await open_codebook(pilot)
        for _ in range(times):
            await pilot.press("u")
            await settle(pilot)


class TestAdding:
    async def test_add_a_group_and_a_code_in_it(self, project):
        before = stored(project)
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await pilot.press("G")
            assert isinstance(app.screen, TextPrompt)
            await pilot.press(*"Relatietypen", "enter")
            await settle(pilot)
            codebook, _ = stored(project)
            group = codebook.groups[-1]
            assert (group.key, group.name) == ("relatietypen", "Relatietypen")
            assert screen.tree.highlighted == CodebookNode("group", group.id)
            await pilot.press("a")
            assert isinstance(app.screen, TextPrompt)
            await pilot.press(*"Korte lijnen", "enter")
            await settle(pilot)
            added = code(project, "relatietypen/korte-lijnen")
            assert added is not None and (added.name, added.group_id, added.parent_id) == (
                "Korte lijnen", group.id, None)
            assert screen.tree.highlighted == CodebookNode("code", added.id)
        await undo_after_restart(project)
        assert code(project, "relatietypen/korte-lijnen") is None
        assert stored(project)[0].groups[-1].key == "relatietypen"
        await undo_after_restart(project)
        assert stored(project) == before

    async def test_a_sub_code_goes_under_the_highlighted_code_and_u_takes_it_back_at_once(self, project):
        before = stored(project)
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_code(pilot, screen, NEED)
            await pilot.press("A", *"Urgentie", "enter")
            await settle(pilot)
            added = code(project, "bevorderend/noodzaak/urgentie")
            assert added is not None and added.parent_id == code(project, NEED).id
            await pilot.press("u")
            await settle(pilot)
            assert stored(project) == before
            assert screen.codebook.code_by_key("bevorderend/noodzaak/urgentie") is None


class TestRenamingAndMoving:
    async def test_rename_a_code_keeps_its_id(self, project):
        before = stored(project)
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_code(pilot, screen, NEED)
            await pilot.press("r")
            assert isinstance(app.screen, TextPrompt)
            await pilot.press(*"Urgentie", "enter")  # the old name is selected: typing replaces it
            await settle(pilot)
            renamed = code(project, NEED)
            assert renamed.name == "Urgentie" and renamed.id == before[0].code_by_key(NEED).id
        await undo_after_restart(project)
        assert stored(project) == before

    async def test_rename_a_group(self, project):
        before = stored(project)
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_group(pilot, screen, "bevorderend")
            await pilot.press("r", *"Kansen", "enter")
            await settle(pilot)
            assert [group.name for group in stored(project)[0].groups] == ["Belemmerende factoren", "Kansen"]
        await undo_after_restart(project)
        assert stored(project) == before

    async def test_move_a_code_with_its_sub_code_to_another_group(self, project):
        before = stored(project)
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_code(pilot, screen, MONEY)
            await pilot.press("m")
            assert isinstance(app.screen, ChoiceDialog)
            # top level of Belemmerende factoren, under Gebrek aan vertrouwen, top level of Bevorderende factoren
            await pilot.press("down", "down", "enter")
            await settle(pilot)
            codebook, _ = stored(project)
            target = codebook.groups[1].id
            # the ids follow the code to its new group, so no export or group filter finds it in the old one
            moved = codebook.code_by_key("bevorderend/gedoe-over-geld")
            child = codebook.code_by_key("bevorderend/gedoe-over-geld/honoraria")
            assert (moved.group_id, moved.parent_id) == (target, None)
            assert (child.group_id, child.parent_id) == (target, moved.id)
            assert codebook.code_by_key(MONEY) is None and codebook.code_by_key(FEES) is None
        await undo_after_restart(project)
        assert stored(project) == before


    async def test_the_move_dialog_starts_at_the_code_s_place_and_esc_changes_nothing(self, project):
        before = stored(project)
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_code(pilot, screen, FEES)
            await pilot.press("m")
            options = app.screen.query_one(OptionList)
            assert "under Gedoe over geld" in str(options.get_option_at_index(options.highlighted).prompt)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen and stored(project) == before

    async def test_brackets_move_a_code_up_and_down_among_its_siblings(self, project):
        before = stored(project)
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_code(pilot, screen, MONEY)
            await pilot.press("left_square_bracket")
            await settle(pilot)
            codebook, _ = stored(project)
            top_level = [c.key for c in codebook.codes_in_group(codebook.groups[0].id) if c.parent_id is None]
            assert top_level == [MONEY, TRUST]
            assert screen.tree.highlighted == CodebookNode("code", codebook.code_by_key(MONEY).id)
        await undo_after_restart(project)
        assert stored(project) == before


class TestMerging:
    async def test_merge_moves_the_codings_to_the_target_and_drops_duplicates(self, project):
        add_eva_codings(project, (TRUST, 1), (TRUST, 3), (NEED, 3))
        before = stored(project)
        trust, need = before[0].code_by_key(TRUST), before[0].code_by_key(NEED)
        spans = sorted((c.coder_id, c.start, c.end) for c in before[1])
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_code(pilot, screen, TRUST)
            await pilot.press("M")
            assert isinstance(app.screen, ChoiceDialog)
            # Gedoe over geld, Honoraria, Noodzaak
            await pilot.press("down", "down", "enter")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            message = str(app.screen.query_one(".dialog-message").content)
            assert "2 codings (by eva)" in message and "“Noodzaak”" in message
            await pilot.press("y")
            await settle(pilot)
            codebook, codings = stored(project)
            assert codebook.code_by_key(TRUST) is None
            assert {c.code_id for c in codings} == {need.id}
            assert sorted((c.coder_id, c.start, c.end) for c in codings) == sorted(set(spans))
            assert len(codings) == 3  # daan's, eva's moved one, and eva's Noodzaak that the duplicate joined
            assert screen.tree.highlighted == CodebookNode("code", need.id)
        await undo_after_restart(project)
        assert stored(project) == before
        assert stored(project)[0].code_by_key(TRUST).id == trust.id


class TestDeleting:
    async def test_delete_says_how_many_codings_cancel_changes_nothing_confirm_deletes(self, project):
        add_eva_codings(project, (NEED, 3))
        before = stored(project)
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_code(pilot, screen, NEED)
            for cancel in ("n", "escape", "enter"):  # enter presses the focused button: Cancel
                await pilot.press("d")
                await settle(pilot)
                assert isinstance(app.screen, ConfirmDialog)
                message = str(app.screen.query_one(".dialog-message").content)
                assert "Delete “Noodzaak” and its 2 codings (by daan, eva)?" in message
                await pilot.press(cancel)
                await settle(pilot)
                assert isinstance(app.screen, CodebookScreen)
                assert stored(project) == before
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            codebook, codings = stored(project)
            assert codebook.code_by_key(NEED) is None and codings == []
            assert screen.tree.highlighted == CodebookNode("group", before[0].code_by_key(NEED).group_id)
        await undo_after_restart(project)
        assert stored(project) == before

    async def test_delete_a_group_with_its_codes_and_codings(self, project):
        before = stored(project)
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_group(pilot, screen, "bevorderend")
            await pilot.press("delete")
            await settle(pilot)
            message = str(app.screen.query_one(".dialog-message").content)
            assert "with its 1 code(s) and 1 coding (by daan)" in message
            await pilot.press("y")
            await settle(pilot)
            codebook, codings = stored(project)
            assert [group.key for group in codebook.groups] == ["belemmerend"] and codings == []
        await undo_after_restart(project)
        assert stored(project) == before


class TestEditing:
    async def test_edit_description_criteria_indicators_colour_and_hotkey(self, project):
        before = stored(project)
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_code(pilot, screen, NEED)
            await pilot.press("e")
            assert isinstance(app.screen, FormDialog)
            await pilot.press("tab", *"Urgent.")      # description
            await pilot.press("tab", *"Reden.")       # include when
            await pilot.press("tab", *"Wens.")        # exclude when
            await pilot.press("tab", *"nood, moet")   # indicators
            await pilot.press("tab", *"#1f77b4")      # colour
            await pilot.press("tab", *"f3")           # hotkey: replaces 6, which tab selected
            await pilot.press("escape")
            await settle(pilot)
            edited = code(project, NEED)
            assert (edited.name, edited.description, edited.inclusion, edited.exclusion) == (
                "Noodzaak", "Urgent.", "Reden.", "Wens.")
            assert (edited.indicators, edited.colour, edited.hotkey) == (("nood", "moet"), "#1f77b4", "f3")
            details = str(screen.query_one("#codebook-details-text").content)
            assert "hotkey F3 · colour #1f77b4" in details and "Urgent." in details
        await undo_after_restart(project)
        assert stored(project) == before

    async def test_a_new_hotkey_applies_the_code_in_the_workbench(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_code(pilot, screen, NEED)
            await pilot.press("e", *["tab"] * 6, "backspace", "9", "ctrl+s")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(pilot.app.screen, WorkbenchScreen)
            await pilot.press("j", "9")
            await settle(pilot)
            codings = stored(project)[1]
            eva = pilot.app.coder.id
            assert [c.code_id for c in codings if c.coder_id == eva] == [code(project, NEED).id]

    async def test_a_taken_hotkey_or_a_bad_colour_is_refused_with_a_message(self, project):
        before = stored(project)
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_codebook(pilot)
            await highlight_code(pilot, screen, NEED)
            await pilot.press("e", *["tab"] * 6, "backspace", "1", "escape")
            await settle(pilot)
            await pilot.press("e", *["tab"] * 5, *"rood", "escape")
            await settle(pilot)
            assert isinstance(app.screen, CodebookScreen)
            messages = [notification.message for notification in app._notifications]
            assert any("hotkey '1' is already bound to Gebrek aan vertrouwen" in m for m in messages)
            assert any("colour 'rood' must look like #1f77b4" in m for m in messages)
            assert stored(project) == before


class TestUndoInTheWorkbench:
    async def test_u_in_the_workbench_takes_back_a_deletion_and_ctrl_y_redoes_it(self, project):
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            workbench = app.screen
            await pilot.press("j", "6")
            await settle(pilot)
            before = stored(project)
            need = before[0].code_by_key(NEED)
            screen = await open_codebook(pilot)
            await highlight_code(pilot, screen, NEED)
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is workbench
            assert stored(project)[1] == [] and workbench.overview.codebook.code_by_id(need.id) is None
            assert [c for c in workbench.codings if c.code_id == need.id] == []
            await pilot.press("u")
            await settle(pilot)
            assert stored(project) == before
            assert workbench.overview.codebook.code_by_id(need.id) == need
            assert len([c for c in workbench.codings if c.code_id == need.id]) == 2
            await pilot.press("ctrl+y")
            await settle(pilot)
            assert stored(project)[0].code_by_key(NEED) is None
