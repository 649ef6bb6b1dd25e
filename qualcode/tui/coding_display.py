"""How codings are shown: coloured spans and the code margin of the transcript, and the segment panel."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Literal

from qualcode.domain.display_text import display_text
from qualcode.domain.models import Codebook, Coding, Memo, Segment
from qualcode.domain.turn_time import clock_text
from qualcode.tui.widgets.codebook_tree import code_colour
from qualcode.tui.widgets.segment_panel import PanelCoding, SegmentDetails
from qualcode.tui.widgets.transcript_view import CodedSpan, MarginEntry, TranscriptDecorations
from qualcode.domain.language import _

View = Literal["mine", "all"]


def overlaps(coding: Coding | Memo, start: int, end: int) -> bool:
    return coding.start < end and start < coding.end


def coders_shown(codings: Sequence[Coding], coder_id: int, view: View) -> list[int]:
    """The coder first, then (in the all-coders view) everyone else with codings here, by id."""
    if view == "mine":
        return [coder_id]
    return [coder_id, *sorted({coding.coder_id for coding in codings} - {coder_id})]


def decorations(codebook: Codebook, codings: Sequence[Coding], turns: Sequence[Segment], coder_id: int,
                view: View) -> TranscriptDecorations:
    """Coloured spans (the coder's own tinted, others' underlined) and per turn the codes per coder."""
    shown = coders_shown(codings, coder_id, view)
    visible = [coding for coding in codings if coding.coder_id in shown]
    colours = {code.id: code_colour(codebook, code) for code in codebook.codes}
    names = {code.id: display_text(code.name) for code in codebook.codes}
    spans = tuple(CodedSpan(c.start, c.end, colours.get(c.code_id, "#888888"), own=c.coder_id == coder_id)
                  for c in visible)
    margin: dict[int, tuple[tuple[MarginEntry, ...], ...]] = {}
    by_turn: dict[int, list[Coding]] = {}
    starts = [turn.start for turn in turns]
    for coding in sorted(visible, key=lambda c: (c.start, c.end)):
        for turn in _turns_overlapping(turns, starts, coding):
            by_turn.setdefault(turn.turn_index, []).append(coding)
    for turn_index, turn_codings in by_turn.items():
        columns = []
        for coder in shown:
            seen: dict[int, MarginEntry] = {}
            for coding in turn_codings:
                if coding.coder_id == coder and coding.code_id not in seen:
                    seen[coding.code_id] = MarginEntry(names.get(coding.code_id, "?"),
                                                       colours.get(coding.code_id, "#888888"))
            columns.append(tuple(seen.values()))
        margin[turn_index] = tuple(columns)
    return TranscriptDecorations(spans=spans, margin=margin, columns=len(shown))


def _turns_overlapping(turns: Sequence[Segment], starts: list[int], coding: Coding) -> list[Segment]:
    index = max(0, bisect_right(starts, coding.start) - 1)
    found = []
    while index < len(turns) and turns[index].start < coding.end:
        if overlaps(coding, turns[index].start, turns[index].end):
            found.append(turns[index])
        index += 1
    return found


def segment_title(segment: Segment, index: int, count: int, turn_time: float | None = None) -> str:
    """``Paragraph 3/10 · R (respondent) · 00:01:02``; a segment that does not start its turn shows the
    turn's time as ``turn at 00:01:02``."""
    time = ""
    if segment.start_time is not None:
        time = f" · {clock_text(segment.start_time)}"
    elif turn_time is not None:
        time = " · " + _("turn at {time}").format(time=clock_text(turn_time))
    kind = {"turn": _("Turn"), "paragraph": _("Paragraph"), "sentence": _("Sentence")}.get(
        segment.kind, segment.kind.capitalize())
    return display_text(f"{kind} {index + 1}/{count} · {segment.speaker} ({segment.role}){time}")


def segment_details(codebook: Codebook, segment: Segment, index: int, count: int, codings: Sequence[Coding],
                    memos: Sequence[Memo], coder_id: int, coders: dict[int, str], view: View,
                    turn_time: float | None = None) -> SegmentDetails:
    """The panel's content for the current segment (``turn_time``: its turn's): codings per coder shown, memos."""
    here = [coding for coding in codings if overlaps(coding, segment.start, segment.end)]
    columns = []
    for coder in coders_shown(here, coder_id, view):
        items = tuple(
            PanelCoding(
                code_name=(display_text(code.name) if (code := codebook.code_by_id(coding.code_id)) else "?"),
                colour=code_colour(codebook, code) if code else "#888888",
                memo=display_text(coding.memo),
                partial=(coding.start, coding.end) != (segment.start, segment.end),
            )
            for coding in sorted(here, key=lambda c: (c.start, c.end)) if coding.coder_id == coder
        )
        columns.append((display_text(coders.get(coder, "?")), items))
    memo = next((display_text(m.text) for m in memos if m.coder_id == coder_id and (m.start, m.end) == (segment.start, segment.end)),
                "")
    return SegmentDetails(segment_title(segment, index, count, turn_time), tuple(columns), memo)


def own_codings_at(codings: Sequence[Coding], coder_id: int, start: int, end: int) -> list[Coding]:
    """The coder's codings that overlap ``start:end``, in text order."""
    return sorted((c for c in codings if c.coder_id == coder_id and overlaps(c, start, end)),
                  key=lambda c: (c.start, c.end, c.id))
