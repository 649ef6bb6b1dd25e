"""Transcript and codebook readers: parse, validate, then store in one transaction."""

from qualcode.importers.errors import TranscriptError
from qualcode.importers.readers import SUPPORTED_SUFFIXES, read_transcript

__all__ = ["SUPPORTED_SUFFIXES", "TranscriptError", "read_transcript"]
