"""Ask who is coding, once per project: pick a known coder or type a new name."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from qualcode.tui.plain_text import plain
from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.domain.language import _


class CoderDialog(Dialog[str]):
    """Returns the chosen or typed coder name; cannot be cancelled (codings need a coder)."""

    BINDINGS = [("escape", "nothing", "")]

    def __init__(self, known: Sequence[str]) -> None:
        super().__init__()
        self._known = list(known)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = _("Who is coding?")
            box.border_subtitle = _("enter ok · remembered for this project")
            yield Static(_("Your codings are kept under this name. Type your name, or pick one below."),
                         classes="dialog-message")
            yield Input(placeholder=_("your name"), id="coder-name")
            if self._known:
                yield OptionList(*(Option(plain(name), id=name) for name in self._known), id="known-coders")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_nothing(self) -> None:
        """Escape does not close this dialog."""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(str(event.option.id))
