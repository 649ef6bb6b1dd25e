"""The frame every dialog shares: a box in the middle of the screen that scrolls when it does not fit; escape cancels."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

from qualcode.tui.terminal_size import set_size_classes
from qualcode.domain.language import _

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal dialog; ``escape`` dismisses it with None."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
    }
    Dialog > .dialog-box {
        width: 72;
        max-width: 90%;
        height: auto;
        max-height: 85%;
        overflow-y: auto;
        border: round $accent;
        border-title-color: $accent;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    Dialog .dialog-message {
        margin: 0 0 1 0;
    }
    Dialog .dialog-hint {
        color: $text-muted;
        margin: 1 0 0 0;
    }
    """

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="dialog.cancel", tooltip=_("Close without changing anything."))]

    def on_resize(self) -> None:
        set_size_classes(self, self.size)  # a dialog may fit itself to a small terminal with these classes

    def action_cancel(self) -> None:
        self.dismiss(None)
