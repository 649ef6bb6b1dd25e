"""The one clock the store uses: timezone-aware UTC, and the times it stored read back."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def utc_from_stored(stored: str | None) -> datetime | None:
    """A time as SQLite keeps it (``YYYY-MM-DD HH:MM:SS.ffffff`` text in UTC) as the ORM reads it (``UTCDateTime``):
    aware, in UTC; None stays None."""
    if stored is None:
        return None
    parsed = datetime.fromisoformat(stored)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
