"""Peak memory of `qualcode import` on the most expensive files the resource limits accept, and on bombs they refuse.

Each file is imported by the real command line in a child process, into a fresh project; the
peak is the child's ru_maxrss from wait4, read by a small go-between process so that this
process's own memory is not counted (Linux charges the parent's size at fork to the child).
The promise: under 500 MB for any file under 10 MB.

Run: uv run python bench/import_memory.py
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx

_MEASURE = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def peak(folder: Path, path: Path) -> tuple[str, float]:
    project = folder / f"project-{path.stem}"
    subprocess.run([sys.executable, "-c", "from qualcode.cli import main; main()", "init", str(project)],
                   check=True, capture_output=True)
    output = subprocess.run(
        [sys.executable, "-c", _MEASURE, "", sys.executable, "-c", "from qualcode.cli import main; main()",
         "import", str(path), "-p", str(project)], check=True, capture_output=True, text=True).stdout.split()
    return ("imported" if output[0] == "0" else "refused"), int(output[1]) / 1024


def docx_with_paragraphs(paragraphs: list[bytes]) -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source, target = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                start = data.index(b"<w:body>") + len(b"<w:body>")
                data = data[:start] + b"".join(b"<w:p><w:r><w:t>" + p + b"</w:t></w:r></w:p>" for p in paragraphs) \
                    + data[start:]
            package.writestr(info.filename, data)
    return target.getvalue()


def main() -> None:
    rng = random.Random(16)
    letters = "abcdefghijklmnopqrstuvwxyz"
    cases = {
        "turns.txt (75,000 turn pairs, 1.95 M characters)": "".join(
            f"I: {''.join(rng.choices(letters, k=9))}\nR: {''.join(rng.choices(letters, k=9))}\n"
            for _ in range(75_000)).encode(),
        "paragraphs.txt (149,000 one-letter paragraphs)": ("R: " + "a\n" * 149_000).encode(),
        "paragraphs.docx (140,000 paragraphs, 420,000 elements)": docx_with_paragraphs(
            [b"R: " + "".join(rng.choices(letters, k=10)).encode() for _ in range(140_000)]),
        "bomb.docx (60 MB of paragraphs; refused)": docx_with_paragraphs(
            [b"R: Dat was een lange zin over de samenwerking met de vakgroep."] * 690_000),
        "groups.rtf (2 million nested groups; refused)": b"{\\rtf1 " + b"{" * 2_000_000 + b"}" * 2_000_001,
    }
    with tempfile.TemporaryDirectory() as folder:
        for name, data in cases.items():
            path = Path(folder) / name.split()[0]
            path.write_bytes(data)
            outcome, megabytes = peak(Path(folder), path)
            print(f"{name:58} {len(data) / 1024 / 1024:6.1f} MB file  {outcome:8}  peak {megabytes:5.0f} MB")


if __name__ == "__main__":
    main()
