"""The stored form of a transcript's text: NFC, ``\\n`` line ends, no trailing whitespace on a line."""

from __future__ import annotations

import re
import unicodedata

# C0 controls a reader cannot see; tab, LF, VT, FF and CR are whitespace or line breaks.
_INVISIBLE_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def normalise_text(raw: str) -> str:
    """Split on every line break Python knows (CRLF, CR, LF, VT, FF, U+2028 ...), join with ``\\n``.

    Invisible control characters are removed, then trailing whitespace on each line and blank lines
    at the start and end of the text; the result is NFC-normalised. Nothing else changes.
    """
    lines = [line.rstrip() for line in _INVISIBLE_CONTROLS.sub("", raw).splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    start = 0
    while start < len(lines) and not lines[start]:
        start += 1
    text = "\n".join(lines[start:])
    return unicodedata.normalize("NFC", text)
