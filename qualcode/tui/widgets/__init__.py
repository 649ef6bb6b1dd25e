"""Widgets of the workbench: they hold view state and post what the researcher wants."""

from qualcode.tui.widgets.codebook_tree import CodebookNode, CodebookTree
from qualcode.tui.widgets.document_list import DocumentList
from qualcode.tui.widgets.segment_panel import SegmentPanel, SuggestionList
from qualcode.tui.widgets.status_line import StatusLine
from qualcode.tui.widgets.transcript_view import TranscriptView

__all__ = ["CodebookNode", "CodebookTree", "DocumentList", "SegmentPanel", "StatusLine", "SuggestionList",
           "TranscriptView"]
