"""The qualcode application: opens the project, asks who is coding, and runs every store call in order.

Every read and write of the project goes through :meth:`QualcodeApp.submit`, which runs one
:class:`StoreTask` at a time in a thread worker, in the order submitted, so the screen never
waits for SQLite and an undo never overtakes the action it undoes. One
``Worker.StateChanged`` handler turns any failing worker into a readable message; the app
keeps running.

Three ways in. Given an open store and what to show (``prepare_start``), the first frame is the
workbench. Given only what to show, read with sqlite3 before SQLAlchemy was loaded
(``qualcode.tui.quick_start``), the first frame is the workbench too, holding an ``OpeningStore``:
the queue's first task opens the store once that frame is drawn, so every task keyed meanwhile
runs after it, on the open store; if the project cannot be opened after all, the opening screen
says why. Given neither, the app shows the opening screen and opens (or sets up) the project itself.
This module and the workbench's load the store's modules (SQLAlchemy) only in the functions that use them.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from qualcode.domain.display_text import display_text
from qualcode.domain.models import Coder
from qualcode.storage.backups import DEFAULT_KEEP, KEEP_SETTING, keep_daily_backup
from qualcode.storage.database_errors import backup_advice
from qualcode.storage.errors import ProjectError
from qualcode.storage.integrity import check_database
from qualcode.storage.sqlite_reading import DATABASE_NAME, REMEMBERED_CODER_SETTING as CODER_SETTING
from qualcode.storage.workbench_start import KEYMAP_SETTING
from qualcode.tui.messages import ProjectOpened, SetupProgress, Started
from qualcode.tui.opening_store import OpeningStore
from qualcode.tui.store_tasks import StoreTask, readable_error
from qualcode.tui.screens.coder_dialog import CoderDialog
from qualcode.tui.screens.opening_screen import OpeningScreen
from qualcode.tui.visible_controls import VisibleControlCharacters
from qualcode.domain.language import _

if TYPE_CHECKING:  # the store's modules load SQLAlchemy: the functions that use them import them when they run
    from qualcode.storage.project_store import ProjectStore

DEFAULT_THEME = "textual-dark"

STORE_GROUP = "store"
OPENING_WAIT_SECONDS = 2.0
"""The longest the store's opening waits for the first frame to be drawn before it begins anyway."""
QUIT_WAIT_SECONDS = 10.0
"""How long quitting waits for the store tasks already queued (a coding keyed just before q)."""


def check_and_back_up(store: ProjectStore) -> Path | None:
    """The full integrity check, then today's backup unless it exists (the daily ones kept to the setting).

    Opening ran only the quick check; a project the full check finds damaged gets no backup, so the
    older, good backups are not pruned in favour of damaged ones, and the error names the newest.
    """
    if store.on_server:  # the server's own administrators check and back it up
        return None
    report = check_database(store.database_path)
    if not report.healthy:
        raise ProjectError(_("{database} is damaged ({problem}); {advice}. Quit and run 'qualcode check'").format(
            database=store.database_path, problem=report.problems[0], advice=backup_advice(store.database_path)))
    from qualcode.storage.settings import get_setting

    keep = get_setting(store, KEEP_SETTING)
    return keep_daily_backup(store.database_path, datetime.now().astimezone(),
                             int(keep) if keep and keep.isdigit() else DEFAULT_KEEP)


def start_as(store: ProjectStore, name: str, *, remember: bool) -> Started:
    """The coder (created when new), their keymap and what the workbench shows first."""
    from qualcode.storage.coders import ensure_coder
    from qualcode.storage.settings import get_setting, set_setting
    from qualcode.tui.workbench_data import load_start

    coder = ensure_coder(store, name)
    if remember:
        set_setting(store, CODER_SETTING, coder.name)
    raw = get_setting(store, KEYMAP_SETTING)
    return Started(coder, json.loads(raw) if raw else {}, load_start(store, coder.id))


def prepare_start(store: ProjectStore, coder: str | None) -> Started | None:
    """Start as ``coder`` (remembered if the project remembers nobody yet), or as the remembered coder.

    None when neither is known: the app asks. On a PostgreSQL server the project is shared, so it
    remembers nobody: each person codes as the name they log in with, unless they name another.
    """
    from qualcode.storage.settings import get_setting

    if store.on_server:
        name = coder.strip() if coder and coder.strip() else store.login
        return start_as(store, name, remember=False) if name else None
    remembered = get_setting(store, CODER_SETTING)
    name = coder.strip() if coder and coder.strip() else remembered
    return start_as(store, name, remember=remembered is None) if name else None


