"""Write a report page as ``.html`` or, printed by a browser, as ``.pdf``; atomically, like every export."""

from __future__ import annotations

from pathlib import Path

from qualcode.domain.language import _
from qualcode.export.atomic_files import EXPORTS_FOLDER, ExportError, check_folders, write_files
from qualcode.export.pdf_printing import PdfError, print_pdf

PAGE_SUFFIXES = (".html", ".htm", ".pdf")


def check_page_path(path: Path) -> None:
    """Refuse a file name that is neither HTML nor PDF (before anything is computed)."""
    if path.suffix.lower() not in PAGE_SUFFIXES:
        raise ExportError(_("cannot write {path}: a report is .html or .pdf, not {suffix}").format(
            path=path, suffix=path.suffix or _("a name without an extension")))


def default_page_path(project_folder: Path, name: str) -> Path:
    return Path(project_folder) / EXPORTS_FOLDER / f"{name}.html"


def write_page(html: str, path: Path) -> Path:
    """Write ``html`` to ``path`` (its suffix says HTML or PDF); ExportError, with nothing written, on failure."""
    check_page_path(path)
    check_folders([path])
    if path.suffix.lower() == ".pdf":
        def fill(temporary: Path) -> None:
            try:
                print_pdf(html, temporary)
            except PdfError as error:
                raise ExportError(_("cannot write {path}: {reason}").format(path=path, reason=error)) from None
    else:
        def fill(temporary: Path) -> None:
            temporary.write_text(html, encoding="utf-8", newline="\n")
    return write_files([(path, fill)])[0]
