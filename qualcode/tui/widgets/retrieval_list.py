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


def quote(segment: RetrievedSegment, codebook: Codebook, context: int) -> Text:
    """One row: a line saying where and who, then the quote in its context, then the memo."""
    text = Text()
    where = [segment.document, segment.case or "", segment.speaker or "", segment.time or f"turn {segment.turn_index + 1}",
             segment.coder]
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
    """The rows of a retrieval, appended a document at a time; ``enter`` selects (the screen jumps)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next", show=False, id="retrieval-list.next", tooltip="Next segment."),
        Binding("k", "cursor_up", "Previous", show=False, id="retrieval-list.previous", tooltip="Previous segment."),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.segments: list[RetrievedSegment] = []
        self._index: dict[RowKey, int] = {}
        self._codebook = Codebook(groups=(), codes=())
        self._around = 0

    def replace(self, segments: Sequence[RetrievedSegment], codebook: Codebook, context: int) -> None:
        """Show these rows, retrieved with ``context`` characters around them, instead of the ones shown."""
        self._codebook, self._around = codebook, context
        self.segments, self._index = [], {}
        self.clear_options()
        self.append(segments)

    def append(self, segments: Sequence[RetrievedSegment]) -> None:
        options = []
        for segment in segments:
            self._index.setdefault(row_key(segment), len(self.segments))
            self.segments.append(segment)
            options.append(Option(quote(segment, self._codebook, self._around)))
            options.append(None)
        self.add_options(options)

    def index_of(self, key: RowKey | None) -> int | None:
        return self._index.get(key) if key is not None else None

    @property
    def current(self) -> RetrievedSegment | None:
        index = self.highlighted
        return self.segments[index] if index is not None and 0 <= index < len(self.segments) else None

    def go_to(self, index: int) -> None:
        if self.segments:
            self.highlighted = min(max(index, 0), len(self.segments) - 1)
