"""Valid sample files for every importer, ways to break them, and how to watch an import of them.

Shared by the resource-limit regression tests and the importer fuzz test: the samples are made
here (nothing hostile is stored in the repository), a child process runs the real command line
so its peak memory can be read from ``wait4``, and a project snapshot shows that a refusal
changed nothing.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import odfdo

from qualcode.export.refi_files import write_qdc, write_qdpx
from qualcode.storage.project_store import DATABASE_NAME
from tests.project_factory import small_project

INTERVIEW = (
    "Interview cardiologie\nRespondent: R1\nDatum: 2026-03-12\n\n"
    "I: Hoe begon het?\nR: [00:01:10] Nou, kijk, het vertrouwen was er niet. Café, één, coöperatie.\n"
    "I: En het geld?\nR: Daar hebben we lang over gepraat.\n"
)

CODEBOOK = """\
codebook: Fuzz
groups:
  - id: factoren
    name: Factoren
    codes:
      - id: factoren/vertrouwen
        name: Vertrouwen
        description: >
          Twijfel aan de andere vakgroep.
        indicators: [vertrouwen, wantrouwen]
        hotkey: "3"
        codes:
          - id: factoren/vertrouwen/wantrouwen
            name: Wantrouwen
"""

RTF = (rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}"
       rb"\f0 I: Hoe begon het?\par R: Met een brief, caf\'e9 en co\'f6peratie.\par I: En toen?\par "
       rb"R: {\b Toen} kwam het gesprek.\par}")

VTT = ("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>Hoe begon het?\n\n"
       "00:00:05.000 --> 00:00:09.000\n<v Jan de Vries>Met een brief, één keer.\n")
SRT = ("1\n00:00:01,000 --> 00:00:04,000\nI: Hoe begon het?\n\n"
       "2\n00:00:05,000 --> 00:00:09,000\nR: Met een brief, één keer.\n")

CASES = "case;fase;leeftijd\nR1;verkenning;52\nR2;besluit;47\n"
CODINGS = ("document,code,coder,start,end,memo\n"
           "interview,belemmerend/gebrek-aan-vertrouwen,eva,39,49,=1+1\n"
           "interview,bevorderend/noodzaak,eva,0,3,\n")


def docx_bytes(paragraphs: list[str] = INTERVIEW.splitlines()) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "R:", "In een tabel."
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(paragraphs: list[str] = INTERVIEW.splitlines()) -> bytes:
    document = odfdo.Document("text")
    body = document.body
    body.clear()
    for paragraph in paragraphs:
        body.append(odfdo.Paragraph(paragraph))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def refi_bytes(suffix: str) -> bytes:
    """A .qdpx or .qdc written by qualcode's own exporter from the small test project."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        store = small_project(Path(folder) / "bron")
        target = Path(folder) / f"bron{suffix}"
        (write_qdpx if suffix == ".qdpx" else write_qdc)(store, target)
        store.close()
        return target.read_bytes()


@dataclass(frozen=True)
class Sample:
    """A valid file for one importer: its name, bytes, and the command that imports it."""

    name: str
    data: bytes
    command: tuple[str, ...]

    @property
    def is_zip(self) -> bool:
        return self.data.startswith(b"PK\x03\x04")


def samples() -> list[Sample]:
    transcript = ("import",)
    return [
        Sample("gesprek.txt", INTERVIEW.encode(), transcript),
        Sample("gesprek.md", INTERVIEW.encode("utf-16"), transcript),
        Sample("gesprek.docx", docx_bytes(), transcript),
        Sample("gesprek.odt", odt_bytes(), transcript),
        Sample("gesprek.rtf", RTF, transcript),
        Sample("gesprek.vtt", VTT.encode(), transcript),
        Sample("gesprek.srt", SRT.encode("cp1252"), transcript),
        Sample("codebook.yaml", CODEBOOK.encode(), ("codebook", "import")),
        Sample("cases.csv", CASES.encode(), ("cases", "import")),
        Sample("codings.csv", CODINGS.encode(), ("codings", "import")),
        Sample("project.qdpx", refi_bytes(".qdpx"), ("exchange", "import")),
        Sample("codebook.qdc", refi_bytes(".qdc"), ("exchange", "import")),
    ]


