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
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from xml.etree.ElementTree import indent, tostring

from sqlmodel import select

from qualcode.domain.turn_time import TurnTimes, clock_text
from qualcode.export.refi_elements import ORIGIN, add_codes, child, excerpt, root_element, xsd_datetime
from qualcode.export.refi_guids import RefiGuids
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import list_coders
from qualcode.storage.codings import list_codings
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CaseAttributeRow, CaseRow, DocumentRow, MemoRow, SegmentRow

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
SOURCES_FOLDER = "sources"
_VARIABLE_TYPES = {"text": "Text", "integer": "Integer", "number": "Float", "boolean": "Boolean", "date": "Date"}
_VALUE_ELEMENTS = {"Text": "TextValue", "Integer": "IntegerValue", "Float": "FloatValue", "Boolean": "BooleanValue",
                   "Date": "DateValue"}


@dataclass(frozen=True)
class ProjectExport:
    """What goes into the .qdpx: the XML, the text files by entry name, and the counts."""

    project_qde: bytes
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
    """Build the project document for ``store``; ``name`` becomes the project's name."""
    coders = list_coders(store)
    codebook = load_codebook(store)
    codings = list_codings(store)
    with store.session() as session:
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
    user = {coder.id: guids.of("coder", coder.id) for coder in coders}
    root = root_element("Project", PROJECT_NAMESPACE, name=name, origin=ORIGIN)
    if coders:
        users = child(root, "Users")
        for coder in coders:
            child(users, "User", guid=user[coder.id], name=coder.name)
    if codebook.groups:
        codes = child(child(root, "CodeBook"), "Codes")
        add_codes(codes, codebook, lambda i: guids.of("group", i), lambda i: guids.of("code", i))
    types = _variable_types(attributes)
    if types:
        variables = child(root, "Variables")
        for variable, kind in sorted(types.items()):
            child(variables, "Variable", guid=guids.of("variable", variable), name=variable, typeOfVariable=kind)
    if cases:
        by_case: dict[int, list[CaseAttributeRow]] = defaultdict(list)
        for row in attributes:
            by_case[row.case_id].append(row)
        element = child(root, "Cases")
        for case in cases:
            node = child(element, "Case", guid=guids.of("case", case.id), name=case.label)
            for row in by_case[case.id]:
                value = child(node, "VariableValue")
                child(value, "VariableRef", targetGUID=guids.of("variable", row.name))
                if row.value is not None:
                    kind = types[row.name]
                    child(value, _VALUE_ELEMENTS[kind], _value_text(kind, row))
            for document in documents:
                if document.case_id == case.id:
                    child(node, "SourceRef", targetGUID=guids.of("document", document.id))
    codings_of: dict[int, list] = defaultdict(list)
    for coding in codings:
        codings_of[coding.document_id].append(coding)
    memos_of: dict[int, list[MemoRow]] = defaultdict(list)
    for memo in memos:
        memos_of[memo.document_id].append(memo)
    sources: dict[str, bytes] = {}
    if documents:
        element = child(root, "Sources")
        for document in documents:
            guid = guids.of("document", document.id)
            times = TurnTimes.of(turns[document.id])
            sources[f"{SOURCES_FOLDER}/{guid}.txt"] = document.text.encode("utf-8")
            node = child(element, "TextSource", guid=guid, name=document.name,
                         plainTextPath=f"internal://{guid}.txt", creationDateTime=xsd_datetime(document.imported_at))
            for coding in codings_of[document.id]:
                selection = child(
                    node, "PlainTextSelection", guid=guids.of("selection", coding.id),
                    name=_selection_name(document.text, coding.start, coding.end, times), startPosition=coding.start,
                    endPosition=coding.end, creatingUser=user[coding.coder_id],
                    creationDateTime=xsd_datetime(coding.created_at), modifyingUser=user[coding.coder_id],
                    modifiedDateTime=xsd_datetime(coding.updated_at),
                )
                if coding.memo:
                    child(selection, "Description", coding.memo)
                coded = child(selection, "Coding", guid=guids.of("coding", coding.id),
                              creatingUser=user[coding.coder_id], creationDateTime=xsd_datetime(coding.created_at))
                child(coded, "CodeRef", targetGUID=guids.of("code", coding.code_id))
            for memo in memos_of[document.id]:
                author = user.get(memo.coder_id)
                selection = child(
                    node, "PlainTextSelection", guid=guids.of("memo-selection", memo.id),
                    name=_selection_name(document.text, memo.start, memo.end, times), startPosition=memo.start,
                    endPosition=memo.end, creatingUser=author, creationDateTime=xsd_datetime(memo.created_at),
                )
                child(selection, "NoteRef", targetGUID=guids.of("memo", memo.id))
    if memos:
        notes = child(root, "Notes")
        for memo in memos:
            note = child(notes, "Note", guid=guids.of("memo", memo.id), name=excerpt(memo.text)[:60],
                         creatingUser=user.get(memo.coder_id), creationDateTime=xsd_datetime(memo.created_at),
                         modifiedDateTime=xsd_datetime(memo.updated_at))
            child(note, "PlainTextContent", memo.text)
    indent(root)
    return ProjectExport(
        project_qde=tostring(root, encoding="utf-8", xml_declaration=True),
        sources=sources, documents=len(documents), codes=len(codebook.codes), coders=len(coders),
        codings=len(codings), memos=len(memos), cases=len(cases),
    )
