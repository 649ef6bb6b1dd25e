"""The line above a table that shows each setting's key, name and current value: ` v  coders: eva`."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from qualcode.domain.display_text import display_text


def settings_line(settings: Iterable[tuple[str, str, str]], gap: str = "  ", width: int | None = None) -> Text:
    """Each (key, label, value) as the key in reverse, then ``label: value`` (the label alone without a value).

    With ``width`` a setting that would not fit on the line starts the next one, so none is cut off.
    """
    text = Text()
    line = 0
    for key, label, value in settings:
        item = Text(f" {key} ", style="bold reverse")
        item.append(f" {label}" + (f": {display_text(value)}" if value else ""))
        if width is not None and line and line + item.cell_len > width:
            text.rstrip()
            text.append("\n")
            line = 0
        text.append_text(item)
        text.append(gap)
        line += item.cell_len + len(gap)
    return text
