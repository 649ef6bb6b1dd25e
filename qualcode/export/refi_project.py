"""A project as REFI-QDA ``project.qde`` plus the plain-text sources it points to.

Coders are users; groups are top-level codes that cannot be coded, with the codes nested below;
each document is a ``TextSource`` whose text is ``sources/<guid>.txt`` (the stored text, UTF-8,
``\\n`` line ends); each coding is a ``PlainTextSelection`` with one ``Coding``, its memo as the
selection's description; each free memo is a ``Note`` referenced from a selection of its span;
a selection's name is its text, after the time of the turn it covers (``[00:00:09] Met een ...``)
when the transcript has one, since a plain-text source has no other place for it;
cases carry their attributes as variable values and refer to their documents. Positions are code
points into the stored text, end exclusive, exactly qualcode's own offsets.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import chain, groupby
from operator import itemgetter
from typing import BinaryIO
from xml.etree.ElementTree import Element

from sqlalchemy import String, func, type_coerce
from sqlmodel import Session, select

from qualcode.domain.turn_time import TurnTimes, clock_text
from qualcode.export.refi_elements import ORIGIN, add_codes, child, excerpt, xml_text, xsd_datetime
from qualcode.export.refi_guids import RefiGuids
from qualcode.export.xml_stream import XmlStream, escape_attribute, leaf_markup
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import list_coders
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CaseAttributeRow, CaseRow, CodingRow, DocumentRow, MemoRow, SegmentRow

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
SOURCES_FOLDER = "sources"
_VARIABLE_TYPES = {"text": "Text", "integer": "Integer", "number": "Float", "boolean": "Boolean", "date": "Date"}
_CODINGS_READ_AT_ONCE = 2_000
_VALUE_ELEMENTS = {"Text": "TextValue", "Integer": "IntegerValue", "Float": "FloatValue", "Boolean": "BooleanValue",
                   "Date": "DateValue"}


@dataclass(frozen=True)
class ProjectExport:
    """What goes into the .qdpx: a writer that streams the XML, the text files by entry name, and the counts."""

    write_project_qde: Callable[[BinaryIO], None]
    sources: dict[str, bytes]
    documents: int
    codes: int
    coders: int
    codings: int
    memos: int
    cases: int


def _variable_types(attributes: list[CaseAttributeRow]) -> dict[str, str]:
    """One REFI variable type per attribute name: its type if every value agrees, else Text."""
    seen: dict[str, set[str]] = {}
    for row in attributes:
        kinds = seen.setdefault(row.name, set())
        if row.value is not None:
            finite = row.value_type != "number" or math.isfinite(float(row.value))
            kinds.add(row.value_type if finite else "text")
    return {name: _VARIABLE_TYPES.get(next(iter(kinds)), "Text") if len(kinds) == 1 else "Text"
            for name, kinds in seen.items()}


def _value_text(kind: str, row: CaseAttributeRow) -> str:
    if kind == "Float":
        return format(Decimal(row.value), "f")
    return row.value


def _selection_name(text: str, start: int, end: int, times: TurnTimes) -> str:
    """The selection's text on one line, after the time of the turn it covers when there is one."""
    time = times.of_span(start, end)
    return excerpt(text[start:end]) if time is None else f"[{clock_text(time)}] {excerpt(text[start:end])}"


