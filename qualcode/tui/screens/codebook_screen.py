"""The codebook screen: add, edit, rename, move, reorder, merge and delete codes and groups.

Every change is one undoable action in the project (``u`` here or in the workbench takes it
back). Destructive steps say how many codings they touch and ask first.
"""

from __future__ import annotations

from functools import partial
from typing import cast

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from qualcode.domain.display_text import display_text
from qualcode.domain.models import Code, Codebook, Coder, CodeGroup
from qualcode.storage.actions import redo, undo
from qualcode.storage.codebook_editing import (
    Impact, add_code, add_group, code_impact, delete_code, delete_group, group_impact, merge_codes, move_code,
    reorder_code, reorder_group, update_code, update_group,
)
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coding_counts import CodeUsage, code_usage
from qualcode.storage.project_store import ProjectStore
from qualcode.tui.store_tasks import StoreQueue, StoreTask
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.confirm_dialog import ConfirmDialog
from qualcode.tui.screens.form_dialog import FormDialog, FormField
from qualcode.tui.screens.help_screen import HelpScreen, binding_sections
from qualcode.tui.screens.text_prompt import TextPrompt
from qualcode.tui.widgets.codebook_tree import CodebookNode, CodebookTree, code_colour, group_colour, hotkey_label
from qualcode.domain.language import _, ngettext
from qualcode.tui.undo_messages import REDONE, UNDONE, undo_message


class CodebookEditorTree(CodebookTree):
    """The codebook screen's tree: ``enter`` edits the highlighted code or group."""

    BINDINGS = [Binding("enter", "screen.edit", _("Edit"), show=False, id="codebook-editor-tree.edit",
                        tooltip=_("Edit the highlighted code or group."))]


def _coders(impact: Impact) -> str:
    return " " + _("(by {coders})").format(coders=", ".join(impact.coders)) if impact.coders else ""


