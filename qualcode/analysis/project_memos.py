"""Every memo of a project in one list: coding memos, segment memos and framework summaries.

For the memo screen (searchable, filterable by coder and code, ``enter`` jumps to what a memo
belongs to) and the memo export.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from qualcode.storage.project_store import ProjectStore
from qualcode.domain.language import _

MemoKind = Literal["coding", "segment", "summary"]
EXCERPT_CHARACTERS = 200


@dataclass(frozen=True)
class ProjectMemo:
    kind: MemoKind
    id: int
    """The coding's, the segment memo's or the summary's id."""
    document: str | None
    document_id: int | None
    case: str | None
    coder: str | None
    code: str | None
    """The code id (key) of a coding memo or a summary."""
    start: int | None
    end: int | None
    excerpt: str
    """The text the memo is on (at most 200 characters), or the code name and case of a summary."""
    text: str


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARACTERS else text[:EXCERPT_CHARACTERS - 1] + "…"


def project_memos(store: ProjectStore, *, coders: tuple[str, ...] | None = None, code: str | None = None,
                  search: str | None = None) -> list[ProjectMemo]:
    """The memos in document and text order (summaries last, in codebook order), filtered as asked.

    ``code`` keeps memos of that code (coding memos and summaries); ``search`` keeps memos whose
    text or excerpt holds it, case-insensitively.
    """
    with store.session() as session:
        connection = session.connection()
        codings = connection.exec_driver_sql(
            "SELECT codings.id, documents.name, documents.id, cases.label, coders.name, codes.key, codings.start, "
            "codings.\"end\", substr(documents.text, codings.start + 1, codings.\"end\" - codings.start), codings.memo "
            "FROM codings JOIN documents ON documents.id = codings.document_id "
            "JOIN coders ON coders.id = codings.coder_id JOIN codes ON codes.id = codings.code_id "
            "LEFT JOIN cases ON cases.id = documents.case_id WHERE codings.memo != '' "
            "ORDER BY documents.name, codings.start, codings.\"end\", codings.id").all()
        segments = connection.exec_driver_sql(
            "SELECT memos.id, documents.name, documents.id, cases.label, coders.name, memos.start, memos.\"end\", "
            "substr(documents.text, memos.start + 1, memos.\"end\" - memos.start), memos.text "
            "FROM memos JOIN documents ON documents.id = memos.document_id "
            "LEFT JOIN coders ON coders.id = memos.coder_id LEFT JOIN cases ON cases.id = documents.case_id "
            "WHERE memos.text != '' ORDER BY documents.name, memos.start, memos.\"end\", memos.id").all()
        summaries = connection.exec_driver_sql(
            "SELECT framework_summaries.id, cases.label, coders.name, codes.key, codes.name, framework_summaries.text "
            "FROM framework_summaries JOIN codes ON codes.id = framework_summaries.code_id "
            "JOIN code_groups ON code_groups.id = codes.group_id JOIN cases ON cases.id = framework_summaries.case_id "
            "LEFT JOIN coders ON coders.id = framework_summaries.coder_id "
            "ORDER BY code_groups.position, codes.position, codes.id, cases.label").all()
    memos = [ProjectMemo("coding", i, doc, doc_id, case, coder, key, start, end, _excerpt(excerpt), text)
             for i, doc, doc_id, case, coder, key, start, end, excerpt, text in codings]
    memos += [ProjectMemo("segment", i, doc, doc_id, case, coder, None, start, end, _excerpt(excerpt), text)
              for i, doc, doc_id, case, coder, start, end, excerpt, text in segments]
    memos.sort(key=lambda memo: (memo.document or "", memo.start or 0, memo.end or 0, memo.kind, memo.id))
    memos += [ProjectMemo("summary", i, None, None, case, coder, key, None, None, f"{name} — {case}", text)
              for i, case, coder, key, name, text in summaries]
    if coders is not None:
        memos = [memo for memo in memos if memo.coder in coders]
    if code is not None:
        memos = [memo for memo in memos if memo.code == code]
    if search:
        needle = search.casefold()
        memos = [memo for memo in memos if needle in memo.text.casefold() or needle in memo.excerpt.casefold()]
    return memos


def memos_markdown(memos: list[ProjectMemo]) -> str:
    """The memos per document (summaries at the end), each under the text it is on."""
    lines = ["# " + _("Memos"), ""]
    current = object()
    for memo in memos:
        heading = memo.document if memo.kind != "summary" else _("Summaries (framework matrix)")
        if heading != current:
            lines += [f"## {heading}", ""]
            current = heading
        label = ", ".join(part for part in (memo.code, memo.coder, memo.case) if part)
        lines += [f"> {memo.excerpt}", "", f"**{memo.kind}** ({label}): {' '.join(memo.text.split())}", ""]
    return "\n".join(lines)


MEMO_COLUMNS = ("kind", "document", "case", "coder", "code", "start", "end", "excerpt", "memo")


def memo_rows(memos: list[ProjectMemo]) -> list[list[object]]:
    return [[m.kind, m.document, m.case, m.coder, m.code, m.start, m.end, m.excerpt, m.text] for m in memos]
