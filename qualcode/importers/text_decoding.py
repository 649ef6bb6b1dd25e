"""Bytes of a plain-text file to str: a byte-order mark, else UTF-8, else a Western code page.

When the bytes are not UTF-8, charset-normalizer chooses among the code pages Dutch files are
written in (Windows-1252 first, then ISO 8859-15, Mac Roman and DOS 850). Left to itself on
short Dutch text it prefers exotic code pages such as Mac Central European, which turn
"één" into "ťťn".
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from qualcode.importers.errors import TranscriptError

_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

# Preferred first when two code pages read the bytes equally well.
_WESTERN_CODE_PAGES = ("cp1252", "iso8859_15", "mac_roman", "cp850")

# The chaos charset-normalizer may see before it gives up on a code page. Its default (0.2)
# rejects a short line as accented as "café, één, coöperatie, ‘zo’ – €" in Windows-1252.
_CHAOS_THRESHOLD = 0.5

_FILE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document; export the transcript from it as .docx or .txt"),
    (b"PK\x03\x04", "a ZIP archive, such as a .docx or .odt with the wrong suffix"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc); save it as .docx"),
    (b"{\\rtf", "an RTF document; give it the .rtf suffix"),
    (b"ID3", "an MP3 audio file"),
    (b"RIFF", "an audio or video file"),
    (b"\x1f\x8b", "a gzip archive"),
)

_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Decoded bytes with more control characters than this share (and a few strays) are binary.
_MAX_CONTROL_SHARE = 0.01
_STRAY_CONTROLS = 8


def decode_text(data: bytes, path: Path) -> str:
    """Decode a text file's bytes, or raise ``TranscriptError`` for binary or undecodable bytes."""
    text = _decode(data, path)
    if len(_CONTROL_CHARACTERS.findall(text)) > max(_STRAY_CONTROLS, _MAX_CONTROL_SHARE * len(text)):
        raise TranscriptError(path, "is a binary file, not text")
    return text


def _decode(data: bytes, path: Path) -> str:
    for mark, encoding, name in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise TranscriptError(
                    path, f"starts with a {name} byte-order mark but is not valid {name} (at byte {error.start})"
                ) from None
    for signature, kind in _FILE_SIGNATURES:
        if data.startswith(signature):
            raise TranscriptError(path, f"is {kind}, not a text file")
    if b"\x00" in data:
        raise TranscriptError(path, "is a binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data, cp_isolation=list(_WESTERN_CODE_PAGES), threshold=_CHAOS_THRESHOLD))
    if not matches:
        raise TranscriptError(path, "is not text in UTF-8, UTF-16 or a Western code page such as Windows-1252")
    preference = {name: rank for rank, name in enumerate(_WESTERN_CODE_PAGES)}
    best = min(matches, key=lambda match: (round(match.chaos, 3), preference.get(match.encoding, len(preference))))
    return str(best)
