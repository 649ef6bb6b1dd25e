"""Retrieved segments as quotes: where each is from and who coded it, the text with its context greyed, the memo."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from qualcode.domain.models import Codebook
from qualcode.domain.retrieval import RetrievedSegment
from qualcode.tui.retrieval_choices import RowKey, row_key
from qualcode.tui.widgets.codebook_tree import code_colour
from qualcode.domain.language import _

PAGE = 60
"""Rows laid out beyond the cursor; more follow as it moves down."""


def quote(segment: RetrievedSegment, codebook: Codebook, context: int) -> Text:
    """One row: a line saying where and who, then the quote in its context, then the memo."""
    text = Text()
    when = segment.time or _("turn {number}").format(number=segment.turn_index + 1)
    where = [segment.document, segment.case or "", segment.speaker or "", when, segment.coder]
    text.append(" · ".join(part for part in where if part), style="dim")
    for key in segment.codes:
        code = codebook.code_by_key(key)
        text.append("  ■ ", style=code_colour(codebook, code) if code else "")
        text.append(code.name if code else key, style="dim")
    text.append("\n")
    text.append(_whole_words(segment.before, at_end=False, cut=len(segment.before) >= context), style="dim")
    text.append(_flat(segment.text))
    text.append(_whole_words(segment.after, at_end=True, cut=len(segment.after) >= context), style="dim")
    if segment.memo:
        text.append("\n✎ " + _flat(segment.memo), style="italic")
    return text


def _whole_words(context: str, *, at_end: bool, cut: bool) -> str:
    """Context without the word cut in half at its far end (when it was ``cut``), marked with an ellipsis."""
    context = _flat(context)
    if not cut or not context.strip():
        return context
    if at_end:
        cut = context.rfind(" ")
        return context[:cut] + " …" if cut > 0 else context
    cut = context.find(" ")
    return "… " + context[cut + 1:] if 0 <= cut < len(context) - 1 else context


def _flat(text: str) -> str:
    return text.replace("\n", " ")


class RetrievalList(OptionList):
    """The rows of a retrieval, appended as they arrive; ``enter`` selects (the screen jumps).

    Laying out a quote costs about a millisecond, so only the rows up to a page beyond the
    cursor (or the scrolled-to end) become options; the rest wait in :attr:`segments` and are
    added as the researcher moves down. The counts cover every row.
    """

    BINDINGS = [
        Binding("j", "cursor_down", _("Next"), show=False, id="retrieval-list.next", tooltip=_("Next segment.")),
        Binding("k", "cursor_up", _("Previous"), show=False, id="retrieval-list.previous", tooltip=_("Previous segment.")),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.segments: list[RetrievedSegment] = []
        self._index: dict[RowKey, int] = {}
        self._codebook = Codebook(groups=(), codes=())
        self._around = 0
        self._documents: set[int] = set()
        self._cases: set[str] = set()
        self._coders: set[str] = set()

    def replace(self, segments: Sequence[RetrievedSegment], codebook: Codebook, context: int) -> None:
        """Show these rows, retrieved with ``context`` characters around them, instead of the ones shown."""
        self._codebook, self._around = codebook, context
        self.segments, self._index = [], {}
        self._documents, self._cases, self._coders = set(), set(), set()
        self.clear_options()
        self.append(segments)

    def append(self, segments: Sequence[RetrievedSegment]) -> None:
        for segment in segments:
            self._index.setdefault(row_key(segment), len(self.segments))
            self.segments.append(segment)
            self._documents.add(segment.document_id)
            self._coders.add(segment.coder)
            if segment.case:
                self._cases.add(segment.case)
        self._lay_out_to(PAGE)

    def counts(self) -> tuple[int, int, int, int]:
        """Segments, documents, cases and coders of every row, laid out or not."""
        return len(self.segments), len(self._documents), len(self._cases), len(self._coders)

    def _lay_out_to(self, index: int) -> None:
        """Make options of the rows up to ``index`` (and a page beyond the cursor)."""
        wanted = min(len(self.segments), max(index, (self.highlighted or 0) + PAGE))
        added = self.option_count
        if wanted <= added:
            return
        options: list[Option | None] = []
        for segment in self.segments[added:wanted]:
            options += [Option(quote(segment, self._codebook, self._around)), None]
        self.add_options(options)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self.option_count - max(1, PAGE // 4):
            self._lay_out_to(highlighted + PAGE)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y - self.scrollable_content_region.height and self.option_count < len(self.segments):
            self.call_later(self._lay_out_to, self.option_count + PAGE)

    def index_of(self, key: RowKey | None) -> int | None:
        return self._index.get(key) if key is not None else None

    @property
    def current(self) -> RetrievedSegment | None:
        index = self.highlighted
        return self.segments[index] if index is not None and 0 <= index < len(self.segments) else None

    def go_to(self, index: int) -> None:
        if self.segments:
            index = min(max(index, 0), len(self.segments) - 1)
            self._lay_out_to(index + PAGE)
            self.highlighted = index
