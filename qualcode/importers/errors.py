"""The error every transcript reader raises: which file, and why it cannot be imported."""

from __future__ import annotations

from pathlib import Path


class TranscriptError(Exception):
    """A transcript file cannot be read; ``reason`` says why in words a researcher understands."""

    def __init__(self, path: Path | str, reason: str):
        self.path, self.reason = Path(path), reason
        super().__init__(f"{path}: {reason}")
