"""Search the text of all documents as you type; enter jumps to the highlighted hit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from qualcode.domain.display_text import display_text
from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.domain.language import _

if TYPE_CHECKING:  # the store's modules load SQLAlchemy: the workbench opens before them
    from qualcode.storage.text_search import TextHit


@dataclass(frozen=True)
class SearchResult:
    """The hits of a search and the one to show first."""

    query: str
    hits: tuple[TextHit, ...]
    index: int


class SearchDialog(Dialog[SearchResult]):
    """Runs the search in a worker on each change, so typing never waits for it."""

    DEFAULT_CSS = """
    SearchDialog > .dialog-box { width: 100; }
    SearchDialog #search-hits { height: auto; max-height: 20; border: none; padding: 0; }
    SearchDialog #search-count { color: $text-muted; margin: 0 0 1 0; }
    """

    BINDINGS = [
        Binding("down", "move(1)", _("Next hit"), show=False, id="search.down"),
        Binding("up", "move(-1)", _("Previous hit"), show=False, id="search.up"),
    ]

    class Results(Message):
        def __init__(self, query: str, hits: list[TextHit]) -> None:
            super().__init__()
            self.query = query
            self.hits = hits

    def __init__(self, search: Callable[[str], list[TextHit]], query: str = "") -> None:
        super().__init__()
        self._search = search
        self._query = query
        self._hits: list[TextHit] = []
        self._hits_query: str | None = None
        self._enter_pressed = False
        """Enter came before the hits of what was typed: go to the first one when they arrive."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = _("Search all documents")
            box.border_subtitle = _("enter go to hit · then n/N next/previous · esc cancel")
            yield Input(self._query, placeholder=_("words to find (case does not matter)"), id="search-query")
            yield Static("", id="search-count")
            yield OptionList(id="search-hits")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self._query:
            self._run_search(self._query)

    @on(Input.Changed, "#search-query")
    def _changed(self, event: Input.Changed) -> None:
        self._run_search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run_search(self, query: str) -> None:
        self.post_message(self.Results(query, self._search(query)))

    def on_search_dialog_results(self, message: Results) -> None:
        if message.query != self.query_one(Input).value:
            return
        self._hits, self._hits_query = message.hits, message.query
        self.query_one("#search-count", Static).update(
            f"{len(self._hits)} hit{'s' if len(self._hits) != 1 else ''}" if message.query.strip() else "")
        options = self.query_one("#search-hits", OptionList)
        options.clear_options()
        options.add_options([Option(self._prompt(hit), id=str(number)) for number, hit in enumerate(self._hits)])
        if self._hits:
            options.highlighted = 0
            if self._enter_pressed:
                self._finish(0)
        self._enter_pressed = False

    @staticmethod
    def _prompt(hit: TextHit) -> Text:
        prompt = Text(no_wrap=True, overflow="ellipsis")
        prompt.append(display_text(f"{hit.document_name} · {hit.place}  " if hit.place else f"{hit.document_name}  "),
                      style="dim")
        prompt.append(display_text(hit.before.lstrip()))
        prompt.append(display_text(hit.match), style="bold reverse")
        prompt.append(display_text(hit.after))
        return prompt

    def action_move(self, step: int) -> None:
        options = self.query_one("#search-hits", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._hits_query != event.value:  # typed faster than the search: wait for its hits
            self._enter_pressed = bool(event.value.strip())
            return
        highlighted = self.query_one("#search-hits", OptionList).highlighted
        if self._hits and highlighted is not None:
            self._finish(highlighted)

    @on(OptionList.OptionSelected, "#search-hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._finish(int(event.option.id))

    def _finish(self, index: int) -> None:
        self.dismiss(SearchResult(self.query_one(Input).value, tuple(self._hits), index))


def hit_position(hits: Sequence[TextHit], index: int) -> str:
    """``hit 3/17`` for the status line."""
    return _("hit {number}/{count}").format(number=index + 1, count=len(hits)) if hits else ""
