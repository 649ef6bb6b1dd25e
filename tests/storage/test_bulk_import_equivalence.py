"""The set-wise codings CSV import and merge give exactly what the row-by-row versions gave, on random projects.

``_previous_import`` is ``import_codings`` as it was before it handed the store plain tuples (one
``NewCoding`` and one datetime per row); the merge is compared with its rules written out plainly.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import tempfile
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from qualcode.domain.language import _
from qualcode.export.csv_dialects import FORMULA_GUARD, unguard_formula
from qualcode.importers.codings_csv import import_codings
from qualcode.importers.csv_reading import CsvFileError, read_csv_rows
from qualcode.storage.coders import ensure_coder, ensure_coder_in
from qualcode.storage.codings import NewCoding, add_coding, insert_codings
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_merge import merge_project
from qualcode.storage.project_store import DATABASE_NAME, ProjectStore, open_project
from qualcode.storage.tables import CodeRow, CoderRow, CodingRow, DocumentRow
from tests.project_factory import add_document, parsed_interview, small_project

SECOND = parsed_interview([("I", "Kort?"), ("R", "Een wat langer antwoord over geld en geld.")])
KEYS = ["belemmerend/gebrek-aan-vertrouwen", "bevorderend/noodzaak", " bevorderend/noodzaak ", "onbekend"]


def _previous_time(path: Path, number: int, value: str) -> datetime | None:
    if not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise CsvFileError(path, _("{value!r} is not an ISO date-time").format(value=value), number) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _previous_locate(path: Path, number: int, document: DocumentRow, row: dict[str, str]) -> tuple[int, int]:
    quote = unicodedata.normalize("NFC", row.get("text", ""))
    start, end = row.get("start", "").strip(), row.get("end", "").strip()
    text, name = document.text, document.name
    if start or end:
        try:
            span = int(start), int(end)
        except ValueError:
            raise CsvFileError(path, _("start {start!r} and end {end!r} must be whole numbers").format(start=start, end=end), number) from None
        if not 0 <= span[0] < span[1] <= len(text):
            raise CsvFileError(path, _("span {start}-{end} is outside {name!r}").format(start=span[0], end=span[1], name=name), number)
        if quote and text[span[0] : span[1]] != quote:
            found = text[span[0] : span[1]]
            raise CsvFileError(path, _("the text at {start}-{end} of {name!r} is {found!r}, not {quote!r}").format(start=span[0], end=span[1], name=name, found=found[:40], quote=quote[:40]), number)
        return span
    if not quote:
        raise CsvFileError(path, _("needs either start and end or the coded text"), number)
    first = text.find(quote)
    if first < 0:
        raise CsvFileError(path, _("the text {quote!r} does not occur in {name!r}").format(quote=quote[:50], name=name), number)
    if text.find(quote, first + 1) >= 0:
        raise CsvFileError(path, _("the text {quote!r} occurs more than once in {name!r}; give start and end").format(quote=quote[:50], name=name), number)
    return first, first + len(quote)


def _previous_import(store: ProjectStore, path: Path, coder: str | None) -> tuple[int, int, tuple[str, ...]]:
    required = {"document", "code"} | (set() if coder else {"coder"})
    rows = [{name: unguard_formula(value) if value[:1] == FORMULA_GUARD else value for name, value in row.items()}
            for row in read_csv_rows(path, required)]
    with store.transaction() as session:
        documents = {row.name: row for row in session.exec(select(DocumentRow))}
        codes = {row.key: row.id for row in session.exec(select(CodeRow))}
        prepared = []
        for number, row in enumerate(rows, start=2):
            document = documents.get(row["document"].strip())
            if document is None:
                raise CsvFileError(path, _("no document named {document!r} in the project").format(document=row['document']), number)
            code_key = row["code"].strip()
            if code_key not in codes:
                raise CsvFileError(path, _("no code {code_key!r} in the codebook").format(code_key=code_key), number)
            coder_name = (coder or row.get("coder", "")).strip()
            if not coder_name:
                raise CsvFileError(path, _("the coder is empty (give --coder or fill the coder column)"), number)
            start, end = _previous_locate(path, number, document, row)
            prepared.append((coder_name, document.id, codes[code_key], start, end, row.get("memo", ""),
                             _previous_time(path, number, row.get("created_at", "")),
                             _previous_time(path, number, row.get("updated_at", ""))))
        coder_ids = {name: ensure_coder_in(session, name).id for name in {item[0] for item in prepared}}
        inserted = insert_codings(session, [
            NewCoding(document_id=doc, code_id=code, coder_id=coder_ids[name], start=start, end=end, memo=memo,
                      origin="import", created_at=created, updated_at=updated)
            for name, doc, code, start, end, memo, created, updated in prepared
        ])
    return len(prepared), len(inserted), tuple(sorted(coder_ids))


def _rows(store: ProjectStore) -> list[tuple]:
    """Every coding with its coder's name; a time of today (no time in the file: the import's 'now') as 'now'."""
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    connection = sqlite3.connect(store.folder / DATABASE_NAME)
    try:
        rows = connection.execute(
            'SELECT g.document_id, g.code_id, k.name, g.start, g."end", g.memo, g.origin, g.created_at, g.updated_at '
            "FROM codings g JOIN coders k ON k.id = g.coder_id ORDER BY g.id").fetchall()
    finally:
        connection.close()
    return [(*row[:7], *("now" if time.startswith(today) else time for time in row[7:])) for row in rows]


_TEMPLATE: list[Path] = []


def _project(folder: Path) -> ProjectStore:
    """Two documents, the small codebook and one coding of eva's: a copy of one built once per test run."""
    if not _TEMPLATE:
        template = Path(tempfile.mkdtemp()) / "template"
        store = small_project(template)
        add_document(store, "tweede", SECOND)
        add_coding(store, NewCoding(1, 1, ensure_coder(store, "eva").id, 3, 9))
        store.close()
        _TEMPLATE.append(template)
    shutil.copytree(_TEMPLATE[0], folder)
    return open_project(folder)


