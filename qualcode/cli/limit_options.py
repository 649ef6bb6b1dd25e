"""The resource-limit options every importing command takes, and the limits they make."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from qualcode.cli.output import fail
from qualcode.domain.language import _
from qualcode.importers.resource_limits import LimitError, ResourceLimits, using_limits

MAX_FILE_MB_OPTION = typer.Option(
    None, "--max-file-mb", min=1, help=_("Largest file to read, in MB (default 20; also QUALCODE_MAX_FILE_MB)."))
MAX_UNPACKED_MB_OPTION = typer.Option(
    None, "--max-unpacked-mb", min=1,
    help=_("Most to unpack from one .docx, .odt or .qdpx, in MB (default 50, for a .qdpx at least 20 times its "
           "size up to 1,024; also QUALCODE_MAX_UNPACKED_MB)."))
MAX_TEXT_CHARS_OPTION = typer.Option(
    None, "--max-text-chars", min=1,
    help=_("Longest text to store, in characters (default 2,000,000; also QUALCODE_MAX_TEXT_CHARS)."))


@contextmanager
def importer_limits(max_file_mb: int | None, max_unpacked_mb: int | None,
                    max_text_chars: int | None) -> Iterator[ResourceLimits]:
    """Import within the environment's limits changed by the options given; a bad setting exits 1."""
    try:
        limits = ResourceLimits.from_environment().changed(
            max_file_mb=max_file_mb, max_unpacked_mb=max_unpacked_mb, max_text_chars=max_text_chars)
    except LimitError as error:
        raise fail(str(error)) from None
    with using_limits(limits):
        yield limits
