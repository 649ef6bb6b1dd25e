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

from qualcode.cli.command_groups import app
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, emit_rows, fail, inform, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.domain.language import _
from qualcode.domain.models import Unit
from qualcode.storage.errors import ProjectError

if TYPE_CHECKING:
    from qualcode.nlp.evaluation import CodeScore
    from qualcode.storage.project_store import ProjectStore

UNITS = ("turn", "paragraph", "sentence")
CODER_OPTION = typer.Option(None, "--coder", help=_("Whose codings to learn from (default: the only coder, if one)."))


def _unit(unit: str) -> Unit:
    if unit not in UNITS:
        raise fail(_("--unit must be turn, paragraph or sentence, not {unit!r}").format(unit=unit))
    return unit  # type: ignore[return-value]


def _coder_id(store: ProjectStore, name: str | None, *, required: bool) -> int | None:
    from qualcode.storage.coders import list_coders
    coders = list_coders(store)
    if name:
        match = [coder for coder in coders if coder.name == name]
        if not match:
            raise fail(_("no coder named {name!r} (coders: {value})").format(
                name=name, value=', '.join(c.name for c in coders) or 'none yet'))
        return match[0].id
    if len(coders) == 1:
        inform(_("coder: {name}").format(name=coders[0].name))
        return coders[0].id
    if required:
        raise fail(_("pass --coder NAME (coders: {value})").format(
            value=', '.join(c.name for c in coders) or 'none yet'))
    return None


@app.command(help=_("Which NLP pipeline is active, its version, word vectors, and how to install nl_core_news_lg."))
def doctor(project: Path = PROJECT_OPTION) -> None:
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
            inform(_("warning: {error}").format(error=error))
    info = load_pipeline(setting).info
    typer.echo(_("pipeline:    {name}").format(name=info.name) + (_(" (offline: no model installed)") if info.offline else ""))
    typer.echo(_("version:     {version}").format(version=info.version))
    typer.echo(_("spaCy:       {spacy_version}").format(spacy_version=info.spacy_version))
    typer.echo(_("loaded from: {source}").format(source=info.source))
    added = (_(" (added by qualcode: {components})").format(components=", ".join(info.added_components))
             if info.added_components else "")
    typer.echo(_("components:  {components}").format(components=", ".join(info.components)) + added)
    vectors = (_("yes ({words} words, {dimensions} dimensions)").format(words=info.vector_keys,
                                                                        dimensions=info.vector_width)
               if info.has_vectors else _("no"))
    typer.echo(_("vectors:     {vectors}").format(vectors=vectors))
    not_set = _("(not set)")
    typer.echo(_("setting:     {setting} = {value}; {variable} = {variable_value}").format(
        setting=PIPELINE_SETTING, value=setting or not_set, variable=MODEL_ENV_VAR,
        variable_value=os.environ.get(MODEL_ENV_VAR) or not_set))
    for message in info.messages:
        typer.echo(_("skipped:     {message}").format(message=message))
    if info.hint:
        typer.echo(_("hint:        {hint}").format(hint=info.hint))
    typer.echo(_("\nTo install nl_core_news_lg on a machine with internet (about 550 MB), in the project's environment:"))
    for label, command in install_commands(info.spacy_version):
        typer.echo(f"  {label}:\n    {command}")


SUGGESTION_COLUMNS = ["segment", "time", "speaker", "text", "start", "end", "code", "score", "reason"]
TEXT_SHOWN = 70


