"""Pilot tests of the framework matrix screen (``F``): cells, summaries with undo, retrieval of a cell, export."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from textual.widgets import DataTable, TextArea

from qualcode.storage.framework_summaries import framework_summaries
from qualcode.storage.project_store import open_project
from qualcode.tui.retrieval_choices import row_key
from qualcode.tui.screens.framework_screen import FrameworkScreen
from qualcode.tui.screens.memo_editor import MemoEditor
from qualcode.tui.screens.retrieval_screen import RetrievalScreen
from qualcode.tui.screens.workbench import WorkbenchScreen
from tests.tui.test_retrieval_screen import V, coded, shown  # noqa: F401 (coded is a fixture)
from tests.tui.workbench_project import SIZE, settle, workbench_app

SUMMARY = "Weinig vertrouwen door het passeren; geld nog niet besproken."


async def open_matrix(pilot) -> FrameworkScreen:
    await settle(pilot)
    await pilot.press("F")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FrameworkScreen)
    return pilot.app.screen


async def go_to(pilot, screen: FrameworkScreen, code_key: str, case: str) -> tuple[int, int]:
    """Move the cursor to the cell of a code and a case with the arrow keys; its (code, case) indexes."""
    matrix = screen.matrix
    code_index = next(index for index, code in enumerate(matrix.codes) if code[1] == code_key)
    case_index = next(index for index, (_, label) in enumerate(matrix.cases) if label == case)
    view = screen.query_one(DataTable)
    row = screen.row_codes.index(code_index)
    while view.cursor_coordinate.row != row:
        await pilot.press("down" if view.cursor_coordinate.row < row else "up")
    while view.cursor_coordinate.column != case_index + 1:
        await pilot.press("right" if view.cursor_coordinate.column < case_index + 1 else "left")
    assert screen.current_cell() == (code_index, case_index)
    return code_index, case_index


def cell_text(screen: FrameworkScreen, place: tuple[int, int]) -> str:
    return str(screen.query_one(DataTable).get_cell(f"code-{place[0]}", f"case-{place[1]}"))


def stored_summaries(folder) -> list[str]:
    store = open_project(folder)
    try:
        return list(framework_summaries(store).values())
    finally:
        store.close()


async def write_summary(pilot, text: str) -> None:
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MemoEditor)
    pilot.app.screen.query_one(TextArea).insert(text)
    await pilot.press("escape")
    await settle(pilot)


@pytest.mark.asyncio
class TestMatrix:
    async def test_codes_under_their_groups_across_cases_with_segment_counts(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_matrix(pilot)
            assert [label for _, label in screen.matrix.cases] == ["R1", "R2"]
            view = screen.query_one(DataTable)
            assert str(view.get_row_at(0)[0]) == "Belemmerende factoren"  # the first group's heading row
            assert screen.row_codes[0] is None
            place = await go_to(pilot, screen, V, "R2")
            assert cell_text(screen, place) == "1"
            assert view.cursor_coordinate.column == 2

    async def test_a_summary_is_written_in_place_undone_redone_and_kept_after_a_restart(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_matrix(pilot)
            place = await go_to(pilot, screen, V, "R1")
            await write_summary(pilot, SUMMARY)
            assert pilot.app.screen is screen
            assert cell_text(screen, place) == "1 Weinig vertrouwen doo…"
            assert SUMMARY in str(screen.query_one("#framework-summary").render())
            assert stored_summaries(coded) == [SUMMARY]
            await pilot.press("u")
            await settle(pilot)
            assert stored_summaries(coded) == []
            assert cell_text(screen, place) == "1"
            await pilot.press("ctrl+y")
            await settle(pilot)
            assert stored_summaries(coded) == [SUMMARY]
            assert cell_text(screen, place) == "1 Weinig vertrouwen doo…"
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:  # a restart: the summary is there, and u still undoes it
            screen = await open_matrix(pilot)
            assert screen.matrix.cells[place].summary == SUMMARY
            assert cell_text(screen, place) == "1 Weinig vertrouwen doo…"
            await pilot.press("u")
            await settle(pilot)
            assert stored_summaries(coded) == []
            assert screen.matrix.cells[place].summary == ""

    async def test_an_unchanged_or_cancelled_summary_writes_nothing(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_matrix(pilot)
            await go_to(pilot, screen, V, "R1")
            await write_summary(pilot, "   ")
            assert stored_summaries(coded) == []
            await pilot.press("u")  # nothing of this screen's to undo: the undo log holds only eva's codings
            await settle(pilot)
            assert stored_summaries(coded) == []

    async def test_enter_lists_exactly_the_cells_segments_and_esc_comes_back(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_matrix(pilot)
            place = await go_to(pilot, screen, V, "R2")
            await pilot.press("enter")
            await settle(pilot)
            retrieval = app.screen
            assert isinstance(retrieval, RetrievalScreen)
            assert shown(retrieval) == [row_key(s) for s in screen.matrix.cells[place].segments] != []
            assert [segment.case for segment in retrieval.listing.segments] == ["R2"]
            assert retrieval.state.query == V
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, WorkbenchScreen)

    async def test_enter_on_a_group_row_or_an_empty_cell_stays(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_matrix(pilot)
            screen.query_one(DataTable).move_cursor(row=0, column=1)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is screen
            empty = next(place for place, cell in screen.matrix.cells.items() if not cell.segments)
            screen.query_one(DataTable).move_cursor(row=screen.row_codes.index(empty[0]), column=empty[1] + 1)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is screen

    async def test_every_coder_counts_more_than_mine(self, coded):
        app = workbench_app(coded, coder="anna")
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_matrix(pilot)
            assert all(not cell.segments for cell in screen.matrix.cells.values())  # anna coded nothing
            await pilot.press("v")
            await settle(pilot)
            place = await go_to(pilot, screen, V, "R1")
            assert cell_text(screen, place) == "1"

    @pytest.mark.parametrize("choice", ["xlsx", "md"])
    async def test_export_writes_the_matrix_with_the_summary(self, coded, choice):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_matrix(pilot)
            await go_to(pilot, screen, V, "R1")
            await write_summary(pilot, SUMMARY)
            await pilot.press("e")
            await settle(pilot)
            await pilot.press(*(["down"] if choice == "md" else []), "enter")
            await settle(pilot)
            assert app.screen is screen
        path = coded / "exports" / f"framework.{choice}"
        if choice == "md":
            text = path.read_text(encoding="utf-8")
            assert "## Belemmerende factoren" in text and f"| Gebrek aan vertrouwen | {SUMMARY} (1 segment) |" in text
            return
        workbook = load_workbook(path)
        sheet = workbook["Belemmerende factoren"]
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0] == ("code", "R1", "R2")
        trust = next(row for row in rows if row[0] == "Gebrek aan vertrouwen")
        assert trust[1].startswith(SUMMARY) and "Eerlijk gezegd is er weinig vertrouwen." in trust[1]
        assert "Het vertrouwen groeit langzaam" in trust[2]


class TestSnapshot:
    def test_the_matrix_with_a_summary_written(self, coded, snap_compare):
        async def run_before(pilot) -> None:
            screen = await open_matrix(pilot)
            await go_to(pilot, screen, V, "R1")
            await write_summary(pilot, SUMMARY)

        assert snap_compare(workbench_app(coded), terminal_size=SIZE, run_before=run_before)
