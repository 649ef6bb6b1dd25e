"""A project whose documents are the pseudonymised texts, every coding and memo moved to its new place.

The copy keeps no original: the key, the undo log (which holds old texts), the parse cache and learned
models are left out, names and free text (memos, speakers, case attributes, metadata) are pseudonymised
too, and the file is vacuumed so no freed page still holds an original.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from qualcode.domain.language import _
from qualcode.domain.pseudonymised_text import PseudonymisedText
from qualcode.storage.accepted_pseudonyms import AcceptedPseudonyms, accepted_pseudonyms
from qualcode.storage.backups import copy_database
from qualcode.storage.documents import count_words, text_sha256
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import DATABASE_NAME, PROJECT_FOLDERS, ProjectStore, open_project

SPAN_TABLES = ("segments", "codings", "memos", "suggestion_feedback")
"""Tables whose rows point into a document's text with ``start`` and ``end``."""

LEFT_OUT_TABLES = ("pseudonym_forms", "pseudonym_occurrences", "action_log", "parse_cache")
"""Emptied in the copy: the key itself, and whatever may still hold an original text."""

FREE_TEXT_COLUMNS = (
    ("codings", "memo"), ("memos", "text"), ("segments", "speaker"), ("documents", "interviewer_label"),
    ("documents", "source_name"), ("framework_summaries", "text"), ("case_attributes", "value"),
)
"""Text that may name someone outside the documents' own text: pseudonymised with the accepted forms."""


@dataclass(frozen=True)
class PseudonymisedProject:
    """What ``write_pseudonymised_project`` wrote."""

    folder: Path
    documents: int
    replacements: int
    codings: int
    memos: int
    merged_codings: int
    """Codings that became the same span as another of their code and coder, and were made one with it."""


def _metadata(value: str, pseudonyms: AcceptedPseudonyms) -> str:
    try:
        metadata = json.loads(value)
    except ValueError:
        return pseudonyms.free_text(value) or value
    if not isinstance(metadata, dict):
        return value
    return json.dumps({key: pseudonyms.free_text(item) if isinstance(item, str) else item
                       for key, item in metadata.items()}, ensure_ascii=False)


_APART = 1 << 40
"""Spans are first moved this far out of the way, so that no row meets another's old span while moving."""


def _merge_codings(connection: sqlite3.Connection, document_id: int, mapped: PseudonymisedText) -> int:
    """Codings of one code and coder that become the same span (one cut a name that the other did not)
    become one, keeping both memos; returns how many were merged away."""
    rows = connection.execute('SELECT id, code_id, coder_id, start, "end", memo FROM codings '
                              "WHERE document_id = ? ORDER BY id", (document_id,)).fetchall()
    kept: dict[tuple, tuple[int, str]] = {}
    merged = 0
    for row_id, code_id, coder_id, start, end, memo in rows:
        key = (code_id, coder_id, *mapped.map_span(start, end))
        if key not in kept:
            kept[key] = (row_id, memo)
            continue
        first_id, first_memo = kept[key]
        memos = "\n\n".join(m for m in dict.fromkeys((first_memo, memo)) if m)
        kept[key] = (first_id, memos)
        connection.execute("UPDATE codings SET memo = ? WHERE id = ?", (memos, first_id))
        connection.execute("DELETE FROM codings WHERE id = ?", (row_id,))
        merged += 1
    return merged


def _move_spans(connection: sqlite3.Connection, document_id: int, mapped: PseudonymisedText) -> int:
    merged = _merge_codings(connection, document_id, mapped)
    for table in SPAN_TABLES:
        rows = connection.execute(f'SELECT id, start, "end" FROM {table} WHERE document_id = ?',
                                  (document_id,)).fetchall()
        connection.execute(f'UPDATE {table} SET start = start + ?, "end" = "end" + ? WHERE document_id = ?',
                           (_APART, _APART, document_id))
        connection.executemany(f'UPDATE {table} SET start = ?, "end" = ? WHERE id = ?',
                               [(*mapped.map_span(start, end), row_id) for row_id, start, end in rows])
    return merged


def _pseudonymise_database(connection: sqlite3.Connection, pseudonyms: AcceptedPseudonyms) -> tuple[int, int, int]:
    documents = connection.execute("SELECT id, text, name, metadata_json FROM documents ORDER BY id").fetchall()
    replaced = merged = 0
    names: set[str] = set()
    # Names move out of the way first, so that no new name meets an old one not yet replaced.
    connection.execute("UPDATE documents SET name = char(0) || id")
    for document_id, text, name, metadata_json in documents:
        mapped = pseudonyms.document_text(document_id, text)
        replaced += len(mapped.replacements)
        merged += _move_spans(connection, document_id, mapped)
        new_name = pseudonyms.free_text(name) or name
        if new_name in names:
            new_name = f"{new_name} ({document_id})"
        names.add(new_name)
        connection.execute(
            "UPDATE documents SET text = ?, text_sha256 = ?, word_count = ?, name = ?, metadata_json = ? WHERE id = ?",
            (mapped.text, text_sha256(mapped.text), count_words(mapped.text), new_name,
             _metadata(metadata_json, pseudonyms), document_id))
    for table, column in FREE_TEXT_COLUMNS:
        rows = connection.execute(f'SELECT rowid, "{column}" FROM {table}').fetchall()
        connection.executemany(f'UPDATE {table} SET "{column}" = ? WHERE rowid = ?',
                               [(pseudonyms.free_text(value), row_id) for row_id, value in rows
                                if isinstance(value, str) and pseudonyms.free_text(value) != value])
    cases = connection.execute("SELECT id, label FROM cases").fetchall()
    connection.execute("UPDATE cases SET label = char(0) || id")
    labels: set[str] = set()
    for case_id, label in cases:
        new_label = pseudonyms.free_text(label) or label
        new_label = f"{new_label} ({case_id})" if new_label in labels else new_label
        labels.add(new_label)
        connection.execute("UPDATE cases SET label = ? WHERE id = ?", (new_label, case_id))
    for table in LEFT_OUT_TABLES:
        connection.execute(f"DELETE FROM {table}")
    return len(documents), replaced, merged


def write_pseudonymised_project(store: ProjectStore, folder: Path) -> PseudonymisedProject:
    """Write a new project in ``folder`` (absent or empty) with the project's accepted pseudonyms applied."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ProjectError(_("{folder} is not an empty folder; give a new folder for the pseudonymised project").format(folder=folder))
    pseudonyms = accepted_pseudonyms(store)
    folder.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FOLDERS:
        (folder / name).mkdir(exist_ok=True)
    target = folder / DATABASE_NAME
    copy_database(store.database_path, target)
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN IMMEDIATE")
        try:
            documents, replaced, merged = _pseudonymise_database(connection, pseudonyms)
            codings = connection.execute("SELECT count(*) FROM codings").fetchone()[0]
            memos = connection.execute("SELECT count(*) FROM memos").fetchone()[0]
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("VACUUM")
    finally:
        connection.close()
    return PseudonymisedProject(folder, documents, replaced, codings, memos, merged)


@contextmanager
def pseudonymised_copy(store: ProjectStore) -> Iterator[ProjectStore]:
    """A pseudonymised copy of the project in a temporary folder, open for exports, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="qualcode-pseudonymised-") as temporary:
        write_pseudonymised_project(store, Path(temporary) / "project")
        copy = open_project(Path(temporary) / "project")
        try:
            yield copy
        finally:
            copy.close()
