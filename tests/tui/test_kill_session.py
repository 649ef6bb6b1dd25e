"""Killing a real coding session loses nothing the workbench has shown as done.

The workbench runs as the command line starts it, in a pseudo-terminal of 120x36; keystrokes go
in through the terminal, and the process is ended with SIGKILL, as a crash or a closed laptop
lid would. Then the project is opened again with the store API and checked.

What the app acknowledged is read from what it drew: the codebook tree counts a coding (mine/all)
only once its transaction has committed. Keys still on their way to the app when it dies are
not promised, so how many of those survive depends on the machine's load and is not asserted.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from qualcode.storage.actions import undo
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import find_coder
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import document_segments, get_document
from qualcode.storage.memos import list_memos
from qualcode.storage.project_store import open_project
from qualcode.tui.workbench_data import load_start

TRANSCRIPT_SHOWN = "Fijn dat je tijd hebt".encode()
TIMEOUT = 15.0
CONTROL_SEQUENCE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
"""Cursor moves, colours and titles: what is left is the text drawn, in the order it was drawn."""
KEY_INTERVAL = 0.08
"""Seconds between the keys of a burst: faster than anyone types (12 keys a second)."""

CODE_COUNTS_DRAWN = re.compile("([0-9]) ■ [^\r\n│]{0,40}? ([0-9]+)/([0-9]+)".encode())
"""A code's line in the codebook tree: hotkey, name, then my codings / everyone's."""

HOTKEYS = {"1": "belemmerend/gebrek-aan-vertrouwen", "2": "belemmerend/gedoe-over-geld", "6": "bevorderend/noodzaak"}


class TerminalSession:
    """``qualcode PROJECT --coder eva`` in a pseudo-terminal, with everything it draws kept in ``seen``."""

    def __init__(self, folder: Path) -> None:
        self.main, secondary = pty.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        # COLUMNS and LINES win over the terminal's size, and pytest-xdist workers inherit them.
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", "COLUMNS": "120", "LINES": "36"}
        command = [sys.executable, "-c", "from qualcode.cli import main; main()", str(folder), "--coder", "eva",
                   "--no-suggestions"]
        self.process = subprocess.Popen(command, stdin=secondary, stdout=secondary, stderr=secondary, env=env,
                                        close_fds=True, start_new_session=True)
        os.close(secondary)
        self.seen = b""

    def read(self, seconds: float) -> None:
        """Keep reading what the app draws for ``seconds`` (a full terminal would block the app)."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            if select.select([self.main], [], [], min(left, 0.02))[0]:
                try:
                    self.seen += os.read(self.main, 65536)
                except OSError:  # the app has gone
                    return

    def wait_for(self, marker: bytes, since: int = 0) -> None:
        """Read until ``marker`` has been drawn (in one line) after byte ``since`` of the output."""
        deadline = time.perf_counter() + TIMEOUT
        while marker not in CONTROL_SEQUENCE.sub(b"", self.seen[since:]):
            assert self.process.poll() is None, f"qualcode exited: {self.seen[-2000:]!r}"
            assert time.perf_counter() < deadline, (
                f"{marker!r} was not drawn within {TIMEOUT} s; the end of the output: {self.seen[-1500:]!r}")
            self.read(0.02)

    def acknowledged(self, since: int = 0) -> dict[str, int]:
        """Per hotkey, the most codings of mine the codebook tree has shown after byte ``since``."""
        shown: dict[str, int] = {}
        for match in CODE_COUNTS_DRAWN.finditer(CONTROL_SEQUENCE.sub(b"", self.seen[since:])):
            key = match.group(1).decode()
            shown[key] = max(shown.get(key, 0), int(match.group(2)))
        return shown

    def wait_until_acknowledged(self, counts: dict[str, int], since: int = 0) -> None:
        """Read until the codebook tree has shown at least ``counts`` codings of mine per hotkey."""
        deadline = time.perf_counter() + TIMEOUT
        while any(self.acknowledged(since).get(key, 0) < n for key, n in counts.items()):
            assert self.process.poll() is None, f"qualcode exited: {self.seen[-2000:]!r}"
            assert time.perf_counter() < deadline, (
                f"{counts} were not shown within {TIMEOUT} s, only {self.acknowledged(since)}")
            self.read(0.02)

    def press(self, keys: str | bytes, interval: float = KEY_INTERVAL) -> None:
        """Type ``keys`` one at a time, ``interval`` seconds apart, reading what the app draws meanwhile."""
        for key in keys.encode() if isinstance(keys, str) else keys:
            os.write(self.main, bytes([key]))
            self.read(interval)

    def kill(self) -> None:
        """SIGKILL; what the app drew before it died is still read, so ``seen`` holds all of it."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=TIMEOUT)
        self.read(0.2)  # returns at once when the terminal reports the app gone
        os.close(self.main)


@pytest.fixture
def session(project):
    started = TerminalSession(project)
    yield started
    if started.process.poll() is None:
        started.kill()


def reopened(folder: Path):
    """The project as the store API opens it after the kill, checked by SQLite itself."""
    store = open_project(folder)
    with store.session() as connection:
        assert connection.exec(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
        assert connection.exec(text("PRAGMA foreign_key_check")).all() == []
    return store


def turn_spans(store) -> list[tuple[int, int]]:
    document = get_document(store, "interview-01")
    return [(turn.start, turn.end) for turn in document_segments(store, document.id, "turn")]


def eva_codings(store):
    """Eva's codings as (code key, turn index), in the order they were made."""
    codebook, spans = load_codebook(store), turn_spans(store)
    codings = sorted(list_codings(store, coder_id=find_coder(store, "eva").id), key=lambda coding: coding.id)
    return [(codebook.code_by_id(c.code_id).key, spans.index((c.start, c.end))) for c in codings]


