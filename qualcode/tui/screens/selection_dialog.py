"""Tick any number of things (attribute values, documents); enter returns the ticked ones, escape None."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import SelectionList, Static

from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.domain.language import _

Value = TypeVar("Value")


class SelectionDialog(Dialog[list[Value]], Generic[Value]):
    """A list of labelled values with ticks; ``space`` ticks, ``enter`` returns the ticked values."""

    DEFAULT_CSS = """
    SelectionDialog #selection { height: auto; max-height: 20; border: none; padding: 0; }
    """

    BINDINGS = [Binding("enter", "done", _("Done"), priority=True, id="selection.done", tooltip=_("Use the ticked values."))]

    def __init__(self, title: str, message: str, choices: Sequence[tuple[str, Value, bool]]) -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self._title
            box.border_subtitle = _("space tick · enter done · esc cancel")
            if self._message:
                yield Static(self._message, classes="dialog-message")
            yield SelectionList(*((label, number, ticked) for number, (label, _, ticked) in enumerate(self._choices)),
                                id="selection")

    def on_mount(self) -> None:
        self.query_one("#selection", SelectionList).focus()

    def action_done(self) -> None:
        ticked = set(self.query_one("#selection", SelectionList).selected)
        self.dismiss([value for number, (_, value, _) in enumerate(self._choices) if number in ticked])
