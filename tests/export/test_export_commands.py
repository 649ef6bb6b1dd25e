"""``qualcode export ...`` run as a user runs it: files in exports/ or --output, errors that write nothing."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from qualcode.cli import app, export_commands
from tests.export.conftest import N, build_project

runner = CliRunner()


@pytest.fixture
def folder(tmp_path):
    build_project(tmp_path / "project").close()
    return tmp_path / "project"


def run(*args: str):
    return runner.invoke(app, ["export", *args])


def rows(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""),
                           delimiter=";" if path.read_bytes().startswith(b"\xef\xbb\xbf") else ","))


def exported(folder) -> list[str]:
    return sorted(path.name for path in (folder / "exports").iterdir() if path.name != ".gitkeep")


def test_frequencies_default_files(folder):
    result = run("frequencies", "--all-coders", "--project", str(folder))
    assert result.exit_code == 0, result.output
    written = [folder / "exports" / name for name in
               ("frequencies-long.csv", "frequencies-matrix.csv", "frequencies-codes.csv")]
    assert result.stdout.split() == [str(path) for path in written]
    assert "3 coded documents; counting all coders added together: anna, bram; unit: turn" in result.stderr
    assert exported(folder) == ["frequencies-codes.csv", "frequencies-long.csv", "frequencies-matrix.csv"]
    long = rows(written[0])
    assert long[0] == ["document", "case", "coder", "group", "code", "codings", "units_coded", "words_coded"]
    assert ["interview-b", "R2", "anna", "bevorderend", N, "2", "1", "6"] in long
    assert rows(written[1])[0] == ["group", "code", "name", "interview-a", "interview-b", "interview-c", "total"]


def test_frequencies_by_attribute_measure_unit_and_coder(folder):
    result = run("frequencies", "--by", "fase", "--measure", "cases", "--unit", "sentence", "--coder", "bram",
                 "--project", str(folder))
    assert result.exit_code == 0, result.output
    assert exported(folder) == ["frequencies-by-fase.csv", "frequencies-codes.csv", "frequencies-long.csv",
                                "frequencies-matrix.csv"]
    assert rows(folder / "exports" / "frequencies-by-fase.csv")[:2] == [
        ["group", "code", "name", "verkennend", "total"],
        ["belemmerend", "belemmerend/gebrek-aan-vertrouwen", "Gebrek aan vertrouwen", "1", "1"],
    ]
    assert rows(folder / "exports" / "frequencies-long.csv")[1][-3:] == ["2", "4", "17"]


def test_cases_table(folder):
    result = run("frequencies", "--all-coders", "--table", "cases", "--project", str(folder))
    assert result.stdout.split() == [str(folder / "exports" / "frequencies-cases.csv")]
    assert rows(folder / "exports" / "frequencies-cases.csv")[0] == ["group", "code", "name", "R1", "R2", "R3", "total"]


def test_output_file_and_tables(folder, tmp_path):
    result = run("frequencies", "--all-coders", "--table", "codes", "--output", str(tmp_path / "tabel.csv"),
                 "--excel-nl", "--project", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(tmp_path / "tabel.csv")]
    data = (tmp_path / "tabel.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfgroup;code;name;codings;")
    assert b";66,7;" in data
    result = run("cooccurrence", "--output", str(tmp_path / "samen.csv"), "--project", str(folder))
    assert result.stdout.split() == [str(tmp_path / "samen-matrix.csv"), str(tmp_path / "samen-pairs.csv")]
    assert exported(folder) == []


def test_cooccurrence_segments_and_codebook(folder):
    for command, names in (("cooccurrence", ["cooccurrence-matrix.csv", "cooccurrence-pairs.csv"]),
                           ("segments", ["segments.csv"]), ("codebook", ["codebook.csv"])):
        result = run(command, "--project", str(folder))
        assert result.exit_code == 0, result.output
        assert result.stdout.split() == [str(folder / "exports" / name) for name in names]
    matrix = rows(folder / "exports" / "cooccurrence-matrix.csv")
    assert matrix[0][:3] == ["group", "code", "belemmerend/gebrek-aan-vertrouwen"]
    assert matrix[4] == ["bevorderend", N, "1", "1", "0", "2"]
    assert len(rows(folder / "exports" / "segments.csv")) == 11
    assert len(rows(folder / "exports" / "codebook.csv")) == 5


def test_progress_for_long_exports(folder, monkeypatch):
    monkeypatch.setattr(export_commands, "LONG_EXPORT_ROWS", 5)
    result = run("segments", "--project", str(folder))
    assert "segments.csv: 10 of 10 rows written" in result.stderr


@pytest.mark.parametrize(("arguments", "message"), [
    (["frequencies", "--all-coders", "--by", "leeftijd"], "no case attribute 'leeftijd' (attributes: ervaring, fase)"),
    (["frequencies", "--coder", "anna", "--by", "leeftijd", "--table", "long"], "no case attribute 'leeftijd'"),
    (["frequencies", "--coder", "carla"], "no coder named 'carla' (coders: anna, bram)"),
    (["cooccurrence", "--coder", "anna", "--coder", "carla"], "no coder named 'carla'"),
    (["segments", "--coder", "carla"], "no coder named 'carla'"),
    (["frequencies", "--table", "by"], "--table by needs --by ATTRIBUTE"),
    (["codebook", "--output", "/nergens/codebook.csv"], "the folder /nergens does not exist"),
])
def test_bad_input_writes_nothing(folder, arguments, message):
    result = run(*arguments, "--project", str(folder))
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stdout == ""
    assert exported(folder) == []


def test_unknown_unit_is_refused(folder):
    result = run("cooccurrence", "--unit", "page", "--project", str(folder))
    assert result.exit_code == 2
    assert exported(folder) == []


def test_frequencies_by_an_attribute_say_how_many_documents_have_no_case_or_no_value(folder):
    result = run("frequencies", "--coder", "anna", "--by", "fase", "--project", str(folder))
    assert result.exit_code == 0, result.output
    assert ("warning: 1 has a case without a value for fase: counted under (no value)" in result.stderr)
    assert "no case" not in result.stderr.replace("(qualcode cases", "")
    assert runner.invoke(app, ["cases", "unlink", "interview-a", "--project", str(folder)]).exit_code == 0
    result = run("frequencies", "--coder", "anna", "--by", "fase", "--project", str(folder))
    assert ("warning: 1 of 3 coded documents has no case, 1 has a case without a value for fase: counted under "
            "(no value)") in result.stderr
    result = run("frequencies", "--coder", "anna", "--by", "ervaring", "--project", str(folder))
    assert "warning: 1 of 3 coded documents has no case: counted under (no value)" in result.stderr