class QualcodeApp(App[None]):
    """The coding workbench for one project folder."""

    CSS_PATH = "app.tcss"
    TITLE = "qualcode"

    BINDINGS = [
        Binding("ctrl+q", "quit", _("Quit"), show=False, priority=True, id="app.quit",
                tooltip=_("Quit. Everything is saved already.")),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("ctrl+p", "command_palette", _("palette"), show=False, priority=True,
                tooltip=_("Open the command palette")),
    ]

    def __init__(self, folder: Path, *, coder: str | None = None, theme: str = DEFAULT_THEME,
                 suggestions: bool = True, store: ProjectStore | None = None, started: Started | None = None) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.coder_override = coder.strip() if coder and coder.strip() else None
        self.theme_name = theme
        self.suggestions_enabled = suggestions
        self.store: ProjectStore | None = store
        self._started_early = started
        self.opening = OpeningStore(self.folder) if store is None and started is not None else None
        """The stand-in for the store while the first store task opens it (two-phase opening), else None."""
        self.coder: Coder | None = None
        self._store_tasks: deque[StoreTask] = deque()
        self._store_running: tuple[Worker, StoreTask] | None = None
        self._quitting = False
        self._refused = False
        self._visible_controls = VisibleControlCharacters()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the one that draws any control character left in a line as a symbol."""
        return [*super().get_line_filters(), self._visible_controls]

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Notifications are plain text: they quote names, which may hold ``[`` or control characters."""
        super().notify(display_text(message), title=display_text(title), severity=severity, timeout=timeout,
                       markup=False)

    # --- start-up ------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        if self._started_early is not None and (self.store is not None or self.opening is not None):
            # What to show was read before the app started: the first frame is the workbench.
            return self._workbench(self._started_early)
        return OpeningScreen(self.folder.resolve().name)

    def on_mount(self) -> None:
        self.theme = self.theme_name
        if self.opening is not None:  # two-phase opening: the store opens in the queue, after the first frame
            if self._started_early.keymap:
                self.set_keymap(self._started_early.keymap)
            self.submit(StoreTask(_("open the project"), self._open_store, self._store_opened, self._store_refused))
        elif self.store is not None and self._started_early is not None:
            if self._started_early.keymap:
                self.set_keymap(self._started_early.keymap)
            self._check_and_back_up(self.store)
        elif self.store is not None:  # opened before the app started, but the coder is still to be asked
            from qualcode.storage.coders import list_coders

            self.post_message(ProjectOpened(self.store, [c.name for c in list_coders(self.store)],
                                            self._started_early))
        else:
            self.run_worker(self._open_project, name=_("open the project"), group="open-project", thread=True,
                            exit_on_error=False)

    def _open_store(self) -> ProjectStore:
        """The store queue's first task in a two-phase opening: open the project (its quick check) once the
        workbench is on screen, and hand the store to the stand-in the screens hold."""
        opening = self.opening
        opening.wait_to_begin(OPENING_WAIT_SECONDS)
        try:
            from qualcode.storage.project_store import open_project

            store = open_project(self.folder)
        except BaseException as error:
            opening.failed(error)
            raise
        opening.opened(store)
        return store

    def _store_opened(self, store: ProjectStore) -> None:
        self.store = store
        self._check_and_back_up(store)

    def _store_refused(self, error: BaseException) -> None:
        """The project could not be opened after all (locked, damaged): say why, as the opening screen does."""
        self._refused = True
        self._store_tasks.clear()  # what was keyed meanwhile cannot be written: the opening screen says why
        screen = OpeningScreen(self.folder.resolve().name)
        self.push_screen(screen)
        self.call_after_refresh(screen.show_error, readable_error(error, self.folder / DATABASE_NAME))

    def _open_project(self) -> None:
        from qualcode.project_setup import open_or_set_up
        from qualcode.storage.coders import list_coders

        store = open_or_set_up(self.folder, progress=lambda text: self.post_message(SetupProgress(text)))
        started = prepare_start(store, self.coder_override)
        self.post_message(ProjectOpened(store, [coder.name for coder in list_coders(store)], started))

    def on_setup_progress(self, message: SetupProgress) -> None:
        if isinstance(self.screen, OpeningScreen):
            self.screen.show_progress(message.text)

    def on_project_opened(self, message: ProjectOpened) -> None:
        self.store = message.store
        self._check_and_back_up(message.store)
        if message.started is not None:
            self._show_workbench(message.started)
        else:
            self.push_screen(CoderDialog(message.coders), self._start_as)

    def _check_and_back_up(self, store: ProjectStore) -> None:
        self.run_worker(lambda: check_and_back_up(store), name="check the project and make today's backup",
                        group="backup", thread=True, exit_on_error=False)

    def _start_as(self, name: str) -> None:
        store = self.store
        self.submit(StoreTask(_("start as {name}").format(name=name), lambda: start_as(store, name, remember=True),
                              done=self._show_workbench))

    def _show_workbench(self, started: Started) -> None:
        if started.keymap:
            self.set_keymap(started.keymap)
        self.push_screen(self._workbench(started))

    def _workbench(self, started: Started) -> Screen:
        from qualcode.tui.screens.workbench import WorkbenchScreen

        self.coder = started.coder
        return WorkbenchScreen(self.store or self.opening, self.coder, suggestions=self.suggestions_enabled,
                               start=started.start)

    def action_quit(self) -> None:
        """Quit once the store tasks already queued are written, with the workbench's position."""
        from qualcode.tui.screens.workbench import WorkbenchScreen

        for screen in self.screen_stack:
            if isinstance(screen, WorkbenchScreen):
                screen.save_position_now()
        self._quitting = True
        self.set_timer(QUIT_WAIT_SECONDS, self.exit)
        self._exit_when_written()

    def _exit_when_written(self) -> None:
        if self._quitting and not self.busy:
            self.exit()

    # --- the store queue -----------------------------------------------------------------------

    def submit(self, task: StoreTask) -> None:
        """Run ``task`` after every task submitted before it (none once the project could not be opened)."""
        if self._refused:
            return
        self._store_tasks.append(task)
        self._start_next()

    @property
    def busy(self) -> bool:
        """True while store tasks are running or waiting."""
        return self._store_running is not None or bool(self._store_tasks)

    def _start_next(self) -> None:
        if self._store_running is not None or not self._store_tasks:
            return
        task = self._store_tasks.popleft()
        worker = self.run_worker(task.run, name=task.description, group=STORE_GROUP, thread=True,
                                 exit_on_error=False)
        self._store_running = (worker, task)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place where finished workers are handled and failures become messages."""
        worker = event.worker
        if worker.group == STORE_GROUP and self._store_running is not None and self._store_running[0] is worker:
            if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
                return
            _, task = self._store_running
            self._store_running = None
            try:
                if event.state == WorkerState.SUCCESS and task.done is not None:
                    task.done(worker.result)
                elif event.state == WorkerState.ERROR:
                    self.show_error(task.description, worker.error)
                    if task.failed is not None:
                        task.failed(worker.error)
            finally:
                self._start_next()
                self._exit_when_written()
        elif event.state == WorkerState.ERROR:
            if worker.group == "open-project" and isinstance(self.screen, OpeningScreen):
                self.screen.show_error(readable_error(worker.error, self._database_path))
            else:
                self.show_error(worker.name, worker.error)

    @property
    def _database_path(self) -> Path | None:
        return self.store.database_path if self.store is not None and not self.store.on_server else None

    def show_error(self, what: str, error: BaseException | None) -> None:
        self.notify(readable_error(error, self._database_path) if error else _("unknown error"),
                    title=_("Could not {what}").format(what=what), severity="error", timeout=10)


def make_app(folder: Path, coder: str | None = None, *, theme: str = DEFAULT_THEME, suggestions: bool = True,
             store: ProjectStore | None = None, started: Started | None = None) -> QualcodeApp:
    """The one way to build the app, for the command line, the tests and the benchmarks.

    Without ``store`` the app opens the project itself in a worker; the command line opens it
    first (printing set-up progress), which shows the workbench a little sooner.
    """
    return QualcodeApp(folder, coder=coder, theme=theme, suggestions=suggestions, store=store, started=started)
