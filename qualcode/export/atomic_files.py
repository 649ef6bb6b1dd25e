"""Write export files atomically: each into a temporary file beside it, renamed into place once all are written.

A failure of any kind (a full disk, a read-only folder, a folder that is missing, a stopped
export) removes every temporary file and leaves the files that were there untouched. An
``OSError`` becomes an ``ExportError`` whose one-line message names the file and the reason.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path

from qualcode.domain.language import _

EXPORTS_FOLDER = "exports"

Fill = Callable[[Path], None]
"""Writes a file's content to the temporary path it is given."""

REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is on a read-only file system",
    errno.EACCES: "no permission to write in that folder",
    errno.EPERM: "no permission to write in that folder",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
}


def _read_umask() -> int:
    """The process umask, read once at import (setting it to read it is not safe once threads run)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


class ExportError(Exception):
    """An export cannot be written where it was asked to go; no file was changed."""


def failure_reason(error: OSError) -> str:
    """Why writing failed, in words, with the system's own wording after it."""
    detail = error.strerror or str(error)
    known = REASONS.get(error.errno)
    return f"{known} ({detail})" if known and detail else known or detail


def check_folders(paths: Sequence[Path]) -> None:
    """Refuse targets whose folder is missing or a file, or that are folders; make a missing ``exports`` folder."""
    for path in paths:
        folder = path.parent
        if folder.exists() and not folder.is_dir():
            raise ExportError(_("cannot write {path}: {folder} is a file, not a folder").format(path=path, folder=folder))
        if not folder.is_dir():
            if folder.name == EXPORTS_FOLDER and folder.parent.is_dir():
                try:
                    folder.mkdir()
                except OSError as error:
                    raise ExportError(_("cannot make the folder {folder}: {error}").format(folder=folder, error=failure_reason(error))) from None
            else:
                raise ExportError(_("cannot write {path}: the folder {folder} does not exist").format(path=path, folder=folder))
        if path.is_dir():
            raise ExportError(_("cannot write {path}: it is a folder").format(path=path))


def write_files(files: Sequence[tuple[Path, Fill]]) -> list[Path]:
    """Fill a temporary file beside each path, sync it, then replace every path; ExportError on failure."""
    temporaries: list[Path] = []
    try:
        for path, fill in files:
            try:
                temporary = _temporary_beside(path)
                temporaries.append(temporary)
                fill(temporary)
                _sync(temporary)
            except OSError as error:
                raise ExportError(_("cannot write {path}: {error}").format(path=path, error=failure_reason(error))) from None
        for (path, _content), temporary in zip(files, temporaries):
            try:
                os.replace(temporary, path)
            except OSError as error:
                raise ExportError(_("cannot write {path}: {error}").format(path=path, error=failure_reason(error))) from None
    finally:
        for temporary in temporaries:
            with suppress(OSError):
                temporary.unlink(missing_ok=True)
    return [path for path, _ in files]


def _temporary_beside(path: Path) -> Path:
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(descriptor)
    temporary = Path(name)
    try:
        os.chmod(temporary, 0o666 & ~_UMASK)  # a temporary file is private; an export follows the umask
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _sync(path: Path) -> None:
    """Make the written bytes durable before the rename makes them the file."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
