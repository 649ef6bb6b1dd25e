"""``qualcode pseudonymise``: detect, accept, reject, undo, key, apply and prepare: pseudonymisation for the AVG."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from qualcode.cli.command_groups import app
from qualcode.cli.output import FORMAT_OPTION, OutputFormat, emit_rows, fail, inform, say
from qualcode.cli.project_option import PROJECT_OPTION, open_store
from qualcode.domain.language import _, ngettext
from qualcode.storage.errors import ProjectError

pseudonymise_app = typer.Typer(
    help=_("Find persons, places and organisations, decide on them, and write a pseudonymised project."),
    no_args_is_help=True)
app.add_typer(pseudonymise_app, name="pseudonymise")

DETECTION_COLUMNS = ("document", "start", "end", "text", "type", "source", "confidence", "status", "pseudonym")
KEY_COLUMNS = ("form", "type", "status", "pseudonym")
KEY_WARNING = _("the key links pseudonyms to real names: it is personal data. Keep it apart from the "
                "pseudonymised material, where only the research team can read it.")


class EntityTypeChoice(str, Enum):
    person = "person"
    place = "place"
    organisation = "organisation"
    date = "date"
    other = "other"


TYPE_OPTION = typer.Option(None, "--type", "-t", help=_("person, place, organisation, date or other."))
DOCUMENT_OPTION = typer.Option(None, "--document", "-d",
                               help=_("Decide on one occurrence only: the document's name or id (with --start)."))
START_OPTION = typer.Option(None, "--start", help=_("Where the occurrence starts in the stored text (with --document)."))


@pseudonymise_app.command("detect", help=_(
    "One row per detection: document, start, end (code points into the stored text), text, type, source, "
    "confidence, status (proposed, accepted, rejected) and pseudonym."))
def detect(
    documents: list[str] = typer.Argument(None, help=_("Documents by name or id (default: all).")),
    output: OutputFormat = FORMAT_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.nlp.project_pseudonyms import detect_in_project
    from qualcode.nlp.pseudonym_detection import PseudonymDetector
    from qualcode.storage.documents import get_document

    store = open_store(project)
    try:
        ids = [get_document(store, reference).id for reference in documents] if documents else None
    except ProjectError as error:
        raise fail(str(error)) from None
    detector = PseudonymDetector(progress=lambda message: inform(_("{step} ...").format(step=message)))
    rows = detect_in_project(store, detector, ids)
    emit_rows([row.__dict__ for row in rows], DETECTION_COLUMNS, output)


@pseudonymise_app.command("prepare", help=_(
    "Build deduce's lookup tables into the user's cache folder now (once per deduce version, a minute or "
    "two), so that detection, the review screen and the tests start in seconds."))
def prepare() -> None:
    import time

    from qualcode.nlp.deduce_tables import load_deduce, tables_folder, tables_ready

    if tables_ready():
        load_deduce()  # also finds a damaged or outdated table, which deduce builds again
        say(_("deduce's lookup tables are ready in {folder}").format(folder=tables_folder()))
        return
    inform(_("{step} ...").format(step=_("building deduce's lookup tables, once per deduce version (a minute or two)")))
    started = time.monotonic()
    load_deduce()
    say(_("deduce's lookup tables are ready in {folder} ({seconds:.0f} s)").format(
        seconds=time.monotonic() - started, folder=tables_folder()))


def _decide(status: str, form: str, entity_type: EntityTypeChoice | None, pseudonym: str | None,
            document: str | None, start: int | None, project: Path) -> None:
    from qualcode.storage.documents import get_document
    from qualcode.storage.pseudonym_decisions import decide_form, decide_occurrence, form_decisions

    if (document is None) != (start is None):
        raise fail(_("give --document and --start together, or neither"))
    store = open_store(project)
    try:
        if document is None:
            known = {decision.form for decision in form_decisions(store)}
            if entity_type is None and status == "accepted" and form.strip() not in known:
                raise ProjectError(_("give --type for a form not decided before"))
            decision = decide_form(store, form, status, entity_type=entity_type.value if entity_type else None,
                                   pseudonym=pseudonym)
            say(_("{status}: {form} ({type}) -> {pseudonym}").format(
                status=decision.status, form=decision.form, type=decision.type, pseudonym=decision.pseudonym or "-"))
            return
        found = get_document(store, document)
        end = start + len(form)
        if found.text[start:end] != form:
            raise ProjectError(_("{document} does not read {form!r} at {start}").format(
                document=found.name, form=form, start=start))
        occurrence = decide_occurrence(store, found.id, start, end, status,
                                       entity_type=(entity_type or EntityTypeChoice.other).value, pseudonym=pseudonym)
        say(_("{status}: {form} at {start} in {document} -> {pseudonym}").format(
            status=occurrence.status, form=form, start=start, document=found.name, pseudonym=occurrence.pseudonym))
    except ProjectError as error:
        raise fail(str(error)) from None


@pseudonymise_app.command("accept", help=_(
    "Replace FORM everywhere (or, with --document and --start, at one place; also one detection missed)."))
def accept(
    form: str = typer.Argument(..., help=_("The surface form, exactly as the text has it.")),
    entity_type: EntityTypeChoice = TYPE_OPTION,
    pseudonym: str = typer.Option(None, "--as", help=_("The replacement (default: the next [Persoon N] of its type).")),
    document: str = DOCUMENT_OPTION,
    start: int = START_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    _decide("accepted", form, entity_type, pseudonym, document, start, project)


@pseudonymise_app.command("reject", help=_(
    "Keep FORM as it is everywhere (or, with --document and --start, at one place) and stop proposing it."))
def reject(
    form: str = typer.Argument(..., help=_("The surface form, exactly as the text has it.")),
    entity_type: EntityTypeChoice = TYPE_OPTION,
    document: str = DOCUMENT_OPTION,
    start: int = START_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    _decide("rejected", form, entity_type, None, document, start, project)


@pseudonymise_app.command("undo", help=_("Undo the latest decision made from the command line."))
def undo_decision(project: Path = PROJECT_OPTION) -> None:
    from qualcode.storage.actions import undo

    store = open_store(project)
    try:
        record = undo(store, None)
    except ProjectError as error:
        raise fail(str(error)) from None
    if record is None:
        raise fail(_("nothing to undo"))
    say(_("undone: {action}").format(action=record.description))


@pseudonymise_app.command("key", help=_(
    "The key: each decided form with its type, decision and pseudonym. It is personal data."))
def key(
    output: Path = typer.Option(None, "--output", "-o", help=_("Write the key to this CSV file instead.")),
    output_format: OutputFormat = FORMAT_OPTION,
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.export.csv_dialects import RFC_4180
    from qualcode.export.report_files import ExportError, ReportTable, write_tables
    from qualcode.storage.pseudonym_decisions import form_decisions

    store = open_store(project)
    rows = [{"form": d.form, "type": d.type, "status": d.status, "pseudonym": d.pseudonym}
            for d in form_decisions(store)]
    inform(_("warning: {warning}").format(warning=KEY_WARNING))
    if output is None:
        emit_rows(rows, KEY_COLUMNS, output_format)
        return
    try:
        write_tables([(output, ReportTable("pseudonymisation", "key", KEY_COLUMNS,
                                           [[row[c] for c in KEY_COLUMNS] for row in rows]))], RFC_4180)
    except ExportError as error:
        raise fail(str(error)) from None
    say(_("wrote {path}: {count} forms").format(path=output, count=len(rows)))


@pseudonymise_app.command("apply", help=_(
    "Make a new project whose documents are the pseudonymised texts, every coding and memo moved with "
    "them.\n\nIt holds no originals and no key; names in memos, speakers and case attributes are "
    "pseudonymised too."))
def apply(
    into: Path = typer.Option(..., "--into", help=_("A new (or empty) folder for the pseudonymised project.")),
    project: Path = PROJECT_OPTION,
) -> None:
    from qualcode.storage.pseudonymised_project import write_pseudonymised_project

    store = open_store(project)
    try:
        written = write_pseudonymised_project(store, into)
    except ProjectError as error:
        raise fail(str(error)) from None
    say(_("wrote {folder}: {documents} documents, {replacements} replacements, {codings} codings, "
          "{memos} memos").format(folder=written.folder, documents=written.documents,
                                  replacements=written.replacements, codings=written.codings, memos=written.memos))
    if written.merged_codings:
        inform(ngettext("{count} coding cut a replaced name and became the same as another of its code and "
                        "coder: the two are one coding now, with both memos",
                        "{count} codings cut a replaced name and became the same as another of their code and "
                        "coder: each pair is one coding now, with both memos",
                        written.merged_codings).format(count=written.merged_codings))
