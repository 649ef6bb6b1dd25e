"""Names and text from the project as Rich Text for widgets: never read as markup, control characters as symbols."""

from __future__ import annotations

from rich.text import Text

from qualcode.domain.display_text import display_text


def plain(value: str | Text, style: str = "") -> Text:
    """``value`` as it reads: a ``[bold]`` in a code name stays on screen, an escape shows as ``␛``.

    Widgets read a ``str`` as Textual markup; a ``Text`` is shown as it is, so one made here is
    safe for any label, title, option or table cell. A ``Text`` passed in is the caller's own.
    """
    return value if isinstance(value, Text) else Text(display_text(value), style=style)
