"""Choose which report tables to write, as CSV (standard or Dutch Excel) or xlsx; the screen writes them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Label, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from qualcode.export.csv_dialects import EXCEL_NL, RFC_4180, CsvStyle
from qualcode.tui.plain_text import plain
from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.domain.language import _


@dataclass(frozen=True)
class TableChoice:
    """A table the dialog offers: its id, what the list shows, and whether it starts ticked."""

    id: str
    label: str
    ticked: bool = True


@dataclass(frozen=True)
class ExportRequest:
    tables: tuple[str, ...]
    """The ids of the ticked tables, in the order offered."""
    style: CsvStyle
    """The CSV style; also the style offered next time when ``workbook`` is chosen."""
    workbook: bool = False
    """An xlsx per report, a sheet per table, instead of a CSV file per table."""


class ExportDialog(Dialog[ExportRequest]):
    """Tick tables (space), pick standard CSV, Dutch Excel CSV or xlsx, then ``ctrl+s`` or the button writes."""

    DEFAULT_CSS = """
    ExportDialog > .dialog-box { width: 84; }
    ExportDialog Label { margin: 1 0 0 0; color: $text-muted; }
    ExportDialog SelectionList { height: auto; max-height: 10; }
    ExportDialog RadioSet { width: 100%; }
    ExportDialog #export-where { margin: 1 0 0 0; }
    ExportDialog #export-write { margin: 1 0 0 0; }
    ExportDialog.-short Label, ExportDialog.-short #export-where, ExportDialog.-short #export-write { margin: 0; }
    ExportDialog.-short SelectionList { max-height: 5; }
    """

    BINDINGS = [
        Binding("ctrl+s", "write", _("Export"), id="export-dialog.write",
                tooltip=_("Write the ticked tables in the chosen style.")),
    ]

    def __init__(self, choices: Sequence[TableChoice], *, folder: str, style: CsvStyle = RFC_4180,
                 workbook: bool = False) -> None:
        super().__init__()
        self._choices = list(choices)
        self._folder = folder
        self._style = style
        self._workbook = workbook

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = _("Export tables")
            box.border_subtitle = _("space ticks · tab next · ctrl+s or enter on Export writes · esc cancels")
            yield Label(_("Tables"))
            yield SelectionList[str](*(Selection(choice.label, choice.id, choice.ticked) for choice in self._choices),
                                     id="export-tables")
            yield Label(_("Style"))
            with RadioSet(id="export-style"):
                yield RadioButton(_("Standard CSV (RFC 4180: commas, UTF-8)"),
                                  value=not self._workbook and self._style != EXCEL_NL, id="style-rfc4180")
                yield RadioButton(_("Dutch Excel CSV (semicolons, UTF-8 with BOM, decimal commas)"),
                                  value=not self._workbook and self._style == EXCEL_NL, id="style-excel-nl")
                yield RadioButton(_("Excel workbook (.xlsx: a sheet per table, typed cells)"), value=self._workbook,
                                  id="style-xlsx")
            yield Static(plain(_("To {folder}").format(folder=self._folder)), id="export-where", classes="dialog-hint")
            yield Button(_("Export"), variant="primary", id="export-write")

    def on_mount(self) -> None:
        self.query_one("#export-tables", SelectionList).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_write()

    def action_write(self) -> None:
        ticked = set(self.query_one("#export-tables", SelectionList).selected)
        if not ticked:
            self.notify(_("Tick at least one table (space)."), severity="warning", timeout=4)
            return
        excel_nl = self.query_one("#style-excel-nl", RadioButton).value
        workbook = self.query_one("#style-xlsx", RadioButton).value
        style = EXCEL_NL if excel_nl or (workbook and self._style == EXCEL_NL) else RFC_4180
        self.dismiss(ExportRequest(tables=tuple(choice.id for choice in self._choices if choice.id in ticked),
                                   style=style, workbook=workbook))
