"""The project store the workbench is given while it opens: it stands for the store that the first store task opens.

When the ``qualcode`` script read what the workbench shows first with sqlite3 alone (two-phase
opening, see ``qualcode.tui.quick_start``), the app draws the workbench before the store is open:
opening it loads SQLAlchemy, which would hold back the first frame. The workbench and its screens
hold this stand-in instead of the store. The store queue's first task opens the real store and
hands it over (:meth:`opened`), so every later store task, a coding keyed in the first moment
among them, runs on the open store, in the order keyed. Anything else that asks for the store
(the suggestions' worker, an export's) waits until it is open; if opening failed, it gets that error.
The screens ask for nothing but the folder and the project's name on the interface's own thread,
and those are known at once.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError

if TYPE_CHECKING:
    from qualcode.storage.project_store import ProjectStore

MAIN_THREAD_WAIT_SECONDS = 30.0
"""The longest the interface waits for the store (it never needs to: it asks only for the folder and the name)."""


class OpeningStore:
    """Forwards everything to the store once it is open; the folder and name are known before."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.on_server = False
        self._may_begin = threading.Event()
        self._done = threading.Event()
        self._store: ProjectStore | None = None
        self._error: BaseException | None = None

    @property
    def name(self) -> str:
        return self.folder.resolve().name

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def begin(self) -> None:
        """The first frame is on screen: opening may begin (it competes for the interpreter with drawing)."""
        self._may_begin.set()

    def wait_to_begin(self, timeout: float) -> None:
        self._may_begin.wait(timeout)

    def opened(self, store: ProjectStore) -> None:
        self._store = store
        self._done.set()

    def failed(self, error: BaseException) -> None:
        self._error = error
        self._done.set()

    def __getattr__(self, name: str) -> Any:
        """The open store's attribute; waits until it is open (the first frame's wait is over then)."""
        if name.startswith("__"):
            raise AttributeError(name)
        self._may_begin.set()  # whoever waits here has no first frame to protect
        on_main_thread = threading.current_thread() is threading.main_thread()
        self._done.wait(MAIN_THREAD_WAIT_SECONDS if on_main_thread else None)
        if self._store is None:
            raise self._error if self._error is not None else ProjectError(
                _("the project is still opening; try again in a moment"))
        return getattr(self._store, name)
