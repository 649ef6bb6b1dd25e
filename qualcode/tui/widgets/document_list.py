"""The project's documents, each with its case and how much of it the coder has coded."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from qualcode.domain.display_text import display_text
from qualcode.domain.language import _
from qualcode.domain.models import DocumentSummary
from qualcode.storage.sqlite_reading import coded_percent


def share_bar(share: float, width: int = 8) -> str:
    """``0.4`` -> ``███▎    ``: a bar of eighths, so progress is visible at a glance."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")).ljust(width)


class DocumentList(OptionList):
    """An option per document; choosing one posts :class:`OpenRequested`, ``C`` posts :class:`CaseRequested`."""

    BINDINGS = [
        Binding("escape", "screen.focus('transcript')", _("Back to the transcript"), show=False, id="documents.back",
                tooltip=_("Back to the transcript.")),
        Binding("escape", "screen.focus('transcript')", _("Back to the transcript"), show=False, id="documents.back",
                tooltip=_("Back to the transcript.")),
        Binding("C", "request_case", _("Case"), id="documents.case",
                tooltip=_("Set or change the highlighted document's case: an existing one or a new label (u undoes).")),
    ]

    class OpenRequested(Message):
        def __init__(self, document_id: int) -> None:
            super().__init__()
            self.document_id = document_id

    class CaseRequested(Message):
        def __init__(self, document_id: int) -> None:
            super().__init__()
            self.document_id = document_id

    def action_request_case(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.CaseRequested(int(self.get_option_at_index(self.highlighted).id)))

    def show_documents(self, documents: Sequence[DocumentSummary], shares: dict[int, float],
                       current: int | None) -> None:
        """Fill the list, keeping the highlight on ``current``."""
        self.clear_options()
        self.add_options([Option(self.prompt(document, shares.get(document.id, 0.0)), id=str(document.id))
                          for document in documents])
        if current is not None:
            self.highlight_document(current)

    def highlight_document(self, document_id: int) -> None:
        try:
            self.highlighted = self.get_option_index(str(document_id))
        except LookupError:
            pass

    @staticmethod
    def prompt(document: DocumentSummary, share: float) -> Text:
        """Two lines: the name, then the case and the coded share as a bar and a percentage."""
        prompt = Text(no_wrap=True, overflow="ellipsis")
        prompt.append(display_text(document.name) + "\n")
        prompt.append(f"  {display_text(document.case_label or '–'):<6}", style="bold")
        prompt.append(f" {share_bar(share)} ", style="green")
        prompt.append(f"{coded_percent(share):>3}%", style="dim")
        return prompt

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.OpenRequested(int(event.option.id)))
