"""``qualcode doctor``, ``suggest`` and ``evaluate-suggestions`` as a user runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.nlp.pipeline_loader import MODEL_ENV_VAR
from qualcode.nlp.project_suggestions import evaluate_coder
from qualcode.project_setup import set_up_copy
from qualcode.nlp.pipeline_loader import load_pipeline
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import add_coder
from qualcode.storage.codings import NewCoding, add_coding
from qualcode.storage.documents import get_document
from tests.nlp.learning_project import learning_project, respondent_turns
from tests.project_factory import small_project

runner = CliRunner()


def test_doctor_names_the_pipeline_vectors_and_install_commands(vector_pipeline_path, tmp_path, monkeypatch):
    monkeypatch.setenv(MODEL_ENV_VAR, str(vector_pipeline_path))
    result = runner.invoke(app, ["doctor", "--project", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"pipeline:    {vector_pipeline_path}\n" in result.stdout
    assert "vectors:     yes (12 words, 4 dimensions)" in result.stdout
    assert "uv add https://github.com/explosion/spacy-models/releases/download/nl_core_news_lg-3.8.0/" \
           "nl_core_news_lg-3.8.0-py3-none-any.whl" in result.stdout
    assert "hint:" not in result.stdout


def test_doctor_offline(no_models_installed, tmp_path, monkeypatch):
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    result = runner.invoke(app, ["doctor", "--project", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "pipeline:    offline (offline: no model installed)" in result.stdout
    assert "vectors:     no" in result.stdout
    assert "hint:        offline NLP: install nl_core_news_lg" in result.stdout


def test_suggest_prints_rows_as_json(tmp_path, no_models_installed, monkeypatch):
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    store = small_project(tmp_path / "p")
    add_coder(store, "eva")
    result = runner.invoke(app, ["suggest", "interview", "--top", "1", "--format", "json",
                                 "--project", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    text = get_document(store, "interview").text
    rows = json.loads(result.stdout)
    assert [{key: row[key] for key in ("segment", "start", "end", "code")} for row in rows] == [
        {"segment": 1, "start": text.index("Het vertrouwen"), "end": len(text) - 1,
         "code": "belemmerend/gebrek-aan-vertrouwen"}]
    assert rows[0]["reason"].startswith("indicator words: vertrouwen; like the code's description (")
    assert "learned from 0 coded passages" in result.stderr


def test_suggest_shows_each_turn_with_its_number_time_speaker_and_opening_words(tmp_path, no_models_installed,
                                                                               monkeypatch):
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    root = Path(__file__).resolve().parents[2]
    set_up_copy(root / "tests" / "data" / "heldout", tmp_path / "p", codebooks=root / "codebooks")[0].close()
    arguments = ["suggest", "interview-h3-huisarts-neurologie", "--coder", "heldout", "--project", str(tmp_path / "p")]
    result = runner.invoke(app, [*arguments, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert list(rows[0]) == ["segment", "time", "speaker", "text", "start", "end", "code", "score", "reason"]
    assert all(len(row["text"]) <= 71 and row["reason"] for row in rows)
    shown = re.search(r"(\d+) of (\d+) respondent turns have a suggestion: shown from score 0\.\d\d", result.stderr)
    assert shown and int(shown[1]) == len({row["segment"] for row in rows}) < int(shown[2])

    table = runner.invoke(app, arguments)
    first = rows[0]
    place = " · ".join(part for part in (f"turn {first['segment']}", first["time"], first["speaker"]) if part)
    assert f"{place}  “{first['text']}”" in table.stdout
    assert f"  {first['score']:.2f}  {first['code']}\n" in table.stdout
    assert str(first["start"]) not in table.stdout.split("\n", 2)[1]      # no bare offsets in the heading


def test_suggest_errors_go_to_stderr_with_exit_1(tmp_path):
    small_project(tmp_path / "p")
    result = runner.invoke(app, ["suggest", "nope", "--project", str(tmp_path / "p")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "error: no document 'nope' (documents: interview)" in result.stderr
    result = runner.invoke(app, ["suggest", "interview", "--unit", "page", "--project", str(tmp_path / "p")])
    assert result.exit_code == 1 and "--unit must be turn, paragraph or sentence" in result.stderr


def test_evaluate_suggestions_leaves_each_document_out(tmp_path, no_models_installed, monkeypatch):
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    store, documents, eva_id = learning_project(tmp_path / "p")
    result = runner.invoke(app, ["evaluate-suggestions", "--format", "json", "--project", str(tmp_path / "p")])
    assert result.exit_code == 1 and "at least two documents; this coder has 1" in result.stderr
    add_coder(store, "daan")
    result = runner.invoke(app, ["evaluate-suggestions", "--project", str(tmp_path / "p")])
    assert result.exit_code == 1 and "pass --coder NAME (coders: daan, eva)" in result.stderr

    b_id, b_codes = documents["b"]
    code_ids = {code.key: code.id for code in load_codebook(store).codes}
    for segment, code_key in zip(respondent_turns(store, b_id), b_codes, strict=True):
        add_coding(store, NewCoding(document_id=b_id, code_id=code_ids[code_key], coder_id=eva_id,
                                    start=segment.start, end=segment.end))
    result = runner.invoke(app, ["evaluate-suggestions", "--coder", "eva", "--format", "json",
                                 "--project", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert "2 documents, 60 coded respondent turns, pipeline offline" in result.stderr
    assert list(rows[0]) == ["code", "turns", "cold_top1", "cold_precision_at_1", "cold_recall_at_3",
                             "warm_top1", "warm_precision_at_1", "warm_recall_at_3"]
    assert [(row["code"], row["turns"]) for row in rows] == [
        *((key, 12) for key in code_ids), ("(overall)", 60)]
    report = evaluate_coder(store, load_pipeline(None, environ={}), eva_id)
    for name in ("cold", "warm"):
        overall = getattr(report, name).overall
        assert rows[-1][f"{name}_precision_at_1"] == round(overall.precision_at_1, 3)
        assert rows[-1][f"{name}_recall_at_3"] == round(overall.recall_at_3, 3)


def test_evaluate_suggestions_on_a_folder_of_coded_interviews(tmp_path, no_models_installed, monkeypatch):
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    root = Path(__file__).resolve().parents[2]
    result = runner.invoke(app, ["evaluate-suggestions", "--folder", str(root / "tests" / "data" / "tuning"),
                                 "--format", "json", "--project", str(root)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[-1]["code"] == "(overall)" and rows[-1]["turns"] == 71
    assert "8 documents, 71 coded respondent turns" in result.stderr
    assert ("with a threshold calibrated on the other documents: a suggestion on 51 of 71 coded turns (top code "
            "right on 45) and on 3 of 18 uncoded respondent turns") in result.stderr
    assert not (root / "tests" / "data" / "tuning" / "qualcode.db").exists()


def test_evaluate_suggestions_on_a_folder_without_transcripts_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["evaluate-suggestions", "--folder", str(tmp_path / "empty"),
                                 "--project", str(tmp_path)])
    assert result.exit_code == 1
    empty = tmp_path / "empty"
    assert result.stderr.strip() == f"error: cannot set up {empty}: {empty} has no transcripts/ folder"
