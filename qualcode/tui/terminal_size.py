"""The terminal's size as CSS classes (``-narrow``, ``-wide``, ``-short``, ``-tall``) that screens set on resize."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.geometry import Size

NARROW_WIDTH = 100
"""Below this many columns panels collapse: the workbench's side panel starts hidden, help has one column."""
WIDE_WIDTH = 160
SHORT_HEIGHT = 30
TALL_HEIGHT = 45


def set_size_classes(node: DOMNode, size: Size) -> None:
    """Give ``node`` the classes that say how much room the terminal has; the stylesheet does the rest."""
    node.set_class(size.width < NARROW_WIDTH, "-narrow")
    node.set_class(size.width >= WIDE_WIDTH, "-wide")
    node.set_class(size.height < SHORT_HEIGHT, "-short")
    node.set_class(size.height >= TALL_HEIGHT, "-tall")
