"""The status line: project, coder, document, position (which names the unit), view and, always visible at the right, the NLP pipeline."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual.widget import Widget

from qualcode.domain.display_text import display_text
from qualcode.domain.language import _


@dataclass(frozen=True)
class Status:
    project: str = ""
    coder: str = ""
    document: str = ""
    position: str = ""
    view: str = "mine"
    pipeline: str = _("NLP: not loaded")
    search: str = ""


class StatusLine(Widget):
    """One line; update it with :meth:`set` (only the given fields change).

    The pipeline sits at the right and is never cut. When the rest does not fit, the parts that
    matter least go first (the project, then the coder, the view), then an ellipsis shortens it.
    """

    SEPARATOR = " │ "

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status = Status()

    def set(self, **fields: str) -> None:
        self.status = replace(self.status, **{name: display_text(value) for name, value in fields.items()})
        self.refresh()

    def render(self) -> Text:
        status = self.status
        # (text, style, keep): parts with a lower ``keep`` are left out first when space is short.
        parts = [
            (status.project, "bold", 0),
            (_("coder {name}").format(name=status.coder) if status.coder else "", "", 1),
            (status.document, "bold", 5),
            (status.position, "", 4),
            (_("all coders") if status.view == "all" else _("my codings"), "", 2),
            (status.search, "italic", 3),
        ]
        parts = [part for part in parts if part[0]]
        pipeline = Text(f"{self.SEPARATOR}{status.pipeline}", style="dim", no_wrap=True)
        room = max(self.size.width - pipeline.cell_len, 1)
        while len(parts) > 1 and self._width(parts) > room:
            parts.remove(min(parts, key=lambda part: part[2]))
        text = Text(no_wrap=True, overflow="ellipsis")
        for value, style, _keep in parts:
            if text:
                text.append(self.SEPARATOR, style="dim")
            text.append(value, style=style)
        text.truncate(room, overflow="ellipsis", pad=True)
        return text + pipeline

    def _width(self, parts: list[tuple[str, str, int]]) -> int:
        return sum(Text(value).cell_len for value, _, _ in parts) + len(self.SEPARATOR) * (len(parts) - 1)
