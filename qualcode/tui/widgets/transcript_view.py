"""The transcript: a read-only TextArea that walks segment by segment and shows codings.

The stored text is shown exactly as stored, so every screen location maps to a text offset:
a selection made with shift+arrows or the mouse is a span that can be coded as it is. Speaker
labels, interviewer turns, the header and coded spans are styled in :meth:`get_line`; a marker
column on the left shows the current segment and a margin on the right lists the codes of each
turn, one column per coder, under the turn's time (``00:12:31``) when the turn has one and is tall
enough for both. Only the visible lines are ever rendered.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.segment import Segment as RichSegment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.geometry import Offset, Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from qualcode.domain.display_text import display_text
from qualcode.domain.models import Segment
from qualcode.domain.turn_time import clock_text
from qualcode.domain.language import _

MARKER_WIDTH = 2
"""Cells left of the text: the bar that marks the current segment and a space."""

MARGIN_COLUMN_WIDTH = {1: 22, 2: 16, 3: 12}
"""Width of each coder column in the code margin, by number of columns shown."""

WIDE_MARGIN_COLUMN_WIDTH = {1: 32, 2: 24, 3: 18}
"""The same on a wide terminal, where code names need not be cut."""

NARROW_TEXT_WIDTH = 60
"""On a narrow terminal the text keeps this many columns and the margin gets what is left."""

NARROW_MARGIN_MIN_COLUMN = 5
"""A margin column narrower than this is not drawn at all."""

LINE_BREAKS_OTHER_THAN_NEWLINE = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Characters ``str.splitlines`` breaks on besides ``\\n``; shown as spaces so offsets stay put."""

_DISPLAY_TABLE = str.maketrans(LINE_BREAKS_OTHER_THAN_NEWLINE, " " * len(LINE_BREAKS_OTHER_THAN_NEWLINE))


@dataclass(frozen=True)
class CodedSpan:
    """A span to colour: the coder's own codings get a tint, other coders' an underline."""

    start: int
    end: int
    colour: str
    own: bool = True


@dataclass(frozen=True)
class MarginEntry:
    """One code beside a turn."""

    label: str
    colour: str


@dataclass(frozen=True)
class TranscriptDecorations:
    """What the transcript shows on top of the text: coded spans and the code margin.

    ``margin`` maps a turn index to one list of entries per column (one column per coder).
    """

    spans: tuple[CodedSpan, ...] = ()
    margin: dict[int, tuple[tuple[MarginEntry, ...], ...]] = field(default_factory=dict)
    columns: int = 1


