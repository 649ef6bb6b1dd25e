"""``qualcode search`` names each hit by document, turn and time, as the workbench does, never by line number."""

import json

from typer.testing import CliRunner

from qualcode.cli import app

runner = CliRunner()

INTERVIEW = (
    "I: [00:00:05] Hoe begon het?\n"
    "R: [00:01:10] Nou, kijk, het vertrouwen was er niet.\nDat kwam later pas.\n"
    "I: [00:03:00] En het geld?\n"
    "R: [00:03:12] Daar hebben we lang over gepraat, ook over vertrouwen.\n"
)


def test_search_gives_the_turn_and_its_time(tmp_path):
    folder = tmp_path / "project"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    (tmp_path / "interview-01.txt").write_text(INTERVIEW, encoding="utf-8")
    assert runner.invoke(app, ["import", str(tmp_path / "interview-01.txt"), "-p", str(folder)]).exit_code == 0
    result = runner.invoke(app, ["search", "Vertrouwen", "-f", "json", "-p", str(folder)])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert [(hit["document"], hit["turn"], hit["time"]) for hit in hits] == [
        ("interview-01", 2, "00:01:10"), ("interview-01", 4, "00:03:12")]
    assert hits[0]["text"].endswith("het [vertrouwen] was er niet.")
    assert "2 hits" in result.stderr
    table = runner.invoke(app, ["search", "lang over", "-p", str(folder)]).stdout
    assert "interview-01" in table and "00:03:12" in table
    assert runner.invoke(app, ["search", "  ", "-p", str(folder)]).exit_code == 1
