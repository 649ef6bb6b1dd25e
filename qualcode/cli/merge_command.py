"""``qualcode merge OTHER_PROJECT``: bring a second coder's blind codings in."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import fail, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.storage.errors import ProjectError
from qualcode.domain.language import _


def _mapping(values: list[str]) -> dict[str, str]:
    mapping = {}
    for value in values:
        old, separator, new = value.partition("=")
        if not separator or not old.strip() or not new.strip():
            raise fail(_("--as takes OTHER_NAME=NAME_HERE, not {value!r}").format(value=value))
        mapping[old.strip()] = new.strip()
    return mapping


@app.command(help=_("Merge OTHER's coders and codings into this project; documents match by text, codes by id."))
def merge(
    other: Path = typer.Argument(..., help=_("The other project's folder.")),
    rename: list[str] = typer.Option([], "--as", help=_("OTHER_NAME=NAME_HERE for a coder whose name exists in both.")),
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.storage.project_merge import coder_clashes, merge_project
    from qualcode.storage.project_store import open_project
    store = open_store(project)
    coder_names = _mapping(rename)
    try:
        other_store = open_project(other)
        clashes = [name for name in coder_clashes(store, other_store).names if name not in coder_names]
        other_store.close()
        if clashes and sys.stdin.isatty():
            for name in clashes:
                same = typer.confirm(_("Coder {name!r} is in both projects. Is it the same person?").format(name=name),
                                     default=False)
                coder_names[name] = name if same else typer.prompt(_("Name for the other project's {name!r}").format(name=name))
        report = merge_project(store, other, coder_names)
    except ProjectError as error:
        raise fail(str(error)) from None
    say(_("documents matched: {matched}; added: {added} {names}").format(
        matched=len(report.documents_matched), added=len(report.documents_added),
        names=", ".join(report.documents_added)).rstrip())
    say(_("codes matched: {matched}; added: {added} {keys}").format(
        matched=report.codes_matched, added=len(report.codes_added), keys=", ".join(report.codes_added)).rstrip())
    say(_("coders: {coders}").format(coders=", ".join(f"{old} -> {new}" for old, new in report.coders.items())))
    say(_("codings added: {codings_added}; already present: {codings_already_present}").format(
        codings_added=report.codings_added, codings_already_present=report.codings_already_present))
