"""Backup copies of a project's database: on request, once a day, and finding the newest one.

Every copy is made with SQLite's online backup API, so it is consistent even while the project
is being written. Copies go to the project's ``backups/`` folder (git-ignored by a ``.gitignore``
inside it): ``qualcode-<time>.db`` when asked for, ``daily-<date>.db`` from the workbench, which
keeps the last few daily ones. The copies migrations make (``qualcode.db.backup-*``) count too
when looking for the newest backup.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError

BACKUP_FOLDER = "backups"
DAILY_PREFIX = "daily-"
KEEP_SETTING = "backup.keep"
"""Project setting: how many daily backups the workbench keeps (0: make none)."""
DEFAULT_KEEP = 7


def copy_database(source: Path, target: Path) -> Path:
    """Copy the SQLite database ``source`` to ``target`` with the online backup API; return ``target``.

    The copy is written beside the target under a temporary name and renamed when complete, so a
    failed copy (a full disk) leaves no half-written file behind; it raises ProjectError naming the target.
    """
    partial = target.with_name(target.name + ".partial")
    origin = sqlite3.connect(source)
    try:
        destination = sqlite3.connect(partial)
        try:
            origin.backup(destination)
        finally:
            destination.close()
        partial.replace(target)
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        if getattr(error, "sqlite_errorname", "").startswith("SQLITE_BUSY"):
            raise  # the project's own lock: described as such by whoever reports it
        reason = getattr(error, "strerror", None) or str(error)
        raise ProjectError(_("cannot write the backup {target}: {reason}; no backup was made").format(target=target, reason=reason)) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        origin.close()
    return target


def backup_folder(project_folder: Path) -> Path:
    """The project's ``backups/`` folder, created (with a ``.gitignore`` that ignores it) if missing."""
    folder = Path(project_folder) / BACKUP_FOLDER
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# backups of qualcode.db, made by qualcode: not for version control\n*\n")
    return folder


def backup_project(database_path: Path, now: datetime, target: Path | None = None) -> Path:
    """Copy the project database to ``target``, or to ``backups/qualcode-<time>.db``; return where."""
    if target is None:
        target = backup_folder(database_path.parent) / f"qualcode-{now:%Y-%m-%dT%H%M%S}.db"
    return copy_database(database_path, Path(target))


def daily_backups(project_folder: Path) -> list[Path]:
    """The daily backups in the project's ``backups/`` folder, oldest first."""
    return sorted((Path(project_folder) / BACKUP_FOLDER).glob(f"{DAILY_PREFIX}*.db"))


def keep_daily_backup(database_path: Path, now: datetime, keep: int = DEFAULT_KEEP) -> Path | None:
    """Make today's daily backup unless it exists, then delete all but the newest ``keep`` daily ones.

    Returns the backup made, or None when today's already existed (or ``keep`` is 0: no daily backups).
    """
    if keep <= 0:
        return None
    folder = database_path.parent
    target = backup_folder(folder) / f"{DAILY_PREFIX}{now:%Y-%m-%d}.db"
    made = None if target.exists() else copy_database(database_path, target)
    for old in daily_backups(folder)[:-keep]:
        old.unlink(missing_ok=True)
    return made


def all_backups(database_path: Path) -> list[Path]:
    """Every backup of the project database: ``backups/*.db`` and the migrations' copies, newest first."""
    folder = database_path.parent
    found = [*(folder / BACKUP_FOLDER).glob("*.db"), *folder.glob(f"{database_path.name}.backup-*")]
    return sorted((path for path in found if path.is_file()), key=lambda path: path.stat().st_mtime, reverse=True)


def newest_backup(database_path: Path) -> Path | None:
    """The most recently written backup of the project database, or None when there is none."""
    backups = all_backups(database_path)
    return backups[0] if backups else None
