"""The panel under the transcript: the current segment's codings and memos, and code suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from qualcode.domain.language import _


@dataclass(frozen=True)
class PanelCoding:
    """One coding as the panel lists it."""

    code_name: str
    colour: str
    memo: str
    partial: bool
    """True when the coding covers only part of the segment or reaches beyond it."""


@dataclass(frozen=True)
class SegmentDetails:
    """Everything the panel shows about the current segment."""

    title: str
    columns: tuple[tuple[str, tuple[PanelCoding, ...]], ...]
    """(coder name, codings) per coder shown, the current coder first."""
    segment_memo: str = ""


@dataclass(frozen=True)
class SuggestionItem:
    code_name: str
    colour: str
    score: float
    reason: str


class CodingsView(VerticalScroll):
    """Codings of the current segment, one column per coder, with their memos."""

    def compose(self) -> ComposeResult:
        yield Static(id="codings-text")

    def show(self, details: SegmentDetails | None) -> None:
        body = self.query_one("#codings-text", Static)
        if details is None:
            body.update(Text(_("No segment."), style="dim"))
            return
        text = Text()
        text.append(details.title + "\n", style="bold")
        for coder, codings in details.columns:
            if len(details.columns) > 1:
                text.append(f"{coder}\n", style="italic")
            if not codings:
                text.append("  " + _("not coded") + "\n", style="dim")
            for coding in codings:
                text.append("  ▌", style=coding.colour)
                text.append(coding.code_name)
                if coding.partial:
                    text.append(" " + _("(part)"), style="dim")
                text.append("\n")
                if coding.memo:
                    text.append(f"    ✎ {coding.memo}\n", style="italic dim")
        if details.segment_memo:
            text.append(f"✎ {details.segment_memo}\n", style="italic")
        body.update(text)


class SuggestionList(OptionList):
    """Code suggestions for the current segment; digits accept the n-th one while this list has focus."""

    BINDINGS = [
        Binding(str(number), f"accept({number - 1})", _("Accept suggestion {number}").format(number=number), show=False,
                id=f"suggestions.accept-{number}")
        for number in range(1, 10)
    ] + [
        Binding("enter", "accept_highlighted", _("Accept the suggestion"), show=False, id="suggestions.accept"),
        Binding("r", "reject_highlighted", _("Reject the suggestion"), show=False, id="suggestions.reject"),
        Binding("escape", "screen.focus('transcript')", _("Back to the transcript"), show=False, id="suggestions.back",
                tooltip=_("Back to the transcript.")),
    ]

    class Decided(Message):
        """The researcher accepted or rejected suggestion ``index``."""

        def __init__(self, index: int, accepted: bool) -> None:
            super().__init__()
            self.index = index
            self.accepted = accepted

    def show_message(self, message: str) -> None:
        """No suggestions to show: say why (not available, loading, none for this segment)."""
        self.clear_options()
        self.add_option(Option(Text(message, style="dim"), disabled=True))

    def show_suggestions(self, items: Sequence[SuggestionItem]) -> None:
        self.clear_options()
        if not items:
            self.show_message(_("No suggestions for this segment."))
            return
        for number, item in enumerate(items, start=1):
            prompt = Text(no_wrap=True, overflow="ellipsis")
            prompt.append(f"{number} " if number < 10 else "  ", style="bold")
            prompt.append("▌", style=item.colour)
            prompt.append(f" {item.code_name} ")
            prompt.append(f"{item.score:.0%}", style="dim")
            if item.reason:
                prompt.append(f"\n    {item.reason}", style="dim italic")
            self.add_option(Option(prompt, id=str(number - 1)))
        self.highlighted = 0

    @property
    def count(self) -> int:
        return sum(1 for option in self.options if option.id is not None)

    def action_accept(self, index: int) -> None:
        if index < self.count:
            self.post_message(self.Decided(index, accepted=True))

    def action_accept_highlighted(self) -> None:
        if self.highlighted is not None and self.highlighted < self.count:
            self.post_message(self.Decided(self.highlighted, accepted=True))

    def action_reject_highlighted(self) -> None:
        if self.highlighted is not None and self.highlighted < self.count:
            self.post_message(self.Decided(self.highlighted, accepted=False))


class SegmentPanel(Horizontal):
    """Codings and memos on the left, suggestions on the right."""

    def compose(self) -> ComposeResult:
        yield CodingsView(id="segment-codings")
        yield SuggestionList(id="suggestions")

    def on_mount(self) -> None:
        self.query_one(SuggestionList).show_message(_("Suggestions are not available yet."))
