"""The status line: project, coder, document, position, unit, view and the NLP pipeline."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual.widgets import Static


@dataclass(frozen=True)
class Status:
    project: str = ""
    coder: str = ""
    document: str = ""
    position: str = ""
    unit: str = "turn"
    view: str = "mine"
    pipeline: str = "NLP: not loaded"
    search: str = ""


class StatusLine(Static):
    """One line; update it with :meth:`set` (only the given fields change)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status = Status()

    def set(self, **fields: str) -> None:
        self.status = replace(self.status, **fields)
        self.update(self._render_status())

    def _render_status(self) -> Text:
        status = self.status
        parts = [
            (status.project, "bold"),
            (f"coder {status.coder}" if status.coder else "", ""),
            (status.document, "bold"),
            (status.position, ""),
            (f"unit {status.unit}", ""),
            ("all coders" if status.view == "all" else "my codings", ""),
            (status.search, "italic"),
            (status.pipeline, "dim"),
        ]
        text = Text(no_wrap=True, overflow="ellipsis")
        for value, style in parts:
            if value:
                if text:
                    text.append(" │ ", style="dim")
                text.append(value, style=style)
        return text
