"""One coder's side of a disagreement: the text around it with that coder's codings of the code marked."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from qualcode.agreement.disagreements import Disagreement, clip_spans
from qualcode.agreement.units import Span
from qualcode.domain.display_text import display_text
from qualcode.tui.plain_text import plain
from qualcode.domain.language import _


def marked_context(disagreement: Disagreement, spans: Sequence[Span], coded: Style, region: Style) -> Text:
    """The disagreement's context with ``region`` on the disputed region and ``coded`` on the spans inside it."""
    offset = disagreement.context_start
    text = Text(display_text(disagreement.context))
    if (disagreement.start, disagreement.end) != (offset, disagreement.context_end):
        text.stylize(region, disagreement.start - offset, disagreement.end - offset)
    for start, end in clip_spans(spans, offset, disagreement.context_end):
        text.stylize(coded, start - offset, end - offset)
    return text


def coded_summary(name: str, disagreement: Disagreement, spans: Sequence[Span]) -> str:
    """What the coder coded of the region, in words."""
    inside = clip_spans(spans, disagreement.start, disagreement.end)
    if not inside:
        return _("{name} did not code it.").format(name=name)
    coded = sum(end - start for start, end in inside)
    beyond = any(start < disagreement.start or end > disagreement.end for start, end in spans)
    if beyond:
        return _("{name} coded {coded} of its {length} characters and beyond it (marked).").format(
            name=name, coded=coded, length=disagreement.end - disagreement.start)
    return _("{name} coded {coded} of its {length} characters (marked).").format(
        name=name, coded=coded, length=disagreement.end - disagreement.start)


class CodedContext(VerticalScroll):
    """A bordered pane: a line saying what the coder coded, then the context with the coding marked."""

    COMPONENT_CLASSES = {"coded-context--coded", "coded-context--region"}

    DEFAULT_CSS = """
    CodedContext {
        width: 1fr;
        border: round $border-blurred;
        border-title-color: $text-muted;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    CodedContext > .coded-context-summary { color: $text-muted; margin: 0 0 1 0; }
    CodedContext > .coded-context--coded { background: $accent 45%; text-style: bold; }
    CodedContext > .coded-context--region { text-style: underline; }
    """

    def compose(self) -> ComposeResult:
        yield Static(classes="coded-context-summary")
        yield Static(classes="coded-context-text")

    def show(self, name: str, disagreement: Disagreement | None, spans: Sequence[Span]) -> None:
        summary = self.query_one(".coded-context-summary", Static)
        body = self.query_one(".coded-context-text", Static)
        if disagreement is None:
            summary.update("")
            body.update("")
            return
        summary.update(plain(coded_summary(name, disagreement, spans)))
        body.update(marked_context(disagreement, spans, self.get_component_rich_style("coded-context--coded"),
                                   self.get_component_rich_style("coded-context--region")))
        self.scroll_home(animate=False)
