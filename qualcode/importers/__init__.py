"""Transcript and codebook readers: parse, validate, then store in one transaction."""