def test_every_coding_and_memo_shown_before_the_kill_is_in_the_project(project, session):
    session.wait_for(TRANSCRIPT_SHOWN)
    session.press("j12j")                             # turn 2: two codes; on to turn 3
    mark = len(session.seen)
    session.press("m")
    session.wait_for(b"Memo on the segment", mark)
    session.press("goede vraag\x13")                  # ctrl+s saves the memo
    session.wait_for("✎ goede vraag".encode(), mark)  # the panel shows the saved memo
    session.press("j6j1")                             # turn 4: Noodzaak; turn 5: the second use of code 1
    session.wait_until_acknowledged({"1": 2, "2": 1, "6": 1})  # the codebook tree counts all four
    session.kill()

    store = reopened(project)
    try:
        assert eva_codings(store) == [(HOTKEYS["1"], 1), (HOTKEYS["2"], 1), (HOTKEYS["6"], 3), (HOTKEYS["1"], 4)]
        [memo] = list_memos(store, coder_id=find_coder(store, "eva").id)
        assert (memo.text, (memo.start, memo.end)) == ("goede vraag", turn_spans(store)[2])
    finally:
        store.close()


BURST = "126j126j126j126j126"
"""Every code on every turn, one after the other: 15 codings, each new."""
EXPECTED = [(HOTKEYS[key], turn) for turn, keys in enumerate(BURST.split("j")) for key in keys]


def counted_by_hotkey(codings: list[tuple[str, int]]) -> dict[str, int]:
    return {key: sum(code == HOTKEYS[key] for code, _ in codings) for key in HOTKEYS}


@pytest.mark.parametrize("killed_after", [0.0, KEY_INTERVAL / 3], ids=["at-once", "a-moment-later"])
def test_a_kill_in_a_burst_of_keys_keeps_every_coding_shown(project, session, killed_after):
    """Ten keys of the burst, then the 11th (a hotkey), then SIGKILL ``killed_after`` seconds later.

    Before the last key the test waits until the tree has shown the 7th coding, so the kill always
    comes with codings on screen that must survive, and on a fast machine with the last key in flight.
    """
    session.wait_for(TRANSCRIPT_SHOWN)
    mark = len(session.seen)
    sent = BURST[:11]
    session.press(sent[:-1])
    session.wait_until_acknowledged(counted_by_hotkey(EXPECTED[:7]), mark)
    session.press(sent[-1], interval=killed_after)
    session.kill()
    shown = session.acknowledged(mark)

    coded = sum(key in HOTKEYS for key in sent)
    store = reopened(project)
    try:
        stored = eva_codings(store)
        assert stored == EXPECTED[:len(stored)], "the stored codings are the first ones typed, in order"
        assert len(stored) <= coded
        kept = counted_by_hotkey(stored)
        assert all(kept[key] >= shown.get(key, 0) for key in HOTKEYS), f"shown {shown}, kept {kept}"
        assert load_start(store, find_coder(store, "eva").id).document.document.name == "interview-01"
        eva = find_coder(store, "eva").id
        for _ in stored:  # every coding has its undo record, written in the same transaction
            assert undo(store, eva) is not None
        assert list_codings(store, coder_id=eva) == []
    finally:
        store.close()
