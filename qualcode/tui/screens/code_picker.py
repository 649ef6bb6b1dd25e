"""The code picker: type to filter the codebook (fuzzy), enter to apply, or create a missing code in a group."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from qualcode.domain.display_text import display_text
from qualcode.domain.language import _
from qualcode.domain.models import Codebook, CodeGroup
from qualcode.tui.code_matching import exact_name_match, match_codes
from qualcode.tui.screens.dialog_frame import Dialog
from qualcode.tui.widgets.codebook_tree import code_colour, hotkey_label

CREATE_OPTION = "create"


@dataclass(frozen=True)
class PickedCode:
    """An existing code (``code_id``) or a new one to create (``new_name`` in ``group_id``)."""

    code_id: int | None = None
    new_name: str | None = None
    group_id: int | None = None


class CodePicker(Dialog[PickedCode]):
    """Filters as you type; up/down move through the matches; enter applies."""

    DEFAULT_CSS = """
    CodePicker #code-matches { height: auto; max-height: 20; border: none; padding: 0; }
    CodePicker Input { margin: 0 0 1 0; }
    """

    BINDINGS = [
        Binding("down", "move(1)", "Next match", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Previous match", show=False, id="picker.up"),
        Binding("pagedown", "move(10)", "Ten matches down", show=False, id="picker.page-down"),
        Binding("pageup", "move(-10)", "Ten matches up", show=False, id="picker.page-up"),
    ]

    def __init__(self, codebook: Codebook, group: CodeGroup | None, target: str) -> None:
        super().__init__()
        self._codebook = codebook
        self._group = group
        self._target = target

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = f"Code {self._target}"
            box.border_subtitle = "type to filter · ↑↓ choose · enter apply · esc cancel"
            yield Input(placeholder="code name, id or words from its description", id="code-query")
            yield OptionList(id="code-matches")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    @on(Input.Changed, "#code-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        options = self.query_one("#code-matches", OptionList)
        options.clear_options()
        groups = {group.id: group.name for group in self._codebook.groups}
        matches = match_codes(self._codebook, query)
        for match in matches:
            code = match.code
            prompt = Text(no_wrap=True, overflow="ellipsis")
            prompt.append(f"{hotkey_label(code.hotkey):>3} ", style="bold")
            prompt.append("■ ", style=code_colour(self._codebook, code))
            prompt.append(display_text(code.name))
            prompt.append(f"  {display_text(groups.get(code.group_id, ''))}", style="dim")
            if match.field in ("description", "inclusion"):
                prompt.append(f"  ({match.field})", style="dim italic")
            options.add_option(Option(prompt, id=str(code.id)))
        wanted = query.strip()
        if wanted and self._group is not None and exact_name_match(self._codebook, wanted) is None:
            others = [group for group in self._codebook.groups if group.id != self._group.id]
            for group in (self._group, *others):  # the highlighted group first: enter creates it there
                create = Text.assemble(("  + ", "bold green"), display_text(
                    _("Create code “{name}” in {group}").format(name=wanted, group=group.name)))
                options.add_option(Option(create, id=f"{CREATE_OPTION}:{group.id}"))
        if options.option_count:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one("#code-matches", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#code-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#code-matches", OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#code-matches")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id is not None and option_id.startswith(CREATE_OPTION + ":"):
            name = self.query_one(Input).value.strip()
            self.dismiss(PickedCode(new_name=name, group_id=int(option_id.removeprefix(CREATE_OPTION + ":"))))
        elif option_id is not None:
            self.dismiss(PickedCode(code_id=int(option_id)))
