"""A REFI-QDA text source as qualcode stores it, with a map from the file's characters to the stored ones.

The stored text follows the project's rule (the same as ``normalised_text``): no BOM, invisible
control characters removed, every line break a ``\\n``, trailing whitespace on each line and blank
lines at the start and end removed, NFC. Because selections in the file point into the text as
the file has it, every step records what it deletes, so a position in the decoded file maps to
the position of the same character in the stored text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

BOM = "\ufeff"
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


class _Deletions:
    """Spans deleted from a string, and where each old position lands in what is left."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = [(start, end) for start, end in spans if end > start]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.before = [0]
        for start, end in spans:
            self.before.append(self.before[-1] + end - start)

    def map(self, index: int) -> int:
        k = bisect_right(self.starts, index)
        if k and index < self.ends[k - 1]:
            return self.starts[k - 1] - self.before[k - 1]
        return index - self.before[k]


def decode_source(data: bytes) -> str:
    """UTF-8 (or UTF-16 with a BOM) text, with a leading BOM kept as U+FEFF so positions can count it.

    Raises UnicodeDecodeError for bytes that are neither.
    """
    if data.startswith(b"\xff\xfe"):
        return BOM + data[2:].decode("utf-16-le")
    if data.startswith(b"\xfe\xff"):
        return BOM + data[2:].decode("utf-16-be")
    return data.decode("utf-8")


@dataclass(frozen=True)
class AlignedText:
    """The decoded file text, the stored text, and the map between them."""

    decoded: str
    text: str
    _removed: _Deletions
    _lines: _Deletions
    _line_text: str
    _is_nfc: bool
    _line_starts: tuple[int, ...] = ()
    """Where each line starts, before and after NFC (only for a text that NFC changes)."""
    _stored_line_starts: tuple[int, ...] = ()

    def to_stored(self, index: int) -> int | None:
        """The stored position of decoded position ``index`` (0..len), or None when NFC merges across it."""
        position = self._lines.map(self._removed.map(index))
        if self._is_nfc:
            return position
        # NFC never composes across a line break, so only the line holding the position matters.
        number = bisect_right(self._line_starts, position) - 1
        line_start = self._line_starts[number]
        line_end = self._line_text.find("\n", position)
        line = self._line_text[line_start:line_end if line_end >= 0 else None]
        prefix = unicodedata.normalize("NFC", line[:position - line_start])
        if not unicodedata.normalize("NFC", line).startswith(prefix):
            return None
        return self._stored_line_starts[number] + len(prefix)


def align(decoded: str) -> AlignedText:
    """Normalise ``decoded`` as the store does and keep the position map."""
    removed_spans = [(0, 1)] if decoded.startswith(BOM) else []
    removed_spans += [match.span() for match in _CONTROLS.finditer(decoded, len(removed_spans))]
    removed = _Deletions(removed_spans)
    cleaned = _CONTROLS.sub("", decoded[1:] if decoded.startswith(BOM) else decoded)

    pieces = cleaned.splitlines(keepends=True)
    lines = []
    offset = 0
    for piece in pieces:
        content = piece.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        ending = piece[len(content):]
        lines.append((offset, len(content), len(content.rstrip()), ending))
        offset += len(piece)
    kept = [index for index, (_, _, stripped, _) in enumerate(lines) if stripped]
    if not kept:
        line_spans, line_text = [(0, len(cleaned))], ""
    else:
        first, last = kept[0], kept[-1]
        line_spans = [(0, lines[first][0])]
        parts = []
        for index in range(first, last + 1):
            start, content, stripped, ending = lines[index]
            parts.append(cleaned[start:start + stripped])
            if index == last:
                line_spans.append((start + stripped, len(cleaned)))
                break
            line_spans.append((start + stripped, start + content))
            if ending == "\r\n":
                line_spans.append((start + content, start + content + 1))
            parts.append("\n")
        line_text = "".join(parts)
    deletions = _Deletions(line_spans)
    if unicodedata.is_normalized("NFC", line_text):
        return AlignedText(decoded, line_text, removed, deletions, line_text, True)
    line_starts, stored_starts, stored_lines = [], [], []
    offset = stored_offset = 0
    for line in line_text.split("\n"):
        stored_line = unicodedata.normalize("NFC", line)
        line_starts.append(offset)
        stored_starts.append(stored_offset)
        stored_lines.append(stored_line)
        offset += len(line) + 1
        stored_offset += len(stored_line) + 1
    return AlignedText(decoded, "\n".join(stored_lines), removed, deletions, line_text, False,
                       tuple(line_starts), tuple(stored_starts))
