"""The line above a table that shows each setting's key, name and current value: ` v  coders: eva`."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from qualcode.domain.display_text import display_text


def settings_line(settings: Iterable[tuple[str, str, str]], gap: str = "  ") -> Text:
    """Each (key, label, value) as the key in reverse, then ``label: value`` (the label alone without a value)."""
    text = Text()
    for key, label, value in settings:
        text.append(f" {key} ", style="bold reverse")
        text.append(f" {label}" + (f": {display_text(value)}" if value else "") + gap)
    return text
