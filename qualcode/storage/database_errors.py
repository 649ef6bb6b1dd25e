"""One readable line for every way SQLite can fail: busy, full, read-only, damaged, unreadable."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from qualcode.storage.backups import newest_backup
from qualcode.storage.lock_holders import processes_holding


def __getattr__(name: str):
    """``DATABASE_ERRORS``: what the project store raises when SQLite itself fails (as opposed to a refused request).

    Made when first asked for, so that opening a project, which needs this module, does not load SQLAlchemy.
    """
    if name == "DATABASE_ERRORS":
        from sqlalchemy.exc import SQLAlchemyError

        return (sqlite3.Error, SQLAlchemyError)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

_CORRUPT_WORDS = ("malformed", "not a database", "could not decode to utf-8", "database corrupt")


def _sqlite_error(error: BaseException) -> BaseException:
    """The DB-API error inside SQLAlchemy's wrapper; an error raised before SQLAlchemy was loaded is no wrapper."""
    loaded = sys.modules.get("sqlalchemy.exc")
    if loaded is not None and isinstance(error, loaded.DBAPIError) and error.orig is not None:
        return error.orig
    return error


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return "".join(character if character.isprintable() else "?" for character in line)


def error_kind(error: BaseException) -> str:
    """busy, full, read-only, cannot-open, corrupt, io or other."""
    original = _sqlite_error(error)
    name = getattr(original, "sqlite_errorname", "") or ""
    text = str(original).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return "busy"
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return "full"
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return "read-only"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or any(word in text for word in _CORRUPT_WORDS):
        return "corrupt"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open database file" in text:
        return "cannot-open"
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return "io"
    return "other"


def backup_advice(database_path: Path) -> str:
    """Where the newest backup of the project database is, or that there is none."""
    backup = newest_backup(database_path)
    if backup is None:
        return "there is no backup of it"
    return f"the newest backup is {backup}: copy it over {database_path.name} to go back to it"


def corrupt_message(database_path: Path, detail: str) -> str:
    """The one line about a damaged project database, pointing at the newest backup."""
    advice = backup_advice(database_path)
    return (f"{database_path} is damaged ({detail}); nothing was written to it. {advice[0].upper()}{advice[1:]}; "
            "'qualcode check' lists what is damaged")


def describe_database_error(error: BaseException, database_path: Path | None) -> str:
    """A one-line message a researcher can act on, for any error SQLite (or SQLAlchemy over it) raised.

    Every write is one transaction, so when SQLite fails nothing of it was written.
    """
    where = str(database_path) if database_path is not None else "the project database"
    kind = error_kind(error)
    detail = _first_line(str(_sqlite_error(error)))
    if kind == "busy":
        holders = processes_holding(database_path) if database_path is not None else []
        who = (f"it is open in {', '.join(str(holder) for holder in holders)}" if holders
               else "is qualcode open twice?")
        return f"{where} is locked by another program ({who}); nothing was changed, try again when it is done"
    if kind == "full":
        return f"the disk is full: cannot write {where}; nothing was changed, free some space and try again"
    if kind == "read-only":
        return f"{where} is read-only (the file or its folder cannot be written); nothing was changed"
    if kind == "cannot-open":
        return f"cannot open {where}: the file or its folder is missing or cannot be written ({detail})"
    if kind == "io":
        return f"cannot read or write {where} ({detail}); nothing was changed"
    if kind == "corrupt":
        if database_path is None:
            return f"the project database is damaged ({detail}); run 'qualcode check'"
        return corrupt_message(database_path, "text that is not UTF-8" if "decode" in detail.lower() else detail)
    return f"the project database refused the operation ({detail}); nothing was changed"
