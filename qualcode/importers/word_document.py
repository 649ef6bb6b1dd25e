"""The text of a .docx: body paragraphs and table rows in document order, one line each."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from qualcode.domain.language import _
from qualcode.importers.errors import TranscriptError
from qualcode.importers.zip_package import DAMAGED_PACKAGE_ERRORS, check_package

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

# Runs a reader sees in Word: plain, in hyperlinks, in tracked insertions (Word shows them),
# smart tags, simple fields and inline content controls. ``Paragraph.text`` only has the first two.
_VISIBLE_RUNS = (
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r | ./w:sdt/w:sdtContent/w:r"
)


def docx_text(data: bytes, path: Path) -> str:
    """Paragraphs joined by ``\\n``; a table row is one line, its cells joined by a tab."""
    # Imported here, as in _table_rows: python-docx takes a tenth of a second to import.
    from docx import Document
    from docx.table import Table

    check_package(data, path, ("[Content_Types].xml",), ".docx")
    try:
        document = Document(io.BytesIO(data))
        lines = [
            line
            for block in document.iter_inner_content()
            for line in (_table_rows(block) if isinstance(block, Table) else (_paragraph_text(block),))
        ]
    except DAMAGED_PACKAGE_ERRORS as error:
        raise TranscriptError(path, _("is not a valid .docx file: {error}").format(error=error)) from None
    return "\n".join(lines)


def _paragraph_text(paragraph: Paragraph) -> str:
    # python-docx has no public API for runs inside w:ins and the like, so read the element.
    return "".join(run.text for run in paragraph._p.xpath(_VISIBLE_RUNS))


def _table_rows(table: Table) -> Iterator[str]:
    """One line per row: its cells joined by a tab; a merged cell is read once.

    Empty cells keep their place, so that a column of times or speakers stays a column (the
    turns of a table with a time, a speaker and a text column are read from it); empty cells at
    the end of a row and rows with no text are left out.
    """
    from docx.text.paragraph import Paragraph

    seen = set()
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell._tc in seen:  # merged cells repeat across the columns and rows they span
                continue
            seen.add(cell._tc)
            text = " ".join(
                " ".join(
                    _paragraph_text(block) if isinstance(block, Paragraph) else " ".join(_table_rows(block))
                    for block in cell.iter_inner_content()
                ).split()
            )
            cells.append(text)
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            yield "\t".join(cells)
