"""What retrieval reads from the project, in one read-only snapshot: documents, their turns, paragraphs and codings."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from qualcode.domain.language import _
from qualcode.domain.retrieval import RetrievalFilters
from qualcode.storage.errors import NotFoundError
from qualcode.storage.project_store import ProjectStore


class Turn(NamedTuple):
    """One turn of a document: its text span, index, speaker, role and start time."""

    start: int
    end: int
    index: int
    speaker: str
    role: str
    start_time: float | None


@dataclass
class LoadedDocument:
    """A document as retrieval reads it: its case and attributes, then its turns, paragraphs and codings."""

    id: int
    name: str
    case: str | None
    attributes: dict[str, str | None]
    turns: list[Turn] = field(default_factory=list)
    paragraphs: list[tuple[int, int, str]] = field(default_factory=list)     # start, end, role
    codings: dict[int, dict[int, list[tuple[int, int, int, str]]]] = field(default_factory=dict)
    """coder id -> code id -> [(start, end, coding id, memo)] in text order."""


@dataclass(frozen=True)
class CodebookKeys:
    """The codebook as queries name it: each code's key and its group's key."""

    keys: dict[int, str]                 # code id -> key, in codebook order
    group_of: dict[int, str]             # code id -> group key


@contextmanager
def snapshot(store: ProjectStore) -> Iterator[sqlite3.Connection]:
    """A read-only connection in one deferred read transaction: a consistent snapshot that never
    holds the write lock, so coding from a retrieval list while it is still loading is not blocked.
    Plain sqlite3 cursors also read tens of thousands of rows far faster than the ORM.
    On PostgreSQL: a repeatable-read, read-only transaction that takes the same SQL."""
    if store.on_server:
        from qualcode.storage.server_store import SnapshotReader
        reader = SnapshotReader(store.engine)
        try:
            yield reader
        finally:
            reader.close()
        return
    connection = sqlite3.connect(f"{Path(store.database_path).resolve().as_uri()}?mode=ro", uri=True,
                                 isolation_level=None, check_same_thread=False)
    try:
        connection.execute("SELECT 1 FROM documents LIMIT 1")
    except sqlite3.OperationalError:      # a WAL database whose -shm file a read-only opening cannot make
        connection.close()
        connection = sqlite3.connect(store.database_path, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("BEGIN")
        yield connection
    finally:
        connection.close()


def load_codebook_keys(connection) -> CodebookKeys:
    """Every code's key and group key, in codebook order."""
    rows = connection.execute(
        "SELECT codes.id, codes.key, code_groups.key FROM codes JOIN code_groups ON code_groups.id = codes.group_id "
        "ORDER BY code_groups.position, code_groups.id, codes.position, codes.id").fetchall()
    return CodebookKeys(keys={row[0]: row[1] for row in rows}, group_of={row[0]: row[2] for row in rows})


def load_documents(connection, filters: RetrievalFilters) -> list[LoadedDocument]:
    """The documents the filters let through, by name, with their case attributes (turns and codings not yet)."""
    rows = connection.execute(
        "SELECT documents.id, documents.name, cases.label, documents.case_id FROM documents "
        "LEFT JOIN cases ON cases.id = documents.case_id ORDER BY documents.name").fetchall()
    if filters.documents is not None:
        known = {row[1] for row in rows}
        missing = [name for name in filters.documents if name not in known]
        if missing:
            raise NotFoundError(_("no document {missing!r} (documents: {known})").format(missing=missing[0], known=', '.join(sorted(known)) or _("none yet")))
        rows = [row for row in rows if row[1] in filters.documents]
    attributes: dict[int, dict[str, str | None]] = defaultdict(dict)
    for case_id, name, value in connection.execute("SELECT case_id, name, value FROM case_attributes"):
        attributes[case_id][name] = value
    documents = [LoadedDocument(document_id, name, case, attributes.get(case_id, {}))
                 for document_id, name, case, case_id in rows]
    for attribute, allowed in filters.attributes:
        documents = [document for document in documents if document.attributes.get(attribute) in allowed]
    return documents


def _in_documents(document_ids: Sequence[int] | None) -> str:
    """The SQL condition that keeps rows of ``document_ids`` (every row for None)."""
    return "1 = 1" if document_ids is None else f"document_id IN ({','.join(str(int(i)) for i in document_ids)})"


def load_segments(connection, documents: dict[int, LoadedDocument], document_ids: Sequence[int] | None,
                  need_paragraphs: bool) -> None:
    """Add their turns (and, when asked, paragraphs) to the documents read, in text order."""
    turn = Turn._make
    for row in connection.execute(
            "SELECT document_id, start, \"end\", turn_index, speaker, role, start_time FROM segments "
            f"WHERE kind = 'turn' AND {_in_documents(document_ids)} ORDER BY document_id, kind, idx").fetchall():
        document = documents.get(row[0])
        if document is not None:
            document.turns.append(turn(row[1:]))
    if need_paragraphs:
        for document_id, start, end, role in connection.execute(
                "SELECT document_id, start, \"end\", role FROM segments "
                f"WHERE kind = 'paragraph' AND {_in_documents(document_ids)} ORDER BY document_id, kind, idx"
        ).fetchall():
            document = documents.get(document_id)
            if document is not None:
                document.paragraphs.append((start, end, role))


def load_codings(connection, documents: dict[int, LoadedDocument], document_ids: Sequence[int] | None,
                 code_ids: Iterable[int], coder_ids: Iterable[int] | None) -> None:
    """Add their codings with ``code_ids`` (by ``coder_ids``, or all coders) to the documents read."""
    code_list = ",".join(str(int(code_id)) for code_id in sorted(set(code_ids)))
    if not code_list:
        return
    # For some documents, the unary + keeps SQLite on the document index rather than the code index.
    code_column = "code_id" if document_ids is None else "+code_id"
    sql = ("SELECT document_id, coder_id, code_id, start, \"end\", id, memo FROM codings "
           f"WHERE {_in_documents(document_ids)} AND {code_column} IN ({code_list})")
    if coder_ids is not None:
        sql += f" AND coder_id IN ({','.join(str(int(c)) for c in coder_ids) or 'NULL'})"
    # Sorted here rather than by an ORDER BY: SQLite's temporary B-tree costs more than Python's sort.
    touched: list[list[tuple[int, int, int, str]]] = []
    for document_id, coder_id, code_id, start, end, coding_id, memo in connection.execute(sql).fetchall():
        document = documents.get(document_id)
        if document is not None:
            spans = document.codings.setdefault(coder_id, {}).setdefault(code_id, [])
            if not spans:
                touched.append(spans)
            spans.append((start, end, coding_id, memo))
    for spans in touched:
        spans.sort()


def coders_per_document(connection, document_ids: Sequence[int] | None,
                        coder_ids: Iterable[int] | None) -> dict[int, set[int]]:
    """document id -> the coders (of ``coder_ids``, or all) with codings in it."""
    result: dict[int, set[int]] = defaultdict(set)
    allowed = set(coder_ids) if coder_ids is not None else None
    for document_id, coder_id in connection.execute(
            f"SELECT DISTINCT document_id, coder_id FROM codings WHERE {_in_documents(document_ids)}"):
        if allowed is None or coder_id in allowed:
            result[document_id].add(coder_id)
    return result


def text_reader(connection: sqlite3.Connection, document_id: int) -> Callable[[], str]:
    """A reader of one document's text that asks the database at most once."""
    text: list[str] = []

    def text_of() -> str:
        if not text:
            row = connection.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
            text.append(row[0] if row else "")
        return text[0]

    return text_of
