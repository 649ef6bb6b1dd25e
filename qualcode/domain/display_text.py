"""Stored names and text made safe to show on a terminal: control characters become visible symbols.

A codebook, transcript or memo can hold control characters (an ANSI colour, an OSC 8 hyperlink,
a carriage return) that a terminal would obey instead of showing. On screen each one becomes a
single visible character, so a name still reads as itself and offsets into a text stay valid:
C0 controls and DEL become their Unicode control pictures (ESC is ``␛``, CR ``␍``, BEL ``␇``,
DEL ``␡``), C1 controls (U+0080–U+009F) the replacement character ``�``. Line feeds and tabs
are kept. The stored value never changes; CSV and JSON output keep it as it is.
"""

from __future__ import annotations

import re

KEPT = "\n\t"
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Every C0 control except tab and line feed, DEL, and every C1 control."""

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_TRANSLATION = {code: _PICTURES.get(code, "\ufffd") for code in [*range(0x20), *range(0x7F, 0xA0)]
                if chr(code) not in KEPT}


def display_text(value: str) -> str:
    """``value`` with every control character but line feed and tab replaced one for one by a visible one."""
    return value.translate(_TRANSLATION) if CONTROL_CHARACTER.search(value) else value


def has_control_characters(value: str) -> bool:
    """True when ``value`` holds a character :func:`display_text` would replace."""
    return CONTROL_CHARACTER.search(value) is not None
