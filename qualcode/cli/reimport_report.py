"""The lines that tell what a re-import did to each coding, memo and suggestion decision."""

from __future__ import annotations

from qualcode.importers.transcript_revision import SpanFate

QUOTE_LENGTH = 60


def quoted(text: str) -> str:
    """A span's text on one line ('↵' for a line break), cut to QUOTE_LENGTH characters."""
    one_line = text.replace("\n", "↵")
    return repr(one_line if len(one_line) <= QUOTE_LENGTH else one_line[: QUOTE_LENGTH - 1] + "…")


def span_line(fate: SpanFate, *, removed: bool = False) -> str:
    """'  moved: coding belemmerend/x by eva, turn 2 · 00:01:10 -> turn 3 · 00:01:10: 'Het vertrouwen ...'';
    an unplaced one says whether the re-import ``removed`` it. Places are turns and times, as in the
    workbench; offsets only for a document without turns."""
    where = fate.old_place or f"{fate.old_start}-{fate.old_end}"
    if fate.status == "unplaced":
        return f"  unplaced: {fate.kind} {fate.label}, {where}: {quoted(fate.old_text)} is gone" \
            + (", removed" if removed else "")
    new_where = fate.new_place or f"{fate.new_start}-{fate.new_end}"
    where += f" -> {new_where}" if fate.status != "unchanged" and new_where != where else ""
    text = quoted(fate.old_text)
    if fate.status == "text changed":
        text += f" -> {quoted(fate.new_text)}"
    return f"  {fate.status}: {fate.kind} {fate.label}, {where}: {text}"
