"""The columns of a codings CSV: written by ``export segments``, read by ``codings import``."""

CODINGS_COLUMNS = (
    "document", "case", "coder", "code", "start", "end", "text", "memo", "created_at", "updated_at",
)

SEGMENTS_COLUMNS = (*CODINGS_COLUMNS, "time")
"""What ``export segments`` writes: the codings columns in their places, then the time (``hh:mm:ss``) of
the first turn the coding covers, empty without one; ``codings import`` ignores it."""
