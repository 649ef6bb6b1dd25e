"""``qualcode doctor``, ``qualcode suggest`` and ``qualcode evaluate-suggestions``.

spaCy loads only inside these commands (``qualcode.nlp`` is imported lazily), so the rest of
the CLI and the TUI start without it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from qualcode.cli import app
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, emit_rows, fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.domain.models import Unit
from qualcode.storage.errors import ProjectError

if TYPE_CHECKING:
    from qualcode.nlp.evaluation import CodeScore
    from qualcode.storage.project_store import ProjectStore

UNITS = ("turn", "paragraph", "sentence")
CODER_OPTION = typer.Option(None, "--coder", help="Whose codings to learn from (default: the only coder, if one).")


def _unit(unit: str) -> Unit:
    if unit not in UNITS:
        raise fail(f"--unit must be turn, paragraph or sentence, not {unit!r}")
    return unit  # type: ignore[return-value]


def _coder_id(store: ProjectStore, name: str | None, *, required: bool) -> int | None:
    from qualcode.storage.coders import list_coders
    coders = list_coders(store)
    if name:
        match = [coder for coder in coders if coder.name == name]
        if not match:
            raise fail(f"no coder named {name!r} (coders: {', '.join(c.name for c in coders) or 'none yet'})")
        return match[0].id
    if len(coders) == 1:
        inform(f"coder: {coders[0].name}")
        return coders[0].id
    if required:
        raise fail(f"pass --coder NAME (coders: {', '.join(c.name for c in coders) or 'none yet'})")
    return None


@app.command()
def doctor(project: Path = PROJECT_OPTION) -> None:
    """Which NLP pipeline is active, its version, word vectors, and how to install nl_core_news_lg."""
    from qualcode.storage.project_store import DATABASE_NAME, open_project
    from qualcode.storage.settings import get_setting
    from qualcode.nlp.model_install import install_commands
    from qualcode.nlp.pipeline_loader import MODEL_ENV_VAR, PIPELINE_SETTING, load_pipeline

    setting = None
    if isinstance(project, str) or (project / DATABASE_NAME).exists():  # a URL, or a folder with a project
        try:
            store = open_project(project)
            setting = get_setting(store, PIPELINE_SETTING)
            store.close()
        except ProjectError as error:
            inform(f"warning: {error}")
    info = load_pipeline(setting).info
    typer.echo(f"pipeline:    {info.name}" + (" (offline: no model installed)" if info.offline else ""))
    typer.echo(f"version:     {info.version}")
    typer.echo(f"spaCy:       {info.spacy_version}")
    typer.echo(f"loaded from: {info.source}")
    typer.echo(f"components:  {', '.join(info.components)}"
               + (f" (added by qualcode: {', '.join(info.added_components)})" if info.added_components else ""))
    vectors = f"yes ({info.vector_keys} words, {info.vector_width} dimensions)" if info.has_vectors else "no"
    typer.echo(f"vectors:     {vectors}")
    typer.echo(f"setting:     {PIPELINE_SETTING} = {setting or '(not set)'}; {MODEL_ENV_VAR} = "
               f"{os.environ.get(MODEL_ENV_VAR) or '(not set)'}")
    for message in info.messages:
        typer.echo(f"skipped:     {message}")
    if info.hint:
        typer.echo(f"hint:        {info.hint}")
    typer.echo("\nTo install nl_core_news_lg on a machine with internet (about 550 MB), in the project's environment:")
    for label, command in install_commands(info.spacy_version):
        typer.echo(f"  {label}:\n    {command}")


@app.command()
def suggest(
    document: str = typer.Argument(..., help="Document name or id."),
    top: int = typer.Option(3, "--top", min=1, help="Suggestions per segment."),
    unit: str = typer.Option("turn", "--unit", help="turn, paragraph or sentence."),
    coder: str = CODER_OPTION,
    output: OutputFormat = FORMAT_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    """Suggested codes for every segment of DOCUMENT: segment, start, end, code, score, reason."""
    chosen = _unit(unit)
    store = open_store(project)
    from qualcode.nlp.project_suggestions import load_project_pipeline, open_suggester, suggest_document
    from qualcode.storage.documents import document_segments, get_document

    try:
        stored = get_document(store, document)
        coder_id = _coder_id(store, coder, required=False)
        pipeline = load_project_pipeline(store)
        if pipeline.info.hint:
            inform(pipeline.info.hint)
        suggester = open_suggester(store, pipeline, coder_id)
        if suggester.examples is not None and coder_id is not None:
            inform(f"learned from {suggester.examples.examples} coded passages"
                   + (f"; shown from score {suggester.calibration.threshold:.2f}" if suggester.calibration else ""))
        results = suggest_document(store, suggester, stored, chosen, coder_id)
        indexes = {(segment.start, segment.end): segment.index
                   for segment in document_segments(store, stored.id, chosen)}
    except ProjectError as error:
        raise fail(str(error)) from None
    rows = [
        {"segment": indexes[(result.start, result.end)], "start": result.start, "end": result.end, "code": suggestion.code_key,
         "score": round(suggestion.score, 3), "reason": suggestion.reason}
        for result in results
        for suggestion in result.suggestions[:top]
    ]
    emit_rows(rows, ["segment", "start", "end", "code", "score", "reason"], output)


EVALUATION_COLUMNS = ["code", "turns", "cold_top1", "cold_precision_at_1", "cold_recall_at_3",
                      "warm_top1", "warm_precision_at_1", "warm_recall_at_3"]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _evaluation_row(code_key: str, cold: CodeScore | None, warm: CodeScore | None,
                    turns: int | None = None) -> dict[str, object]:
    """One row of the table: a code that was never coded nor top in one of the two has no figures there."""
    row: dict[str, object] = {"code": code_key, "turns": turns if turns is not None else (cold or warm).coded}
    for name, score in (("cold", cold), ("warm", warm)):
        row[f"{name}_top1"] = score.top1 if score else 0
        row[f"{name}_precision_at_1"] = _rounded(score.precision_at_1) if score else None
        row[f"{name}_recall_at_3"] = _rounded(score.recall_at_3) if score else None
    return row


@app.command("evaluate-suggestions")
def evaluate_suggestions(
    coder: str = CODER_OPTION,
    unit: str = typer.Option("turn", "--unit", help="turn, paragraph or sentence."),
    folder: Path | None = typer.Option(
        None, "--folder", help="Measure on a folder of coded interviews (transcripts/, codings in "
        "transcripts/codings/) set up in a temporary project, with this project's codebooks when it has none."),
    output: OutputFormat = FORMAT_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    """Leave-one-document-out on respondent turns: precision@1 and recall@3 from the codebook alone (cold)
    and learning from the coder's other documents (warm), per code and pooled.

    turns: per code, the turns coded with it; pooled, the coded turns. top1: how often it was the top suggestion.
    """
    from qualcode.nlp.evaluation import OVERALL

    chosen = _unit(unit)
    with tempfile.TemporaryDirectory(prefix="qualcode-evaluation-") as scratch:
        if folder is not None:
            from qualcode.project_setup import set_up_copy

            try:
                store, _ = set_up_copy(folder, Path(scratch) / "project", codebooks=None if isinstance(project, str) else project / "codebooks")
            except (OSError, ProjectError) as error:
                raise fail(f"cannot set up {folder}: {error}") from None
        else:
            store = open_store(project)
        from qualcode.nlp.project_suggestions import evaluate_coder, load_project_pipeline

        try:
            coder_id = _coder_id(store, coder, required=True)
            pipeline = load_project_pipeline(store)
            report = evaluate_coder(store, pipeline, coder_id, chosen)
        except ProjectError as error:
            raise fail(str(error)) from None
        finally:
            if folder is not None:
                store.close()
    inform(f"{report.warm.documents} documents, {report.warm.segments} coded respondent {chosen}s, "
           f"pipeline {pipeline.info.name}")
    cold_by_code = {score.code_key: score for score in (*report.cold.per_code, report.cold.overall)}
    warm_by_code = {score.code_key: score for score in (*report.warm.per_code, report.warm.overall)}
    rows = []
    for code_key in dict.fromkeys([*cold_by_code, *warm_by_code]):
        if code_key == OVERALL:
            continue
        rows.append(_evaluation_row(code_key, cold_by_code.get(code_key), warm_by_code.get(code_key)))
    rows.append(_evaluation_row(OVERALL, report.cold.overall, report.warm.overall, turns=report.warm.segments))
    emit_rows(rows, EVALUATION_COLUMNS, output, title="leave-one-document-out: cold (codebook only) and warm (learned)")
