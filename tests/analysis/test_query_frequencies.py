"""A saved query stands where a code stands in ``export frequencies`` (frequencies-queries.csv)."""

from __future__ import annotations

import csv

from typer.testing import CliRunner

from qualcode.analysis.query_frequencies import query_frequency_rows
from qualcode.cli import app
from qualcode.export.frequencies import code_frequencies
from qualcode.storage.saved_queries import save_query
from tests.analysis.coded_project import GELD, VERTROUWEN

runner = CliRunner()


def test_a_query_of_one_code_counts_as_that_code(project):
    save_query(project, "vertrouwen", VERTROUWEN)
    save_query(project, "geld-per-alinea", GELD)
    report = code_frequencies(project, unit="paragraph")
    for name, key in (("vertrouwen", VERTROUWEN), ("geld-per-alinea", GELD)):
        expected = sorted((r.document, r.case, r.coder, r.codings, r.units_coded, r.words_coded)
                          for r in report.rows if r.code == key and r.codings)
        found = sorted((row[0], row[1], row[2], row[5], row[6], row[7])
                       for row in query_frequency_rows(project, [name], unit="paragraph"))
        assert found == expected


def test_the_frequencies_command_writes_the_queries_table(project):
    save_query(project, "samen", f"{VERTROUWEN} AND {GELD}")
    result = runner.invoke(app, ["export", "frequencies", "--all-coders", "--query", "samen", "--unit", "turn",
                                 "--project", str(project.folder)])
    assert result.exit_code == 0, result.output
    with open(project.folder / "exports" / "frequencies-queries.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["document", "case", "coder", "group", "code", "codings", "units_coded", "words_coded"]
    assert rows[1:] == []                       # the two codes never overlap in one passage
    refused = runner.invoke(app, ["export", "frequencies", "--all-coders", "--query", "nee",
                                  "--project", str(project.folder)])
    assert refused.exit_code == 1 and "no saved query 'nee' (saved queries: samen)" in refused.stderr
