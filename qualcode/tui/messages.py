"""Messages the app and its screens exchange (widgets' own messages live in the widget classes)."""

from __future__ import annotations

from textual.message import Message

from qualcode.storage.project_store import ProjectStore


class SetupProgress(Message):
    """A line of progress while a sample project is set up; a newer one replaces an unread older one."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SetupProgress)


class ProjectOpened(Message):
    """The project is open; ``remembered_coder`` is the coder the project remembers, if any."""

    def __init__(self, store: ProjectStore, remembered_coder: str | None, coders: list[str]) -> None:
        super().__init__()
        self.store = store
        self.remembered_coder = remembered_coder
        self.coders = coders


class CodebookChanged(Message):
    """The codebook was edited; screens showing it reload it."""
