"""The text of an .odt: paragraphs, headings, list items and table rows in document order."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from qualcode.domain.language import _
from qualcode.importers.errors import TranscriptError
from qualcode.importers.zip_package import DAMAGED_PACKAGE_ERRORS, check_package

if TYPE_CHECKING:
    from odfdo import Element

_PARAGRAPHS = frozenset({"text:p", "text:h"})
_CONTAINERS = frozenset({"text:list", "text:list-item", "text:list-header", "text:section"})
# Inline elements whose text is not the speaker's words: footnotes, comments, images, text boxes.
_NOT_SPOKEN = frozenset({"text:note", "office:annotation", "office:annotation-end", "draw:frame", "draw:custom-shape"})


def odt_text(data: bytes, path: Path) -> str:
    """Paragraphs joined by ``\\n``; a table row is one line, its cells joined by a tab."""
    from odfdo import Document  # imported here: odfdo takes a quarter of a second to import
    from odfdo.security import SecurityError

    check_package(data, path, ("mimetype", "content.xml"), ".odt")
    try:
        document = Document(io.BytesIO(data))
        kind = document.get_type()
        if kind != "text":
            raise TranscriptError(path, _("is an OpenDocument {kind}, not a text document").format(kind=kind))
        return "\n".join(_lines(document.body))
    except (*DAMAGED_PACKAGE_ERRORS, SecurityError) as error:  # odfdo checks ratios of its own, empty members too
        raise TranscriptError(path, _("is not a valid .odt file: {error}").format(error=error)) from None


def _lines(container: Element) -> Iterator[str]:
    for child in container.children:
        if child.tag in _PARAGRAPHS:
            yield _inline_text(child)
        elif child.tag == "table:table":
            yield from _table_rows(child)
        elif child.tag in _CONTAINERS:
            yield from _lines(child)


def _table_rows(table: Element) -> Iterator[str]:
    for row in table.traverse():
        cells = (" ".join(" ".join(_lines(cell)).split()) for cell in row.traverse())
        line = "\t".join(cell for cell in cells if cell)
        if line:
            yield line


def _inline_text(element: Element) -> str:
    """The text as a reader sees it; odfdo renders spaces, tabs and line breaks for their elements."""
    parts = [element.text]
    for child in element.children:
        if child.tag in {"text:s", "text:tab", "text:line-break"}:
            parts.append(str(child))
        elif child.tag not in _NOT_SPOKEN:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