class TranscriptView(TextArea, inherit_bindings=False):
    """A transcript with a current segment; posts :class:`SegmentChanged` when it moves."""

    BINDINGS: list[BindingType] = [
        Binding("down", "next_segment", _("Next segment"), show=False, id="transcript.next",
                tooltip=_("Move to the next segment (also j).")),
        Binding("up", "previous_segment", _("Previous segment"), show=False, id="transcript.previous",
                tooltip=_("Move to the previous segment (also k).")),
        Binding("left", "cursor_left", _("Cursor left"), show=False, id="transcript.cursor-left"),
        Binding("right", "cursor_right", _("Cursor right"), show=False, id="transcript.cursor-right"),
        Binding("ctrl+left", "cursor_word_left", _("Cursor a word left"), show=False, id="transcript.word-left"),
        Binding("ctrl+right", "cursor_word_right", _("Cursor a word right"), show=False, id="transcript.word-right"),
        Binding("home", "cursor_line_start", _("Cursor to line start"), show=False, id="transcript.line-start"),
        Binding("end", "cursor_line_end", _("Cursor to line end"), show=False, id="transcript.line-end"),
        Binding("pageup", "cursor_page_up", _("Page up"), show=False, id="transcript.page-up"),
        Binding("pagedown", "cursor_page_down", _("Page down"), show=False, id="transcript.page-down"),
        Binding("shift+left", "cursor_left(True)", _("Select a character left"), show=False,
                id="transcript.select-left", tooltip=_("Extend the selection; c or a hotkey codes the selection.")),
        Binding("shift+right", "cursor_right(True)", _("Select a character right"), show=False,
                id="transcript.select-right"),
        Binding("ctrl+shift+left", "cursor_word_left(True)", _("Select a word left"), show=False,
                id="transcript.select-word-left"),
        Binding("ctrl+shift+right", "cursor_word_right(True)", _("Select a word right"), show=False,
                id="transcript.select-word-right"),
        Binding("shift+up", "cursor_up(True)", _("Select a line up"), show=False, id="transcript.select-up"),
        Binding("shift+down", "cursor_down(True)", _("Select a line down"), show=False, id="transcript.select-down"),
        Binding("shift+home", "cursor_line_start(True)", _("Select to line start"), show=False,
                id="transcript.select-line-start"),
        Binding("shift+end", "cursor_line_end(True)", _("Select to line end"), show=False,
                id="transcript.select-line-end"),
        Binding("escape", "clear_selection", _("Clear the selection"), show=False, id="transcript.clear-selection"),
        Binding("ctrl+c", "copy", _("Copy the selection"), show=False, id="transcript.copy"),
    ]

    COMPONENT_CLASSES = TextArea.COMPONENT_CLASSES | {
        "transcript--header",
        "transcript--interviewer",
        "transcript--label-interviewer",
        "transcript--label-respondent",
        "transcript--current",
        "transcript--marker",
        "transcript--margin",
        "transcript--margin-other",
        "transcript--time",
        "transcript--search",
    }

    class SegmentChanged(Message):
        """The current segment changed (``segment`` is None when the document has none)."""

        def __init__(self, segment: Segment | None, index: int, count: int) -> None:
            super().__init__()
            self.segment = segment
            self.index = index
            self.count = count

    def __init__(self, *, id: str | None = None) -> None:
        # Set before TextArea.__init__, which wraps (and so asks for the margin width) already.
        self._text = ""
        self._row_starts: list[int] = [0]
        self._turns: list[Segment] = []
        self._turn_starts: list[int] = []
        self._segments: list[Segment] = []
        self._segment_starts: list[int] = []
        self._current = -1
        self._decorations = TranscriptDecorations()
        self._static_styles: dict[int, list[tuple[int, int, str]]] = {}
        self._coded_styles: dict[int, list[tuple[int, int, Style]]] = {}
        self._turn_first_y: dict[tuple[int, int], int] = {}
        self._style_cache: dict[str, Style] = {}
        self._search_hit: tuple[int, int] | None = None
        self._scroll_after_frame = False
        """A scroll asked for before the view had a size, waiting for the first frame."""
        self._room = "normal"
        super().__init__("", read_only=True, soft_wrap=True, show_cursor=True, highlight_cursor_line=False,
                         id=id)

    # --- content ---------------------------------------------------------------------------

    def show_document(self, text: str, turns: Sequence[Segment], segments: Sequence[Segment],
                      decorations: TranscriptDecorations, *, current: int = 0) -> None:
        """Show a document's text, with its turns (for labels and margin) and navigation segments."""
        self._text = text
        self._row_starts = [0]
        for line in text.split("\n")[:-1]:
            self._row_starts.append(self._row_starts[-1] + len(line) + 1)
        self._turns = list(turns)
        self._turn_starts = [turn.start for turn in self._turns]
        self._static_styles = self._compute_static_styles()
        self._decorations = decorations
        self._coded_styles = self._compute_coded_styles()
        self._segments = list(segments)
        self._segment_starts = [segment.start for segment in self._segments]
        self._turn_first_y.clear()
        self._current = -1
        self._search_hit = None
        self.load_text(display_text(text.translate(_DISPLAY_TABLE)))
        self._apply_margin_width()
        self.go_to_segment(min(current, len(self._segments) - 1), scroll=True)

    def set_segments(self, segments: Sequence[Segment]) -> None:
        """Change the navigation unit, staying at the segment that holds the current position."""
        offset = self.current_segment.start if self.current_segment else 0
        self._segments = list(segments)
        self._segment_starts = [segment.start for segment in self._segments]
        self._current = -1
        index = self.segment_index_at(offset)
        self.go_to_segment(index if index is not None else 0, scroll=True)

    def set_decorations(self, decorations: TranscriptDecorations) -> None:
        """Show other coded spans and margin entries (after a coding changed or the view filter)."""
        columns_changed = decorations.columns != self._decorations.columns
        self._decorations = decorations
        self._coded_styles = self._compute_coded_styles()
        if columns_changed:
            self._apply_margin_width()
        self.notify_style_update()
        self.refresh()

    @property
    def segments(self) -> list[Segment]:
        return self._segments

    @property
    def current_index(self) -> int:
        return self._current

    @property
    def current_segment(self) -> Segment | None:
        return self._segments[self._current] if 0 <= self._current < len(self._segments) else None

    @property
    def text_offset_selection(self) -> tuple[int, int] | None:
        """The selected span as text offsets, trimmed of surrounding whitespace; None without a selection."""
        start, end = sorted((self.offset_of(self.selection.start), self.offset_of(self.selection.end)))
        while start < end and self._text[start].isspace():
            start += 1
        while end > start and self._text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def target_span(self) -> tuple[int, int] | None:
        """What a code applies to: the selection if there is one, else the current segment."""
        selected = self.text_offset_selection
        if selected is not None:
            return selected
        segment = self.current_segment
        return (segment.start, segment.end) if segment else None

    # --- offsets and locations ---------------------------------------------------------------

    def location_of(self, offset: int) -> tuple[int, int]:
        row = bisect_right(self._row_starts, offset) - 1
        return row, offset - self._row_starts[row]

    def offset_of(self, location: tuple[int, int]) -> int:
        row, column = location
        row = min(max(row, 0), len(self._row_starts) - 1)
        return self._row_starts[row] + column

    def segment_index_at(self, offset: int) -> int | None:
        """The index of the segment holding ``offset`` (its end included), or None."""
        index = bisect_right(self._segment_starts, offset) - 1
        if index >= 0 and offset <= self._segments[index].end:
            return index
        return None

    # --- navigation ---------------------------------------------------------------------------

    def go_to_segment(self, index: int, *, scroll: bool = True) -> None:
        """Make segment ``index`` current, put the cursor at its start and scroll it into view."""
        if not self._segments:
            self._current = -1
            self.post_message(self.SegmentChanged(None, -1, 0))
            return
        index = min(max(index, 0), len(self._segments) - 1)
        segment = self._segments[index]
        changed = index != self._current
        self._current = index
        self.selection = Selection.cursor(self.location_of(segment.start))
        if scroll:
            self._scroll_segment_into_view(segment)
        if changed:
            self.notify_style_update()
            self.refresh()
            self.post_message(self.SegmentChanged(segment, index, len(self._segments)))

    def show_span(self, start: int, end: int) -> None:
        """Go to ``start:end`` (e.g. a search hit): its segment becomes current, the cursor at its start."""
        index = self.segment_index_at(start)
        if index is not None:
            self.go_to_segment(index, scroll=False)
        self.selection = Selection.cursor(self.location_of(start))
        self.scroll_to_region(self._span_region(start, end), animate=False, center=True, immediate=True)

    def select_span(self, start: int, end: int) -> None:
        """Go to ``start:end`` and select it, so a code or hotkey applies to exactly that span."""
        self.show_span(start, end)
        self.selection = Selection(self.location_of(start), self.location_of(end))

    def set_search_hit(self, hit: tuple[int, int] | None) -> None:
        """Mark a search hit in the text (None removes the mark)."""
        self._search_hit = hit
        self.notify_style_update()
        self.refresh()

    def _span_region(self, start: int, end: int) -> Region:
        first = self.wrapped_document.location_to_offset(self.location_of(start)).y
        last = self.wrapped_document.location_to_offset(self.location_of(max(start, end - 1))).y
        return Region(0, first, 1, last - first + 1)

    def _scroll_segment_into_view(self, segment: Segment) -> None:
        if not self.size.height or self._scroll_after_frame:  # not laid out yet
            self._scroll_after_first_frame()
            return
        region = self._span_region(segment.start, segment.end)
        height = self.scrollable_content_region.height
        if region.height >= height:
            region = Region(region.x, region.y, region.width, 1)
        self.scroll_to_region(region, animate=False, top=False, immediate=True)

    def move(self, step: int, *, respondent_only: bool = False) -> bool:
        """Go ``step`` segments forward (or back); False when there is none that way."""
        index = self._current
        while True:
            index += 1 if step > 0 else -1
            if not 0 <= index < len(self._segments):
                return False
            if not respondent_only or self._segments[index].role == "respondent":
                break
        self.go_to_segment(index)
        return True

    def action_next_segment(self) -> None:
        self.move(1)

    def action_previous_segment(self) -> None:
        self.move(-1)

    def action_clear_selection(self) -> None:
        self.selection = Selection.cursor(self.selection.end)

    def _on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        # A click or cursor move into another segment makes that segment current.
        index = self.segment_index_at(self.offset_of(event.selection.end))
        if index is not None and index != self._current:
            self._current = index
            self.notify_style_update()
            self.refresh()
            self.post_message(self.SegmentChanged(self._segments[index], index, len(self._segments)))

    # --- styles ----------------------------------------------------------------------------

    def _style(self, component: str) -> Style:
        if component not in self._style_cache:
            self._style_cache[component] = self.get_component_rich_style(component, partial=True)
        return self._style_cache[component]

    def notify_style_update(self) -> None:
        self._style_cache.clear()
        super().notify_style_update()

    def _compute_static_styles(self) -> dict[int, list[tuple[int, int, str]]]:
        """Per row: the header, interviewer turns and speaker labels, as component names."""
        styles: dict[int, list[tuple[int, int, str]]] = {}
        first_turn = self._turns[0].start if self._turns else len(self._text)
        for row in range(self.location_of(first_turn)[0]):
            styles.setdefault(row, []).append((0, self._row_length(row), "transcript--header"))
        for turn in self._turns:
            label_row, label_end = self.location_of(turn.start)
            label_style = ("transcript--label-interviewer" if turn.role == "interviewer"
                           else "transcript--label-respondent")
            styles.setdefault(label_row, []).append((0, label_end, label_style))
            if turn.role == "interviewer":
                last_row = self.location_of(turn.end)[0]
                for row in range(label_row, last_row + 1):
                    start = label_end if row == label_row else 0
                    styles.setdefault(row, []).append((start, self._row_length(row), "transcript--interviewer"))
        return styles

    def _row_length(self, row: int) -> int:
        end = self._row_starts[row + 1] - 1 if row + 1 < len(self._row_starts) else len(self._text)
        return end - self._row_starts[row]

    def _compute_coded_styles(self) -> dict[int, list[tuple[int, int, Style]]]:
        background = self.background_colors[1] if self.is_mounted else Color(30, 30, 30)
        styles: dict[int, list[tuple[int, int, Style]]] = {}
        for span in sorted(self._decorations.spans, key=lambda s: (not s.own, s.start)):
            colour = Color.parse(span.colour)
            if span.own:
                style = Style(bgcolor=background.blend(colour, 0.38).rich_color)
            else:
                style = Style(underline=True, color=colour.rich_color)
            start_row, start_column = self.location_of(span.start)
            end_row, end_column = self.location_of(span.end)
            for row in range(start_row, end_row + 1):
                begin = start_column if row == start_row else 0
                finish = end_column if row == end_row else self._row_length(row)
                if finish > begin:
                    styles.setdefault(row, []).append((begin, finish, style))
        return styles

    def get_line(self, line_index: int) -> Text:
        line = Text(self.document.get_line(line_index), end="", no_wrap=True)
        for start, end, component in self._static_styles.get(line_index, ()):
            line.stylize(self._style(component), start, end)
        segment = self.current_segment
        if segment is not None:
            row_start = self._row_starts[line_index]
            start, end = max(segment.start - row_start, 0), min(segment.end - row_start, len(line))
            if end > start:
                line.stylize(self._style("transcript--current"), start, end)
        for start, end, style in self._coded_styles.get(line_index, ()):
            line.stylize(style, start, end)
        if self._search_hit is not None:
            row_start = self._row_starts[line_index]
            start, end = max(self._search_hit[0] - row_start, 0), min(self._search_hit[1] - row_start, len(line))
            if end > start:
                line.stylize(self._style("transcript--search"), start, end)
        return line

    # --- marker column and code margin ---------------------------------------------------------

    def set_room(self, room: str) -> None:
        """Fit the code margin to the terminal: ``narrow`` (text first), ``normal`` or ``wide``."""
        if room != self._room:
            self._room = room
            self._apply_margin_width()
            self.refresh()

    @property
    def margin_column_width(self) -> int:
        """Width of one coder column of the code margin; 0 when the margin is hidden."""
        columns = max(1, self._decorations.columns)
        if self._room == "narrow":
            room = self.scrollable_content_region.width - MARKER_WIDTH - 1 - NARROW_TEXT_WIDTH
            width = min(MARGIN_COLUMN_WIDTH.get(columns, 10), (room - columns) // columns)
            return width if width >= NARROW_MARGIN_MIN_COLUMN else 0
        widths = WIDE_MARGIN_COLUMN_WIDTH if self._room == "wide" else MARGIN_COLUMN_WIDTH
        return widths.get(columns, 10)

    @property
    def margin_width(self) -> int:
        width = self.margin_column_width
        if width == 0:
            return 0
        columns = max(1, self._decorations.columns)
        return columns * width + (columns - 1) + 1

    @property
    def gutter_width(self) -> int:
        return MARKER_WIDTH

    @property
    def wrap_width(self) -> int:
        width = self.scrollable_content_region.width
        return max(10, width - MARKER_WIDTH - 1 - self.margin_width)

    def _apply_margin_width(self) -> None:
        self._turn_first_y.clear()
        if self.is_mounted:
            # TextArea re-wraps only on resize or a soft_wrap change; the margin width changed.
            self._rewrap_and_refresh_virtual_size()

    def _on_resize(self) -> None:
        self._turn_first_y.clear()
        super()._on_resize()

    def _scroll_after_first_frame(self) -> None:
        """Scroll the current segment into view after the first frame: a document shown before the view has
        its size (in the first frame) would be scrolled as if the view had no height, its line at the top."""
        if not self._scroll_after_frame:
            self._scroll_after_frame = True
            self.call_after_refresh(self._scroll_current_into_view)

    def _scroll_current_into_view(self) -> None:
        self._scroll_after_frame = False
        self.scroll_to(y=0, animate=False, immediate=True)  # as a document shown at its size starts
        if 0 <= self._current < len(self._segments):
            self._scroll_segment_into_view(self._segments[self._current])

    def scroll_cursor_visible(self, center: bool = False, animate: bool = False) -> Offset:
        """As TextArea's, but before the view has its size (also while the layout settles) the scroll waits
        for the first frame."""
        if not self.size.height or self._scroll_after_frame:
            self._scroll_after_first_frame()
            return Offset()
        return super().scroll_cursor_visible(center, animate)

    def _turn_index_at_row(self, row: int) -> int | None:
        row_start = self._row_starts[row]
        index = bisect_right(self._turn_starts, row_start + self._row_length(row)) - 1
        if index >= 0:
            turn = self._turns[index]
            turn_first_row = self.location_of(turn.start)[0]
            if turn_first_row <= row <= self.location_of(turn.end)[0]:
                return index
        return None

    def _first_y(self, turn_index: int) -> int:
        key = (turn_index, self.wrap_width)
        if key not in self._turn_first_y:
            row = self.location_of(self._turns[turn_index].start)[0]
            self._turn_first_y[key] = self.wrapped_document.location_to_offset((row, 0)).y
        return self._turn_first_y[key]

    def _last_y(self, turn_index: int) -> int:
        return self.wrapped_document.location_to_offset(self.location_of(self._turns[turn_index].end)).y

    def _margin_strip(self, y: int, width: int) -> Strip:
        blank = Strip.blank(width)
        if y >= self.wrapped_document.height or not self._turns:
            return blank
        row = self.wrapped_document.offset_to_location(Offset(0, y))[0]
        turn_index = self._turn_index_at_row(row)
        if turn_index is None:
            return blank
        turn = self._turns[turn_index]
        columns = self._decorations.margin.get(turn.turn_index, ())
        if not columns and turn.start_time is None:
            return blank
        line = y - self._first_y(turn_index)
        lines_available = self._last_y(turn_index) - self._first_y(turn_index) + 1
        if turn.start_time is not None and lines_available > max((len(entries) for entries in columns), default=0):
            # The time heads the turn's margin when the codes still fit below it; they come first otherwise.
            if line == 0:
                return Strip([RichSegment(" "), RichSegment(clock_text(turn.start_time),
                                                            self._style("transcript--time"))]).adjust_cell_length(width)
            line, lines_available = line - 1, lines_available - 1
        if not columns:
            return blank
        column_width = self.margin_column_width
        segments = [RichSegment(" ")]
        for number, entries in enumerate(columns):
            if number:
                segments.append(RichSegment(" "))
            style = self._style("transcript--margin" if number == 0 else "transcript--margin-other")
            segments.extend(self._margin_cell(entries, line, lines_available, column_width, style))
        return Strip(segments).adjust_cell_length(width)

    @staticmethod
    def _margin_cell(entries: Sequence[MarginEntry], line: int, lines_available: int, width: int,
                     style: Style) -> list[RichSegment]:
        overflow = len(entries) > lines_available and line == lines_available - 1
        if overflow:
            text = f"+{len(entries) - line} more"
            return [RichSegment(text[:width].ljust(width), style)]
        if line >= len(entries):
            return [RichSegment(" " * width)]
        entry = entries[line]
        label = entry.label if len(entry.label) <= width - 2 else entry.label[: width - 3] + "…"
        return [RichSegment("▌", Style(color=Color.parse(entry.colour).rich_color)),
                RichSegment(" " + label.ljust(width - 2), style)]

    def _current_rows(self) -> tuple[int, int] | None:
        segment = self.current_segment
        if segment is None:
            return None
        region = self._span_region(segment.start, segment.end)
        return region.y, region.bottom - 1

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        width = self.scrollable_content_region.width
        margin = min(self.margin_width, max(0, width - MARKER_WIDTH))
        text_width = max(0, width - MARKER_WIDTH - margin)
        absolute_y = y + self.scroll_offset.y
        rows = self._current_rows()
        if rows is not None and rows[0] <= absolute_y <= rows[1]:
            marker = Strip([RichSegment("▌ ", self._style("transcript--marker"))], MARKER_WIDTH)
        else:
            marker = Strip.blank(MARKER_WIDTH)
        return Strip.join([marker, strip.crop(0, text_width), self._margin_strip(absolute_y, margin)])
