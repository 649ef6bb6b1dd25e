"""The framework matrix screen: codes × cases, each cell its segments and the researcher's summary.

NVivo's framework matrix, MAXQDA's summary grid. The matrix comes from
:func:`qualcode.analysis.comparison.framework_matrix` through the app's store queue; codes are
grouped as the codebook is. ``enter`` on a cell opens the retrieval screen on exactly the cell's
segments (the code, the same coders, narrowed to the case's documents); ``s`` writes the cell's
summary through the undo log, so ``u`` takes it back, also after a restart; ``e`` exports the
matrix as the ``qualcode export framework`` command does.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from qualcode.analysis.comparison import FrameworkCell, FrameworkMatrix, framework_matrix
from qualcode.domain.display_text import display_text
from qualcode.domain.models import Codebook, Coder
from qualcode.export.report_files import EXPORTS_FOLDER
from qualcode.storage.actions import ActionRecord, redo, undo
from qualcode.storage.framework_summaries import set_framework_summary
from qualcode.storage.project_store import ProjectStore
from qualcode.tui.store_tasks import StoreTask
from qualcode.tui.screens.cell_table_screen import CellTableScreen
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.help_screen import HelpScreen, binding_sections
from qualcode.tui.screens.memo_editor import MemoEditor
from qualcode.tui.settings_line import settings_line
from qualcode.domain.language import _, ngettext
from qualcode.tui.undo_messages import REDONE, UNDONE, undo_message
from qualcode.tui.widgets.measured_table import MeasuredTable

SUMMARY_WIDTH = 22
"""How much of a summary a cell shows, after its segment count."""


def cell_label(cell: FrameworkCell) -> Text:
    """A cell as the table shows it: the segment count, then the start of the summary."""
    summary = " ".join(display_text(cell.summary).split())
    if len(summary) > SUMMARY_WIDTH:
        summary = summary[:SUMMARY_WIDTH - 1] + "…"
    text = Text(str(len(cell.segments)) if cell.segments else "·", style="" if cell.segments else "dim")
    if summary:
        text.append(f" {summary}", style="italic")
    return text


class FrameworkScreen(CellTableScreen):
    """Codes down (under their groups), cases across; each cell: segments and the start of its summary."""

    DEFAULT_CSS = """
    FrameworkScreen #framework-settings { height: auto; background: $panel; padding: 0 1; }
    FrameworkScreen #framework-table { height: 1fr; }
    FrameworkScreen #framework-summary { height: auto; max-height: 5; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("s", "edit_summary", _("Summary"), id="framework.summary",
                tooltip=_("Write or edit the summary of the highlighted cell (u undoes it, also after a restart).")),
        Binding("v", "toggle_coders", _("Coders"), id="framework.coders", tooltip=_("My codings only, or every coder's.")),
        Binding("e", _("export"), _("Export"), id="framework.export",
                tooltip=_("Write the matrix as framework.xlsx (one sheet per group) or framework.md into exports/.")),
        Binding("u,ctrl+z", "undo", _("Undo"), id="framework.undo",
                tooltip=_("Undo your last action (a summary, a coding, a memo), even after a restart.")),
        Binding("ctrl+y", "redo", _("Redo"), show=False, id="framework.redo", tooltip=_("Redo what you undid.")),
        Binding("question_mark", "help", _("Help"), id="framework.help", tooltip=_("Every key and what it does.")),
        Binding("escape,F", "close", _("Back"), id="framework.close", tooltip=_("Back to the workbench.")),
    ]

    def __init__(self, store: ProjectStore, coder: Coder, codebook: Codebook, coders: list[str],
                 documents: list[str]) -> None:
        super().__init__(store, coder, codebook, coders, documents)
        self.matrix: FrameworkMatrix | None = None
        self.row_codes: list[int | None] = []
        """Per table row: the index into the matrix's codes, or None for a group's heading row."""

    def compose(self) -> ComposeResult:
        yield Static(id="framework-settings")
        yield MeasuredTable(id="framework-table", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield Static(id="framework-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.reload()

    def reload(self) -> None:
        text = settings_line((("v", _("coders"), self.coder.name if self.mine else _("all")),))
        text.append("  " + _("cells: segments and the summary's start · enter lists a cell's segments · "
                             "s writes its summary"), style="dim")
        self.query_one("#framework-settings", Static).update(text)
        store, filters = self.store, self.filters
        self.qualcode.submit(StoreTask(_("read the framework matrix"), lambda: framework_matrix(store, filters=filters),
                                       self._show))

    def _show(self, matrix: FrameworkMatrix) -> None:
        self.matrix = matrix
        view = self.query_one(DataTable)
        row, column = view.cursor_coordinate
        view.clear(columns=True)
        view.add_column(_("Code"), key="code")
        for index, (_case_id, label) in enumerate(matrix.cases):
            view.add_column(display_text(label), key=f"case-{index}")
        self.row_codes = []
        for group, code_indexes in matrix.groups:
            if not code_indexes:
                continue
            view.add_row(Text(display_text(group), style="bold"), *("" for _case in matrix.cases),
                         key=f"group-{len(self.row_codes)}")
            self.row_codes.append(None)
            for code_index in code_indexes:
                cells = [cell_label(matrix.cells[(code_index, case_index)]) for case_index in range(len(matrix.cases))]
                view.add_row(Text("  " + display_text(matrix.codes[code_index][2])), *cells, key=f"code-{code_index}")
                self.row_codes.append(code_index)
        if not matrix.cases:
            self.notify(_("The project has no cases yet: import documents with a case (or a cases CSV) first."),
                        timeout=5)
        if self.row_codes and matrix.cases:
            if row == 0 and column == 0:
                row = next(index for index, code in enumerate(self.row_codes) if code is not None)
            view.move_cursor(row=min(row, len(self.row_codes) - 1), column=max(column, 1))
        self._show_summary()

    def current_cell(self) -> tuple[int, int] | None:
        """(code index, case index) of the highlighted cell; None on a group's row or the code column."""
        row, column = self.query_one(DataTable).cursor_coordinate
        if self.matrix is None or column < 1 or row >= len(self.row_codes) or self.row_codes[row] is None:
            return None
        return self.row_codes[row], column - 1

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._show_summary()

    def _show_summary(self) -> None:
        """Under the table: the highlighted cell's code, case and whole summary."""
        place = self.current_cell()
        line = Text()
        if place is not None and self.matrix is not None:
            cell = self.matrix.cells[place]
            line.append(f"{display_text(self.matrix.codes[place[0]][2])} × "
                        f"{display_text(self.matrix.cases[place[1]][1])}: ", style="bold")
            line.append(display_text(cell.summary) if cell.summary else _("no summary yet (s writes one)"))
        self.query_one("#framework-summary", Static).update(line)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        place = self.current_cell()
        if place is None or self.matrix is None:
            return
        cell = self.matrix.cells[place]
        if not cell.segments:
            self.notify(_("No segments in this cell."), timeout=3)
            return
        documents = tuple(sorted({segment.document for segment in cell.segments}))
        self.retrieve_cell(self.matrix.codes[place[0]][1], replace(self.filters, documents=documents))

    # --- summaries, undo and redo ------------------------------------------------------------------------

    def action_edit_summary(self) -> None:
        place = self.current_cell()
        if place is None or self.matrix is None:
            self.notify(_("Highlight a cell of a code and a case first."), timeout=3)
            return
        cell = self.matrix.cells[place]
        code, case = self.matrix.codes[place[0]][2], self.matrix.cases[place[1]][1]
        count = len(cell.segments)
        self.app.push_screen(MemoEditor(display_text(_("Summary: {code} × {case}").format(code=code, case=case)),
                                        ngettext("{count} segment in this cell", "{count} segments in this cell",
                                                 count).format(count=count), cell.summary),
                             partial(self._summary_written, place))

    def _summary_written(self, place: tuple[int, int], text: str | None) -> None:
        if text is None or self.matrix is None:
            return
        cell = self.matrix.cells[place]
        if text.strip() == cell.summary:
            return
        store, coder_id = self.store, self.coder.id
        self.qualcode.submit(StoreTask(
            _("save the summary"),
            lambda: set_framework_summary(store, coder_id=coder_id, code_id=cell.code_id, case_id=cell.case_id,
                                          text=text),
            partial(self._summary_saved, place)))

    def _summary_saved(self, place: tuple[int, int], stored: str | None) -> None:
        if self.matrix is None:
            return
        cells = dict(self.matrix.cells)
        cells[place] = replace(cells[place], summary=stored or "")
        self.matrix = replace(self.matrix, cells=cells)
        view = self.query_one(DataTable)
        view.update_cell(f"code-{place[0]}", f"case-{place[1]}", cell_label(cells[place]), update_width=True)
        self._show_summary()

    def action_undo(self) -> None:
        store, coder_id = self.store, self.coder.id
        self.qualcode.submit(StoreTask(_("undo"), lambda: undo(store, coder_id), partial(self._undone, UNDONE)))

    def action_redo(self) -> None:
        store, coder_id = self.store, self.coder.id
        self.qualcode.submit(StoreTask(_("redo"), lambda: redo(store, coder_id), partial(self._undone, REDONE)))

    def _undone(self, verb: str, record: ActionRecord | None) -> None:
        self.notify(undo_message(verb, record.description if record else None), timeout=3)
        if record is not None:
            self.reload()

    # --- export ------------------------------------------------------------------------------------------

    def action_export(self) -> None:
        folder = self.store.folder / EXPORTS_FOLDER
        choices = [(_("Excel (framework.xlsx, one sheet per group)"), "xlsx"), (_("Markdown (framework.md)"), "md")]
        self.app.push_screen(ChoiceDialog(_("Export the framework matrix"),
                                          _("With these coders, into {folder}").format(folder=folder),
                                          choices), self._export)

    def _export(self, kind: str | None) -> None:
        if kind is None:
            return
        store, filters = self.store, self.filters

        def run() -> Path:
            from qualcode.analysis.matrix_files import framework_markdown, write_framework_xlsx, write_text_file

            matrix = framework_matrix(store, filters=filters)
            (store.folder / EXPORTS_FOLDER).mkdir(exist_ok=True)
            path = store.folder / EXPORTS_FOLDER / f"framework.{kind}"
            if kind == "xlsx":
                return write_framework_xlsx(matrix, path)
            return write_text_file(path, framework_markdown(matrix))

        self.qualcode.submit(StoreTask(_("export the framework matrix"), run,
                                       lambda path: self.notify(str(path), title=_("Exported"), timeout=6)))

    # --- help --------------------------------------------------------------------------------------------

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {FrameworkScreen: _("Framework matrix"), App: _("Application")},
                                    ours_only=True)
        self.app.push_screen(HelpScreen(_("Keys: framework matrix"), sections))
