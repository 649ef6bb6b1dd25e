"""The quote book for a thesis appendix: per group and code, in codebook order, every quote once.

A quote is a retrieved passage under each code the query matched on it; the same passage coded by
two coders is one quote. Written as ``.docx`` with Word's built-in ``Heading 1``/``Heading 2``
and ``Quote`` styles (so a table of contents and a university template apply), or as markdown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from qualcode.analysis.matrix_files import save_atomically, write_text_file
from qualcode.analysis.retrieval import retrieve, retrieve_each
from qualcode.domain.retrieval import RetrievalFilters, RetrievedSegment
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.project_store import ProjectStore
from qualcode.domain.language import _


@dataclass(frozen=True)
class QuoteSection:
    """One code's quotes, headed by its name and description."""

    group: str
    code: str
    name: str
    description: str
    quotes: tuple[RetrievedSegment, ...]


@dataclass(frozen=True)
class QuoteBook:
    title: str
    sections: tuple[QuoteSection, ...]
    memos: bool


def quote_book(store: ProjectStore, query: str | None = None, *, filters: RetrievalFilters = RetrievalFilters(),
               unit: str | None = None, memos: bool = False, title: str | None = None) -> QuoteBook:
    """The quotes of ``query`` (default: every code), grouped per code in codebook order; codes without quotes left out."""
    codebook = load_codebook(store)
    groups = {group.id: group for group in codebook.groups}
    order = {group.id: index for index, group in enumerate(codebook.groups)}
    codes = sorted(codebook.codes, key=lambda code: order.get(code.group_id, 0))
    quotes: dict[str, list[RetrievedSegment]] = {code.key: [] for code in codes}
    seen: dict[tuple[str, int, int, int], int] = {}

    def take(segments: Iterable[RetrievedSegment], only: str | None = None) -> None:
        for segment in segments:
            for key in segment.codes:
                if only is not None and key != only:
                    continue
                passage = (key, segment.document_id, segment.start, segment.end)
                if passage not in seen:
                    seen[passage] = len(quotes[key])
                    quotes[key].append(segment)
                elif segment.memo:       # the same passage from another coder: keep both memos
                    kept = quotes[key][seen[passage]]
                    if segment.memo not in (kept.memo or ""):
                        memo = f"{kept.memo}\n{segment.memo}" if kept.memo else segment.memo
                        quotes[key][seen[passage]] = replace(kept, memo=memo)

    if query is None:
        for code, segments in zip(codes, retrieve_each(store, [code.key for code in codes], filters=filters,
                                                       unit=unit), strict=True):
            take(segments, only=code.key)
    else:
        take(retrieve(store, query, filters=filters, unit=unit))
    sections = tuple(
        QuoteSection(groups[code.group_id].name, code.key, code.name, code.description, tuple(quotes[code.key]))
        for code in codes if quotes[code.key])
    return QuoteBook(title or _("Quotes"), sections, memos)


def attribution(quote: RetrievedSegment) -> str:
    """Who said it and where: ``R1, interview-01, 00:04:12`` (or ``turn 12``)."""
    where = quote.time or _("turn {number}").format(number=quote.turn_index + 1)
    return ", ".join(part for part in (quote.case, quote.document, where) if part)


def _groups(book: QuoteBook) -> list[tuple[str, list[QuoteSection]]]:
    grouped: list[tuple[str, list[QuoteSection]]] = []
    for section in book.sections:
        if not grouped or grouped[-1][0] != section.group:
            grouped.append((section.group, []))
        grouped[-1][1].append(section)
    return grouped


def quote_book_markdown(book: QuoteBook) -> str:
    lines = [f"# {book.title}", ""]
    for group, sections in _groups(book):
        lines += [f"## {group}", ""]
        for section in sections:
            lines += [f"### {section.name}", ""]
            if section.description:
                lines += [" ".join(section.description.split()), ""]
            for quote in section.quotes:
                lines += ["> " + line if line else ">" for line in quote.text.split("\n")]
                lines += [">", f"> — {attribution(quote)}", ""]
                if book.memos and quote.memo:
                    lines += [f"*Memo:* {' '.join(quote.memo.split())}", ""]
    return "\n".join(lines)


def write_quote_book_docx(book: QuoteBook, path: Path) -> Path:
    """The quote book as a Word document, written atomically."""
    from docx import Document

    document = Document()
    document.add_heading(book.title, level=0)
    for group, sections in _groups(book):
        document.add_heading(group, level=1)
        for section in sections:
            document.add_heading(section.name, level=2)
            if section.description:
                document.add_paragraph(" ".join(section.description.split()))
            for quote in section.quotes:
                paragraph = document.add_paragraph(style="Quote")
                lines = quote.text.split("\n")
                for index, line in enumerate(lines):
                    run = paragraph.add_run(line)
                    if index < len(lines) - 1:
                        run.add_break()
                paragraph.add_run().add_break()
                paragraph.add_run(f"— {attribution(quote)}")
                if book.memos and quote.memo:
                    memo = document.add_paragraph()
                    memo.add_run("Memo: ").italic = True
                    memo.add_run(" ".join(quote.memo.split()))
    return save_atomically(document.save, path)


def write_quote_book_markdown(book: QuoteBook, path: Path) -> Path:
    return write_text_file(path, quote_book_markdown(book))
