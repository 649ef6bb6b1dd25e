"""Every command takes a PostgreSQL URL for --project (before or after it) and QUALCODE_PROJECT, and
answers exactly as it does on the same project in a folder."""

import itertools
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.local_server import create_database

pytestmark = pytest.mark.postgresql

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parents[2]
_names = itertools.count(1)


def run(*args: str, **environment: str):
    return runner.invoke(app, list(args), env=environment or None)


def ok(*args: str, **environment: str) -> str:
    result = run(*args, **environment)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def fill(project: str) -> None:
    """The sample project's codebook, interviews, cases and both coders' codings, through the command line."""
    ok("init", project)
    ok("codebook", "import", *map(str, sorted((SAMPLE / "codebooks").glob("*.yaml"))), "--project", project)
    ok("import", *map(str, sorted((SAMPLE / "transcripts").glob("interview-*"))), "--project", project)
    ok("cases", "import", str(SAMPLE / "transcripts" / "cases.csv"), "--project", project)
    for coder in ("eva", "daan"):
        ok("codings", "import", str(SAMPLE / "transcripts" / "codings" / f"{coder}.csv"), "--project", project)
    ok("queries", "save", "vertrouwen", "belemmerend/gebrek-aan-vertrouwen", "--project", project)
    ok("framework", "summary", "belemmerend/gebrek-aan-vertrouwen", "R1", "Weinig vertrouwen.", "--coder", "eva",
       "--project", project)


@pytest.fixture(scope="module")
def twins(postgres_server, tmp_path_factory):
    """The same project twice: in a folder and in a database on the test server."""
    folder = tmp_path_factory.mktemp("twins") / "folder"
    url = create_database(postgres_server, f"commands_{next(_names)}")
    fill(str(folder))
    fill(url)
    return str(folder), url


READING = [
    ("documents", "-f", "json"),
    ("cases", "list", "-f", "csv"),
    ("coders", "list", "-f", "csv"),
    ("text", "interview-02-longziekten"),
    ("segments", "interview-03-chirurgie", "--unit", "sentence", "-f", "csv"),
    ("speakers", "interview-01-cardiologie", "-f", "csv"),
    ("codebook", "show"),
    ("agreement", "--coders", "eva", "daan", "--format", "csv"),
    ("retrieve", "belemmerend", "--format", "csv"),
    ("retrieve", "@vertrouwen", "--coder", "eva", "--where", "specialisme=cardiologie", "--format", "json"),
    ("queries", "list", "-f", "csv"),
    ("framework", "show"),
    ("suggest", "interview-01-cardiologie", "--top", "2"),
    ("evaluate-suggestions", "--coder", "eva", "-f", "csv"),
]


@pytest.mark.parametrize("arguments", READING, ids=lambda arguments: " ".join(arguments[:2]))
def test_reading_commands_answer_the_same_on_a_url(twins, arguments):
    folder, url = twins
    assert ok(*arguments, "--project", url) == ok(*arguments, "--project", folder)


def test_the_url_goes_before_the_command_or_in_the_environment(twins):
    folder, url = twins
    expected = ok("documents", "-f", "csv", "--project", folder)
    assert ok("--project", url, "documents", "-f", "csv") == expected
    assert ok("-p", url, "documents", "-f", "csv", "-p", url) == expected
    assert ok("documents", "-f", "csv", QUALCODE_PROJECT=url) == expected
    refused = run("--project", url, "documents", "--project", folder)
    said = " ".join(refused.output.replace("│", " ").split())  # the error box wraps at the terminal's width
    assert refused.exit_code == 2 and "give one project" in said and "qualcode:***@" in said
    assert url.split(":")[2].split("@")[0] not in refused.output  # never the password


