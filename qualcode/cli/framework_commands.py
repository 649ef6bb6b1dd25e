"""``qualcode framework show|summary``: the framework matrix's cells and the summaries written in them."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, emit_rows, fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _

framework_app = typer.Typer(help=_("The framework matrix: codes × cases, with a summary per cell."), no_args_is_help=True)
app.add_typer(framework_app, name="framework")


@framework_app.command("show", help=_("One row per code and case: group, code, case, segments, summary."))
def show(
    coder: list[str] = typer.Option(None, "--coder", help=_("Only this coder's segments (repeatable).")),
    output: OutputFormat = FORMAT_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.analysis.comparison import framework_matrix
    from qualcode.analysis.matrix_files import distinct_passages
    from qualcode.domain.retrieval import RetrievalFilters

    store = open_store(project)
    try:
        matrix = framework_matrix(store, filters=RetrievalFilters(coders=tuple(coder) if coder else None))
    except ProjectError as error:
        raise fail(str(error)) from None
    rows = []
    for group, code_indexes in matrix.groups:
        for index in code_indexes:
            for case_index, (_case_id, label) in enumerate(matrix.cases):
                cell = matrix.cells[(index, case_index)]
                rows.append({"group": group, "code": matrix.codes[index][1], "case": label,
                             "segments": len(distinct_passages(cell.segments)), "summary": cell.summary})
    emit_rows(rows, ("group", "code", "case", "segments", "summary"), output)


@framework_app.command("summary", help=_("Print or write the summary of CODE for CASE."))
def summary(
    code: str = typer.Argument(..., help=_("The code id (belemmerend/gebrek-aan-vertrouwen).")),
    case: str = typer.Argument(..., help=_("The case label (R1).")),
    text: str = typer.Argument(None, help=_("The summary; an empty string deletes it; left out: print it.")),
    coder: str = typer.Option(None, "--coder", help=_("Who writes it (their undo in the workbench takes it back).")),
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.storage.cases import list_cases
    from qualcode.storage.codebook_store import load_codebook
    from qualcode.storage.coders import get_coder
    from qualcode.storage.framework_summaries import framework_summaries, set_framework_summary

    store = open_store(project)
    try:
        found = load_codebook(store).code_by_key(code)
        if found is None:
            raise ProjectError(f"no code {code!r} in the codebook")
        cases = {item.label: item.id for item in list_cases(store)}
        if case not in cases:
            raise ProjectError(f"no case {case!r} (cases: {', '.join(sorted(cases)) or 'none yet'})")
        if text is None:
            typer.echo(framework_summaries(store).get((found.id, cases[case]), ""))
            return
        coder_id = get_coder(store, coder).id if coder else None
        stored = set_framework_summary(store, coder_id=coder_id, code_id=found.id, case_id=cases[case], text=text)
    except ProjectError as error:
        raise fail(str(error)) from None
    inform(_("Summary of {code} for {case} {value}").format(
        code=code, case=case, value='written' if stored else 'deleted'))
