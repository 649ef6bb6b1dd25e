"""What the workbench shows first (overview, the document to open and where), and reading it with sqlite3 alone.

The workbench's first frame waits for nothing but this: ``read_start`` reads a folder's project
through a connection from ``sqlite_reading.open_for_reading`` without loading SQLAlchemy, and gives
exactly what ``qualcode.tui.workbench_data.load_start`` reads through the store (the tests hold
them to it). The dataclasses live here, below both, so that the workbench's modules can name them
without importing the store.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass

from qualcode.domain.models import (
    Code, Codebook, CodeGroup, Coding, Document, DocumentSummary, Memo, Segment, Unit,
)
from qualcode.domain.sentences import sentence_spans
from qualcode.storage.sqlite_reading import BUSY_TIMEOUT_SECONDS, spoken_share, stored_setting
from qualcode.storage.timestamps import utc_from_stored

POSITION_SETTING = "tui.position.{coder_id}"
"""Where a coder was: document, offset and unit, so the workbench reopens there."""
KEYMAP_SETTING = "tui.keymap"
"""A JSON object mapping the workbench's binding ids to keys, e.g. ``{"workbench.undo": "u,ctrl+z"}``."""
UNITS = ("turn", "paragraph", "sentence")


@dataclass(frozen=True)
class CodeUsage:
    """How often a code is used by one coder and by all coders together."""

    mine: int = 0
    everyone: int = 0


@dataclass(frozen=True)
class Overview:
    """The project at a glance: codebook, use counts, documents and the coder's coded shares."""

    codebook: Codebook
    usage: dict[int, CodeUsage]
    documents: tuple[DocumentSummary, ...]
    shares: dict[int, float]
    spoken: dict[int, int]
    coders: dict[int, str]


@dataclass(frozen=True)
class DocumentData:
    """One document with what the transcript and the panel need."""

    document: Document
    turns: tuple[Segment, ...]
    segments: tuple[Segment, ...]
    unit: Unit
    codings: tuple[Coding, ...]
    memos: tuple[Memo, ...]


@dataclass(frozen=True)
class Position:
    document_id: int
    offset: int
    unit: Unit


@dataclass(frozen=True)
class Start:
    """What the workbench shows first: the overview, and the document (with the position) to open."""

    overview: Overview
    document: DocumentData | None
    position: Position | None


def parse_position(raw: str | None) -> Position | None:
    """A remembered position as the setting holds it (JSON), or None when there is none or it is unreadable."""
    if not raw:
        return None
    try:
        values = json.loads(raw)
        return Position(int(values["document"]), int(values["offset"]), values["unit"])
    except (ValueError, KeyError, TypeError):
        return None


def usable_position(position: Position | None, documents: tuple[DocumentSummary, ...]) -> Position | None:
    """The position, unless its document is gone or its unit is not one the workbench walks by."""
    if position is None or position.unit not in UNITS or position.document_id not in {d.id for d in documents}:
        return None
    return position


# --- reading with sqlite3 ------------------------------------------------------------------------


def read_codebook(connection: sqlite3.Connection) -> Codebook:
    """Groups and codes in display order (``codebook_store.load_codebook``)."""
    groups = tuple(CodeGroup(*row) for row in connection.execute(
        "SELECT id, key, name, description, colour, position FROM code_groups ORDER BY position, id"))
    codes = tuple(
        Code(id=row[0], key=row[1], name=row[2], group_id=row[3], parent_id=row[4], description=row[5],
             inclusion=row[6], exclusion=row[7], indicators=tuple(json.loads(row[8])), colour=row[9],
             hotkey=row[10], position=row[11], version=row[12])
        for row in connection.execute(
            "SELECT id, key, name, group_id, parent_id, description, inclusion, exclusion, indicators_json, colour, "
            "hotkey, position, version FROM codes ORDER BY position, id"))
    return Codebook(groups=groups, codes=codes)


