"""Transcript and codebook readers: parse, validate, then store in one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qualcode.importers.errors import TranscriptError
    from qualcode.importers.readers import SUPPORTED_SUFFIXES, read_transcript

__all__ = ["SUPPORTED_SUFFIXES", "TranscriptError", "read_transcript"]


def __getattr__(name: str) -> object:
    """Load the readers (and the format libraries they use) on first use, not with every importer module."""
    if name == "TranscriptError":
        from qualcode.importers.errors import TranscriptError

        return TranscriptError
    if name in __all__:
        from qualcode.importers import readers

        return getattr(readers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
