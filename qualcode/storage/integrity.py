"""Is a project database whole? The quick check opening a project runs, and the full one ``qualcode check`` runs.

Opening runs SQLite's ``PRAGMA quick_check`` (about 18 ms of CPU on a 500-interview project, see
``bench/integrity_check.py``), which finds damaged pages and broken constraints but not an
index that disagrees with its table, nor bytes flipped inside a text; so opening also compares
every document's text with the SHA-256 recorded when it was imported. The full check adds
``PRAGMA integrity_check``, ``PRAGMA foreign_key_check`` and reads every text as UTF-8.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from qualcode.domain.language import _
from qualcode.storage.database_errors import corrupt_message, error_kind
from qualcode.storage.errors import ProjectError

PROBLEMS_LISTED = 20
"""The full check stops listing problems after this many of each kind."""


def _one_line(problem: str) -> str:
    """SQLite's answer without its '*** in database main ***' heading, on one line."""
    return " ".join(line.strip() for line in problem.splitlines() if line.strip() and not line.startswith("***"))


@dataclass(frozen=True)
class IntegrityReport:
    """What the full check found: nothing when the database is whole."""

    database_path: Path
    problems: tuple[str, ...]

    @property
    def healthy(self) -> bool:
        return not self.problems


def refuse_unusable(database_path: Path) -> None:
    """Raise ProjectError when the existing database is empty (0 bytes) or fails SQLite's quick check.

    The message says what is wrong and where the newest backup is; nothing is written.
    """
    if database_path.stat().st_size == 0:
        raise ProjectError(corrupt_message(database_path, "the file is empty, 0 bytes"))
    connection = sqlite3.connect(database_path)
    try:
        found = [_one_line(row[0]) for row in connection.execute("PRAGMA quick_check(1)")]
        if found == ["ok"]:
            found = _document_text_problems(connection, 1) or found
    except sqlite3.DatabaseError as error:
        if error_kind(error) != "corrupt":
            raise
        found = [str(error)]
    finally:
        connection.close()
    if found != ["ok"]:
        raise ProjectError(corrupt_message(database_path, found[0] if found else "no answer"))


def _integrity_problems(connection: sqlite3.Connection) -> list[str]:
    found = [_one_line(row[0]) for row in connection.execute(f"PRAGMA integrity_check({PROBLEMS_LISTED})")]
    return [] if found == ["ok"] else found


def _foreign_key_problems(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute("PRAGMA foreign_key_check").fetchmany(PROBLEMS_LISTED)
    return [f"{table} row {rowid} refers to a missing row of {parent}" for table, rowid, parent, _ in rows]


def _document_text_problems(connection: sqlite3.Connection, limit: int) -> list[str]:
    """Documents whose stored text no longer has the SHA-256 recorded when it was imported.

    About 6 ms for 500 interviews: the texts are most of a project's bytes, and a byte flipped
    inside one is invisible to SQLite's own checks.
    """
    connection.text_factory = bytes
    if not connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").fetchone():
        return []
    found = []
    for rowid, text, recorded in connection.execute("SELECT id, text, text_sha256 FROM documents"):
        if not isinstance(text, bytes) or hashlib.sha256(text).hexdigest().encode() != recorded:
            found.append(f"documents row {rowid}: the text is not the text that was imported (SHA-256 differs)")
            if len(found) >= limit:
                break
    return found


def _text_problems(connection: sqlite3.Connection) -> list[str]:
    connection.text_factory = bytes
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    found = []
    for table in tables:
        for rowid, column, value in _text_values(connection, table.decode()):
            try:
                value.decode("utf-8")
            except UnicodeDecodeError as error:
                found.append(f"{table.decode()} row {rowid}: {column} is not UTF-8 (byte {error.start})")
                if len(found) >= PROBLEMS_LISTED:
                    return found
    return found


def _text_values(connection: sqlite3.Connection, table: str):
    columns = [row[1].decode() for row in connection.execute(f'PRAGMA table_info("{table}")')]
    for column in columns:
        try:
            rows = connection.execute(f'SELECT rowid, "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\'')
        except sqlite3.OperationalError:  # a table without rowid
            return
        for rowid, value in rows:
            yield rowid, column, value


def check_database(database_path: Path) -> IntegrityReport:
    """Run the full check on an existing project database; raises ProjectError when there is none."""
    if not database_path.is_file():
        raise ProjectError(_("no qualcode project in {parent} (no {name})").format(parent=database_path.parent, name=database_path.name))
    if database_path.stat().st_size == 0:
        return IntegrityReport(database_path, ("the file is empty (0 bytes)",))
    connection = sqlite3.connect(database_path)  # not mode=ro: read-only, integrity_check skips CHECK constraints
    try:
        problems = _integrity_problems(connection)
        problems += _foreign_key_problems(connection)
        if not problems:
            problems += _document_text_problems(connection, PROBLEMS_LISTED) + _text_problems(connection)
    except sqlite3.DatabaseError as error:
        if error_kind(error) != "corrupt":
            raise
        problems = [str(error)]
    finally:
        connection.close()
    return IntegrityReport(database_path, tuple(problems))
