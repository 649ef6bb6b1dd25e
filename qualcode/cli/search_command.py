"""``qualcode search``: where a word or phrase occurs in the documents, by turn and time as the workbench says it."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, emit_rows, fail, inform
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.domain.language import _, ngettext

LIMIT = 1000


@app.command(help=_(
    "Every place QUERY occurs: document, turn, time (hh:mm:ss, empty without one) and the text around it."))
def search(
    query: str = typer.Argument(..., help=_("Words to find; case does not matter, line breaks and spaces match "
                                            "any white space.")),
    output: OutputFormat = FORMAT_OPTION, project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.domain.turn_time import clock_text
    from qualcode.storage.text_search import search_text
    if not query.strip():
        raise fail(_("give the words to search for"))
    hits = search_text(open_store(project), query, limit=LIMIT)
    rows = [{"document": hit.document_name, "turn": hit.turn_index + 1 if hit.turn_index is not None else None,
             "time": clock_text(hit.time), "start": hit.start, "end": hit.end,
             "text": f"{hit.before}[{hit.match}]{hit.after}"} for hit in hits]
    emit_rows(rows, ["document", "turn", "time", "text", "start", "end"], output)
    inform(ngettext("{count} hit", "{count} hits", len(hits)).format(count=len(hits))
           + (_(" (the first {limit})").format(limit=LIMIT) if len(hits) >= LIMIT else ""))
