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

from qualcode.domain.language import _
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

# Text in UTF-16 without a byte-order mark: most characters of Dutch text are below U+0100, so
# nearly every high byte is NUL and almost no low byte is.
_UTF16_NUL_SHARE = 0.7
_UTF16_STRAY_NUL_SHARE = 0.05

_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
# Text in a Latin script is mostly ASCII; bytes with more than this share above 0x7f are not.
_MAX_NON_ASCII_SHARE = 0.25

_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Decoded bytes with more control characters than this share (and a few strays) are binary.
_MAX_CONTROL_SHARE = 0.01
_STRAY_CONTROLS = 8


_C0_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_C1_CONTROLS_IN_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def decode_text(data: bytes, path: Path) -> str:
    """Decode a text file's bytes, or raise ``TranscriptError`` for binary or undecodable bytes."""
    text = _decode(data, path)
    if _control_characters(data, text) > max(_STRAY_CONTROLS, _MAX_CONTROL_SHARE * len(text)):
        raise TranscriptError(path, _("is a binary file, not text"))
    return text


def _control_characters(data: bytes, text: str) -> int:
    """How many control characters (``_CONTROL_CHARACTERS``) ``text``, decoded from ``data``, holds.

    When ``data`` is ``text`` in UTF-8 they are counted on the bytes, several times faster: a C0 control
    or DEL is one byte there and never part of another character, a C1 control the bytes 0xC2 0x80-0x9F.
    """
    try:
        in_utf8 = data.decode("utf-8") == text  # decoding again costs a tenth of the count below
    except UnicodeDecodeError:
        in_utf8 = False
    if not in_utf8:
        return len(_CONTROL_CHARACTERS.findall(text))
    count = len(data) - len(data.translate(None, _C0_CONTROL_BYTES))
    return count + (len(_C1_CONTROLS_IN_UTF8.findall(data)) if b"\xc2" in data else 0)


def _decode(data: bytes, path: Path) -> str:
    for mark, encoding, name in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise TranscriptError(
                    path, _("starts with a {name} byte-order mark but is not valid {name} (at byte {start})").format(name=name, start=error.start)
                ) from None
    for signature, kind in _FILE_SIGNATURES:
        if data.startswith(signature):
            raise TranscriptError(path, _("is {kind}, not a text file").format(kind=kind))
    if b"\x00" in data:
        utf16 = _utf16_without_mark(data)
        if utf16 is None:
            raise TranscriptError(path, _("is a binary file, not text (it contains NUL bytes)"))
        return utf16
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    _refuse_mixed_utf8(data, path)
    from charset_normalizer import from_bytes  # only for the rare file that is not UTF-8

    matches = list(from_bytes(data, cp_isolation=list(_WESTERN_CODE_PAGES), threshold=_CHAOS_THRESHOLD))
    if not matches:
        raise TranscriptError(path, _("is not text in UTF-8, UTF-16 or a Western code page such as Windows-1252"))
    preference = {name: rank for rank, name in enumerate(_WESTERN_CODE_PAGES)}
    best = min(matches, key=lambda match: (round(match.chaos, 3), preference.get(match.encoding, len(preference))))
    return str(best)


def _utf16_without_mark(data: bytes) -> str | None:
    """The text, when ``data`` reads as UTF-16 (little or big endian) without a byte-order mark."""
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) >= _UTF16_NUL_SHARE * half and low.count(0) <= _UTF16_STRAY_NUL_SHARE * half:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _refuse_mixed_utf8(data: bytes, path: Path) -> None:
    """Refuse bytes that are partly UTF-8 and partly another encoding, naming where the UTF-8 breaks.

    Such a file (lines pasted from two sources) decodes in no single encoding: read as
    Windows-1252, its UTF-8 "é" would be stored as "Ã©" without a word.
    """
    if len(data) - len(data.decode("ascii", errors="ignore")) > _MAX_NON_ASCII_SHARE * len(data):
        return  # not mostly ASCII: binary, or a text entirely in another encoding
    utf8_line, broken = None, None
    for run in _NON_ASCII_RUN.finditer(data):
        try:
            run[0].decode("utf-8")
        except UnicodeDecodeError as error:
            broken = broken if broken is not None else run.start() + error.start
        else:
            utf8_line = utf8_line or _line_number(data, run.start())
        if utf8_line is not None and broken is not None:
            line = _line_number(data, broken)
            where = f"line {utf8_line} is UTF-8" if utf8_line != line else "the same line has UTF-8"
            raise TranscriptError(
                path,
                _("mixes encodings: line {line} (byte offset {broken}) is not UTF-8, but {where}; save the file as UTF-8 and import it again").format(line=line, broken=broken, where=where),
            )


def _line_number(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