def project_export(store: ProjectStore, guids: RefiGuids, name: str) -> ProjectExport:
    """Read ``store`` for the project document; ``name`` becomes the project's name.

    The XML is written only when ``write_project_qde`` is called, element by element.
    """
    coders = list_coders(store)
    codebook = load_codebook(store)
    with store.session() as session:
        codings = session.exec(select(func.count()).select_from(CodingRow)).one()
        documents = list(session.exec(select(DocumentRow).order_by(DocumentRow.id)))
        memos = list(session.exec(select(MemoRow).order_by(MemoRow.document_id, MemoRow.start, MemoRow.id)))
        cases = list(session.exec(select(CaseRow).order_by(CaseRow.label)))
        attributes = list(session.exec(select(CaseAttributeRow).order_by(CaseAttributeRow.case_id,
                                                                          CaseAttributeRow.name)))
        turns: dict[int, list[tuple[int, int, float | None]]] = defaultdict(list)
        for document_id, start, end, time in session.exec(
            select(SegmentRow.document_id, SegmentRow.start, SegmentRow.end, SegmentRow.start_time)
            .where(SegmentRow.kind == "turn").order_by(SegmentRow.document_id, SegmentRow.idx)
        ):
            turns[document_id].append((start, end, time))
    sources = {}
    for document in documents:
        sources[f"{SOURCES_FOLDER}/{guids.of('document', document.id)}.txt"] = document.text.encode("utf-8")

    user = {coder.id: guids.of("coder", coder.id) for coder in coders}

    def write(handle: BinaryIO) -> None:
        xml = XmlStream(handle)
        xml.start("Project", xmlns=PROJECT_NAMESPACE, name=name, origin=ORIGIN)
        _write_head(xml, guids, coders, codebook, cases, attributes, documents)
        with store.session() as session:
            _write_sources(xml, guids, user, documents, _codings(session), memos, turns)
        if memos:
            xml.start("Notes")
            for memo in memos:
                xml.start("Note", guid=guids.of("memo", memo.id), name=excerpt(memo.text)[:60],
                          creatingUser=user.get(memo.coder_id),
                          creationDateTime=xsd_datetime(memo.created_at), modifiedDateTime=xsd_datetime(memo.updated_at))
                xml.leaf("PlainTextContent", memo.text)
                xml.end()
            xml.end()
        xml.close()

    return ProjectExport(
        write_project_qde=write, sources=sources, documents=len(documents), codes=len(codebook.codes),
        coders=len(coders), codings=codings, memos=len(memos), cases=len(cases),
    )


def _write_head(xml: XmlStream, guids: RefiGuids, coders: list, codebook, cases: list[CaseRow],
                attributes: list[CaseAttributeRow], documents: list[DocumentRow]) -> None:
    """Users, the codebook, the variables and the cases: everything before the sources."""
    if coders:
        xml.start("Users")
        for coder in coders:
            xml.leaf("User", guid=guids.of("coder", coder.id), name=coder.name)
        xml.end()
    if codebook.groups:
        codebook_element = Element("CodeBook")
        add_codes(child(codebook_element, "Codes"), codebook, lambda i: guids.of("group", i),
                  lambda i: guids.of("code", i))
        xml.element(codebook_element)
    types = _variable_types(attributes)
    if types:
        xml.start("Variables")
        for variable, kind in sorted(types.items()):
            xml.leaf("Variable", guid=guids.of("variable", variable), name=variable, typeOfVariable=kind)
        xml.end()
    if cases:
        by_case: dict[int, list[CaseAttributeRow]] = defaultdict(list)
        for row in attributes:
            by_case[row.case_id].append(row)
        documents_of: dict[int, list[int]] = defaultdict(list)
        for document in documents:
            documents_of[document.case_id].append(document.id)
        xml.start("Cases")
        for case in cases:
            xml.start("Case", guid=guids.of("case", case.id), name=case.label)
            for row in by_case[case.id]:
                xml.start("VariableValue")
                xml.leaf("VariableRef", targetGUID=guids.of("variable", row.name))
                if row.value is not None:
                    kind = types[row.name]
                    xml.leaf(_VALUE_ELEMENTS[kind], _value_text(kind, row))
                xml.end()
            for document_id in documents_of[case.id]:
                xml.leaf("SourceRef", targetGUID=guids.of("document", document_id))
            xml.end()
        xml.end()


