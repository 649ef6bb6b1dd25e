"""Shown while the project opens (or, the first time, is set up from its sample material)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from qualcode.domain.display_text import display_text
from qualcode.tui.plain_text import plain
from qualcode.domain.language import _


class OpeningScreen(Screen[None]):
    """A message and the set-up progress, or the reason the project cannot be opened.

    No animation: the workers opening the project need every bit of the two cores.
    """

    DEFAULT_CSS = """
    OpeningScreen { align: center middle; }
    OpeningScreen > Vertical { width: 80; height: auto; border: round $accent; padding: 1 2; }
    OpeningScreen #opening-progress { color: $text-muted; }
    OpeningScreen #opening-error { color: $error; }
    """

    BINDINGS = [Binding("q,escape", "app.quit", _("Quit"), id="opening.quit")]

    def __init__(self, project_name: str) -> None:
        super().__init__()
        self._project_name = project_name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text.assemble(_("Opening") + " ", (display_text(self._project_name), "bold"), " …"),
                         id="opening-title")
            yield Static("", id="opening-progress")
            yield Static("", id="opening-error")

    def show_progress(self, text: str) -> None:
        self.query_one("#opening-title", Static).update(
            Text.assemble(_("Setting up") + " ", (display_text(self._project_name), "bold"),
                          " " + _("from its codebooks and transcripts …")))
        self.query_one("#opening-progress", Static).update(plain(text))

    def show_error(self, message: str) -> None:
        self.query_one("#opening-error", Static).update(plain(message + "\n\n" + _("Press q to quit.")))
