"""Write a project to a .qdpx and its codebook to a .qdc, atomically (a half-written file never appears)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from qualcode.export.atomic_files import check_folders, write_files
from qualcode.export.refi_codebook import codebook_xml
from qualcode.export.refi_extension import EXTENSION_ENTRY, extension_json
from qualcode.export.refi_guids import project_guids
from qualcode.export.refi_project import project_export
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.project_store import ProjectStore

PROJECT_ENTRY = "project.qde"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""Zip entry times, so exporting an unchanged project gives the same bytes."""
COMPRESS_LEVEL = 3
"""zlib's level for every entry. On 80 MB of a 500-interview project's XML and texts, level 3 takes 0.28 s of
CPU for 11.8 MB and the default level 6 0.60 s for 10.2 MB; levels 1 and 2 are no faster and larger."""


@dataclass(frozen=True)
class QdpxSummary:
    path: Path
    documents: int
    codes: int
    coders: int
    codings: int
    memos: int
    cases: int


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Let ``write`` fill a temporary file beside ``path``, then rename it over ``path``.

    A missing ``exports`` folder is made; any failure is an ExportError naming ``path`` and the
    reason, and leaves no temporary file.
    """
    path = Path(path)
    check_folders([path])

    def fill(temporary: Path) -> None:
        with open(temporary, "wb") as handle:
            write(handle)

    write_files([(path, fill)])


def _write_zip(handle: BinaryIO, entries: dict[str, bytes | Callable[[BinaryIO], None]]) -> None:
    """The entries in order; an entry given as a writer streams into the archive instead of being held whole."""
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info._compresslevel = COMPRESS_LEVEL  # what writestr's compresslevel sets; open() takes no level
            if callable(data):
                with archive.open(info, "w") as entry:
                    data(entry)
            else:
                archive.writestr(info, data)


def write_qdpx(store: ProjectStore, path: Path, *, name: str | None = None) -> QdpxSummary:
    """Export the whole project to ``path`` (.qdpx); ``name`` defaults to the project folder's name.

    Raises ExportError when the file cannot be written.
    """
    guids = project_guids(store)
    export = project_export(store, guids, name or store.folder.resolve().name)
    extension = extension_json(load_codebook(store), lambda i: guids.of("group", i), lambda i: guids.of("code", i))
    entries = {PROJECT_ENTRY: export.write_project_qde, **export.sources, EXTENSION_ENTRY: extension}
    write_atomically(path, lambda handle: _write_zip(handle, entries))
    return QdpxSummary(Path(path), export.documents, export.codes, export.coders, export.codings, export.memos,
                       export.cases)


def write_qdc(store: ProjectStore, path: Path) -> int:
    """Export the codebook to ``path`` (.qdc); returns how many codes (groups included) it holds.

    Raises EmptyCodebookError when the project has no codes, ExportError when the file cannot be written.
    """
    codebook = load_codebook(store)
    data = codebook_xml(codebook, project_guids(store))
    write_atomically(path, lambda handle: handle.write(data))
    return len(codebook.groups) + len(codebook.codes)
