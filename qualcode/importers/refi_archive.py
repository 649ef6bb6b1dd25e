"""Reading a .qdpx archive or a .qdc file as untrusted input: safe entry names, bounded sizes.

Nothing is extracted to disk. Every entry name is checked (no ``..``, no absolute or drive paths,
no NUL), and only the entries qualcode needs (``project.qde``, text sources, note texts) are
decompressed, within the importers' resource limits (``resource_limits``): compression ratio per
entry, and everything unpacked from one archive together.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from qualcode.domain.language import _
from qualcode.importers.refi_errors import RefiError
from qualcode.importers.resource_limits import (
    DAMAGED_MEMBER_ERRORS,
    LimitError,
    PackageReader,
    check_regular_file,
    read_regular_file,
)

_DRIVE = re.compile(r"^[A-Za-z]:")
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
SOURCES_FOLDER = "sources"
INTERNAL_SCHEME = "internal://"


def is_zip(path: Path) -> bool:
    """Whether ``path`` starts like a ZIP archive; call it only on a regular file (``check_regular_file``)."""
    with Path(path).open("rb") as handle:
        return handle.read(4) in (_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)


def read_xml_file(path: Path) -> bytes:
    """The bytes of a .qdc (or bare .qde) file: a regular file within the file size limit."""
    path = Path(path)
    try:
        return read_regular_file(path, what=".qdpx or .qdc file")
    except LimitError as error:
        raise RefiError(path, str(error)) from None
    except FileNotFoundError:
        raise RefiError(path, _("file not found")) from None
    except OSError as error:
        raise RefiError(path, _("cannot read it: {value}").format(value=error.strerror or error)) from None


def _unsafe_name_reason(name: str) -> str | None:
    if "\x00" in name:
        return "has a NUL character in its name"
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or _DRIVE.match(normalised):
        return "is an absolute path"
    if ".." in PurePosixPath(normalised).parts:
        return "points outside the archive ('..')"
    return None


@dataclass
class QdpxArchive:
    """An opened .qdpx: entry names checked; entries read on demand within the limits."""

    path: Path
    archive: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo]
    """Entry name (``/`` separators) -> info; directories left out."""
    reader: PackageReader
    _folded: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path) -> QdpxArchive:
        path = Path(path)
        try:
            check_regular_file(path, what=".qdpx or .qdc file", limit="max_archive_mb")
            archive = zipfile.ZipFile(path)
        except LimitError as error:
            raise RefiError(path, str(error)) from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise RefiError(path, _("is not a readable .qdpx (zip) archive: {error}").format(error=error)) from None
        try:
            reader = PackageReader(archive)
        except LimitError as error:
            archive.close()
            raise RefiError(path, str(error)) from None
        infos = archive.infolist()
        entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            reason = _unsafe_name_reason(info.filename)
            if reason:
                archive.close()
                raise RefiError(path, _("entry {filename!r} {reason}; refusing the whole archive").format(filename=info.filename, reason=reason))
            if not info.is_dir():
                entries[info.filename.replace("\\", "/")] = info
        opened = cls(path=path, archive=archive, entries=entries, reader=reader)
        for name in entries:
            opened._folded.setdefault(name.casefold(), []).append(name)
        return opened

    def close(self) -> None:
        self.archive.close()

    def find(self, name: str) -> str | None:
        """The entry called ``name``, matched exactly or else ignoring case (``Sources/`` vs ``sources/``)."""
        if name in self.entries:
            return name
        matches = self._folded.get(name.casefold(), [])
        return matches[0] if len(matches) == 1 else None

    def project_entry(self) -> str:
        """The ``project.qde`` entry at the top of the archive (any case)."""
        candidates = [name for name in self.entries if "/" not in name and name.casefold() == "project.qde"]
        if not candidates:
            top = [name for name in self.entries if name.casefold().endswith(".qde")]
            if len(top) == 1:
                return top[0]
            raise RefiError(self.path, _("has no project.qde; it is not a REFI-QDA project archive"))
        return candidates[0]

    def source_entry(self, reference: str) -> str | None:
        """The entry an ``internal://NAME`` path names, under ``sources/`` in any case."""
        if not reference.casefold().startswith(INTERNAL_SCHEME):
            return None
        relative = reference[len(INTERNAL_SCHEME):].lstrip("/").replace("\\", "/")
        return self.find(f"{SOURCES_FOLDER}/{relative}") or self.find(relative)

    def read(self, name: str) -> bytes:
        """The entry's bytes, refused when it, or all read from the archive so far, goes over the limits."""
        info = self.entries[name]
        try:
            self.reader.check_declared([info])
            return self.reader.read(info)
        except LimitError as error:
            reason = str(error) if repr(name) in str(error) else f"entry {name!r} refused: {error}"
            raise RefiError(self.path, reason) from None
        except DAMAGED_MEMBER_ERRORS as error:
            raise RefiError(self.path, _("cannot unpack entry {name!r}: {error}").format(name=name, error=error)) from None