_COVERED = """
SELECT document_id, sum(CASE WHEN "end" > since THEN "end" - since ELSE 0 END) FROM (
    SELECT document_id, "end", CASE WHEN reach > start THEN reach ELSE start END AS since FROM (
        SELECT document_id, start, "end",
               max("end") OVER (PARTITION BY document_id ORDER BY start, "end"
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
        FROM codings WHERE coder_id = ?))
GROUP BY document_id
"""
"""Per document, the characters the coder's codings cover, overlaps once (``coding_counts.document_coverage``)."""


def _covered_beside(connection: sqlite3.Connection, coder_id: int) -> Callable[[], dict[int, int]]:
    """Start reading the coder's coverage (the slowest query) on a second connection in a thread; the
    function returned waits for it. SQLite runs a query without holding Python's interpreter lock, so
    the other queries run meanwhile, on the other core."""
    path = connection.execute("PRAGMA database_list").fetchone()[2]
    if not path:  # a database in memory has no second connection
        covered = dict(connection.execute(_COVERED, (coder_id,)))
        return lambda: covered
    found: list[dict[int, int] | BaseException] = []

    def read() -> None:
        try:
            second = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
            try:
                second.execute("PRAGMA query_only = ON")
                found.append(dict(second.execute(_COVERED, (coder_id,))))
            finally:
                second.close()
        except BaseException as error:  # raised again by the reader that waits for it
            found.append(error)

    thread = threading.Thread(target=read, name="read the coded shares", daemon=True)
    thread.start()

    def wait() -> dict[int, int]:
        thread.join()
        if isinstance(found[0], BaseException):
            raise found[0]
        return found[0]

    return wait


def read_overview(connection: sqlite3.Connection, coder_id: int) -> Overview:
    """The codebook, use counts, documents, shares and coders (``workbench_data.load_overview``)."""
    return overview_reader(connection, coder_id)[1]()


def overview_reader(connection: sqlite3.Connection,
                    coder_id: int) -> tuple[tuple[DocumentSummary, ...], Callable[[], Overview]]:
    """The documents, and a function that gives the overview: all of it is read now but the coder's coded
    shares, which a second connection reads in a thread, and the function waits for them. Until it is
    called, ``connection`` may close and the caller may do other work (load the interface) while SQLite
    reads the shares without holding the interpreter."""
    covered = _covered_beside(connection, coder_id)
    everyone = dict(connection.execute("SELECT code_id, count(*) FROM codings GROUP BY code_id"))
    mine = dict(connection.execute("SELECT code_id, count(*) FROM codings WHERE coder_id = ? GROUP BY code_id",
                                   (coder_id,)))
    turns, spoken = {}, {}
    for document_id, count, characters in connection.execute(
            'SELECT document_id, count(*), sum("end" - start) FROM segments WHERE kind = \'turn\' GROUP BY document_id'):
        turns[document_id], spoken[document_id] = count, characters
    documents = tuple(
        DocumentSummary(id=document_id, name=name, source_format=source_format, case_label=case_label,
                        turns=turns.get(document_id, 0), words=words, characters=characters)
        for document_id, name, source_format, case_label, words, characters in connection.execute(
            "SELECT d.id, d.name, d.source_format, c.label, d.word_count, length(d.text) FROM documents d "
            "LEFT JOIN cases c ON c.id = d.case_id ORDER BY d.name"))
    codebook = read_codebook(connection)
    coders = dict(connection.execute("SELECT id, name FROM coders ORDER BY name"))

    def overview() -> Overview:
        covered_characters = covered()
        return Overview(
            codebook=codebook,
            usage={code_id: CodeUsage(mine.get(code_id, 0), count) for code_id, count in everyone.items()},
            documents=documents,
            shares={document_id: spoken_share(covered_characters.get(document_id, 0), characters)
                    for document_id, characters in spoken.items()},
            spoken=spoken,
            coders=coders,
        )

    return documents, overview


