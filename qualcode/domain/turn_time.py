"""A turn's time as every screen and report shows it: ``hh:mm:ss``."""

from __future__ import annotations


def clock_text(time: float | None) -> str:
    """``hh:mm:ss`` for a time in seconds (fractions dropped), ``""`` for none."""
    if time is None:
        return ""
    whole = int(time)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
