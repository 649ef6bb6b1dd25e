"""A .docx or .odt is a ZIP package: refuse a corrupt, incomplete or oversized one before parsing.

Every member is unpacked once in blocks and its XML streamed through a counter within the
resource limits, so a package bomb is refused before python-docx or odfdo build anything.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from qualcode.domain.language import _
from qualcode.importers.errors import TranscriptError
from qualcode.importers.resource_limits import (
    DAMAGED_MEMBER_ERRORS,
    LimitError,
    PackageReader,
    XmlCounter,
    XmlSyntaxError,
)

# What python-docx and odfdo raise on a package whose parts are damaged.
DAMAGED_PACKAGE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, etree.XMLSyntaxError)

_XML_SUFFIXES = (".xml", ".rels")


def check_package(data: bytes, path: Path, required_parts: Sequence[str], kind: str) -> None:
    """Raise ``TranscriptError`` unless ``data`` is a readable ZIP holding ``required_parts``, within the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = set(package.namelist())
            missing = [part for part in required_parts if part not in parts]
            if missing:
                raise TranscriptError(path, _("is not a valid {kind} file: the package has no {missing}").format(kind=kind, missing=missing[0]))
            reader = PackageReader(package)
            infos = [info for info in package.infolist() if not info.is_dir()]
            reader.check_declared(infos)
            counter = XmlCounter("the package")
            for info in infos:
                blocks = reader.blocks(info)
                if info.filename.lower().endswith(_XML_SUFFIXES) and info.file_size:
                    counter.part = info.filename
                    try:
                        counter.count(blocks)
                    except XmlSyntaxError:
                        pass  # python-docx and odfdo judge the parts they read; the rest still counts
                for _block in blocks:
                    pass
    except zipfile.BadZipFile as error:
        reason = f"is not a valid {kind} file: it is corrupt or not a ZIP package ({error})"
        raise TranscriptError(path, reason) from None
    except LimitError as error:
        raise TranscriptError(path, str(error)) from None
    except DAMAGED_MEMBER_ERRORS as error:
        raise TranscriptError(path, _("is not a valid {kind} file: a member cannot be unpacked ({error})").format(kind=kind, error=error)) from None
