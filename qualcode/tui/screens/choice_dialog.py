"""Choose one of a few things (which coding to remove, which memo to edit, where to move a code)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from qualcode.tui.plain_text import plain
from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.domain.language import _

Choice = TypeVar("Choice")


class ChoiceDialog(Dialog[Choice], Generic[Choice]):
    """A list of labelled values; ``enter`` returns the highlighted value, ``escape`` None."""

    def __init__(self, title: str, message: str, choices: Sequence[tuple[Text | str, Choice]],
                 *, highlighted: int = 0) -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._choices = list(choices)
        self._highlighted = highlighted

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = plain(self._title)
            box.border_subtitle = _("enter choose · esc cancel")
            if self._message:
                yield Static(plain(self._message), classes="dialog-message")
            yield OptionList(*(Option(plain(label), id=str(number)) for number, (label, _) in enumerate(self._choices)),
                             id="choices")

    def on_mount(self) -> None:
        options = self.query_one("#choices", OptionList)
        options.highlighted = min(self._highlighted, len(self._choices) - 1)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._choices[int(event.option.id)][1])
