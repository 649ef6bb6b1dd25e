"""The columns of a codings CSV: written by ``export segments``, read by ``codings import``."""

CODINGS_COLUMNS = (
    "document", "case", "coder", "code", "start", "end", "text", "memo", "created_at", "updated_at",
)
