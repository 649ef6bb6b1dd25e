"""Transcripts as files: each document's stored text as .txt or .docx, one file per document, written atomically."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from qualcode.domain.models import Document
from qualcode.export.atomic_files import Fill, check_folders, write_files

_UNSAFE = re.compile(r"[^\w.-]+")


def transcript_file_name(document: Document, suffix: str) -> str:
    """A file name for the document that no file system refuses (``interview-01.txt``)."""
    return f"{_UNSAFE.sub('-', document.name).strip('-.') or f'document-{document.id}'}.{suffix}"


def _txt(text: str) -> Fill:
    def fill(path: Path) -> None:
        path.write_text(text, encoding="utf-8", newline="")
    return fill


def _docx(document: Document) -> Fill:
    def fill(path: Path) -> None:
        from docx import Document as WordDocument

        word = WordDocument()
        word.add_heading(document.name, level=1)
        for paragraph in document.text.split("\n"):
            # Word's XML takes no control characters: they are left out of the document, not its text.
            word.add_paragraph("".join(c for c in paragraph if c in "\t" or c >= " "))
        word.save(str(path))
    return fill


def write_transcripts(documents: Sequence[Document], folder: Path, file_format: str) -> list[Path]:
    """Write each document into ``folder`` as ``txt`` (the stored text exactly) or ``docx`` (a paragraph a line)."""
    if file_format not in ("txt", "docx"):
        raise ValueError(f"unknown transcript format {file_format!r}")
    paths = []
    for document in documents:
        path = folder / transcript_file_name(document, file_format)
        if path in [p for p, _fill in paths]:
            path = folder / transcript_file_name(document, f"{document.id}.{file_format}")
        paths.append((path, _txt(document.text) if file_format == "txt" else _docx(document)))
    check_folders([path for path, _fill in paths])
    return write_files(paths)
