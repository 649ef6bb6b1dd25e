"""Set-wise coding inserts give exactly what one-coding-at-a-time inserts gave: same rows, same errors."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.storage.coders import ensure_coder
from qualcode.storage.documents import store_transcript
from qualcode.storage.codings import NewCoding, add_coding, insert_codings
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import DATABASE_NAME
from qualcode.storage.tables import CodingRow
from tests.project_factory import add_document, parsed_interview, small_project

STAMP = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)

coding_strategy = st.builds(
    NewCoding,
    document_id=st.integers(1, 3), code_id=st.integers(1, 5), coder_id=st.integers(1, 3),
    start=st.integers(-2, 60), end=st.integers(0, 70), memo=st.sampled_from(["", "m"]),
    origin=st.just("import"), created_at=st.sampled_from([None, STAMP]), updated_at=st.just(None),
)


def _project(folder: Path):
    store = small_project(folder)
    add_document(store, "second", parsed_interview([("I", "Kort."), ("R", "Een wat langer antwoord over geld.")]))
    ensure_coder(store, "eva")
    ensure_coder(store, "daan")
    return store


def _rows(store) -> list[tuple]:
    connection = sqlite3.connect(store.folder / DATABASE_NAME)
    try:
        return connection.execute(
            'SELECT id, document_id, code_id, coder_id, start, "end", memo, origin, created_at FROM codings ORDER BY id'
        ).fetchall()
    finally:
        connection.close()


def _reference(store, existing: list[tuple], codings: list[NewCoding]) -> list[tuple] | str:
    """The old one-at-a-time rules written out plainly: the rows afterwards, or the first error."""
    connection = sqlite3.connect(store.folder / DATABASE_NAME)
    try:
        texts = dict(connection.execute("SELECT id, text FROM documents"))
        names = dict(connection.execute("SELECT id, name FROM documents"))
        codes = {row for (row,) in connection.execute("SELECT id FROM codes")}
        coders = {row for (row,) in connection.execute("SELECT id FROM coders")}
    finally:
        connection.close()
    for coding in codings:
        if coding.document_id not in texts:
            return f"no document with id {coding.document_id}"
        if coding.code_id not in codes:
            return f"no code with id {coding.code_id}"
        if coding.coder_id not in coders:
            return f"no coder with id {coding.coder_id}"
        length = len(texts[coding.document_id])
        if not 0 <= coding.start < coding.end <= length:
            return f"span {coding.start}-{coding.end} is not inside {names[coding.document_id]!r} (0-{length})"
    rows = list(existing)
    keys = {row[1:6] for row in rows}
    next_id = max((row[0] for row in rows), default=0) + 1
    for coding in codings:
        key = (coding.document_id, coding.code_id, coding.coder_id, coding.start, coding.end)
        if key in keys:
            continue
        keys.add(key)
        stamp = coding.created_at.strftime("%Y-%m-%d %H:%M:%S.%f") if coding.created_at else None
        rows.append((next_id, *key, coding.memo, coding.origin, stamp))
        next_id += 1
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(coding_strategy, max_size=6), batch=st.lists(coding_strategy, max_size=25))
def test_a_batch_gives_the_rows_and_errors_of_one_at_a_time(before, batch):
    with tempfile.TemporaryDirectory() as folder:
        store = _project(Path(folder))
        try:
            for coding in before:
                try:
                    add_coding(store, coding)
                except ProjectError:
                    pass
            existing = _rows(store)
            expected = _reference(store, existing, batch)
            try:
                with store.transaction() as session:
                    inserted = insert_codings(session, batch)
            except ProjectError as error:
                assert str(error) == expected
                assert _rows(store) == existing
                return
            assert not isinstance(expected, str), expected
            rows = _rows(store)
            assert [row[:8] for row in rows] == [row[:8] for row in expected]
            assert all(row[8] == (want[8] or row[8]) and row[8] for row, want in zip(rows, expected, strict=True))
            assert len(inserted) == len(expected) - len(existing)
        finally:
            store.close()


def test_many_codings_across_many_documents_go_in_at_once(tmp_path):
    """More documents and codings than one IN list or one insert batch holds."""
    store = small_project(tmp_path / "p")
    text = "I: " + "woord " * 40 + "\n"
    parsed = parsed_interview([("I", "woord " * 40)])
    with store.transaction() as session:
        ids = [store_transcript(session, parsed, name=f"doc-{n}", source_name="doc.txt", source_sha256="0" * 64).id
               for n in range(620)]
    coder = ensure_coder(store, "eva").id
    batch = [NewCoding(document_id, 1, coder, start, start + 5) for document_id in ids for start in range(0, 100, 9)]
    with store.transaction() as session:
        assert len(insert_codings(session, batch + batch[:50])) == len(batch)
    assert len(_rows(store)) == len(batch)
    with store.transaction() as session:
        assert insert_codings(session, batch) == []
    with pytest.raises(ProjectError, match="no document with id 9999"), store.transaction() as session:
        insert_codings(session, [*batch, NewCoding(9999, 1, coder, 0, 1)])
    assert len(_rows(store)) == len(batch)
    store.close()


def test_times_are_stored_as_the_orm_stores_them(tmp_path):
    """Times in any zone, with and without microseconds, read back exactly like rows the ORM wrote."""
    store = _project(tmp_path / "p")
    times = [datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
             datetime(2026, 3, 1, 9, 30, 0, 250, tzinfo=timezone(timedelta(hours=2))),
             datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5)))]
    with store.transaction() as session:
        for index, moment in enumerate(times):
            session.add(CodingRow(document_id=1, code_id=1, coder_id=1, start=index, end=index + 1,
                                  created_at=moment, updated_at=moment))
        insert_codings(session, [NewCoding(1, 2, 1, index, index + 1, created_at=moment)
                                 for index, moment in enumerate(times)])
    rows = _rows(store)
    assert [row[8] for row in rows[:3]] == [row[8] for row in rows[3:]]
    store.close()
