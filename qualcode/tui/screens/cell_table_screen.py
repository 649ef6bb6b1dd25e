"""What the crosstab and framework screens share: my codings or every coder's, and a cell's segments in retrieval."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from qualcode.domain.language import _
from qualcode.domain.models import Codebook, Coder
from qualcode.domain.retrieval import RetrievalFilters
from qualcode.storage.project_store import ProjectStore
from qualcode.tui.retrieval_choices import RetrievalState
from qualcode.tui.screens.disagreement_screen import TranscriptLocation
from qualcode.tui.store_tasks import StoreQueue

if TYPE_CHECKING:
    from qualcode.tui.screens.retrieval_screen import RetrievalResult


class CellTableScreen(Screen[TranscriptLocation | None]):
    """A table of codes whose cells open their segments in the retrieval screen; it dismisses with a place to show."""

    def __init__(self, store: ProjectStore, coder: Coder, codebook: Codebook, coders: list[str],
                 documents: list[str]) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.codebook = codebook
        self.coders = coders
        self.documents = documents
        self.mine = True

    @property
    def qualcode(self) -> StoreQueue:
        return cast("StoreQueue", self.app)

    @property
    def filters(self) -> RetrievalFilters:
        return RetrievalFilters(coders=(self.coder.name,) if self.mine else None)

    def reload(self) -> None:
        """Count the table again (the subclass's own)."""
        raise NotImplementedError

    def retrieve_cell(self, query: str, filters: RetrievalFilters) -> None:
        """Open the retrieval screen on a cell's segments: ``query`` with ``filters`` narrowed to the cell."""
        from qualcode.tui.screens.retrieval_screen import RetrievalScreen

        state = RetrievalState(query, filters,
                               coder_label=_("mine ({me})").format(me=self.coder.name) if self.mine else _("all"))
        self.app.push_screen(RetrievalScreen(self.store, self.coder, self.codebook, self.coders, self.documents,
                                             state), self._retrieval_closed)

    def _retrieval_closed(self, result: RetrievalResult) -> None:
        if result.location is not None:
            self.dismiss(result.location)
        else:
            self.reload()  # codings made from the list change the counts

    def action_toggle_coders(self) -> None:
        self.mine = not self.mine
        self.reload()

    def action_close(self) -> None:
        self.dismiss(None)
