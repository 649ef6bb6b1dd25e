"""Ask for one line of text: a name for a new group, a new name for a code."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from qualcode.tui.plain_text import plain
from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.domain.language import _


class TextPrompt(Dialog[str]):
    """``enter`` returns the text (stripped); ``escape`` None."""

    def __init__(self, title: str, message: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._value = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = plain(self._title)
            box.border_subtitle = _("enter ok · esc cancel")
            if self._message:
                yield Static(plain(self._message), classes="dialog-message")
            yield Input(self._value, placeholder=self._placeholder, id="prompt-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())