class CodebookScreen(Screen[None]):
    """The codebook as a tree on the left, the highlighted code or group in full on the right."""

    BINDINGS = [
        Binding("a", "add_code", _("Add code"), id="codebook.add-code",
                tooltip=_("Add a code to the highlighted group (beside the highlighted code).")),
        Binding("A", "add_code(True)", _("Add sub-code"), show=False, id="codebook.add-sub-code",
                tooltip=_("Add a code under the highlighted code.")),
        Binding("G", "add_group", _("Add group"), id="codebook.add-group", tooltip=_("Add a code group at the end.")),
        Binding("e", "edit", _("Edit"), id="codebook.edit",
                tooltip=_("Edit name, description, criteria, indicators, colour and hotkey.")),
        Binding("r", "rename", _("Rename"), id="codebook.rename", tooltip=_("Rename (the code's id stays the same).")),
        Binding("m", "move", _("Move"), id="codebook.move",
                tooltip=_("Move the code (with its sub-codes) to another group or under another code.")),
        Binding("M", "merge", _("Merge"), id="codebook.merge",
                tooltip=_("Merge the code into another: its codings move there, then it is deleted.")),
        Binding("d,delete", "delete", _("Delete"), id="codebook.delete",
                tooltip=_("Delete the code or group and its codings (asks first, shows how many).")),
        Binding("alt+up,left_square_bracket", "reorder(-1)", _("Up"), show=False, id="codebook.up",
                tooltip=_("Move the code or group up among its siblings.")),
        Binding("alt+down,right_square_bracket", "reorder(1)", _("Down"), show=False, id="codebook.down",
                tooltip=_("Move the code or group down among its siblings.")),
        Binding("u,ctrl+z", "undo", _("Undo"), id="codebook.undo", tooltip=_("Undo your last action.")),
        Binding("ctrl+y", "redo", _("Redo"), show=False, id="codebook.redo", tooltip=_("Redo what you undid.")),
        Binding("question_mark", "help", _("Help"), id="codebook.help", tooltip=_("Every key and what it does.")),
        Binding("escape,b", "close", _("Back"), id="codebook.close", tooltip=_("Back to the transcript.")),
    ]

    def __init__(self, store: ProjectStore, coder: Coder) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.codebook = Codebook(groups=(), codes=())
        self.usage: dict[int, CodeUsage] = {}

    @property
    def qualcode(self) -> StoreQueue:
        return cast("StoreQueue", self.app)

    @property
    def tree(self) -> CodebookTree:
        return self.query_one("#codebook-editor-tree", CodebookTree)

    def compose(self) -> ComposeResult:
        with Horizontal(id="codebook-editor"):
            yield CodebookEditorTree(id="codebook-editor-tree")
            with VerticalScroll(id="codebook-details"):
                yield Static(id="codebook-details-text")
        yield Footer()

    def on_mount(self) -> None:
        self.tree.border_title = _("Codebook")
        self.tree.border_subtitle = _("uses: mine/all")
        self.query_one("#codebook-details").border_title = _("Details")
        self.tree.focus()
        self.reload()

    def reload(self, select: CodebookNode | None = None) -> None:
        store, coder_id = self.store, self.coder.id
        self.qualcode.submit(StoreTask(_("read the codebook"), lambda: (load_codebook(store), code_usage(store, coder_id)),
                                       partial(self._loaded, select)))

    def _loaded(self, select: CodebookNode | None, result: tuple[Codebook, dict[int, CodeUsage]]) -> None:
        self.codebook, self.usage = result
        self.tree.show_codebook(self.codebook, self.usage)
        if select is not None:
            self.tree.select_data(select)
        elif self.tree.cursor_line < 0 and self.codebook.groups:
            self.tree.cursor_line = 0
        self._show_details()

    # --- what is highlighted --------------------------------------------------------------------

    def _selected(self) -> tuple[CodeGroup | None, Code | None]:
        node = self.tree.highlighted
        if node is None:
            return None, None
        if node.kind == "group":
            return next((g for g in self.codebook.groups if g.id == node.id), None), None
        code = self.codebook.code_by_id(node.id)
        group = next((g for g in self.codebook.groups if code and g.id == code.group_id), None)
        return group, code

    @on(CodebookTree.NodeHighlighted)
    def _highlighted(self) -> None:
        self._show_details()

    def _show_details(self) -> None:
        group, code = self._selected()
        text = Text()
        if code is not None:
            usage = self.usage.get(code.id, CodeUsage())
            text.append("■ ", style=code_colour(self.codebook, code))
            text.append(code.name + "\n", style="bold")
            parent = self.codebook.code_by_id(code.parent_id) if code.parent_id else None
            text.append(f"id {code.key}\n", style="dim")
            text.append(_("in {group}").format(group=group.name if group else "?")
                        + (f" › {parent.name}" if parent else "") + "\n")
            text.append(_("hotkey {hotkey} · colour {colour}").format(
                hotkey=hotkey_label(code.hotkey) or "–", colour=code.colour or _("from the group")) + "\n")
            text.append(_("used {mine}× by you, {everyone}× by everyone").format(
                mine=usage.mine, everyone=usage.everyone) + "\n\n")
            for title, value in ((_("Description"), code.description), (_("Include"), code.inclusion),
                                 (_("Exclude"), code.exclusion), (_("Indicators"), ", ".join(code.indicators))):
                text.append(f"{title}\n", style="bold")
                text.append((value or "–") + "\n\n", style="" if value else "dim")
        elif group is not None:
            text.append("■ ", style=group_colour(self.codebook, group))
            text.append(group.name + "\n", style="bold")
            text.append(f"id {group.key}\n", style="dim")
            codes = self.codebook.codes_in_group(group.id)
            text.append(ngettext("{count} code · colour {colour}", "{count} codes · colour {colour}", len(codes)).format(
                count=len(codes), colour=group.colour or "–") + "\n\n")
            text.append(_("Description") + "\n", style="bold")
            text.append((group.description or "–") + "\n", style="" if group.description else "dim")
        else:
            text.append(_("The codebook is empty: G adds a group, a a code."), style="dim")
        text.plain = display_text(text.plain)  # one character for one: the styles stay where they were
        self.query_one("#codebook-details-text", Static).update(text)

    # --- changes ------------------------------------------------------------------------------

    def _change(self, description: str, run, select: CodebookNode | None = None, message: str | None = None) -> None:
        def done(result) -> None:
            if message:
                self.notify(message.format(result=result), timeout=4)
            target = select
            if target is None and isinstance(result, Code):
                target = CodebookNode("code", result.id)
            elif target is None and isinstance(result, CodeGroup):
                target = CodebookNode("group", result.id)
            self.reload(target)

        self.qualcode.submit(StoreTask(description, run, done))

    def action_add_code(self, as_child: bool = False) -> None:
        group, code = self._selected()
        if group is None:
            self.notify(_("Add a group first (G)."), severity="warning")
            return
        if as_child and code is None:
            self.notify(_("Highlight the code to add a sub-code under."), severity="warning")
            return
        parent_id = code.id if as_child else (code.parent_id if code else None)
        if as_child:
            question = _("Name of the new code under {code}:").format(code=code.name)
        else:
            question = _("Name of the new code in {group}:").format(group=group.name)
        self.app.push_screen(TextPrompt(_("Add code"), question),
                             lambda name: name and self._add_code(group.id, parent_id, name))

    def _add_code(self, group_id: int, parent_id: int | None, name: str) -> None:
        store, coder_id = self.store, self.coder.id
        self._change(_("add the code"), lambda: add_code(store, coder_id=coder_id, group_id=group_id, name=name,
                                                      parent_id=parent_id).code)

    def action_add_group(self) -> None:
        self.app.push_screen(TextPrompt(_("Add group"), _("Name of the new code group:")),
                             lambda name: name and self._add_group(name))

    def _add_group(self, name: str) -> None:
        store, coder_id = self.store, self.coder.id
        self._change(_("add the group"), lambda: add_group(store, coder_id=coder_id, name=name))

    def action_edit(self) -> None:
        group, code = self._selected()
        if code is not None:
            fields = [
                FormField("name", _("Name"), code.name),
                FormField("description", _("Description"), code.description, multiline=True),
                FormField("inclusion", _("Include when"), code.inclusion, multiline=True),
                FormField("exclusion", _("Exclude when"), code.exclusion, multiline=True),
                FormField("indicators", _("Indicators (words the suggestions look for, comma-separated)"),
                          ", ".join(code.indicators)),
                FormField("colour", _("Colour"), code.colour or "", placeholder=_("#1f77b4, empty: the group's")),
                FormField("hotkey", _("Hotkey"), code.hotkey or "", placeholder=_("0-9 or f1-f12, empty: none")),
            ]
            self.app.push_screen(FormDialog(_("Edit {name}").format(name=code.name), fields),
                                 lambda changed: changed and self._edit_code(code, changed))
        elif group is not None:
            fields = [
                FormField("name", _("Name"), group.name),
                FormField("description", _("Description"), group.description, multiline=True),
                FormField("colour", _("Colour"), group.colour or "", placeholder="#b03a2e"),
            ]
            self.app.push_screen(FormDialog(_("Edit {name}").format(name=group.name), fields),
                                 lambda changed: changed and self._edit_group(group, changed))

    def _edit_code(self, code: Code, changed: dict[str, str]) -> None:
        values: dict[str, object] = dict(changed)
        if "indicators" in values:
            values["indicators"] = str(values["indicators"]).split(",")
        store, coder_id = self.store, self.coder.id
        self._change(_("change the code"), lambda: update_code(store, coder_id=coder_id, code_id=code.id,
                                                                    opened_version=code.version, **values))

    def _edit_group(self, group: CodeGroup, changed: dict[str, str]) -> None:
        store, coder_id = self.store, self.coder.id
        self._change(_("change the group"), lambda: update_group(store, coder_id=coder_id, group_id=group.id, **changed))

    def action_rename(self) -> None:
        group, code = self._selected()
        if code is not None:
            self.app.push_screen(TextPrompt(_("Rename code"), _("The code's id stays the same."), code.name),
                                 lambda name: name and self._edit_code(code, {"name": name}))
        elif group is not None:
            self.app.push_screen(TextPrompt(_("Rename group"), "", group.name),
                                 lambda name: name and self._edit_group(group, {"name": name}))

    def action_move(self) -> None:
        group, code = self._selected()
        if code is None:
            self.notify(_("Highlight a code to move; groups move up and down with alt+↑/↓ or [ ]."), timeout=4)
            return
        blocked = {code.id} | self._descendant_ids(code.id)
        choices: list[tuple[Text | str, tuple[int, int | None]]] = []
        for other_group in self.codebook.groups:
            choices.append((Text(_("top level of {group}").format(group=other_group.name), style="bold"),
                            (other_group.id, None)))
            for other in self.codebook.codes_in_group(other_group.id):
                if other.id not in blocked:
                    choices.append(("   " + _("under {code}").format(code=other.name), (other_group.id, other.id)))
        here = next(number for number, (_label, place) in enumerate(choices)
                    if place == (code.group_id, code.parent_id))
        self.app.push_screen(ChoiceDialog(_("Move {code}").format(code=code.name),
                                          _("Its sub-codes move along; its id stays."), choices,
                                          highlighted=here),
                             lambda target: target and self._move(code, target))

    def _descendant_ids(self, code_id: int) -> set[int]:
        found, frontier = set(), {code_id}
        while frontier:
            frontier = {code.id for code in self.codebook.codes if code.parent_id in frontier}
            found |= frontier
        return found

    def _move(self, code: Code, target: tuple[int, int | None]) -> None:
        store, coder_id = self.store, self.coder.id
        group_id, parent_id = target
        self._change(_("move the code"), lambda: move_code(store, coder_id=coder_id, code_id=code.id, group_id=group_id,
                                                        parent_id=parent_id))

    def action_merge(self) -> None:
        code = self._selected()[1]
        if code is None:
            self.notify(_("Highlight the code to merge into another."), timeout=3)
            return
        blocked = {code.id} | self._descendant_ids(code.id)
        choices = [(Text.assemble(("■ ", code_colour(self.codebook, other)), other.name), other.id)
                   for other in self.codebook.codes if other.id not in blocked]
        self.app.push_screen(ChoiceDialog(_("Merge {code} into …").format(code=code.name), "", choices),
                             lambda target_id: target_id and self._confirm_merge(code, target_id))

    def _confirm_merge(self, code: Code, target_id: int) -> None:
        target = self.codebook.code_by_id(target_id)
        store = self.store

        def ask(impact: Impact) -> None:
            message = (ngettext("{count} coding{coders} of “{code}” becomes “{target}”",
                                "{count} codings{coders} of “{code}” become “{target}”", impact.codings).format(
                           count=impact.codings, coders=_coders(impact), code=code.name, target=target.name) +
                       (_(", its {count} sub-code(s) move under it").format(count=impact.sub_codes)
                        if impact.sub_codes else "") +
                       _(", and “{code}” is deleted. u undoes it.").format(code=code.name))
            self.app.push_screen(ConfirmDialog(_("Merge codes?"), message, _("Merge")),
                                 lambda yes: yes and self._merge(code, target))

        self.qualcode.submit(StoreTask(_("count the codings"), lambda: code_impact(store, code.id), ask))

    def _merge(self, code: Code, target: Code) -> None:
        store, coder_id = self.store, self.coder.id
        self._change(_("merge the codes"), lambda: merge_codes(store, coder_id=coder_id, source_id=code.id,
                                                           target_id=target.id),
                     select=CodebookNode("code", target.id),
                     message=_("Merged: {result.moved} codings moved, {result.duplicates_removed} duplicates dropped."))

    def action_delete(self) -> None:
        group, code = self._selected()
        store = self.store
        if code is not None:
            def ask(impact: Impact) -> None:
                message = (ngettext("Delete “{code}” and its {count} coding{coders}?",
                                    "Delete “{code}” and its {count} codings{coders}?", impact.codings).format(
                               code=code.name, count=impact.codings, coders=_coders(impact)) +
                           (" " + _("Its {count} sub-code(s) move up a level.").format(count=impact.sub_codes)
                            if impact.sub_codes else "") +
                           " " + _("u undoes it."))
                self.app.push_screen(ConfirmDialog(_("Delete code?"), message, _("Delete")),
                                     lambda yes: yes and self._delete_code(code))

            self.qualcode.submit(StoreTask(_("count the codings"), lambda: code_impact(store, code.id), ask))
        elif group is not None:
            def ask_group(impact: Impact) -> None:
                message = ngettext("Delete the group “{group}” with its {codes} code(s) and {count} coding{coders}? "
                                   "u undoes it.",
                                   "Delete the group “{group}” with its {codes} code(s) and {count} codings{coders}? "
                                   "u undoes it.", impact.codings).format(
                    group=group.name, codes=impact.codes, count=impact.codings, coders=_coders(impact))
                self.app.push_screen(ConfirmDialog(_("Delete group?"), message, _("Delete")),
                                     lambda yes: yes and self._delete_group(group))

            self.qualcode.submit(StoreTask(_("count the codings"), lambda: group_impact(store, group.id), ask_group))

    def _delete_code(self, code: Code) -> None:
        store, coder_id = self.store, self.coder.id
        parent = CodebookNode("code", code.parent_id) if code.parent_id else CodebookNode("group", code.group_id)
        self._change(_("delete the code"), lambda: delete_code(store, coder_id=coder_id, code_id=code.id),
                     select=parent, message=_("Deleted the code and {result} codings (u undoes)."))

    def _delete_group(self, group: CodeGroup) -> None:
        store, coder_id = self.store, self.coder.id
        self._change(_("delete the group"), lambda: delete_group(store, coder_id=coder_id, group_id=group.id),
                     message=_("Deleted {result.codes} codes and {result.codings} codings (u undoes)."))

    def action_reorder(self, offset: int) -> None:
        group, code = self._selected()
        store, coder_id = self.store, self.coder.id
        if code is not None:
            self._change(_("move the code"), lambda: reorder_code(store, coder_id=coder_id, code_id=code.id, offset=offset),
                         select=CodebookNode("code", code.id))
        elif group is not None:
            self._change(_("move the group"),
                         lambda: reorder_group(store, coder_id=coder_id, group_id=group.id, offset=offset),
                         select=CodebookNode("group", group.id))

    def action_undo(self) -> None:
        store, coder_id = self.store, self.coder.id
        self.qualcode.submit(StoreTask(_("undo"), lambda: undo(store, coder_id), partial(self._undone, UNDONE)))

    def action_redo(self) -> None:
        store, coder_id = self.store, self.coder.id
        self.qualcode.submit(StoreTask(_("redo"), lambda: redo(store, coder_id), partial(self._undone, REDONE)))

    def _undone(self, verb: str, record) -> None:
        self.notify(undo_message(verb, record.description if record else None), timeout=3)
        self.reload(self.tree.highlighted)

    def action_help(self) -> None:
        sections = binding_sections(self.app, self, {CodebookScreen: _("Codebook"), CodebookTree: _("Codebook tree"),
                                                     App: _("Application")})
        self.app.push_screen(HelpScreen(_("Codebook keys"), sections))

    def action_close(self) -> None:
        self.dismiss(None)
