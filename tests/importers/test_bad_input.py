"""Files that cannot be read are refused with an error naming the file and the reason."""

from __future__ import annotations

import io
import os
import random
import zipfile

import docx
import pytest

from qualcode.importers import SUPPORTED_SUFFIXES, TranscriptError, read_transcript
from qualcode.importers.resource_limits import ResourceLimits, using_limits

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _refusal(path) -> str:
    with pytest.raises(TranscriptError) as raised:
        read_transcript(path)
    assert raised.value.path == path
    assert str(raised.value) == f"{path}: {raised.value.reason}"
    return raised.value.reason


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("I: Hoe begon het?")
    document.save(buffer)
    return buffer.getvalue()


def test_missing_path(tmp_path):
    assert _refusal(tmp_path / "weg.txt") == "file not found"


def test_directory(tmp_path):
    folder = tmp_path / "map.txt"
    folder.mkdir()
    assert _refusal(folder) == "is a folder, not a transcript file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "geheim.txt"
    path.write_text("I: Vraag?\n")
    path.chmod(0)
    assert _refusal(path) == "cannot read it: Permission denied"


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_empty_file(tmp_path, suffix):
    path = tmp_path / f"leeg{suffix}"
    path.write_bytes(b"")
    assert _refusal(path) == "the file is empty"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(" \r\n\t\r\n", "contains no text"), ("… – ‘’\n", "has no recognisable text (no letters or digits)")],
)
def test_no_text_after_reading(tmp_path, content, reason):
    path = tmp_path / "niets.txt"
    path.write_text(content, encoding="utf-8")
    assert _refusal(path) == reason


def test_docx_without_text(tmp_path):
    path = tmp_path / "leeg.docx"
    docx.Document().save(path)
    assert _refusal(path) == "contains no text"


def test_png_bytes_named_txt(tmp_path):
    path = tmp_path / "plaatje.txt"
    path.write_bytes(PNG)
    assert _refusal(path) == "is a PNG image, not a text file"


def test_binary_junk_named_txt(tmp_path):
    path = tmp_path / "ruis.txt"
    path.write_bytes(random.Random(3).randbytes(4000))
    assert _refusal(path).startswith("is a binary file, not text")


def test_binary_junk_without_nul_bytes_named_txt(tmp_path):
    rng = random.Random(4)
    path = tmp_path / "ruis.txt"
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))
    assert _refusal(path) == "is not text in UTF-8, UTF-16 or a Western code page such as Windows-1252"


def test_control_characters_named_txt(tmp_path):
    path = tmp_path / "stuur.txt"
    path.write_bytes(bytes(range(1, 9)) * 20 + b"I: Vraag?\n")
    assert _refusal(path) == "is a binary file, not text"


def test_docx_bytes_named_txt(tmp_path):
    path = tmp_path / "interview.txt"
    path.write_bytes(_docx_bytes())
    assert _refusal(path) == "is a ZIP archive, such as a .docx or .odt with the wrong suffix, not a text file"


@pytest.mark.parametrize("name", ["plaatje.png", "interview.doc", "interview.pdf", "interview"])
def test_unsupported_suffix(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PNG)
    reason = _refusal(path)
    assert reason.startswith("qualcode cannot read ")
    assert reason.endswith("it reads .txt, .md, .docx, .odt, .rtf, .html, .htm, .vtt, .srt, .json")


def test_random_bytes_named_docx(tmp_path):
    path = tmp_path / "kapot.docx"
    path.write_bytes(random.Random(5).randbytes(4000))
    assert _refusal(path) == "is not a valid .docx file: it is corrupt or not a ZIP package (File is not a zip file)"


def test_truncated_docx(tmp_path):
    data = _docx_bytes()
    path = tmp_path / "afgebroken.docx"
    path.write_bytes(data[: len(data) // 2])
    assert _refusal(path).startswith("is not a valid .docx file: it is corrupt or not a ZIP package")


def test_docx_with_a_damaged_part(tmp_path):
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as damaged:
        for info in source.infolist():
            data = source.read(info)
            damaged.writestr(info, data[:200] if info.filename == "word/document.xml" else data)
    path = tmp_path / "beschadigd.docx"
    path.write_bytes(buffer.getvalue())
    assert _refusal(path).startswith("is not a valid .docx file: ")


def test_zip_that_is_not_a_docx(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notities.txt", "I: Vraag?")
    path = tmp_path / "archief.docx"
    path.write_bytes(buffer.getvalue())
    assert _refusal(path) == "is not a valid .docx file: the package has no [Content_Types].xml"


def test_docx_named_odt(tmp_path):
    path = tmp_path / "interview.odt"
    path.write_bytes(_docx_bytes())
    assert _refusal(path) == "is not a valid .odt file: the package has no mimetype"


def test_rtf_that_is_not_rtf(tmp_path):
    path = tmp_path / "interview.rtf"
    path.write_text("I: Gewoon tekst.\n")
    assert _refusal(path) == "is not an RTF document (it does not start with {\\rtf)"


def test_file_over_the_size_limit(tmp_path):
    assert ResourceLimits().max_file_mb == 20
    path = tmp_path / "lang.txt"
    path.write_text("I: Vraag?\nR: " + "ja " * 500_000 + "\n")
    with using_limits(ResourceLimits(max_file_mb=1)):
        assert _refusal(path) == "is 1.5 MB, over the limit of 1 MB (raise it with --max-file-mb)"
