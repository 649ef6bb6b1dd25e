"""The pseudonymisation review: detections grouped by surface form, decided per form or per occurrence.

Detection runs in a thread worker (deduce is loaded once per session, with progress); decisions go
through the app's store queue, each an undoable action. The pseudonym of a form is the same in every
document: ``[Persoon 1]`` unless the researcher types another.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import cast

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static
from textual.worker import Worker, WorkerState

from qualcode.domain.language import _
from qualcode.domain.models import Coder
from qualcode.domain.pseudonym_forms import ENTITY_TYPES, FormDecision, OccurrenceDecision, find_mentions
from qualcode.nlp.project_pseudonyms import ProjectDetection, detect_in_project
from qualcode.nlp.pseudonym_detection import PseudonymDetector
from qualcode.storage.actions import undo
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.pseudonym_decisions import (
    decide_form, decide_occurrence, form_decisions, occurrence_decisions,
)
from qualcode.tui.screens.disagreement_screen import TranscriptLocation
from qualcode.tui.screens.help_screen import HelpScreen, binding_sections
from qualcode.tui.screens.text_prompt import TextPrompt
from qualcode.tui.store_tasks import StoreQueue, StoreTask
from qualcode.tui.widgets.measured_table import MeasuredTable

DETECTION_GROUP = "pseudonymise"
CONTEXT = 30
FORM_WIDTH = 28
"""A form longer than this is shortened in the list (whole in the occurrences below), so that at 80
columns its type, count, status and pseudonym stay in view."""

_detectors: list[PseudonymDetector] = []
"""deduce loaded once per session: the first review loads it, later ones reuse it."""


@dataclass(frozen=True)
class FormRow:
    """One surface form: how often and as what it was found, and what was decided."""

    form: str
    type: str
    count: int
    status: str
    pseudonym: str
    sources: str



def shown_type(entity_type: str) -> str:
    """A detection's type in the interface language (the stored value stays English)."""
    return {"person": _("person"), "place": _("place"), "organisation": _("organisation"), "date": _("date"),
            "other": _("other")}.get(entity_type, entity_type)


def shown_status(status: str) -> str:
    """A decision's status in the interface language (the stored value stays English)."""
    return {"proposed": _("proposed"), "accepted": _("accepted"), "rejected": _("rejected")}.get(status, status)


def shown_source(source: str) -> str:
    """What found a detection, in the interface language (the stored value stays English)."""
    return {"deduce": "deduce", "pattern": _("pattern"), "list": _("list"), "gazetteer": _("gazetteer"),
            "capitalised": _("capitalised"), "coordination": _("coordination"), "propagation": _("propagation"),
            "accepted": _("accepted"), "coder": _("coder"), "header": _("header"), "case": _("case"),
            "speaker": _("speaker")}.get(source, source)


