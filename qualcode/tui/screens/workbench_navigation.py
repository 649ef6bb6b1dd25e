"""The workbench's moving about: segments, documents, search, the speakers, the other screens and help."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App

from qualcode.domain.display_text import display_text
from qualcode.domain.language import _
from qualcode.domain.models import Segment, Unit
from qualcode.domain.retrieval import RetrievalFilters
from qualcode.tui.retrieval_choices import RetrievalState, attribute_values, query_for_node
from qualcode.tui.screens.case_dialog import CaseDialog, ChosenCase
from qualcode.tui.screens.help_screen import HelpScreen, HelpSection, binding_sections
from qualcode.tui.screens.search_dialog import SearchDialog, SearchResult, hit_position
from qualcode.tui.screens.speakers_dialog import SpeakerEdit, SpeakersDialog
from qualcode.tui.store_tasks import StoreTask
from qualcode.tui.widgets.codebook_tree import CodebookTree, hotkey_label
from qualcode.tui.widgets.document_list import DocumentList
from qualcode.tui.widgets.segment_panel import SuggestionList
from qualcode.tui.widgets.transcript_view import TranscriptView

if TYPE_CHECKING:
    from qualcode.importers.stored_speakers import SpeakerFigures
    from qualcode.storage.project_store import ProjectStore
    from qualcode.storage.text_search import TextHit
    from qualcode.tui.screens.disagreement_screen import TranscriptLocation
    from qualcode.tui.screens.retrieval_screen import RetrievalResult

UNITS: tuple[Unit, ...] = ("turn", "paragraph", "sentence")
BACK_TO_RESULTS = _("Back to the retrieval list you came from, at the same row and filters.")



# The store's modules load SQLAlchemy, which the workbench's first frame does not wait for: the tasks
# below import them when they run, in the store's worker (the store is open by then).

def _segments(store: ProjectStore, document_id: int, unit: Unit) -> list[Segment]:
    from qualcode.storage.documents import document_segments

    return document_segments(store, document_id, unit)


def _case_labels(store: ProjectStore) -> list[str]:
    from qualcode.storage.cases import list_cases

    return [case.label for case in list_cases(store)]


def _attribute_values(store: ProjectStore) -> list[str]:
    from qualcode.storage.cases import list_cases

    return list(attribute_values(list_cases(store)))


def _search(store: ProjectStore, query: str) -> list[TextHit]:
    from qualcode.storage.text_search import search_text

    return search_text(store, query)


class NavigationActions:
    """Mixed into the workbench screen: where the researcher goes, within a document and beyond it."""

    # --- navigation ---------------------------------------------------------------------------------

    def action_next_segment(self, respondent_only: bool = False) -> None:
        if not self.transcript.move(1, respondent_only=respondent_only):
            self.notify(_("That was the last one.") if not respondent_only else _("No more respondent segments."),
                        timeout=2)

    def action_previous_segment(self, respondent_only: bool = False) -> None:
        if not self.transcript.move(-1, respondent_only=respondent_only):
            self.notify(_("This is the first one.") if not respondent_only else _("No respondent segment before this."),
                        timeout=2)

    def action_cycle_unit(self) -> None:
        if self.data is None:
            return
        unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)]
        store, document_id = self.store, self.data.document.id
        self.qualcode.submit(StoreTask({"turn": _("split the document into turns"),
                                        "paragraph": _("split the document into paragraphs"),
                                        "sentence": _("split the document into sentences")}[unit],
                                   partial(_segments, store, document_id, unit),
                                   partial(self._unit_loaded, unit)))

    def _unit_loaded(self, unit: Unit, segments: list[Segment]) -> None:
        self.unit = unit
        self.transcript.set_segments(segments)
        self._request_suggestions()
        self._schedule_position_save()

    def action_other_document(self, step: int) -> None:
        if self.overview is None or self.data is None:
            return
        ids = [document.id for document in self.overview.documents]
        index = ids.index(self.data.document.id) + step
        if 0 <= index < len(ids):
            self.open_document(ids[index])

    def action_focus(self, name: str) -> None:
        if name in ("documents", "codebook") and not self.sidebar_shown:
            self.show_sidebar(True)
        elif name == "transcript" and self.has_class("-narrow") and self.sidebar_shown:
            self.show_sidebar(False)  # on a narrow terminal the panel lies over the transcript: back to reading
        self.query_one(f"#{name}").focus()

    def on_document_list_open_requested(self, event: DocumentList.OpenRequested) -> None:
        self.open_document(event.document_id)
        if self.has_class("-narrow"):
            self.show_sidebar(False)  # on a narrow terminal the panel was opened to choose; now read
        self.transcript.focus()

    def on_document_list_case_requested(self, event: DocumentList.CaseRequested) -> None:
        if self.overview is None:
            return
        document = next(d for d in self.overview.documents if d.id == event.document_id)
        store = self.store
        self.qualcode.submit(StoreTask("read the cases", partial(_case_labels, store),
                                       partial(self._choose_case, document.id, document.name, document.case_label)))

    def _choose_case(self, document_id: int, name: str, current: str | None, cases: list[str]) -> None:
        self.app.push_screen(CaseDialog(name, current, cases),
                             lambda chosen: chosen is not None and self._link_case(document_id, chosen))

    def _link_case(self, document_id: int, chosen: ChosenCase) -> None:
        store, coder_id, label = self.store, self.coder.id, chosen.label

        def run():
            from qualcode.storage.case_links import link_document, unlink_document

            if label is None:
                return unlink_document(store, document_id, coder_id=coder_id)
            return link_document(store, document_id, label, coder_id=coder_id)

        def done(link) -> None:
            if link.case is None:
                message = _("{document} belongs to no case now (u undoes).")
            elif link.created:
                message = _("{document} belongs to the new case {case} (u undoes).")
            else:
                message = _("{document} belongs to case {case} (u undoes).")
            self.reload(message=message.format(document=link.document, case=link.case))

        self.qualcode.submit(StoreTask("link the document to its case", run, done))

    # --- speakers ------------------------------------------------------------------------------------

    def action_speakers(self) -> None:
        if self.data is None:
            self.notify(_("Open a document first."), severity="warning")
            return
        from qualcode.importers.stored_speakers import document_speakers  # loads every reader: only when asked

        store, document = self.store, self.data.document
        self.qualcode.submit(StoreTask(_("read the speakers"), lambda: document_speakers(store, document.id),
                                   partial(self._show_speakers, document.id, document.name)))

    def _show_speakers(self, document_id: int, name: str, speakers: list[SpeakerFigures]) -> None:
        self.app.push_screen(SpeakersDialog(name, speakers),
                             lambda edit: edit is not None and self._change_speakers(document_id, edit))

    def _change_speakers(self, document_id: int, edit: SpeakerEdit) -> None:
        store, coder_id = self.store, self.coder.id

        def done(change) -> None:
            if edit.interviewer is not None:
                self.notify(_("{speaker} is the interviewer (u undoes).").format(speaker=change.interviewer), timeout=3)
            else:
                (old, new), = edit.renames.items()
                self.notify(_("{old} is now {new} in every turn (u undoes).").format(old=old, new=new), timeout=3)
            self._reopen(document_id)

        def run():
            from qualcode.storage.speakers import change_speakers

            return change_speakers(store, document_id, renames=edit.renames, interviewer=edit.interviewer,
                                   coder_id=coder_id)

        self.qualcode.submit(StoreTask(_("change the speakers"), run, done))

    # --- view, search, codebook, help ------------------------------------------------------------------

    def action_toggle_view(self) -> None:
        self.view = "all" if self.view == "mine" else "mine"
        self.status.set(view=self.view)
        coders = sorted({c.coder_id for c in self.codings} - {self.coder.id})
        names = [self.coder.name, *(self.overview.coders.get(c, "?") for c in coders)] if self.overview else []
        self.transcript.border_subtitle = Text(display_text(" │ ".join(names)) if self.view == "all" else "")
        self._refresh_codings()

    def action_search(self) -> None:
        store = self.store
        self.app.push_screen(SearchDialog(partial(_search, store), self.last_query), self._searched)

    def _searched(self, result: SearchResult | None) -> None:
        if result is None:
            return
        self.last_query, self.hits = result.query, result.hits
        self._go_to_hit(result.index)

    def _go_to_hit(self, index: int) -> None:
        if not self.hits:
            self.notify(_("No search hits: / searches."), timeout=3)
            return
        self.hit_index = index % len(self.hits)
        hit = self.hits[self.hit_index]
        self.status.set(search=f"“{self.last_query}” {hit_position(self.hits, self.hit_index)}")
        if self.data is None or hit.document_id != self.data.document.id:
            self.open_document(hit.document_id, hit=(hit.start, hit.end))
        else:
            self.transcript.set_search_hit((hit.start, hit.end))
            self.transcript.show_span(hit.start, hit.end)

    def action_next_hit(self) -> None:
        self._go_to_hit(self.hit_index + 1)

    def action_previous_hit(self) -> None:
        self._go_to_hit(self.hit_index - 1)

    def action_codebook(self) -> None:
        from qualcode.tui.screens.codebook_screen import CodebookScreen

        self.app.push_screen(CodebookScreen(self.store, self.coder), lambda _: self.reload())

    def action_reports(self) -> None:
        from qualcode.tui.screens.reports_screen import ReportsScreen

        self.app.push_screen(ReportsScreen(self.store, self.coder))

    def action_retrieve(self) -> None:
        """Back to the results after a jump; else the highlighted code or group, with the last filters."""
        if self.overview is None:
            return
        from qualcode.tui.screens.retrieval_screen import RetrievalScreen

        state = self.retrieval if self.results_open else None
        if state is None:
            node = self.tree.highlighted
            query = query_for_node(self.overview.codebook, node.kind, node.id) if node else ""
            state = replace(self.retrieval, query=query, row=None, row_index=0) if self.retrieval else RetrievalState(
                query, RetrievalFilters(coders=(self.coder.name,)),
                coder_label=_("mine ({me})").format(me=self.coder.name))
        documents = [document.name for document in self.overview.documents]
        self.app.push_screen(RetrievalScreen(self.store, self.coder, self.overview.codebook,
                                             list(self.overview.coders.values()), documents, state),
                             self._retrieval_closed)

    def action_memos(self) -> None:
        from qualcode.tui.screens.memo_screen import MemoScreen

        if self.overview is not None:
            self.app.push_screen(MemoScreen(self.store, self.coder, self.overview.codebook), self._location_chosen)

    def action_pseudonymise(self) -> None:
        from qualcode.tui.screens.pseudonym_screen import PseudonymScreen

        selected = self.transcript.text_offset_selection
        selection = (self.data.document.id, *selected) if selected is not None and self.data is not None else None
        self.app.push_screen(PseudonymScreen(self.store, self.coder, selection), self._location_chosen)

    def action_crosstab(self) -> None:
        if self.overview is None:
            return
        store = self.store
        self.qualcode.submit(StoreTask(_("read the case attributes"), partial(_attribute_values, store),
                                   self._show_crosstab))

    def _show_crosstab(self, attributes: list[str]) -> None:
        from qualcode.tui.screens.crosstab_screen import CrosstabScreen

        if not attributes:
            self.notify(_("The cases have no attributes: import a cases CSV (qualcode cases import) first."), timeout=5)
            return
        self.app.push_screen(CrosstabScreen(self.store, self.coder, self.overview.codebook,
                                            list(self.overview.coders.values()),
                                            [document.name for document in self.overview.documents], attributes),
                             lambda location: (self.reload(), self._location_chosen(location)))

    def action_framework(self) -> None:
        from qualcode.tui.screens.framework_screen import FrameworkScreen

        if self.overview is not None:
            self.app.push_screen(FrameworkScreen(self.store, self.coder, self.overview.codebook,
                                                 list(self.overview.coders.values()),
                                                 [document.name for document in self.overview.documents]),
                                 lambda location: (self.reload(), self._location_chosen(location)))

    def _location_chosen(self, location: TranscriptLocation | None) -> None:
        if location is not None:
            self.open_document(location.document_id, select=(location.start, location.end))
            self.transcript.focus()

    def action_back_to_results(self) -> None:
        self.action_retrieve()

    def _retrieval_closed(self, result: RetrievalResult) -> None:
        self.retrieval, location = result.state, result.location
        self.results_open = location is not None
        self.refresh_bindings()
        self.reload()  # codings made from the list change the counts and maybe this document
        self._location_chosen(location)

    def action_agreement(self) -> None:
        from qualcode.tui.screens.agreement_screen import AgreementScreen

        self.app.push_screen(AgreementScreen(self.store, self.coder), self._agreement_closed)

    def _agreement_closed(self, location: TranscriptLocation | None) -> None:
        self.reload()  # settling and adopting changed the consensus coder's codings and the counts
        if location is not None:
            self.open_document(location.document_id, hit=(location.start, location.end))

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {TranscriptView: _("Transcript"), type(self): _("Workbench"),
                                                     SuggestionList: _("Suggestions list"),
                                                     CodebookTree: _("Codebook tree"), App: _("Application")},
                                    ours_only=True)
        sections = [HelpSection(s.title, tuple(row for row in s.rows if row[1] != _("Apply code by hotkey")))
                    for s in sections]
        if self.overview is not None:
            sections.append(HelpSection(_("Code hotkeys"), tuple(
                (hotkey_label(code.hotkey), code.name) for code in self.overview.codebook.codes if code.hotkey)))
        sections.append(HelpSection(_("Elsewhere"), (
            ("enter", _("In the codebook tree (g): apply the highlighted code.")),
            ("C", _("In the documents list (o): set or change the highlighted document's case (u undoes).")),
            ("1-9, enter, r", _("In the suggestions list (A): accept the n-th, accept, reject.")),
            (_("shift+arrows, mouse"), _("Select part of the transcript; c or a hotkey codes the selection.")),
            ("esc", _("Clear the selection; in the documents or suggestions list: back to the transcript; "
                      "in dialogs: close (memo editor: save and close).")),
            ("ctrl+p", _("Command palette: codes, documents and every action.")),
            *((("esc, f", BACK_TO_RESULTS),) if not self.results_open else ()),
            ("tab", _("Move between documents, transcript, codebook and suggestions.")),
        )))
        self.app.push_screen(HelpScreen(_("Keys"), sections))
