"""A document's speakers with their role, turns, words and questions; rename one or make one the interviewer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.tui.screens.text_prompt import TextPrompt
from qualcode.domain.language import _

if TYPE_CHECKING:  # the importers package loads every reader: not at start-up
    from qualcode.importers.stored_speakers import SpeakerFigures

_NAME_WIDTH = 26


@dataclass(frozen=True)
class SpeakerEdit:
    """What the researcher asked for: new names (old → new) or a new interviewer."""

    renames: dict[str, str] = field(default_factory=dict)
    interviewer: str | None = None


def speaker_row(figures: SpeakerFigures) -> Text:
    """One line: name, role, turns, words, questions, in columns under :func:`speaker_header`."""
    name = figures.speaker if len(figures.speaker) <= _NAME_WIDTH else figures.speaker[: _NAME_WIDTH - 1] + "…"
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append(f"{name:<{_NAME_WIDTH}} ", style="bold" if figures.role == "interviewer" else "")
    row.append(f"{figures.role:<12}", style="italic" if figures.role == "interviewer" else "dim")
    row.append(f"{figures.turns:>6}{figures.words:>7}{figures.questions:>10}")
    return row


def speaker_header() -> Text:
    speaker, role, turns, words, questions = _("speaker"), _("role"), _("turns"), _("words"), _("questions")
    return Text(f"{speaker:<{_NAME_WIDTH}} {role:<12}{turns:>6} {words:>6} {questions:>9}", style="dim")


class SpeakersDialog(Dialog[SpeakerEdit]):
    """``i`` makes the highlighted speaker the interviewer, ``n`` or ``enter`` renames them; codings stay."""

    DEFAULT_CSS = """
    SpeakersDialog #speakers { height: auto; max-height: 12; border: none; padding: 0; }
    """

    BINDINGS = [
        Binding("i", "interviewer", _("Make the interviewer"), id="speakers.interviewer",
                tooltip=_("Make the highlighted speaker the interviewer; everyone else becomes a respondent.")),
        Binding("n", "rename", _("Rename"), id="speakers.rename", tooltip=_("Give the highlighted speaker another name.")),
    ]

    def __init__(self, document_name: str, speakers: Sequence[SpeakerFigures]) -> None:
        super().__init__()
        self._document_name = document_name
        self._speakers = list(speakers)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = _("Speakers of {document}").format(document=self._document_name)
            box.border_subtitle = _("i interviewer · n rename · esc close")
            if not self._speakers:
                yield Static(_("This document has no turns, so no speakers."), classes="dialog-message")
            yield Static(speaker_header(), id="speakers-header")
            yield OptionList(*(Option(speaker_row(figures), id=str(number))
                               for number, figures in enumerate(self._speakers)), id="speakers")
            yield Static(_("Names and roles change in every turn of this document; the text and the codings stay "
                         "where they are. u in the workbench undoes a change."), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one("#speakers", OptionList)
        if self._speakers:
            options.highlighted = 0
        options.focus()

    def _highlighted(self) -> SpeakerFigures | None:
        index = self.query_one("#speakers", OptionList).highlighted
        return self._speakers[index] if index is not None and index < len(self._speakers) else None

    def action_interviewer(self) -> None:
        figures = self._highlighted()
        if figures is not None:
            self.dismiss(SpeakerEdit(interviewer=figures.speaker))

    def action_rename(self) -> None:
        figures = self._highlighted()
        if figures is None:
            return
        old = figures.speaker

        def renamed(new: str | None) -> None:
            if new is not None and new != old:
                self.dismiss(SpeakerEdit(renames={old: new}))

        self.app.push_screen(TextPrompt(_("Rename {name}").format(name=old), _("The new name, in every turn of this document:"), old),
                             renamed)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_rename()
