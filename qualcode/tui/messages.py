"""Messages the app and its screens exchange (widgets' own messages live in the widget classes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from qualcode.domain.models import Coder
from qualcode.storage.workbench_start import Start

if TYPE_CHECKING:  # the retrieval modules load lark, the store SQLAlchemy: not on the way to the first frame
    from qualcode.domain.code_query import QueryError
    from qualcode.domain.retrieval import RetrievedSegment
    from qualcode.storage.errors import ProjectError
    from qualcode.storage.project_store import ProjectStore


class SetupProgress(Message):
    """A line of progress while a sample project is set up; a newer one replaces an unread older one."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SetupProgress)


@dataclass(frozen=True)
class Started:
    """The coder, their keymap (binding id -> keys) and what the workbench shows first."""

    coder: Coder
    keymap: dict[str, str]
    start: Start


class ProjectOpened(Message):
    """The project is open; ``started`` is set when the coder was known (``--coder`` or remembered)."""

    def __init__(self, store: ProjectStore, coders: list[str], started: Started | None) -> None:
        super().__init__()
        self.store = store
        self.coders = coders
        self.started = started


class CodebookChanged(Message):
    """The codebook was edited; screens showing it reload it."""


class RowsArrived(Message):
    """The rows of one more document of run ``run``."""

    def __init__(self, run: int, segments: tuple[RetrievedSegment, ...]) -> None:
        super().__init__()
        self.run = run
        self.segments = segments


class RetrievalFinished(Message):
    """Run ``run`` is complete; ``error`` is set when the query or a filter refers to nothing."""

    def __init__(self, run: int, error: QueryError | ProjectError | None = None) -> None:
        super().__init__()
        self.run = run
        self.error = error
