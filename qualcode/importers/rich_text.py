"""The text of an .rtf document, read with striprtf in the code page the document declares."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from striprtf.striprtf import rtf_to_text

from qualcode.domain.language import _
from qualcode.importers.errors import TranscriptError
from qualcode.importers.resource_limits import LimitError, check_nesting, current_limits

_CODE_PAGE = re.compile(rb"\\ansicpg(\d+)")
# A group's braces, and the escaped braces and backslashes that are text (\{ \} \\).
_GROUP_MARKS = re.compile(rb"\\[\\{}]|[{}]")


def rtf_text(data: bytes, path: Path) -> str:
    """Paragraphs as lines; raises ``TranscriptError`` when the bytes are not RTF."""
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.lstrip().startswith(b"{\\rtf"):
        raise TranscriptError(path, _("is not an RTF document (it does not start with {marker})").format(marker="{\\rtf"))
    _check_nesting(data, path)
    encoding = _code_page(data)
    try:
        # RTF is 7-bit ASCII with escapes; stray 8-bit bytes are read in the declared code page.
        return rtf_to_text(data.decode(encoding, errors="replace"), encoding=encoding, errors="strict")
    except (UnicodeDecodeError, ValueError, IndexError) as error:
        raise TranscriptError(path, _("is not a valid RTF document: {error}").format(error=error)) from None


def _check_nesting(data: bytes, path: Path) -> None:
    """Refuse groups nested deeper than the limit before striprtf keeps a stack of them."""
    depth, limit = 0, current_limits().max_depth
    for mark in _GROUP_MARKS.finditer(data):
        if mark[0] == b"{":
            depth += 1
            if depth > limit:
                try:
                    check_nesting(depth, "its groups ({...})")
                except LimitError as error:
                    raise TranscriptError(path, str(error)) from None
        elif mark[0] == b"}":
            depth -= 1


def _code_page(data: bytes) -> str:
    match = _CODE_PAGE.search(data, 0, 4096)
    if match is None:
        return "cp1252"
    encoding = f"cp{int(match[1])}"
    try:
        codecs.lookup(encoding)
    except LookupError:
        return "cp1252"
    return encoding
