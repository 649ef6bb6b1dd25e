"""A project in a folder read with the standard library's sqlite3 alone, for commands that only read it.

Loading SQLAlchemy costs a command that lists a few hundred rows most of its time, and an export of
a hundred thousand rows much of its memory. A folder's
project is opened here with the same refusals ``open_project`` makes (an empty or damaged database,
one a newer qualcode wrote), but never written to: a project that must first be set up or upgraded
is left to ``open_project``. The queries give what the store's own functions give (the tests hold
them to it); a project on a PostgreSQL server is always read through the store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from qualcode.domain.language import _
from qualcode.storage.database_errors import describe_database_error
from qualcode.storage.errors import NotFoundError, ProjectError
from qualcode.storage.integrity import refuse_unusable
from qualcode.storage.migrations import migrations_after

DATABASE_NAME = "qualcode.db"
"""The project database in a folder."""
BUSY_TIMEOUT_SECONDS = 5.0
REMEMBERED_CODER_SETTING = "tui.coder"
"""The coder the workbench opens as, remembered per project; command-line changes go in their undo log."""


def open_for_reading(folder: Path, *, check: bool = True) -> sqlite3.Connection | None:
    """A connection that only reads the project in ``folder``; None when ``open_project`` must open it.

    That is when there is no database yet (a folder to set up, or no project: ``open_project`` says
    which) or its schema is older than this qualcode's (opening upgrades it, after a backup). Raises
    ProjectError, as ``open_project`` does, for an empty or damaged database or one a newer qualcode
    wrote; nothing is written. Without ``check`` the quick check is left out (damage then shows as
    an error while reading, or not at all): for a reader that opens the store with
    ``open_project``, and so runs that check, before it writes or reports anything.
    """
    database_path = Path(folder) / DATABASE_NAME
    if not database_path.is_file():
        return None
    connection = None
    try:
        if check:
            refuse_unusable(database_path)
        elif database_path.stat().st_size == 0:
            return None
        connection = sqlite3.connect(database_path, timeout=BUSY_TIMEOUT_SECONDS)
        connection.execute("PRAGMA query_only = ON")
        recorded = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone()
        applied = [name for (name,) in connection.execute("SELECT name FROM schema_migrations ORDER BY rowid")
                   ] if recorded else []
        if not recorded or migrations_after(applied):
            connection.close()
            return None
        return connection
    except ProjectError:
        if connection is not None:
            connection.close()
        raise
    except Exception as error:  # sqlite3.Error: locked, unreadable, not a database
        if connection is not None:
            connection.close()
        raise ProjectError(describe_database_error(error, database_path)) from error


def stored_setting(connection: sqlite3.Connection, key: str) -> str | None:
    """The project setting ``key``, or None when it is not set (``settings.get_setting``)."""
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def coder_id_named(connection: sqlite3.Connection, name: str) -> int | None:
    """The id of the coder called ``name``, or None (``coders.find_coder``)."""
    row = connection.execute("SELECT id FROM coders WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def existing_coder_id(connection: sqlite3.Connection, name: str) -> int:
    """The id of the coder called ``name``; NotFoundError naming the coders there are (``coders.get_coder``)."""
    coder_id = coder_id_named(connection, name)
    if coder_id is None:
        known = ", ".join(row[0] for row in connection.execute("SELECT name FROM coders ORDER BY name")) or "none yet"
        raise NotFoundError(_("no coder named {name!r} (coders: {known})").format(name=name, known=known))
    return coder_id


def chosen_coder_id(connection: sqlite3.Connection, name: str | None) -> int | None:
    """The coder called ``name`` (NotFoundError when there is none), else the one the workbench opens as
    when it still exists, else None."""
    if name is not None:
        return existing_coder_id(connection, name.strip())
    remembered = stored_setting(connection, REMEMBERED_CODER_SETTING)
    return coder_id_named(connection, remembered) if remembered else None


@dataclass(frozen=True)
class DocumentFigures:
    """One line of ``qualcode documents``: a document with its counts and the coded share of what was said."""

    id: int
    name: str
    source_format: str
    case_label: str | None
    turns: int
    words: int
    codings: int
    coded_percent: int


def coded_percent(share: float) -> int:
    """A coded share as every screen and command shows it: a whole percentage (0.7249 -> 72)."""
    return round(share * 100)


def spoken_share(covered: int, spoken: int | None) -> float:
    """The share (0-1) of a document's turns' characters that ``covered`` coded characters are."""
    return min(1.0, covered / spoken) if spoken else 0.0


_FIGURES = """
WITH spans AS (
    SELECT document_id, start, "end",
           max("end") OVER (PARTITION BY document_id ORDER BY start, "end"
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
    FROM codings {only_coder}
), since AS (
    SELECT document_id, "end", CASE WHEN reach > start THEN reach ELSE start END AS since FROM spans
), coverage AS (
    SELECT document_id, count(*) AS codings, sum(CASE WHEN "end" > since THEN "end" - since ELSE 0 END) AS covered
    FROM since GROUP BY document_id
), turns AS (
    SELECT document_id, count(*) AS turns, sum("end" - start) AS spoken FROM segments WHERE kind = 'turn'
    GROUP BY document_id
)
SELECT d.id, d.name, d.source_format, c.label, coalesce(t.turns, 0), d.word_count, coalesce(v.codings, 0),
       coalesce(v.covered, 0), t.spoken
FROM documents d
LEFT JOIN cases c ON c.id = d.case_id
LEFT JOIN turns t ON t.document_id = d.id
LEFT JOIN coverage v ON v.document_id = d.id
ORDER BY d.name
"""


def read_document_figures(connection: sqlite3.Connection, coder_id: int | None, *,
                          every_coder: bool = False) -> list[DocumentFigures]:
    """Every document in name order with its figures, the codings and coded share of ``coder_id``'s codings
    (``every_coder``: of all coders' together, overlaps counted once); one query.

    The same figures as ``coding_counts.document_figures`` reads through the store: the coded share
    adds up the union of the spans taken by start, each adding what reaches past the ends before it.
    """
    query = _FIGURES.format(only_coder="" if every_coder else "WHERE coder_id = ?")
    parameters = () if every_coder else (coder_id,)
    return [DocumentFigures(document_id, name, source_format, case_label, turns, words, codings,
                            coded_percent(spoken_share(covered, spoken)))
            for document_id, name, source_format, case_label, turns, words, codings, covered, spoken
            in connection.execute(query, parameters)]


def read_coder_names(connection: sqlite3.Connection, names: Sequence[str] | None) -> dict[int, str]:
    """Coder ids and names: the named ones (NotFoundError for an unknown name), or all coders by name
    (``coded_units.chosen_coders``)."""
    known = {name: coder_id for coder_id, name in connection.execute("SELECT id, name FROM coders")}
    if not names:
        return {coder_id: name for name, coder_id in sorted(known.items())}
    for name in names:
        if name not in known:
            raise NotFoundError(_("no coder named {name!r} (coders: {known})").format(
                name=name, known=', '.join(sorted(known)) or _("none yet")))
    return {known[name]: name for name in dict.fromkeys(names)}


def count_codings(connection: sqlite3.Connection, coder_ids: Iterable[int]) -> int:
    """How many codings these coders have."""
    ids = list(coder_ids)
    return connection.execute(f"SELECT count(*) FROM codings WHERE coder_id IN ({', '.join('?' * len(ids))})",
                              ids).fetchone()[0]


def read_coded_documents(connection: sqlite3.Connection, coder_ids: Iterable[int]) -> list[tuple[int, str, str | None]]:
    """The documents these coders coded, in the segments export's order (by name): id, name and case label."""
    ids = list(coder_ids)
    return connection.execute(
        "SELECT d.id, d.name, cs.label FROM documents d LEFT JOIN cases cs ON cs.id = d.case_id WHERE EXISTS "
        f"(SELECT 1 FROM codings g WHERE g.document_id = d.id AND g.coder_id IN ({', '.join('?' * len(ids))})) "
        "ORDER BY d.name", ids).fetchall()


def read_coder_and_code_names(connection: sqlite3.Connection) -> list[str]:
    """Every coder's name and every code's key."""
    return [name for (name,) in connection.execute("SELECT name FROM coders UNION ALL SELECT key FROM codes")]


def read_document_codings(connection: sqlite3.Connection, document_id: int, coder_ids: Iterable[int]) -> list[tuple]:
    """The document's codings by these coders in the segments export's order: by position, coder name and
    codebook order. Each row: coder name, code key, start, end, memo and the two times as ISO 8601 text in
    UTC (``2026-03-12T14:05:09.123456+00:00``).

    A query per document sorts a few hundred rows on the codings' document index, where one query for the
    project sorts them all by the joined document names (a third slower for a hundred thousand codings).
    """
    ids = list(coder_ids)
    return connection.execute(
        'SELECT k.name, c.key, g.start, g."end", g.memo, '
        "replace(g.created_at, ' ', 'T') || '+00:00', replace(g.updated_at, ' ', 'T') || '+00:00' "
        "FROM codings g JOIN codes c ON c.id = g.code_id JOIN coders k ON k.id = g.coder_id "
        f"WHERE g.document_id = ? AND g.coder_id IN ({', '.join('?' * len(ids))}) "
        'ORDER BY g.start, g."end", k.name, c.position, c.id', [document_id, *ids]).fetchall()


def read_document_text(connection: sqlite3.Connection, document_id: int) -> str:
    return connection.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()[0]


def read_timed_documents(connection: sqlite3.Connection) -> set[int]:
    """The ids of the documents with a turn that has a time."""
    return {document_id for (document_id,) in connection.execute(
        "SELECT DISTINCT document_id FROM segments WHERE kind = 'turn' AND start_time IS NOT NULL")}


def read_turn_places(connection: sqlite3.Connection, document_id: int) -> list[tuple[int, int, float | None]]:
    """The document's turns in order: start, end and the time they start at (None without one)."""
    return connection.execute(
        "SELECT start, \"end\", start_time FROM segments WHERE document_id = ? AND kind = 'turn' ORDER BY idx",
        (document_id,)).fetchall()
