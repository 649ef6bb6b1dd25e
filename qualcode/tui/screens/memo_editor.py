"""Write or edit a memo; leaving the editor keeps what was typed (undo takes it back)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.domain.language import _


class MemoEditor(Dialog[str]):
    """Returns the memo text when closed with ``escape`` or ``ctrl+s``; an empty memo clears it."""

    DEFAULT_CSS = """
    MemoEditor #memo-text { height: 10; border: none; padding: 0; background: $boost; }
    MemoEditor .memo-context { color: $text-muted; text-style: italic; margin: 0 0 1 0; }
    """

    BINDINGS = [
        Binding("escape", "save", _("Save and close"), id="memo.save", tooltip=_("Keep the memo and close the editor.")),
        Binding("ctrl+s", "save", _("Save and close"), show=False, id="memo.save-alternative"),
    ]

    def __init__(self, title: str, context: str, memo: str) -> None:
        super().__init__()
        self._title = title
        self._excerpt = context
        self._memo = memo

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self._title
            box.border_subtitle = _("esc saves and closes · u undoes afterwards")
            yield Static(self._excerpt, classes="memo-context")
            yield TextArea(self._memo, id="memo-text", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        editor = self.query_one("#memo-text", TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#memo-text", TextArea).text)
