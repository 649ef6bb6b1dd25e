"""Help: every key binding of the screen it was opened from, with what it does, grouped by where it works."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from qualcode.tui.terminal_size import set_size_classes
from qualcode.domain.language import _


@dataclass(frozen=True)
class HelpSection:
    title: str
    rows: tuple[tuple[str, str], ...]
    """(keys, what they do)."""


def binding_sections(app: App, screen: Screen, titles: dict[type, str], *,
                     ours_only: bool = False) -> list[HelpSection]:
    """The screen's active bindings, one section per widget, screen and app that holds some.

    Keys bound to the same action are listed together (``j, ↓``). ``titles`` names a section by
    the class of the node whose bindings it lists; other nodes use their class name. With
    ``ours_only``, Textual's own defaults (bindings without an id, such as tab) are left out.
    """
    grouped: dict[DOMNode, dict[str, tuple[list[str], Binding]]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.system or (ours_only and binding.id is None):
            continue
        actions = grouped.setdefault(active.node, {})
        keys, _ = actions.setdefault(binding.action, ([], binding))
        keys.append(app.get_key_display(binding.with_key(key)))
    sections = []
    for node, actions in grouped.items():
        title = next((name for kind, name in titles.items() if isinstance(node, kind)), type(node).__name__)
        rows = tuple((", ".join(keys), binding.tooltip or binding.description) for keys, binding in actions.values())
        sections.append(HelpSection(title, rows))
    return sections


class HelpScreen(ModalScreen[None]):
    """Sections of keys in two columns; any of ``escape``, ``q`` or ``?`` closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > VerticalScroll {
        width: 116; max-width: 100%; height: 100%; max-height: 34;
        border: round $accent; border-title-color: $accent; border-title-style: bold;
        background: $surface; padding: 0 1;
    }
    HelpScreen Grid { grid-size: 2; grid-gutter: 1 2; height: auto; }
    HelpScreen .help-section { height: auto; }
    HelpScreen.-narrow Grid { grid-size: 1; }
    HelpScreen.-wide > VerticalScroll { width: 170; }
    HelpScreen.-wide Grid { grid-size: 3; }
    HelpScreen.-tall > VerticalScroll { max-height: 46; }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "close", _("Close help"), id="help.close"),
    ]

    def __init__(self, title: str, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self._title = title
        self._sections = list(sections)

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = self._title
            scroll.border_subtitle = _("esc, q or ? close · ↑↓ scroll")
            with Grid():
                for section in self._sections:
                    yield Static(self._table(section), classes="help-section")

    @staticmethod
    def _table(section: HelpSection) -> Table:
        table = Table(title=Text(section.title, style="bold"), title_justify="left", show_header=False,
                      box=None, padding=(0, 1), expand=True)
        table.add_column("keys", style="bold", no_wrap=True, max_width=18)
        table.add_column("does", ratio=1)
        for keys, description in section.rows:
            table.add_row(keys, description)
        return table

    def on_resize(self) -> None:
        set_size_classes(self, self.size)

    def action_close(self) -> None:
        self.dismiss(None)


def sections_from_rows(title: str, rows: Iterable[tuple[str, str]]) -> HelpSection:
    return HelpSection(title, tuple(rows))
