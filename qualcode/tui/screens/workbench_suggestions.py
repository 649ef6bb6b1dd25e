"""The workbench's code suggestions: load the NLP pipeline, suggest for the document, accept and reject."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.message import Message

from qualcode.domain.display_text import display_text
from qualcode.domain.models import Segment, Unit
from qualcode.tui.coding_display import own_codings_at
from qualcode.tui.store_tasks import StoreTask
from qualcode.tui.suggestion_source import (
    LoadedSuggester, Span, load_suggester, record_suggestion_decision, relearn, suggest_for_document,
)
from qualcode.tui.widgets.codebook_tree import code_colour
from qualcode.tui.widgets.segment_panel import SuggestionItem, SuggestionList
from qualcode.domain.language import _

if TYPE_CHECKING:
    from qualcode.nlp.suggestion import Suggestion
    from qualcode.storage.project_store import ProjectStore

OFFLINE_NOTICE = "offline-nlp"


class SuggesterReady(Message):
    def __init__(self, loaded: LoadedSuggester) -> None:
        super().__init__()
        self.loaded = loaded


class SuggesterFailed(Message):
    pass


class SuggestionsReady(Message):
    def __init__(self, document_id: int, unit: Unit, by_span: dict[Span, tuple[Suggestion, ...]]) -> None:
        super().__init__()
        self.document_id = document_id
        self.unit = unit
        self.by_span = by_span


def _first_showing(store: ProjectStore) -> bool:
    """Whether the offline-NLP notice is shown for the first time in this project (run as a store task)."""
    from qualcode.storage.settings import first_showing

    return first_showing(store, OFFLINE_NOTICE)


class SuggestionActions:
    """Mixed into the workbench screen: the suggestions for the current segment and the decisions on them."""

    # --- suggestions ---------------------------------------------------------------------------------

    def _start_suggester(self) -> None:
        self.run_worker(self._load_suggester, name=_("load the NLP pipeline"), group="nlp", thread=True,
                        exit_on_error=False)

    def _load_suggester(self) -> None:
        try:
            loaded = load_suggester(self.store, self.coder.id)
        except Exception:
            self.post_message(SuggesterFailed())
            raise
        self.post_message(SuggesterReady(loaded))

    def on_suggester_ready(self, message: SuggesterReady) -> None:
        self.suggester = message.loaded
        self.status.set(pipeline=f"NLP: {message.loaded.status}")
        hint, store = message.loaded.hint, self.store
        if hint:  # once per project: the status line keeps saying it
            self.qualcode.submit(StoreTask(_("note the offline NLP notice"), partial(_first_showing, store),
                                       partial(self._show_notice, hint)))
        self._request_suggestions()

    def _relearn(self) -> None:
        """Rebuild the suggester's coded examples in the background; the next document's suggestions use them."""
        if self.suggester is None:
            return
        loaded = self.suggester

        def run() -> None:
            relearned = relearn(loaded)
            self.app.call_from_thread(setattr, self, "suggester", relearned)

        self.run_worker(run, name=_("learn from the decision"), group="learning", thread=True, exclusive=True,
                        exit_on_error=False)

    def _show_notice(self, text: str, first: bool) -> None:
        if first:
            self.notify(text, title=_("Suggestions"), timeout=6)

    def on_suggester_failed(self, message: SuggesterFailed) -> None:
        self.status.set(pipeline=_("NLP: failed to load"))
        self.suggestion_list.show_message(_("Suggestions are not available: the NLP pipeline did not load."))

    def _request_suggestions(self) -> None:
        if self.suggester is None or self.data is None:
            return
        self.suggestions = None
        self.suggestion_list.show_message(_("Suggestions: reading the document…"))
        store, suggester, coder_id = self.store, self.suggester.suggester, self.coder.id
        document_id, unit = self.data.document.id, self.unit

        def run() -> None:
            by_span = suggest_for_document(store, suggester, document_id, unit, coder_id)
            self.post_message(SuggestionsReady(document_id, unit, by_span))

        self.run_worker(run, name=_("suggest codes"), group="suggestions", thread=True, exclusive=True,
                        exit_on_error=False)

    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        if self.data is None or message.document_id != self.data.document.id or message.unit != self.unit:
            return
        self.suggestions = message.by_span
        self._show_suggestions(self.transcript.current_segment)

    def _current_suggestions(self, segment: Segment | None) -> list[Suggestion]:
        if segment is None or self.suggestions is None:
            return []
        coded = {c.code_id for c in own_codings_at(self.codings, self.coder.id, segment.start, segment.end)}
        keys = {code.key: code.id for code in self.overview.codebook.codes}
        return [s for s in self.suggestions.get((segment.start, segment.end), ())
                if s.code_key in keys and keys[s.code_key] not in coded]

    def _show_suggestions(self, segment: Segment | None) -> None:
        if self.suggester is None or self.suggestions is None or segment is None:
            return
        if segment.role == "interviewer":
            self.suggestion_list.show_message(_("No suggestions for the interviewer."))
            return
        codebook = self.overview.codebook
        items = []
        for suggestion in self._current_suggestions(segment):
            code = codebook.code_by_key(suggestion.code_key)
            items.append(SuggestionItem(display_text(code.name), code_colour(codebook, code), suggestion.score,
                                        display_text(suggestion.reason)))
        self.suggestion_list.show_suggestions(items)

    def action_accept_suggestion(self) -> None:
        self._decide(0, accepted=True)

    def action_reject_suggestion(self) -> None:
        self._decide(0, accepted=False)

    def action_choose_suggestion(self) -> None:
        suggestions = self.suggestion_list
        if suggestions.count:
            suggestions.highlighted = 0
            suggestions.focus()
        else:
            self.notify(_("No suggestions for this segment."), timeout=3)

    def on_suggestion_list_decided(self, event: SuggestionList.Decided) -> None:
        self._decide(event.index, accepted=event.accepted)
        if event.accepted or not self.suggestion_list.count:
            self.transcript.focus()

    def _decide(self, index: int, *, accepted: bool) -> None:
        segment = self.transcript.current_segment
        offered = self._current_suggestions(segment)
        if index >= len(offered):
            self.notify(_("No suggestion to accept.") if accepted else _("No suggestion to reject."), timeout=3)
            return
        suggestion = offered[index]
        code = self.overview.codebook.code_by_key(suggestion.code_key)
        store, coder_id, document_id = self.store, self.coder.id, self.data.document.id
        span = (segment.start, segment.end)
        self.suggestions[span] = tuple(s for s in self.suggestions.get(span, ()) if s.code_key != suggestion.code_key)

        def record(applied=None) -> None:
            self.qualcode.submit(StoreTask(_("record the suggestion decision"), lambda: record_suggestion_decision(
                store, document_id=document_id, span=span, code_key=suggestion.code_key, coder_id=coder_id,
                accepted=accepted, score=suggestion.score), done=lambda stored: self._relearn()))

        if accepted:
            self.transcript.action_clear_selection()
            self.apply_code(code.id, origin="suggestion", on_done=record)
        else:
            record()
            self._show_suggestions(segment)

