"""Reading a .qdpx archive or a .qdc file as untrusted input: safe entry names, bounded sizes.

Nothing is extracted to disk. Every entry name is checked (no ``..``, no absolute or drive paths,
no NUL), and only the entries qualcode needs (``project.qde``, text sources, note texts) are
decompressed, each capped in size and in compression ratio, and all of them together capped too.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from qualcode.importers.refi_errors import RefiError

MAX_FILE_BYTES = 512 * 1024 * 1024
"""The .qdpx or .qdc file itself (a .qdpx may carry media qualcode never reads)."""
MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""Uncompressed size of any one entry qualcode reads (project.qde, a text source)."""
MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""Uncompressed size of everything qualcode reads from one archive."""
MAX_RATIO = 100
"""Uncompressed/compressed ratio above which an entry over ``RATIO_FLOOR_BYTES`` is a zip bomb."""
RATIO_FLOOR_BYTES = 1024 * 1024

_DRIVE = re.compile(r"^[A-Za-z]:")
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
SOURCES_FOLDER = "sources"
INTERNAL_SCHEME = "internal://"


def is_zip(path: Path) -> bool:
    with Path(path).open("rb") as handle:
        return handle.read(4) in (_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)


def read_xml_file(path: Path) -> bytes:
    """The bytes of a .qdc (or bare .qde) file, refused when over the entry limit."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_ENTRY_BYTES:
            raise RefiError(path, f"is {size:,} bytes, over the limit of {MAX_ENTRY_BYTES:,} bytes")
        return path.read_bytes()
    except FileNotFoundError:
        raise RefiError(path, "file not found") from None
    except IsADirectoryError:
        raise RefiError(path, "is a folder, not a .qdpx or .qdc file") from None
    except OSError as error:
        raise RefiError(path, f"cannot read it: {error.strerror or error}") from None


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
    bytes_read: int = 0
    _folded: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path) -> QdpxArchive:
        path = Path(path)
        try:
            size = path.stat().st_size
        except OSError as error:
            raise RefiError(path, f"cannot read it: {error.strerror or error}") from None
        if size > MAX_FILE_BYTES:
            raise RefiError(path, f"is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes")
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as error:
            raise RefiError(path, f"is not a readable .qdpx (zip) archive: {error}") from None
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            archive.close()
            raise RefiError(path, f"has {len(infos):,} entries, over the limit of {MAX_ENTRIES:,}")
        entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            reason = _unsafe_name_reason(info.filename)
            if reason:
                archive.close()
                raise RefiError(path, f"entry {info.filename!r} {reason}; refusing the whole archive")
            if not info.is_dir():
                entries[info.filename.replace("\\", "/")] = info
        opened = cls(path=path, archive=archive, entries=entries)
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
            raise RefiError(self.path, "has no project.qde; it is not a REFI-QDA project archive")
        return candidates[0]

    def source_entry(self, reference: str) -> str | None:
        """The entry an ``internal://NAME`` path names, under ``sources/`` in any case."""
        if not reference.casefold().startswith(INTERNAL_SCHEME):
            return None
        relative = reference[len(INTERNAL_SCHEME):].lstrip("/").replace("\\", "/")
        return self.find(f"{SOURCES_FOLDER}/{relative}") or self.find(relative)

    def read(self, name: str) -> bytes:
        """The entry's bytes, refused when it or the archive's total goes over the limits."""
        info = self.entries[name]
        where = f"entry {name!r}"
        if info.file_size > MAX_ENTRY_BYTES:
            raise RefiError(self.path, f"{where} unpacks to {info.file_size:,} bytes, over the limit of "
                                       f"{MAX_ENTRY_BYTES:,} bytes")
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise RefiError(self.path, f"{where} is compressed {info.file_size // max(info.compress_size, 1):,} "
                                       f"to 1, over the limit of {MAX_RATIO} to 1 (a zip bomb?)")
        if self.bytes_read + info.file_size > MAX_TOTAL_BYTES:
            raise RefiError(self.path, f"unpacking {where} would take the archive over {MAX_TOTAL_BYTES:,} bytes")
        try:
            with self.archive.open(info) as handle:
                data = handle.read(MAX_ENTRY_BYTES + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as error:
            raise RefiError(self.path, f"cannot unpack {where}: {error}") from None
        if len(data) > MAX_ENTRY_BYTES:
            raise RefiError(self.path, f"{where} unpacks to more than {MAX_ENTRY_BYTES:,} bytes")
        self.bytes_read += len(data)
        return data