cells = st.sampled_from(["", " ", "'=1+1", "''=x", "'tekst", "geld", "z'n", "é"])
FIELDS = ["document", "code", "coder", "start", "end", "text", "memo", "created_at"]
row_strategy = st.fixed_dictionaries({
    "document": st.sampled_from(["interview", " tweede ", "tweede", "ontbreekt"]),
    "code": st.sampled_from(KEYS),
    "coder": st.sampled_from(["eva", " daan ", "", "'=eva"]),
    "start": st.sampled_from(["", "3", "0", "x", "-1", "12"]),
    "end": st.sampled_from(["", "9", "12", "400", "3"]),
    "text": st.sampled_from(["", "geld", "Kort?", "antwoord", "e\u0301", "nergens", "'=geld"]),
    "memo": cells,
    "created_at": st.sampled_from(["", "2026-03-01T09:30:00+02:00", "2026-03-01 09:30:00", "gisteren"]),
})


valid_rows = st.builds(
    lambda document, code, coder, start, length, memo, created: {
        "document": document, "code": code, "coder": coder, "start": str(start), "end": str(start + length),
        "text": "", "memo": memo, "created_at": created},
    st.sampled_from(["interview", "tweede"]), st.sampled_from(KEYS[:3]), st.sampled_from(["eva", "daan"]),
    st.integers(0, 20), st.integers(1, 12), cells, st.sampled_from(["", "2026-03-01T09:30:00+02:00"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(valid=st.lists(valid_rows, max_size=10), odd=st.lists(row_strategy, max_size=1), at=st.integers(0, 10),
       coder=st.sampled_from([None, "vera"]))
def test_a_codings_csv_imports_as_it_did_row_by_row(valid, odd, at, coder):
    rows = valid[:at] + odd + valid[at:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "codings.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(rows)
        outcomes = []
        for name, importing in (("now", import_codings), ("before", None)):
            store = _project(Path(folder) / name)
            try:
                if importing is None:
                    report = _previous_import(store, path, coder)
                else:
                    done = importing(store, path, coder=coder)
                    report = (done.rows, done.imported, done.coders)
                outcomes.append((report, _rows(store)))
            except (CsvFileError, ProjectError) as error:
                outcomes.append((str(error), _rows(store)))
            finally:
                store.close()
        assert outcomes[0] == outcomes[1]


def _merge_rows(store: ProjectStore) -> list[tuple]:
    connection = sqlite3.connect(store.folder / DATABASE_NAME)
    try:
        return sorted(connection.execute(
            'SELECT d.text_sha256, c.key, k.name, g.start, g."end", g.memo, g.origin, g.created_at, g.updated_at '
            "FROM codings g JOIN documents d ON d.id = g.document_id JOIN codes c ON c.id = g.code_id "
            "JOIN coders k ON k.id = g.coder_id").fetchall())
    finally:
        connection.close()


spans = st.tuples(st.integers(0, 1), st.integers(0, 2), st.integers(0, 1), st.integers(0, 20), st.integers(1, 12))
stored_times = st.sampled_from(["2026-01-05 10:00:00.000000", "2026-01-05 10:00:00", "2025-12-31T23:59:59.5+01:00",
                                "2026-01-05 10:00:00.123456"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mine=st.lists(spans, max_size=6), theirs=st.lists(st.tuples(spans, stored_times, st.sampled_from(["", "m"])),
                                                         max_size=12))
def test_a_merge_brings_every_coding_once_with_its_times(mine, theirs):
    with tempfile.TemporaryDirectory() as folder:
        here, there = _project(Path(folder) / "here"), _project(Path(folder) / "there")
        try:
            names = ("eva", "daan")
            for document, code, coder, start, length in mine:
                try:
                    add_coding(here, NewCoding(document + 1, code + 1, ensure_coder(here, names[coder]).id, start,
                                               start + length))
                except ProjectError:
                    pass
            connection = sqlite3.connect(there.folder / DATABASE_NAME)
            with connection:
                connection.execute("DELETE FROM codings")
                connection.executemany("INSERT INTO coders (name, created_at) VALUES (?, '2026-01-01 00:00:00.000000')",
                                       [("ann",), ("bob",)])
                coders = dict(connection.execute("SELECT name, id FROM coders"))
                for (document, code, coder, start, length), stamp, memo in theirs:
                    connection.execute(
                        'INSERT OR IGNORE INTO codings (document_id, code_id, coder_id, start, "end", memo, origin, created_at, '
                        "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'manual', ?, ?)",
                        (document + 1, code + 1, coders[("ann", "bob")[coder]], start, start + length, memo, stamp,
                         stamp))
            connection.close()
            before = _merge_rows(here)
            expected_new, seen = [], {row[:5] for row in before}
            with there.session() as session:  # the rules: one coding per key, times as the ORM reads and writes them
                keys = {row.id: row.key for row in session.exec(select(CodeRow))}
                texts = {row.id: row.text_sha256 for row in session.exec(select(DocumentRow))}
                names_there = {row.id: row.name for row in session.exec(select(CoderRow))}
                for row in session.exec(select(CodingRow).order_by(CodingRow.id)):
                    key = (texts[row.document_id], keys[row.code_id], names_there[row.coder_id], row.start, row.end)
                    if key in seen:
                        continue
                    seen.add(key)
                    stamp = row.created_at.strftime("%Y-%m-%d %H:%M:%S.%f")
                    updated = row.updated_at.strftime("%Y-%m-%d %H:%M:%S.%f")
                    expected_new.append((*key, row.memo, "merge", stamp, updated))
            report = merge_project(here, there.folder)
            assert report.codings_added == len(expected_new)
            assert _merge_rows(here) == sorted(before + expected_new)
        finally:
            here.close()
            there.close()