class PseudonymScreen(Screen[TranscriptLocation | None]):
    """Forms above (most frequent first), the highlighted form's occurrences below; a and r decide."""

    DEFAULT_CSS = """
    PseudonymScreen #pseudonym-status { height: 1; padding: 0 1; color: $text-muted; }
    PseudonymScreen #pseudonym-progress { height: 1; padding: 0 1; display: none; }
    PseudonymScreen #pseudonym-progress.running { display: block; }
    PseudonymScreen #pseudonym-forms { height: 2fr; }
    PseudonymScreen #pseudonym-occurrences { height: 1fr; border-top: solid $panel; }
    """

    BINDINGS = [
        Binding("a", "decide('accepted')", _("Accept"), id="pseudonyms.accept",
                tooltip=_("Replace this form everywhere (or, in the lower list, this occurrence only).")),
        Binding("r", "decide('rejected')", _("Reject"), id="pseudonyms.reject",
                tooltip=_("Keep this form as it is everywhere (or, in the lower list, this occurrence only).")),
        Binding("e", "edit", _("Pseudonym"), id="pseudonyms.edit",
                tooltip=_("Type the replacement: Respondent A, Ziekenhuis Noord, een middelgrote stad.")),
        Binding("t", "cycle_type", _("Type"), id="pseudonyms.type",
                tooltip=_("Person, place, organisation, date or other (accepts the form as that type).")),
        Binding("n", "add", _("Add missed"), id="pseudonyms.add",
                tooltip=_("Type a form detection missed; it is replaced in every document.")),
        Binding("u,ctrl+z", "undo", _("Undo"), id="pseudonyms.undo", tooltip=_("Undo the latest decision.")),
        Binding("g", "go", _("Show"), show=False, id="pseudonyms.go",
                tooltip=_("Show the highlighted occurrence in the workbench.")),
        Binding("question_mark", "help", _("Help"), id="pseudonyms.help", tooltip=_("Every key and what it does.")),
        Binding("escape", "close", _("Back"), id="pseudonyms.close", tooltip=_("Back to the workbench.")),
    ]

    class Progress(Message):
        """The detection worker's progress: a step's name, or documents done of all."""

        def __init__(self, text: str, done: int = 0, total: int | None = None) -> None:
            super().__init__()
            self.text, self.done, self.total = text, done, total

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, PseudonymScreen.Progress)

    def __init__(self, store: ProjectStore, coder: Coder, selection: tuple[int, int, int] | None = None) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.selection = selection
        """The workbench's selection (document, start, end): ``n`` offers it as the missed mention."""
        self.detections: list[ProjectDetection] = []
        self.texts: dict[int, tuple[str, str]] = {}
        self.forms: dict[str, FormDecision] = {}
        self.occurrences: dict[tuple[int, int, int], OccurrenceDecision] = {}
        self.form_rows: list[FormRow] = []
        self.shown_occurrences: list[ProjectDetection] = []

    @property
    def qualcode(self) -> StoreQueue:
        return cast("StoreQueue", self.app)

    @property
    def form_table(self) -> DataTable:
        return self.query_one("#pseudonym-forms", DataTable)

    @property
    def occurrence_table(self) -> DataTable:
        return self.query_one("#pseudonym-occurrences", DataTable)

    def compose(self) -> ComposeResult:
        yield Static(_("Finding persons, places and organisations…"), id="pseudonym-status")
        yield ProgressBar(id="pseudonym-progress", show_eta=False)
        yield MeasuredTable(id="pseudonym-forms", cursor_type="row", zebra_stripes=True)
        yield MeasuredTable(id="pseudonym-occurrences", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.form_table.add_columns(_("form"), _("type"), _("count"), _("status"), _("pseudonym"), _("found by"))
        self.occurrence_table.add_columns(_("document"), _("at"), _("status"), _("text"))
        self.form_table.focus()
        self.query_one("#pseudonym-progress", ProgressBar).add_class("running")
        self._detect()

    # --- detection ---------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group=DETECTION_GROUP, exit_on_error=False, name="find persons and places")
    def _detect(self) -> list[ProjectDetection]:
        if not _detectors:
            _detectors.append(PseudonymDetector(progress=lambda step: self.post_message(self.Progress(step))))
        from qualcode.storage.documents import get_document, list_documents

        self.texts = {summary.id: (summary.name, get_document(self.store, summary.id).text)
                      for summary in list_documents(self.store)}
        self.post_message(self.Progress(_("finding"), 0, len(self.texts)))
        return detect_in_project(self.store, _detectors[0], progress=lambda done, total: self.post_message(
            self.Progress(_("finding"), done, total)))

    def on_pseudonym_screen_progress(self, message: Progress) -> None:
        bar = self.query_one("#pseudonym-progress", ProgressBar)
        bar.update(total=message.total, progress=message.done)
        self.query_one("#pseudonym-status", Static).update(
            _("{step}: {done} of {total} documents").format(step=message.text, done=message.done, total=message.total)
            if message.total else _("{step}…").format(step=message.text))

    @on(Worker.StateChanged)
    def _detected(self, event: Worker.StateChanged) -> None:
        if event.worker.group != DETECTION_GROUP or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.query_one("#pseudonym-progress", ProgressBar).remove_class("running")
        if event.state == WorkerState.ERROR:
            self.query_one("#pseudonym-status", Static).update(
                _("Detection failed: {error}").format(error=event.worker.error))
            return
        self.detections = event.worker.result
        self._read_decisions()

    # --- showing -----------------------------------------------------------------------------------

    def _read_decisions(self) -> None:
        store = self.store
        self.qualcode.submit(StoreTask(_("read the pseudonymisation decisions"),
                                       lambda: (form_decisions(store), occurrence_decisions(store)), self._decided))

    def _decided(self, decisions: tuple[list[FormDecision], list[OccurrenceDecision]]) -> None:
        forms, occurrences = decisions
        self.forms = {d.form: d for d in forms}
        self.occurrences = {(o.document_id, o.start, o.end): o for o in occurrences}
        known = {(d.document_id, d.start, d.end) for d in self.detections}
        for decision in forms:  # forms the researcher added: every mention in every document
            if decision.status != "accepted":
                continue
            for document_id, (name, text) in self.texts.items():
                for start, end in find_mentions(text, decision.form):
                    if (document_id, start, end) not in known:
                        known.add((document_id, start, end))
                        self.detections.append(ProjectDetection(name, document_id, start, end, text[start:end],
                                                                decision.type, "coder", 1.0, "accepted", ""))
        for occurrence in occurrences:  # mentions the researcher added one by one
            if occurrence.status == "accepted" and (occurrence.document_id, occurrence.start, occurrence.end) not in known:
                name, text = self.texts.get(occurrence.document_id, ("", ""))
                known.add((occurrence.document_id, occurrence.start, occurrence.end))
                self.detections.append(ProjectDetection(name, occurrence.document_id, occurrence.start, occurrence.end,
                                                        text[occurrence.start:occurrence.end], occurrence.type,
                                                        "coder", 1.0, "accepted", occurrence.pseudonym))
        self.detections = [self._with_status(d) for d in self.detections]
        self._show_forms()

    def _with_status(self, detection: ProjectDetection) -> ProjectDetection:
        occurrence = self.occurrences.get((detection.document_id, detection.start, detection.end))
        if occurrence is not None:
            return replace(detection, status=occurrence.status, pseudonym=occurrence.pseudonym)
        form = self.forms.get(detection.text)
        if form is not None:
            return replace(detection, status=form.status, pseudonym=form.pseudonym, type=form.type)
        return replace(detection, status="proposed", pseudonym="")

    def _show_forms(self) -> None:
        groups: dict[str, list[ProjectDetection]] = {}
        for detection in self.detections:
            groups.setdefault(detection.text, []).append(detection)
        rows = []
        for form, found in groups.items():
            decision = self.forms.get(form)
            entity_type = decision.type if decision else Counter(d.type for d in found).most_common(1)[0][0]
            statuses = {d.status for d in found}  # without a form decision: what its occurrences have
            status = decision.status if decision else statuses.pop() if len(statuses) == 1 else _("mixed")
            pseudonyms = {d.pseudonym for d in found if d.status == "accepted"}
            pseudonym = decision.pseudonym if decision and decision.status == "accepted" else (
                pseudonyms.pop() if len(pseudonyms) == 1 else "")
            rows.append(FormRow(form, entity_type, len(found), status, pseudonym,
                                ", ".join(sorted({shown_source(d.source) for d in found}))))
        rows.sort(key=lambda row: (-row.count, row.form.casefold()))
        highlighted = self._highlighted_form()
        self.form_rows = rows
        table = self.form_table
        table.clear()
        for row in rows:
            form = row.form if len(row.form) <= FORM_WIDTH else row.form[:FORM_WIDTH - 1] + "…"
            table.add_row(form, shown_type(row.type), str(row.count), shown_status(row.status), row.pseudonym,
                          row.sources)
        forms = [row.form for row in rows]
        if highlighted in forms:
            table.move_cursor(row=forms.index(highlighted))
        decided = sum(row.status != "proposed" for row in rows)
        self.query_one("#pseudonym-status", Static).update(
            _("{forms} forms, {mentions} mentions, {decided} decided").format(
                forms=len(rows), mentions=len(self.detections), decided=decided))
        self._show_occurrences()

    def _highlighted_form(self) -> str | None:
        row = self.form_table.cursor_row
        return self.form_rows[row].form if 0 <= row < len(self.form_rows) else None

    def _show_occurrences(self) -> None:
        form = self._highlighted_form()
        self.shown_occurrences = [d for d in self.detections if d.text == form]
        table = self.occurrence_table
        cursor = table.cursor_row
        table.clear()
        for detection in self.shown_occurrences:
            text = self.texts.get(detection.document_id, ("", ""))[1]
            before = text[max(0, detection.start - CONTEXT):detection.start]
            after = text[detection.end:detection.end + CONTEXT]
            context = " ".join(f"…{before}[{detection.text}]{after}…".split())
            table.add_row(detection.document, str(detection.start), shown_status(detection.status), context)
        if 0 <= cursor < len(self.shown_occurrences):
            table.move_cursor(row=cursor)

    @on(DataTable.RowHighlighted, "#pseudonym-forms")
    def _form_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_occurrences()

    # --- deciding ----------------------------------------------------------------------------------

    def _in_occurrences(self) -> ProjectDetection | None:
        if not self.occurrence_table.has_focus:
            return None
        row = self.occurrence_table.cursor_row
        return self.shown_occurrences[row] if 0 <= row < len(self.shown_occurrences) else None

    def _submit(self, description: str, run) -> None:
        self.qualcode.submit(StoreTask(description, run, lambda _result: self._read_decisions()))

    def action_decide(self, status: str, entity_type: str | None = None, pseudonym: str | None = None) -> None:
        occurrence = self._in_occurrences()
        store, coder_id = self.store, self.coder.id
        if occurrence is not None:
            self._submit(_("decide on one occurrence"), lambda: decide_occurrence(
                store, occurrence.document_id, occurrence.start, occurrence.end, status,
                entity_type=entity_type or occurrence.type, pseudonym=pseudonym, coder_id=coder_id))
            return
        row = self.form_table.cursor_row
        if not 0 <= row < len(self.form_rows):
            return
        form = self.form_rows[row]
        self._submit(_("decide on a form"), lambda: decide_form(
            store, form.form, status, entity_type=entity_type or form.type, pseudonym=pseudonym, coder_id=coder_id))

    def action_cycle_type(self) -> None:
        row = self.form_table.cursor_row
        if 0 <= row < len(self.form_rows):
            current = self.form_rows[row].type
            self.action_decide("accepted", ENTITY_TYPES[(ENTITY_TYPES.index(current) + 1) % len(ENTITY_TYPES)])

    def action_edit(self) -> None:
        row = self.form_table.cursor_row
        if not 0 <= row < len(self.form_rows):
            return
        form = self.form_rows[row]
        self.app.push_screen(TextPrompt(_("Pseudonym"), _("What '{form}' becomes in every export.").format(
            form=form.form), form.pseudonym), lambda typed: typed and self.action_decide("accepted", None, typed))

    def _selected_text(self) -> str:
        if self.selection is None:
            return ""
        document_id, start, end = self.selection
        return self.texts.get(document_id, ("", ""))[1][start:end].strip()

    def action_add(self) -> None:
        self.app.push_screen(TextPrompt(_("Add a missed form"), _("Exactly as the text has it; it is replaced in "
                                                                 "every document (as a person: t changes it)."),
                                        self._selected_text()), self._added)

    def _added(self, form: str | None) -> None:
        if not form:
            return
        store, coder_id = self.store, self.coder.id
        if self.selection is not None and form == self._selected_text():
            document_id, start, end = self.selection
            text = self.texts[document_id][1]
            start += len(text[start:end]) - len(text[start:end].lstrip())
            if (start, start + len(form)) not in find_mentions(text, form):  # not a word of its own: this place only
                self._submit(_("add an occurrence"), lambda: decide_occurrence(
                    store, document_id, start, start + len(form), "accepted", entity_type="person", coder_id=coder_id))
                return
        if not any(find_mentions(text, form) for _name, text in self.texts.values()):
            self.notify(_("'{form}' is in no document.").format(form=form), severity="warning", timeout=4)
            return
        self._submit(_("add a form"), lambda: decide_form(store, form, "accepted", entity_type="person",
                                                          coder_id=coder_id))

    def action_undo(self) -> None:
        store, coder_id = self.store, self.coder.id

        def undone(record) -> None:
            if record is None:
                self.notify(_("Nothing to undo."), timeout=2)
            self._read_decisions()

        self.qualcode.submit(StoreTask(_("undo"), lambda: undo(store, coder_id), undone))

    # --- leaving -----------------------------------------------------------------------------------

    def action_go(self) -> None:
        row = self.occurrence_table.cursor_row
        if 0 <= row < len(self.shown_occurrences):
            found = self.shown_occurrences[row]
            self.dismiss(TranscriptLocation(found.document_id, found.start, found.end))

    @on(DataTable.RowSelected, "#pseudonym-occurrences")
    def _occurrence_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_go()

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {PseudonymScreen: _("Pseudonymisation"), App: _("Application")},
                                    ours_only=True)
        self.app.push_screen(HelpScreen(_("Keys: pseudonymisation"), sections))

    def action_close(self) -> None:
        self.dismiss(None)
