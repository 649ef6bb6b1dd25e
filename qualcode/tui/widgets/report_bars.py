"""Horizontal bars drawn with block characters to an eighth of a cell, for the report tables."""

from __future__ import annotations

from rich.text import Text

PARTIAL_BLOCKS = "▏▎▍▌▋▊▉"
"""One to seven eighths of a cell."""
FULL_BLOCK = "█"


def bar_eighths(value: float, widest: float, width: int) -> int:
    """How many eighths of a cell ``value`` fills when ``widest`` fills ``width`` cells.

    Rounded to the nearest eighth, but never below one for a value above zero, so a code that
    occurs at all shows a sliver.
    """
    if value <= 0 or widest <= 0:
        return 0
    return max(1, round(8 * width * min(value, widest) / widest))


def bar_text(eighths: int) -> str:
    full, rest = divmod(eighths, 8)
    return FULL_BLOCK * full + (PARTIAL_BLOCKS[rest - 1] if rest else "")


def bar(value: float, widest: float, width: int, style: str = "") -> Text:
    """The bar for ``value`` scaled so that ``widest`` fills ``width`` cells."""
    return Text(bar_text(bar_eighths(value, widest, width)), style=style, no_wrap=True, overflow="crop")

