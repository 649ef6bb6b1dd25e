"""The last guard between stored text and the terminal: control characters in any widget are drawn as symbols.

Widgets show names and text through ``display_text`` already, so they measure what they draw;
this line filter catches any control character that still reaches a line (a screen that shows
a stored string as it is), so none is ever written to the terminal for it to obey.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from qualcode.domain.display_text import display_text, has_control_characters


class VisibleControlCharacters(LineFilter):
    """Replaces control characters in the text of every segment (not Textual's own control segments)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(display_text(segment.text), segment.style, segment.control)
                if not segment.control and has_control_characters(segment.text) else segment
                for segment in segments]
