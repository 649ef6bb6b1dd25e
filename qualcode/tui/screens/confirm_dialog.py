"""Ask before a destructive step, saying what it will touch."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from qualcode.tui.plain_text import plain
from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.domain.language import _


class ConfirmDialog(Dialog[bool]):
    """``y`` or the confirm button returns True; ``n``, ``escape`` or the cancel button False."""

    DEFAULT_CSS = """
    ConfirmDialog .dialog-buttons { height: auto; align-horizontal: right; }
    ConfirmDialog Button { margin: 0 0 0 2; }
    """

    BINDINGS = [
        Binding("y", "confirm", _("Yes"), id="confirm.yes"),
        Binding("n", "cancel", _("No"), id="confirm.no"),
    ]

    def __init__(self, title: str, message: str, confirm_label: str | None = None) -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._confirm_label = confirm_label or _("Yes")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = plain(self._title)
            box.border_subtitle = _("y yes · n/esc no")
            yield Static(plain(self._message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(self._confirm_label, id="confirm", variant="error")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
