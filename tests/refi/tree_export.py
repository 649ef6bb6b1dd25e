"""The project document as qualcode built it before it streamed: a whole ElementTree, indented, serialised.

Kept as the reference the streaming writer must match byte for byte.
"""

from __future__ import annotations

from collections import defaultdict
from xml.etree.ElementTree import indent, tostring

from sqlmodel import select

from qualcode.export.refi_elements import ORIGIN, add_codes, child, excerpt, root_element, xsd_datetime
from qualcode.export.refi_guids import RefiGuids
from qualcode.export.refi_project import _VALUE_ELEMENTS, PROJECT_NAMESPACE, _value_text, _variable_types
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import list_coders
from qualcode.storage.codings import list_codings
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CaseAttributeRow, CaseRow, DocumentRow, MemoRow


def tree_project_qde(store: ProjectStore, guids: RefiGuids, name: str) -> bytes:
    coders = list_coders(store)
    codebook = load_codebook(store)
    codings = list_codings(store)
    with store.session() as session:
        documents = list(session.exec(select(DocumentRow).order_by(DocumentRow.id)))
        memos = list(session.exec(select(MemoRow).order_by(MemoRow.document_id, MemoRow.start, MemoRow.id)))
        cases = list(session.exec(select(CaseRow).order_by(CaseRow.label)))
        attributes = list(session.exec(select(CaseAttributeRow).order_by(CaseAttributeRow.case_id,
                                                                          CaseAttributeRow.name)))
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
    if documents:
        element = child(root, "Sources")
        for document in documents:
            guid = guids.of("document", document.id)
            node = child(element, "TextSource", guid=guid, name=document.name,
                         plainTextPath=f"internal://{guid}.txt", creationDateTime=xsd_datetime(document.imported_at))
            for coding in codings_of[document.id]:
                selection = child(
                    node, "PlainTextSelection", guid=guids.of("selection", coding.id),
                    name=excerpt(document.text[coding.start:coding.end]), startPosition=coding.start,
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
                    name=excerpt(document.text[memo.start:memo.end]), startPosition=memo.start,
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
    return tostring(root, encoding="utf-8", xml_declaration=True)
