"""A data table whose cells are drawn again once their columns have been measured."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class MeasuredTable(DataTable):
    """Textual's ``DataTable`` keeps a drawn cell without the width it was drawn at.

    A table measures new rows' columns only when it is next idle; when the screen is drawn
    between a refill and that idle (a busy machine, a slow SSH link), cells are drawn cut to
    the header's width and stay so once the columns are measured. Forgetting the drawings
    after each measurement draws them at the measured width.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(new_rows)
        self._clear_caches()
