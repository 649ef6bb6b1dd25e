"""Bulk work that makes hundreds of thousands of objects runs without the cyclic garbage collector.

CPython's collector runs a pass every 700 new container objects and, as the heap grows, full passes
over everything alive: reading a 100,000-coding REFI-QDA file or writing 100,000 rows spent about half
its time in them, finding nothing, since trees, rows and frozen dataclasses hold no cycles. Reference
counting still frees everything as usual; the collector is switched back on (and left to catch up)
when the work ends, also when it fails.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (nested blocks leave it to the outermost)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