def _text_start(text: str, length: int = TEXT_SHOWN) -> str:
    """The start of a segment's text on one line, cut at a word with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= length:
        return line
    return line[:length].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@app.command(help=_("Suggested codes for DOCUMENT's respondent segments: each segment's number, time, speaker and "
                    "opening words, then the codes with their score and the reasons to check (the table groups "
                    "them per segment)."))
def suggest(
    document: str = typer.Argument(..., help=_("Document name or id.")),
    top: int = typer.Option(3, "--top", min=1, help=_("Suggestions per segment.")),
    unit: str = typer.Option("turn", "--unit", help=_("turn, paragraph or sentence.")),
    coder: str = CODER_OPTION,
    output: OutputFormat = FORMAT_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    chosen = _unit(unit)
    store = open_store(project)
    from qualcode.domain.turn_time import clock_text
    from qualcode.nlp.project_suggestions import load_project_pipeline, open_suggester, suggest_document
    from qualcode.storage.documents import document_segments, get_document

    try:
        stored = get_document(store, document)
        coder_id = _coder_id(store, coder, required=False)
        pipeline = load_project_pipeline(store)
        if pipeline.info.hint:
            inform(pipeline.info.hint)
        suggester = open_suggester(store, pipeline, coder_id)
        results = suggest_document(store, suggester, stored, chosen, coder_id)
        segments = {(segment.start, segment.end): segment for segment in document_segments(store, stored.id, chosen)}
    except ProjectError as error:
        raise fail(str(error)) from None
    if suggester.examples is not None and coder_id is not None:
        inform(_("learned from {count} coded passages").format(count=suggester.examples.examples))
    with_suggestions = sum(1 for result in results if result.suggestions)
    if suggester.calibration is not None:
        inform(_("{shown} of {total} respondent {unit}s have a suggestion: shown from score {threshold:.2f}, below "
                 "which suggestions like these were right less than half the time").format(
            shown=with_suggestions, total=len(results), unit=chosen, threshold=suggester.calibration.threshold))
    else:
        inform(_("{shown} of {total} respondent {unit}s have a suggestion (no threshold yet: it is calibrated once "
                 "you have coded two documents)").format(shown=with_suggestions, total=len(results), unit=chosen))
    rows = []
    for result in results:
        segment = segments[(result.start, result.end)]
        text = stored.text[result.start:result.end]
        for suggestion in result.suggestions[:top]:
            rows.append({"segment": segment.index, "time": clock_text(segment.start_time),
                         "speaker": segment.speaker, "text": _text_start(text), "start": result.start,
                         "end": result.end, "code": suggestion.code_key, "score": round(suggestion.score, 3),
                         "reason": suggestion.reason})
    if output is not OutputFormat.table:
        emit_rows(rows, SUGGESTION_COLUMNS, output)
        return
    shown_segment = None
    for row in rows:
        if row["segment"] != shown_segment:
            shown_segment = row["segment"]
            place = " · ".join(part for part in (f"{chosen} {row['segment']}", row["time"], row["speaker"]) if part)
            say(f"\n{place}  “{row['text']}”")
        say(f"  {row['score']:.2f}  {row['code']}")
        for reason in row["reason"].split("; "):
            say(f"        {reason}")


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


@app.command("evaluate-suggestions", help=_("Leave-one-document-out on respondent turns: precision@1 and recall@3 from the codebook alone (cold)\n"
                                            "and learning from the coder's other documents (warm), per code and pooled.\n"
                                            "\n"
                                            "turns: per code, the turns coded with it; pooled, the coded turns. top1: how often it was the top suggestion."))
def evaluate_suggestions(
    coder: str = CODER_OPTION,
    unit: str = typer.Option("turn", "--unit", help=_("turn, paragraph or sentence.")),
    folder: Path | None = typer.Option(
        None, "--folder", help=_("Measure on a folder of coded interviews (transcripts/, codings in "
        "transcripts/codings/) set up in a temporary project, with this project's codebooks when it has none.")),
    documents: list[str] = typer.Option(
        None, "--documents", "-d", show_default=False, metavar="NAME",
        help=_("Score only these documents, by name or id (repeat or use commas), each still learning from every "
               "other coded document of the coder.")),
    output: OutputFormat = FORMAT_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.nlp.evaluation import OVERALL

    chosen = _unit(unit)
    named = [part.strip() for value in documents or [] for part in value.split(",") if part.strip()] or None
    with tempfile.TemporaryDirectory(prefix="qualcode-evaluation-") as scratch:
        if folder is not None:
            from qualcode.project_setup import set_up_copy

            try:
                codebooks = None if isinstance(project, str) else project / "codebooks"
                store = set_up_copy(folder, Path(scratch) / "project", codebooks=codebooks)[0]
            except (OSError, ProjectError) as error:
                raise fail(_("cannot set up {folder}: {error}").format(folder=folder, error=error)) from None
        else:
            store = open_store(project)
        from qualcode.nlp.project_suggestions import evaluate_coder, load_project_pipeline

        try:
            coder_id = _coder_id(store, coder, required=True)
            pipeline = load_project_pipeline(store)
            report = evaluate_coder(store, pipeline, coder_id, chosen, documents=named)
        except ProjectError as error:
            raise fail(str(error)) from None
        finally:
            if folder is not None:
                store.close()
    if named is None:
        inform(_("{documents} documents, {segments} coded respondent {chosen}s, pipeline {name}").format(
            documents=report.warm.documents, segments=report.warm.segments, chosen=chosen, name=pipeline.info.name))
    else:
        inform(_("{documents} of {coded} coded documents scored, each learning from the other {others}; "
                 "{segments} coded respondent {chosen}s, pipeline {name}").format(
            documents=report.warm.documents, coded=report.coded_documents, others=report.coded_documents - 1,
            segments=report.warm.segments, chosen=chosen, name=pipeline.info.name))
    if report.abstain is not None:
        shown = report.abstain
        inform(_("with a threshold calibrated on the other documents: a suggestion on {coded_shown} of {coded} coded "
                 "{unit}s (top code right on {right}) and on {uncoded_shown} of {uncoded} uncoded respondent {unit}s"
                 ).format(coded_shown=shown.coded_shown, coded=shown.coded, right=shown.shown_right,
                          uncoded_shown=shown.uncoded_shown, uncoded=shown.uncoded, unit=chosen))
    cold_by_code = {score.code_key: score for score in (*report.cold.per_code, report.cold.overall)}
    warm_by_code = {score.code_key: score for score in (*report.warm.per_code, report.warm.overall)}
    rows = []
    for code_key in dict.fromkeys([*cold_by_code, *warm_by_code]):
        if code_key == OVERALL:
            continue
        rows.append(_evaluation_row(code_key, cold_by_code.get(code_key), warm_by_code.get(code_key)))
    rows.append(_evaluation_row(OVERALL, report.cold.overall, report.warm.overall, turns=report.warm.segments))
    emit_rows(rows, EVALUATION_COLUMNS, output, title=_("leave-one-document-out: cold (codebook only) and warm (learned)"))
