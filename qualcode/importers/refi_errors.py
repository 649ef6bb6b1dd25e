"""The error a REFI-QDA import raises: which file (and entry), and why nothing was imported."""

from __future__ import annotations

from pathlib import Path


class RefiError(Exception):
    """A .qdpx or .qdc file cannot be imported; the project was left unchanged."""

    def __init__(self, path: Path | str, reason: str):
        self.path, self.reason = Path(path), reason
        super().__init__(f"{path}: {reason}")
