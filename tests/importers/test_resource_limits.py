"""Hostile files are refused within the resource limits: one line naming the limit, nothing changed, bounded memory."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.importers import TranscriptError, read_transcript
from qualcode.importers.codebook_file import CodebookError, read_codebook_file
from qualcode.importers.refi_errors import RefiError
from qualcode.importers.refi_xml import parse_refi_xml
from qualcode.importers.resource_limits import LimitError, ResourceLimits, using_limits
from tests.importers.hostile_files import (
    CASES,
    CODEBOOK,
    CODINGS,
    INTERVIEW,
    docx_bytes,
    nested,
    odt_bytes,
    project_snapshot,
    refi_bytes,
    refusal_lines,
    run_qualcode,
)
from tests.project_factory import small_project

runner = CliRunner()
MEMORY_LIMIT_MB = 500

# Which command imports which kind of file, and a valid file of that kind.
COMMANDS = {
    "transcript": (("import",), "gesprek.txt"),
    "codebook": (("codebook", "import"), "codebook.yaml"),
    "cases": (("cases", "import"), "cases.csv"),
    "codings": (("codings", "import"), "codings.csv"),
    "refi": (("exchange", "import"), "project.qdpx"),
}


@pytest.fixture
def project(tmp_path) -> Path:
    folder = tmp_path / "project"
    small_project(folder).close()
    return folder


def refused_by_cli(project: Path, *arguments: str) -> str:
    """Run a command in this process; it must exit 1 with one error line, the project unchanged."""
    before = project_snapshot(project)
    result = runner.invoke(app, [*arguments, "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines()
             if line.startswith(("refused:", "error:"))]
    assert len(lines) == 1, result.output
    assert project_snapshot(project) == before
    return lines[0]


def refused_in_child(project: Path, *arguments: str, env: dict[str, str] | None = None) -> str:
    """Run the real command line in a child: exit 1, one refusal line, no traceback, bounded memory."""
    before = project_snapshot(project)
    run = run_qualcode(*arguments, "-p", str(project), cwd=project.parent, env=env)
    assert run.exit_code == 1, run.stderr
    assert "Traceback" not in run.stderr
    lines = refusal_lines(run.stderr)
    assert len(lines) == 1, run.stderr
    assert run.peak_mb < MEMORY_LIMIT_MB, f"peak {run.peak_mb:.0f} MB"
    assert project_snapshot(project) == before
    return lines[0]


# Special files: refused before anything opens or hashes them (a hang fails through the timeout).

@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_a_fifo_is_refused_by_every_importer(project, tmp_path, kind):
    command, name = COMMANDS[kind]
    fifo = tmp_path / name
    os.mkfifo(fifo)
    line = refused_by_cli(project, *command, str(fifo))
    assert "is a named pipe (FIFO), not a regular file; qualcode reads only regular files" in line


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_a_symlink_to_dev_zero_is_refused_by_every_importer(project, tmp_path, kind):
    command, name = COMMANDS[kind]
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    line = refused_by_cli(project, *command, str(link))
    assert "is a device, not a regular file; qualcode reads only regular files" in line


def test_a_symlink_to_a_regular_file_is_read(project, tmp_path):
    target = tmp_path / "echt.txt"
    target.write_text(INTERVIEW, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(target)
    result = runner.invoke(app, ["import", str(tmp_path / "link.txt"), "-p", str(project)])
    assert result.exit_code == 0, result.output


# Package bombs: refused while streaming, before python-docx or odfdo build anything.

def _docx_with_body(body: bytes) -> bytes:
    """A .docx whose word/document.xml body is ``body`` (a 60 MB string packs into a few hundred KB)."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(["I: Vraag?"])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                start = data.index(b"<w:body>") + len(b"<w:body>")
                data = data[:start] + body + data[start:]
            package.writestr(info.filename, data)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def sixty_mb_of_paragraphs(tmp_path_factory) -> Path:
    paragraph = b"<w:p><w:r><w:t>R: Dat was een lange zin over de samenwerking met de vakgroep.</w:t></w:r></w:p>"
    path = tmp_path_factory.mktemp("bomb") / "paragraphs.docx"
    path.write_bytes(_docx_with_body(paragraph * (60 * 1024 * 1024 // len(paragraph))))
    assert path.stat().st_size < 1024 * 1024
    return path


@pytest.mark.parametrize(("options", "env", "reason"), [
    ((), {}, "unpacks to 61 MB, over the limit of 50 MB (raise it with --max-unpacked-mb)"),
    (("--max-unpacked-mb", "100"), {},
     "to 1 (a zip bomb?), over the limit of 100 to 1 (raise it with QUALCODE_MAX_RATIO)"),
    (("--max-unpacked-mb", "100"), {"QUALCODE_MAX_RATIO": "100000"},
     "the package holds more text than the limit of 2,000,000 characters (raise it with --max-text-chars)"),
    (("--max-unpacked-mb", "100", "--max-text-chars", "100000000"), {"QUALCODE_MAX_RATIO": "100000"},
     "the package has more XML elements than the limit of 500,000 (raise it with QUALCODE_MAX_XML_ELEMENTS)"),
], ids=["unpacked", "ratio", "text", "elements"])
def test_sixty_mb_of_paragraphs_in_a_small_docx_is_refused_early(project, sixty_mb_of_paragraphs, options, env,
                                                                 reason):
    line = refused_in_child(project, "import", str(sixty_mb_of_paragraphs), *options, env=env)
    assert line.startswith(f"refused: {sixty_mb_of_paragraphs}: ")
    assert reason in line


def test_the_ratio_refusal_names_its_limit(project, sixty_mb_of_paragraphs):
    with using_limits(ResourceLimits(max_unpacked_mb=100)), pytest.raises(TranscriptError) as refused:
        read_transcript(sixty_mb_of_paragraphs)
    assert refused.value.reason.endswith("to 1 (a zip bomb?), over the limit of 100 to 1 "
                                         "(raise it with QUALCODE_MAX_RATIO)")


def test_an_odt_bomb_is_refused(project, tmp_path):
    source = zipfile.ZipFile(io.BytesIO(odt_bytes()))
    path = tmp_path / "bom.odt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "content.xml":
                end = data.index(b"</office:text>")
                data = data[:end] + b"<text:p/>" * 4_000_000 + data[end:]
            package.writestr(info, data, zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 1024 * 1024
    line = refused_in_child(project, "import", str(path), env={"QUALCODE_MAX_UNPACKED_MB": "1000",
                                                                "QUALCODE_MAX_RATIO": "100000"})
    assert "the package has more XML elements than the limit of 500,000" in line


def test_docx_xml_nested_too_deep_is_refused(tmp_path):
    path = tmp_path / "diep.docx"
    path.write_bytes(nested(docx_bytes(), 5_000))
    with pytest.raises(TranscriptError) as refused:
        read_transcript(path)
    assert "nest deeper than the limit of 100 levels (raise it with QUALCODE_MAX_DEPTH)" in refused.value.reason


def test_a_docx_within_raised_limits_imports(tmp_path):
    path = tmp_path / "lang.docx"
    path.write_bytes(docx_bytes([f"R: Zin nummer {number}." for number in range(3000)]))
    with using_limits(ResourceLimits(max_xml_elements=5_000)), pytest.raises(TranscriptError, match="XML elements"):
        read_transcript(path)
    assert len(read_transcript(path).turns) == 3001


def test_stored_text_over_the_limit_is_refused(project, tmp_path):
    path = tmp_path / "lang.txt"
    path.write_text(INTERVIEW * 20, encoding="utf-8")
    line = refused_by_cli(project, "import", str(path), "--max-text-chars", "1000")
    assert line.endswith("its text is 4,059 characters, over the limit of 1,000 characters "
                         "(raise it with --max-text-chars)")


# RTF, YAML and REFI-QDA nesting and bombs.

def test_paragraphs_over_the_limit_are_refused(project, tmp_path):
    path = tmp_path / "regels.txt"
    path.write_text("R: " + "a\n" * 250_000, encoding="utf-8")
    line = refused_by_cli(project, "import", str(path))
    assert line.endswith("its text has 250,000 paragraphs, over the limit of 150,000 paragraphs "
                         "(raise it with QUALCODE_MAX_PARAGRAPHS)")


def test_rtf_with_two_million_nested_groups_is_refused(project, tmp_path):
    path = tmp_path / "groepen.rtf"
    path.write_bytes(b"{\\rtf1\\ansi " + b"{" * 2_000_000 + b"I: Vraag?" + b"}" * 2_000_000 + b"}")
    line = refused_in_child(project, "import", str(path))
    assert line.endswith("its groups ({...}) nest deeper than the limit of 100 levels "
                         "(raise it with QUALCODE_MAX_DEPTH)")


def test_rtf_braces_that_are_text_do_not_count(tmp_path):
    path = tmp_path / "accolades.rtf"
    path.write_bytes(b"{\\rtf1\\ansi I: Wat is \\{" + b"\\{" * 500 + b"?\\par R: Niets \\\\.\\par}")
    assert read_transcript(path).text.startswith("I: Wat is {{{")


def _codebook_nested(levels: int) -> str:
    lines = ["codebook: Diep", "groups:", "  - id: diep", "    name: Diep", "    codes:"]
    key, indent = "diep", "      "
    for level in range(levels):
        key += f"/n{level}"
        lines += [f"{indent}- id: {key}", f"{indent}  name: Niveau {level}", f"{indent}  codes:"]
        indent += "    "
    lines[-1] = lines[-1].replace("codes:", "description: bodem")
    return "\n".join(lines) + "\n"


def test_codebook_nested_200_levels_is_refused_with_its_line(project, tmp_path):
    path = tmp_path / "diep.yaml"
    path.write_text(_codebook_nested(200), encoding="utf-8")
    line = refused_in_child(project, "codebook", "import", str(path))
    assert line.startswith(f"error: {path}:")
    assert line.endswith("its lists and mappings nest deeper than the limit of 100 levels "
                         "(raise it with QUALCODE_MAX_DEPTH)")


def test_codebook_nested_within_the_limit_is_read(tmp_path):
    path = tmp_path / "diep.yaml"
    path.write_text(_codebook_nested(40), encoding="utf-8")
    assert read_codebook_file(path).groups[0].codes[0].key == "diep/n0"


def test_codebook_flow_nesting_is_refused(tmp_path):
    path = tmp_path / "haken.yaml"
    path.write_text(CODEBOOK + "extra: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="nest deeper than the limit of 100 levels"):
        read_codebook_file(path)


def test_a_control_character_in_a_codebook_is_one_line(project, tmp_path):
    path = tmp_path / "stuur.yaml"
    path.write_text(CODEBOOK.replace("name: Vertrouwen\n", "name: Vertrouwen\x0b"), encoding="utf-8")
    line = refused_by_cli(project, "codebook", "import", str(path))
    assert line == f"error: {path}:7: not valid YAML: character '\\x0b' is not allowed"


def _qdpx_with(path: Path, grow: dict[str, bytes]) -> Path:
    """A .qdpx from qualcode's exporter with bytes added to the members whose names start with a key of ``grow``."""
    source = zipfile.ZipFile(io.BytesIO(refi_bytes(".qdpx")))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info)
            added = next((extra for prefix, extra in grow.items() if info.filename.startswith(prefix)), None)
            if added is not None:
                end = data.rfind(b"</")
                data = data[:end] + added + data[end:] if end > 0 else data + added
            package.writestr(info.filename, data)
    return path


def test_qdpx_with_an_inflated_member_is_refused(project, tmp_path):
    path = _qdpx_with(tmp_path / "bom.qdpx", {"project.qde": b" " * (200 * 1024 * 1024)})
    line = refused_in_child(project, "exchange", "import", str(path))
    assert "entry 'project.qde' refused: unpacks to 201 MB, over the limit of 50 MB " \
           "(raise it with --max-unpacked-mb)" in line
    line = refused_in_child(project, "exchange", "import", str(path), "--max-unpacked-mb", "300")
    assert "member 'project.qde' is packed" in line and "(raise it with QUALCODE_MAX_RATIO)" in line


def test_qdpx_texts_with_too_many_paragraphs_together_are_refused(project, tmp_path):
    path = _qdpx_with(tmp_path / "regels.qdpx", {"sources/": b"a\n" * 250_000})
    line = refused_in_child(project, "exchange", "import", str(path))
    assert "its texts have 250,00" in line and "paragraphs, over the limit of 150,000 paragraphs " \
        "(raise it with QUALCODE_MAX_PARAGRAPHS)" in line


def test_refi_xml_with_too_many_elements_or_too_deep_is_refused(tmp_path):
    xml = refi_bytes(".qdc")
    end = xml.rfind(b"</")
    with using_limits(ResourceLimits(max_xml_elements=1_000)), pytest.raises(RefiError, match="XML elements"):
        parse_refi_xml(xml[:end] + b"<x/>" * 2_000 + xml[end:], tmp_path / "c.qdc", "c.qdc")
    with pytest.raises(RefiError, match="nest deeper than the limit of 100 levels"):
        parse_refi_xml(nested(xml, 1_000), tmp_path / "c.qdc", "c.qdc")


def test_a_vtt_cut_off_after_a_timing_is_one_line(project, tmp_path):
    path = tmp_path / "afgebroken.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:04.0", encoding="utf-8")
    assert refused_by_cli(project, "import", str(path)).endswith("has no subtitle cues with text")


# Encodings.

def test_mixed_utf8_and_windows_1252_is_refused_with_line_and_offset(project, tmp_path):
    path = tmp_path / "gemengd.txt"
    path.write_bytes("I: Hoe gaat het?\nR: Goed, café.\n".encode() + "I: En één?\nR: Ja.\n".encode("cp1252"))
    line = refused_by_cli(project, "import", str(path))
    assert line.endswith("mixes encodings: line 3 (byte offset 39) is not UTF-8, but line 2 is UTF-8; "
                         "save the file as UTF-8 and import it again")


def test_mixed_encodings_in_a_csv_are_refused(project, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes("case;plaats\nR1;Zwolle\n".encode() + "R2;Curaçao\n".encode("cp1252") + "R3;Gâ\n".encode())
    line = refused_by_cli(project, "cases", "import", str(path))
    assert "mixes encodings: line 3 (byte offset 29) is not UTF-8, but line 4 is UTF-8" in line


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_imported(project, tmp_path, encoding):
    path = tmp_path / f"gesprek-{encoding}.txt"
    path.write_bytes(INTERVIEW.encode(encoding))
    assert runner.invoke(app, ["import", str(path), "-p", str(project)]).exit_code == 0
    shown = runner.invoke(app, ["text", path.stem, "-p", str(project)])
    assert shown.output == INTERVIEW.rstrip("\n")  # the stored text, exactly; no blank line at the end


# Settings.

def test_limits_come_from_the_environment_and_options():
    limits = ResourceLimits.from_environment({"QUALCODE_MAX_RATIO": "7", "QUALCODE_MAX_DEPTH": " "})
    assert limits == ResourceLimits(max_ratio=7)
    assert limits.changed(max_file_mb=3, max_text_chars=None) == ResourceLimits(max_ratio=7, max_file_mb=3)
    with pytest.raises(LimitError, match="QUALCODE_MAX_DEPTH must be a positive whole number, not 'diep'"):
        ResourceLimits.from_environment({"QUALCODE_MAX_DEPTH": "diep"})


def test_a_bad_limit_setting_is_one_line(project, tmp_path, monkeypatch):
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    monkeypatch.setenv("QUALCODE_MAX_FILE_MB", "0")
    line = refused_by_cli(project, "cases", "import", str(path))
    assert line == "error: QUALCODE_MAX_FILE_MB must be a positive whole number, not 0"


def test_codings_and_cases_within_the_limits_import(project, tmp_path):
    for name, content, command in (("cases.csv", CASES, "cases"), ("codings.csv", CODINGS, "codings")):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        result = runner.invoke(app, [command, "import", str(path), "-p", str(project)])
        assert result.exit_code == 0, result.output
