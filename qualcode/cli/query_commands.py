"""``qualcode queries save|list|run|delete``: code queries kept in the project under a name."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, emit_rows, fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.cli.retrieve_command import (
    ALL_ROLES_OPTION, CODER_OPTION, CONTEXT_OPTION, DOCUMENT_OPTION, EXCEL_NL_OPTION, RETRIEVE_FORMAT_OPTION,
    RETRIEVE_OUTPUT_OPTION, UNIT_OPTION, WHERE_OPTION, RetrieveFormat, RetrieveUnit, retrieve,
)
from qualcode.domain.code_query import QueryError
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _

queries_app = typer.Typer(help=_("Saved code queries: use one as @NAME wherever a code may stand."),
                          no_args_is_help=True)
app.add_typer(queries_app, name="queries")


@queries_app.command("save", help=_("Save QUERY as NAME (replacing a saved query of that name) once it runs on this project."))
def save(
    name: str = typer.Argument(..., help=_("The name; other queries refer to it as @NAME.")),
    query: str = typer.Argument(..., help=_("The code query.")),
    description: str = typer.Option("", "--description", "-d", help=_("What the query is for.")),
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.analysis.retrieval import check_query
    from qualcode.storage.saved_queries import save_query

    store = open_store(project)
    try:
        check_query(store, query)
        saved = save_query(store, name, query, description)
    except (QueryError, ProjectError) as error:
        raise fail(str(error)) from None
    inform(_("Saved @{name}: {text}").format(name=saved.name, text=saved.text))


@queries_app.command("list", help=_("The saved queries: name, query, description."))
def list_queries(output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION) -> None:
    from qualcode.storage.saved_queries import list_saved_queries

    store = open_store(project)
    rows = [{"name": q.name, "query": q.text, "description": q.description} for q in list_saved_queries(store)]
    emit_rows(rows, ("name", "query", "description"), output)


@queries_app.command("delete", help=_("Delete a saved query."))
def delete(name: str = typer.Argument(..., help=_("The saved query's name.")), project: Path = PROJECT_OPTION) -> None:
    from qualcode.storage.saved_queries import delete_saved_query

    store = open_store(project)
    try:
        delete_saved_query(store, name.removeprefix("@"))
    except ProjectError as error:
        raise fail(str(error)) from None
    inform(_("Deleted @{value}").format(value=name.removeprefix('@')))


@queries_app.command("run", help=_("Run a saved query: the same as 'qualcode retrieve @NAME'."))
def run(
    name: str = typer.Argument(..., help=_("The saved query's name.")),
    unit: RetrieveUnit = UNIT_OPTION,
    context: int = CONTEXT_OPTION,
    coder: list[str] = CODER_OPTION,
    document: list[str] = DOCUMENT_OPTION,
    where: list[str] = WHERE_OPTION,
    all_roles: bool = ALL_ROLES_OPTION,
    output_format: RetrieveFormat = RETRIEVE_FORMAT_OPTION,
    output: Path = RETRIEVE_OUTPUT_OPTION,
    excel_nl: bool = EXCEL_NL_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    retrieve(f"@{name.removeprefix('@')}", unit, context, coder, document, where, all_roles, output_format, output,
             excel_nl, project)
