"""A .docx or .odt is a ZIP package: refuse a corrupt, incomplete or oversized one before parsing."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from qualcode.importers.errors import TranscriptError

# A package that unpacks to more than this is refused rather than inflated into memory.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024

# What python-docx and odfdo raise on a package whose parts are damaged.
DAMAGED_PACKAGE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, etree.XMLSyntaxError)


def check_package(data: bytes, path: Path, required_parts: Sequence[str], kind: str) -> None:
    """Raise ``TranscriptError`` unless ``data`` is a readable ZIP holding ``required_parts``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = set(package.namelist())
            unpacked = sum(info.file_size for info in package.infolist())
    except zipfile.BadZipFile as error:
        reason = f"is not a valid {kind} file: it is corrupt or not a ZIP package ({error})"
        raise TranscriptError(path, reason) from None
    missing = [part for part in required_parts if part not in parts]
    if missing:
        raise TranscriptError(path, f"is not a valid {kind} file: the package has no {missing[0]}")
    if unpacked > MAX_UNPACKED_BYTES:
        raise TranscriptError(
            path, f"unpacks to {unpacked:,} bytes, over the limit of {MAX_UNPACKED_BYTES:,} bytes for a {kind} file"
        )