def _write_sources(xml: XmlStream, guids: RefiGuids, user: dict[int, str], documents: list[DocumentRow],
                   codings: Iterable[tuple], memos: list[MemoRow],
                   turns: dict[int, list[tuple[int, int, float | None]]]) -> None:
    """Each document as a TextSource with a selection per coding and per memo, named after its turn's time.

    ``codings`` come in document order (``_codings``), and are read as their document is written.
    """
    if not documents:
        return
    code_guid: dict[int, str] = {}
    codings_of = groupby(codings, key=itemgetter(1))
    next_document, next_codings = next(codings_of, (None, ()))
    memos_of: dict[int, list[MemoRow]] = defaultdict(list)
    for memo in memos:
        memos_of[memo.document_id].append(memo)
    xml.start("Sources")
    for document in documents:
        guid = guids.of("document", document.id)
        xml.start("TextSource", guid=guid, name=document.name, plainTextPath=f"internal://{guid}.txt",
                  creationDateTime=xsd_datetime(document.imported_at))
        outer = "\n" + "  " * xml.depth
        inner, innermost = outer + "  ", outer + "    "
        text, times = document.text, TurnTimes.of(turns[document.id])
        timed = any(time is not None for time in times.times)
        these: list[tuple] = []
        if next_document == document.id:  # the codings come document by document, in the documents' order
            these = list(next_codings)
            next_document, next_codings = next(codings_of, (None, ()))
        selections = []
        for coding_id, _, code_id, coder_id, start, end, memo, created, updated in these:
            # The selection of every coding written out at once: its attributes are GUIDs, numbers and
            # times that need no escaping; only the name and the memo go through the escapes.
            coder, unchanged = user[coder_id], updated == created  # most codings were never changed
            created = _stored_xsd(created)
            modified = created if unchanged else _stored_xsd(updated)
            if code_id not in code_guid:
                code_guid[code_id] = guids.of("code", code_id)
            description = f"{inner}{leaf_markup('Description', memo)}" if memo else ""
            selections.append(
                f'<PlainTextSelection guid="{guids.of("selection", coding_id)}" '
                f'name="{escape_attribute(xml_text(_selection_name(text, start, end, times) if timed else excerpt(text[start:end])))}" '
                f'startPosition="{start}" '
                f'endPosition="{end}" creatingUser="{coder}" creationDateTime="{created}" modifyingUser="{coder}" '
                f'modifiedDateTime="{modified}">{description}'
                f'{inner}<Coding guid="{guids.of("coding", coding_id)}" creatingUser="{coder}" '
                f'creationDateTime="{created}">{innermost}<CodeRef targetGUID="{code_guid[code_id]}" />'
                f'{inner}</Coding>{outer}</PlainTextSelection>'
            )
        if selections:
            xml.markup(outer.join(selections))  # the document's selections, laid out as one child after another
        for memo in memos_of[document.id]:
            xml.start("PlainTextSelection", guid=guids.of("memo-selection", memo.id),
                      name=_selection_name(text, memo.start, memo.end, times), startPosition=memo.start, endPosition=memo.end,
                      creatingUser=user.get(memo.coder_id), creationDateTime=xsd_datetime(memo.created_at))
            xml.leaf("NoteRef", targetGUID=guids.of("memo", memo.id))
            xml.end()
        xml.end()
    xml.end()


_STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?")


def _stored_xsd(stored: str) -> str | None:
    """``xsd_datetime`` of a time as the store keeps it (UTC text), without making a datetime of it."""
    if _STORED_TIME.fullmatch(stored):
        return f"{stored[:10]}T{stored[11:19]}Z"
    return xsd_datetime(datetime.fromisoformat(stored))


def _codings(session: Session) -> Iterator[tuple]:
    """Every coding as (id, document, code, coder, start, end, memo, created, updated), times as stored text,
    in document order; read a few thousand at a time as they are used rather than held all at once."""
    return chain.from_iterable(session.connection().execute(
        select(CodingRow.id, CodingRow.document_id, CodingRow.code_id, CodingRow.coder_id, CodingRow.start,
               CodingRow.end, CodingRow.memo, type_coerce(CodingRow.created_at, String),
               type_coerce(CodingRow.updated_at, String))
        .order_by(CodingRow.document_id, CodingRow.start, CodingRow.end, CodingRow.id)
    ).partitions(_CODINGS_READ_AT_ONCE))