# Mutations: each takes the bytes and a few numbers and returns other bytes.

def truncated(data: bytes, at: int) -> bytes:
    return data[: at % max(len(data), 1)]


def flipped(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    changed = bytearray(data)
    for position, value in flips:
        if changed:
            changed[position % len(changed)] ^= value % 255 + 1
    return bytes(changed)


def _rezip(data: bytes, change) -> bytes:
    """The ZIP package with ``change(name, bytes) -> [(name, bytes), ...]`` applied to each member."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" is what some mutations are for
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for index, info in enumerate(source.infolist()):
                for name, member in change(index, info.filename, source.read(info)):
                    target.writestr(name, member, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def member_duplicated(data: bytes, which: int) -> bytes:
    count = len(zipfile.ZipFile(io.BytesIO(data)).infolist())
    return _rezip(data, lambda index, name, member: [(name, member)] * (2 if index == which % count else 1))


def member_inflated(data: bytes, which: int, megabytes: int, elements: bool) -> bytes:
    """One member grown by ``megabytes`` of whitespace (a ratio bomb) or of empty elements (an element bomb)."""
    count = len(zipfile.ZipFile(io.BytesIO(data)).infolist())
    padding = (b"<x/>" if elements else b" ") * (megabytes * 1024 * 1024 // (4 if elements else 1))

    def grow(index, name, member):
        if index != which % count:
            return [(name, member)]
        closing = member.rfind(b"</")
        return [(name, member[:closing] + padding + member[closing:] if closing > 0 else member + padding)]
    return _rezip(data, grow)


def nested(data: bytes, depth: int) -> bytes:
    """Deep nesting in the file's own syntax: XML elements, RTF groups, YAML lists."""
    if data.startswith(b"PK\x03\x04"):
        def deepen(index, name, member):
            closing = member.rfind(b"</")
            if not name.endswith(".xml") or closing < 0:
                return [(name, member)]
            return [(name, member[:closing] + b"<x>" * depth + b"</x>" * depth + member[closing:])]
        return _rezip(data, deepen)
    if data.startswith(b"{\\rtf"):
        return data[:6] + b"{" * depth + b"x" + b"}" * depth + data[6:]
    if data.lstrip().startswith(b"<"):
        closing = data.rfind(b"</")
        return data[:closing] + b"<x>" * depth + b"</x>" * depth + data[closing:]
    return data + b"\ndeep: " + b"[" * depth + b"]" * depth + b"\n"


# Watching a project and a child process.

def project_snapshot(folder: Path) -> tuple[list[str], dict[str, bytes]]:
    """The database as SQL and every other file of the project folder, byte for byte."""
    connection = sqlite3.connect(folder / DATABASE_NAME)
    try:
        dump = list(connection.iterdump())
    finally:
        connection.close()
    files = {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(DATABASE_NAME)
    }
    return dump, files


@dataclass(frozen=True)
class ChildRun:
    exit_code: int
    stdout: str
    stderr: str
    peak_mb: float


# Linux counts the parent's memory at fork time in a child's ru_maxrss, so the test process (which
# may hold a big hostile file) does not fork qualcode itself: a small Python process does, and
# reports the grandchild's peak from wait4.
_MEASURE = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_qualcode(*arguments: str, cwd: Path, env: dict[str, str] | None = None) -> ChildRun:
    """Run the ``qualcode`` command line in a child process and read its peak memory (ru_maxrss)."""
    peak = cwd / ".child-peak-kb"
    with open(cwd / ".child-stdout", "w+b") as stdout, open(cwd / ".child-stderr", "w+b") as stderr:
        exit_code = subprocess.call(
            [sys.executable, "-c", _MEASURE, str(peak),
             sys.executable, "-c", "from qualcode.cli import main; main()", *arguments],
            stdout=stdout, stderr=stderr, cwd=cwd, env={**os.environ, **(env or {})},
        )
        stdout.seek(0)
        stderr.seek(0)
        return ChildRun(exit_code, stdout.read().decode(), stderr.read().decode(), int(peak.read_text()) / 1024)


def refusal_lines(stderr: str) -> list[str]:
    """The lines of standard error that are not progress lines (``[1/3] path``, ``reading ...``)."""
    return [line for line in stderr.splitlines() if not line.startswith(("[", "reading "))]
