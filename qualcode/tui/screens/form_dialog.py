"""Edit the fields of a code or a group in one form; leaving it keeps the changes (undo takes them back)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, TextArea

from qualcode.tui.plain_text import plain
from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.domain.language import _


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    value: str
    multiline: bool = False
    placeholder: str = ""


class FormDialog(Dialog[dict[str, str]]):
    """Returns the fields whose value changed (``escape`` or ``ctrl+s``); tab moves between fields."""

    DEFAULT_CSS = """
    FormDialog > .dialog-box { width: 90; }
    FormDialog Label { margin: 1 0 0 0; color: $text-muted; }
    FormDialog TextArea { height: 4; }
    """

    BINDINGS = [
        Binding("escape", "save", _("Save and close"), id="form.save", tooltip=_("Keep the changes and close.")),
        Binding("ctrl+s", "save", _("Save and close"), show=False, id="form.save-alternative"),
    ]

    def __init__(self, title: str, fields: Sequence[FormField]) -> None:
        super().__init__()
        self._title = title
        self._fields = list(fields)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box") as box:
            box.border_title = plain(self._title)
            box.border_subtitle = _("tab next field · esc saves and closes · u undoes afterwards")
            for field in self._fields:
                yield Label(plain(field.label))
                if field.multiline:
                    yield TextArea(field.value, id=f"field-{field.name}", soft_wrap=True, tab_behavior="focus")
                else:
                    yield Input(field.value, placeholder=field.placeholder, id=f"field-{field.name}")

    def on_mount(self) -> None:
        self.query(f"#field-{self._fields[0].name}").first().focus()

    def values(self) -> dict[str, str]:
        values = {}
        for field in self._fields:
            widget = self.query_one(f"#field-{field.name}")
            values[field.name] = widget.text if isinstance(widget, TextArea) else widget.value
        return values

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        original = {field.name: field.value for field in self._fields}
        self.dismiss({name: value for name, value in self.values().items() if value != original[name]})
