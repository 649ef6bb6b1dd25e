"""The crosstab screen: codes × the values of a case attribute, segments and share of cases; enter retrieves a cell.

The table comes from :func:`qualcode.analysis.comparison.crosstab` through the app's store queue.
``enter`` on a cell opens the retrieval screen on exactly that cell's segments: the row's query
with the same filters, narrowed to the column's attribute value (or, for the column of cases
without one, to the documents the cell's segments are in).
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from qualcode.analysis.comparison import NO_VALUE, Crosstab, crosstab
from qualcode.domain.models import Codebook, Coder
from qualcode.storage.project_store import ProjectStore
from qualcode.tui.store_tasks import StoreTask
from qualcode.tui.screens.cell_table_screen import CellTableScreen
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.help_screen import HelpScreen, binding_sections
from qualcode.tui.settings_line import settings_line
from qualcode.tui.widgets.measured_table import MeasuredTable
from qualcode.domain.language import _


class CrosstabScreen(CellTableScreen):
    """Codes down, attribute values across; each cell: segments (share of the column's cases)."""

    DEFAULT_CSS = """
    CrosstabScreen #crosstab-settings { height: auto; background: $panel; padding: 0 1; }
    CrosstabScreen #crosstab-table { height: 1fr; }
    """

    BINDINGS = [
        Binding("a", "choose_attribute", _("Attribute"), id="crosstab.attribute",
                tooltip=_("The case attribute whose values are the columns.")),
        Binding("v", "toggle_coders", _("Coders"), id="crosstab.coders", tooltip=_("My codings only, or every coder's.")),
        Binding("question_mark", "help", _("Help"), id="crosstab.help", tooltip=_("Every key and what it does.")),
        Binding("escape,X", "close", _("Back"), id="crosstab.close", tooltip=_("Back to the workbench.")),
    ]

    def __init__(self, store: ProjectStore, coder: Coder, codebook: Codebook, coders: list[str],
                 documents: list[str], attributes: list[str]) -> None:
        super().__init__(store, coder, codebook, coders, documents)
        self.attributes = attributes
        self.attribute = attributes[0]
        self.table: Crosstab | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="crosstab-settings")
        yield MeasuredTable(id="crosstab-table", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.reload()

    def reload(self) -> None:
        text = settings_line((("a", _("columns"), self.attribute),
                              ("v", _("coders"), self.coder.name if self.mine else _("all"))))
        text.append("  " + _("cells: segments (share of the column's cases) · enter lists a cell's segments"),
                    style="dim")
        self.query_one("#crosstab-settings", Static).update(text)
        store, attribute, filters = self.store, self.attribute, self.filters
        self.qualcode.submit(StoreTask(_("count the crosstab"),
                                       lambda: crosstab(store, kind="attribute", attribute=attribute, filters=filters),
                                       self._show))

    def _show(self, table: Crosstab) -> None:
        self.table = table
        view = self.query_one(DataTable)
        row, column = view.cursor_coordinate
        view.clear(columns=True)
        view.add_column(_("Code"), key="code")
        for index, (label, cases) in enumerate(zip(table.columns, table.column_cases)):
            view.add_column(Text(f"{label} ({cases})", justify="right"), key=f"column-{index}")
        for row_index, table_row in enumerate(table.rows):
            cells = []
            for column_index in range(len(table.columns)):
                cell = table.cell(row_index, column_index)
                share = f" ({cell.share_of_cases:.0%})" if cell.share_of_cases is not None else ""
                cells.append(Text(f"{len(cell.segments)}{share}" if cell.segments else "·",
                                  style="" if cell.segments else "dim", justify="right"))
            view.add_row(table_row.label, *cells, key=str(row_index))
        view.move_cursor(row=row, column=max(column, 1))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        row, column = event.coordinate.row, event.coordinate.column - 1
        if self.table is None or column < 0:
            return
        cell, value = self.table.cell(row, column), self.table.columns[column]
        if not cell.segments:
            self.notify(_("No segments in this cell."), timeout=3)
            return
        filters = self.filters
        if value == NO_VALUE:
            filters = replace(filters, documents=tuple(sorted({segment.document for segment in cell.segments})))
        else:
            filters = replace(filters, attributes=((self.attribute, (value,)),))
        self.retrieve_cell(self.table.rows[row].query, filters)

    def action_choose_attribute(self) -> None:
        self.app.push_screen(ChoiceDialog(_("Columns"), _("The values of which case attribute?"),
                                          [(name, name) for name in self.attributes],
                                          highlighted=self.attributes.index(self.attribute)), self._attribute_chosen)

    def _attribute_chosen(self, name: str | None) -> None:
        if name is not None:
            self.attribute = name
            self.reload()

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {CrosstabScreen: _("Crosstab"), App: _("Application")}, ours_only=True)
        self.app.push_screen(HelpScreen(_("Keys: crosstab"), sections))
