"""Which other processes have a project's database open, to say who holds a lock (Linux ``/proc``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
COMMAND_LINE_LIMIT = 80


@dataclass(frozen=True)
class OpenBy:
    """A process that has the file open: its id and command line."""

    pid: int
    command: str

    def __str__(self) -> str:
        return f"pid {self.pid} ({self.command})" if self.command else f"pid {self.pid}"


def _command_line(process: Path) -> str:
    try:
        raw = (process / "cmdline").read_bytes()
    except OSError:
        return ""
    words = " ".join(raw.replace(b"\0", b" ").decode("utf-8", errors="replace").split())
    printable = "".join(character if character.isprintable() else "?" for character in words)
    return printable if len(printable) <= COMMAND_LINE_LIMIT else printable[: COMMAND_LINE_LIMIT - 1] + "…"


def processes_holding(database_path: Path) -> list[OpenBy]:
    """Other processes with the database (or its ``-wal``/``-shm`` file) open, by pid.

    Empty when there are none or where ``/proc`` cannot tell (not Linux, or no permission).
    """
    base = str(Path(database_path).resolve())
    targets = {base, base + "-wal", base + "-shm", base + "-journal"}
    if not PROC.is_dir():
        return []
    own = os.getpid()
    found = []
    for process in PROC.iterdir():
        if not process.name.isdigit() or int(process.name) == own:
            continue
        try:
            descriptors = list((process / "fd").iterdir())
        except OSError:
            continue
        for descriptor in descriptors:
            try:
                opened = os.readlink(descriptor)
            except OSError:
                continue
            if opened in targets:
                found.append(OpenBy(int(process.name), _command_line(process)))
                break
    return sorted(found, key=lambda holder: holder.pid)
