"""The status line: project, coder, document, position (which names the unit), view and, always visible at the right, the NLP pipeline."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual.widget import Widget


@dataclass(frozen=True)
class Status:
    project: str = ""
    coder: str = ""
    document: str = ""
    position: str = ""
    view: str = "mine"
    pipeline: str = "NLP: not loaded"
    search: str = ""


class StatusLine(Widget):
    """One line; update it with :meth:`set` (only the given fields change).

    The pipeline sits at the right and is never cut; the rest is shortened with an ellipsis.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status = Status()

    def set(self, **fields: str) -> None:
        self.status = replace(self.status, **fields)
        self.refresh()

    def render(self) -> Text:
        status = self.status
        parts = [
            (status.project, "bold"),
            (f"coder {status.coder}" if status.coder else "", ""),
            (status.document, "bold"),
            (status.position, ""),
            ("all coders" if status.view == "all" else "my codings", ""),
            (status.search, "italic"),
        ]
        text = Text(no_wrap=True, overflow="ellipsis")
        for value, style in parts:
            if value:
                if text:
                    text.append(" │ ", style="dim")
                text.append(value, style=style)
        pipeline = Text(f" │ {status.pipeline}", style="dim", no_wrap=True)
        room = max(self.size.width - pipeline.cell_len, 1)
        text.truncate(room, overflow="ellipsis", pad=True)
        return text + pipeline