def read_document(connection: sqlite3.Connection, document_id: int, unit: Unit) -> DocumentData:
    """One document with its turns, segments of ``unit``, codings and memos (``workbench_data.load_document``)."""
    (name, text, source_name, source_format, source_sha256, text_sha256, imported_at, case_id,
     metadata_json) = connection.execute(
        "SELECT name, text, source_name, source_format, source_sha256, text_sha256, imported_at, case_id, "
        "metadata_json FROM documents WHERE id = ?", (document_id,)).fetchone()
    document = Document(id=document_id, name=name, text=text, source_name=source_name, source_format=source_format,
                        source_sha256=source_sha256, text_sha256=text_sha256, imported_at=utc_from_stored(imported_at),
                        case_id=case_id, metadata=json.loads(metadata_json))
    turns = tuple(_stored_segments(connection, document_id, "turn"))
    if unit == "turn":
        segments = turns
    else:
        paragraphs = _stored_segments(connection, document_id, "paragraph")
        segments = tuple(paragraphs) if unit == "paragraph" else tuple(_sentences(text, paragraphs))
    codings = tuple(
        Coding(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], utc_from_stored(row[8]), utc_from_stored(row[9]))
        for row in connection.execute(
            'SELECT id, document_id, code_id, coder_id, start, "end", memo, origin, created_at, updated_at '
            'FROM codings WHERE document_id = ? ORDER BY start, "end", id', (document_id,)))
    memos = tuple(
        Memo(id=row[0], document_id=row[1], coder_id=row[2], start=row[3], end=row[4], text=row[5],
             created_at=utc_from_stored(row[6]), updated_at=utc_from_stored(row[7]))
        for row in connection.execute(
            'SELECT id, document_id, coder_id, start, "end", text, created_at, updated_at FROM memos '
            'WHERE document_id = ? ORDER BY start, "end", id', (document_id,)))
    return DocumentData(document=document, turns=turns, segments=segments, unit=unit, codings=codings, memos=memos)


def _stored_segments(connection: sqlite3.Connection, document_id: int, kind: str) -> list[Segment]:
    return [Segment(document_id=document_id, kind=kind, index=index, start=start, end=end, speaker=speaker,
                    role=role, turn_index=turn_index, start_time=start_time)
            for index, start, end, speaker, role, turn_index, start_time in connection.execute(
                'SELECT idx, start, "end", speaker, role, turn_index, start_time FROM segments '
                "WHERE document_id = ? AND kind = ? ORDER BY idx", (document_id, kind))]


def _sentences(text: str, paragraphs: list[Segment]) -> list[Segment]:
    """The sentences inside the paragraphs, numbered through (``documents.document_segments``)."""
    sentences: list[Segment] = []
    for paragraph in paragraphs:
        for start, end in sentence_spans(text, paragraph.start, paragraph.end):
            sentences.append(Segment(document_id=paragraph.document_id, kind="sentence", index=len(sentences),
                                     start=start, end=end, speaker=paragraph.speaker, role=paragraph.role,
                                     turn_index=paragraph.turn_index,
                                     start_time=paragraph.start_time if start == paragraph.start else None))
    return sentences


def read_start(connection: sqlite3.Connection, coder_id: int) -> Start:
    """The overview and the document the coder was last in (or the first), as ``workbench_data.load_start``."""
    return start_reader(connection, coder_id)()


def start_reader(connection: sqlite3.Connection, coder_id: int) -> Callable[[], Start]:
    """``read_start`` in two steps: everything is read now but the coded shares (``overview_reader``); the
    function returned waits for them and gives what the workbench shows first."""
    documents, overview = overview_reader(connection, coder_id)
    usable = usable_position(parse_position(stored_setting(connection, POSITION_SETTING.format(coder_id=coder_id))),
                             documents)
    if usable is not None:
        document = read_document(connection, usable.document_id, usable.unit)
    elif documents:
        document = read_document(connection, documents[0].id, "turn")
    else:
        document = None
    return lambda: Start(overview(), document, usable)