EXPORTS = [
    (("export", "segments"), ["segments.csv"]),
    (("export", "frequencies", "--coder", "eva"), ["frequencies-codes.csv", "frequencies-matrix.csv"]),
    (("export", "cooccurrence", "--coder", "eva"), ["cooccurrence-matrix.csv", "cooccurrence-pairs.csv"]),
    (("export", "codebook"), ["codebook.csv"]),
    (("export", "memos", "--format", "md"), ["memos.md"]),
    (("export", "crosstab", "--cases"), ["crosstab-cases-segments.csv", "crosstab-cases-cases.csv"]),
    (("export", "framework", "--format", "md"), ["framework.md"]),
    (("export", "quotes", "--format", "md"), ["quotes.md"]),
]


@pytest.mark.parametrize(("arguments", "files"), EXPORTS, ids=lambda value: " ".join(value) if isinstance(value, tuple) else "")
def test_exports_of_a_url_go_to_the_current_folder_with_the_same_bytes(twins, tmp_path, monkeypatch, arguments, files):
    folder, url = twins
    monkeypatch.chdir(tmp_path)
    ok(*arguments, "--project", url)
    ok(*arguments, "--project", folder)
    for name in files:
        assert _timeless((tmp_path / "exports" / name).read_bytes()) == _timeless(
            (Path(folder) / "exports" / name).read_bytes()), name


def _timeless(content: bytes) -> bytes:
    """The export without the codings' times: the twins were filled a few seconds apart."""
    return re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00", b"TIME", content)


def test_exchange_exports_are_named_for_the_database(twins, tmp_path, monkeypatch):
    _, url = twins
    monkeypatch.chdir(tmp_path)
    ok("export", "qdpx", "--project", url)
    ok("export", "qdc", "--project", url)
    name = url.rsplit("/", 1)[1]
    assert (tmp_path / "exports" / f"{name}.qdpx").stat().st_size > 0
    assert (tmp_path / "exports" / f"{name}.qdc").stat().st_size > 0


def test_check_and_backup_of_a_url(twins, tmp_path, monkeypatch):
    _, url = twins
    monkeypatch.chdir(tmp_path)
    assert "every document's text has the SHA-256" in ok("check", "--project", url)
    said = ok("backup", "--project", url, "--output", str(tmp_path / "copy.dump"))
    assert "copy.dump" in said and "qualcode:***@" in said and (tmp_path / "copy.dump").read_bytes()[:5] == b"PGDMP"
    assert not (tmp_path / "qualcode.db").exists()


def test_writing_commands_on_a_url(postgres_server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = create_database(postgres_server, f"writing_{next(_names)}")
    ok("init", url)
    assert "no qualcode project" not in ok("coders", "add", "eva", "--project", url)
    source = tmp_path / "interview-01.txt"
    source.write_text("I: Hoe begon het?\nR: Het vertrouwen was er niet.\n", encoding="utf-8")
    ok("import", str(source), "--project", url)
    ok("speakers", "interview-01", "--rename", "R=Respondent", "--coder", "eva", "--project", url)
    assert "Respondent" in ok("speakers", "interview-01", "-f", "csv", "--project", url)
    assert "eva" in ok("coders", "list", "-f", "csv", "--project", url)
    again = run("init", url)
    assert again.exit_code == 0  # init of an existing project opens it, as for a folder


@pytest.mark.parametrize("url", [
    "postgresql://qualcode:x@localhost:1/qualcode",
    "postgresql://qualcode:x@no-such-host.invalid/qualcode",
])
def test_an_unreachable_server_is_one_line_and_no_traceback(url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("documents", "--project", url)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("error: cannot reach the PostgreSQL server") and result.output.count("\n") == 1
    assert "x@" not in result.output and not list(tmp_path.iterdir())


def test_a_wrong_password_is_one_line_and_writes_nothing(twins, tmp_path, monkeypatch):
    _, url = twins
    monkeypatch.chdir(tmp_path)
    wrong = url.replace("qualcode:", "qualcode:not-", 1)
    for arguments in (("documents",), ("coders", "add", "mallory"), ("init",)):
        result = run(*arguments, wrong) if arguments == ("init",) else run(*arguments, "--project", wrong)
        assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
        assert "the password for qualcode is wrong" in result.output and "not-" not in result.output
    assert "mallory" not in ok("coders", "list", "-f", "csv", "--project", url)
    assert not list(tmp_path.iterdir())
