"""``evaluate-suggestions --documents``: scoring only some documents, each learning from all the others."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.nlp.pipeline_loader import MODEL_ENV_VAR
from qualcode.nlp.project_suggestions import ColdWarmReport, evaluate_coder
from qualcode.project_setup import set_up_copy
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.codings import NewCoding, add_coding
from qualcode.storage.coders import list_coders
from qualcode.storage.documents import get_document
from qualcode.storage.errors import NotFoundError
from tests.nlp.learning_project import learning_project, respondent_turns

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "data" / "heldout"
H1, H2, H3, H4 = ("interview-h1-orthopedie-manager", "interview-h2-mdl-verpleegkundig-specialist",
                  "interview-h3-huisarts-neurologie", "interview-h4-kno-samenvattend")
runner = CliRunner()


@pytest.fixture(scope="module")
def heldout(tmp_path_factory):
    folder = tmp_path_factory.mktemp("heldout") / "project"
    store, _ = set_up_copy(HELDOUT, folder, codebooks=ROOT / "codebooks")
    coder = next(coder for coder in list_coders(store) if coder.name == "heldout")
    yield store, coder.id, folder
    store.close()


def counts(report: ColdWarmReport) -> Counter:
    """Every count in the report, keyed by (cold or warm, code, measure), its segments and what the threshold showed."""
    found: Counter = Counter()
    for name in ("cold", "warm"):
        part = getattr(report, name)
        found[(name, "segments")] += part.segments
        for score in (*part.per_code, part.overall):
            for measure in ("top1", "top1_correct", "coded", "found_in_top3"):
                found[(name, score.code_key, measure)] += getattr(score, measure)
    for measure in ("coded", "coded_shown", "shown_right", "uncoded", "uncoded_shown"):
        found[("abstain", measure)] += getattr(report.abstain, measure)
    return +found


def test_disjoint_subsets_add_up_to_the_full_run(heldout, offline_pipeline):
    store, coder_id, _ = heldout
    full = evaluate_coder(store, offline_pipeline, coder_id)
    first = evaluate_coder(store, offline_pipeline, coder_id, documents=[H3, H1])
    h2_id = get_document(store, H2).id
    second = evaluate_coder(store, offline_pipeline, coder_id, documents=[str(h2_id), H4, H4])  # an id; twice is once

    assert counts(first) + counts(second) == counts(full)
    assert (first.warm.documents, second.warm.documents, full.warm.documents) == (2, 2, 4)
    assert first.coded_documents == second.coded_documents == full.coded_documents == 4
    assert first.warm.segments and second.warm.segments


def test_the_command_scores_the_named_documents_and_says_what_it_learned_from(heldout, no_models_installed,
                                                                            monkeypatch, offline_pipeline):
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    store, coder_id, folder = heldout
    report = evaluate_coder(store, offline_pipeline, coder_id, documents=[H1, H2])
    result = runner.invoke(app, ["evaluate-suggestions", "--documents", f"{H1}, {H2}", "--format", "json",
                                 "--project", str(folder)])
    assert result.exit_code == 0, result.output
    assert (f"2 of 4 coded documents scored, each learning from the other 3; {report.warm.segments} coded "
            "respondent turns, pipeline offline") in result.stderr
    overall = json.loads(result.stdout)[-1]
    assert (overall["code"], overall["turns"]) == ("(overall)", report.warm.segments)
    assert overall["warm_precision_at_1"] == round(report.warm.overall.precision_at_1, 3)
    repeated = runner.invoke(app, ["evaluate-suggestions", "-d", H1, "-d", H2, "--format", "json",
                                   "--project", str(folder)])
    assert repeated.exit_code == 0 and repeated.stdout == result.stdout


def test_a_wrong_document_name_is_one_line_and_scores_nothing(heldout, no_models_installed, monkeypatch):
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    _, _, folder = heldout
    result = runner.invoke(app, ["evaluate-suggestions", "--documents", f"{H1},interview-h9", "--project", str(folder)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"error: no document 'interview-h9' (documents: {H1}, {H2}, {H3}, {H4})")
    assert len([line for line in result.stderr.splitlines() if line.startswith("error")]) == 1


def test_a_document_the_coder_has_not_coded_is_refused(tmp_path, offline_pipeline, no_models_installed, monkeypatch):
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    store, documents, eva_id = learning_project(tmp_path / "p")
    b_id, b_codes = documents["b"]
    code_ids = {code.key: code.id for code in load_codebook(store).codes}
    for segment, code_key in zip(respondent_turns(store, b_id), b_codes, strict=True):
        add_coding(store, NewCoding(document_id=b_id, code_id=code_ids[code_key], coder_id=eva_id,
                                    start=segment.start, end=segment.end))
    with pytest.raises(NotFoundError, match="^the coder has no codings in 'c': nothing to score there$"):
        evaluate_coder(store, offline_pipeline, eva_id, documents=["b", "c"])
    result = runner.invoke(app, ["evaluate-suggestions", "--coder", "eva", "-d", "c", "--project", str(tmp_path / "p")])
    assert result.exit_code == 1
    assert result.stderr == "error: the coder has no codings in 'c': nothing to score there\n"
