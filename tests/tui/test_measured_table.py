"""A refilled table drawn before it measured its columns shows whole cells once it has."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult

from qualcode.tui.widgets.measured_table import MeasuredTable


class TableApp(App):
    def compose(self) -> ComposeResult:
        yield MeasuredTable(cursor_type="row", zebra_stripes=True)


def refill(table: MeasuredTable, bar_length: int) -> None:
    table.clear(columns=True)
    table.add_column(Text("Code"), key="code", width=8)
    table.add_column(Text("▏Codings"), key="bar")
    for row in range(3):
        table.add_row(f"code {row}", Text("█" * bar_length), key=str(row))


@pytest.mark.asyncio
async def test_cells_drawn_before_the_columns_were_measured_are_drawn_again_at_their_width():
    async with TableApp().run_test(size=(60, 8)) as pilot:
        table = pilot.app.query_one(MeasuredTable)
        refill(table, 20)
        await pilot.pause()
        refill(table, 25)
        assert table._require_update_dimensions  # the screen draws before the table is idle
        assert table.render_line(2).text.count("█") == len("▏Codings")
        await pilot.pause()
        assert not table._require_update_dimensions
        assert table.render_line(2).text.count("█") == 25
