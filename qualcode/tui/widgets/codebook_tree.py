"""The codebook as a tree of groups and codes, each code with its colour, hotkey and use counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from qualcode.domain.display_text import display_text
from qualcode.domain.models import Code, Codebook, CodeGroup
from qualcode.storage.workbench_start import CodeUsage
from qualcode.domain.language import _

DEFAULT_COLOURS = ("#5dade2", "#58d68d", "#f5b041", "#af7ac5", "#ec7063", "#48c9b0", "#f4d03f", "#a3e4d7")
"""Colours for codes and groups whose codebook gives none, chosen by position."""

GUIDE_WIDTH = 4


@dataclass(frozen=True)
class CodebookNode:
    """What a tree node stands for."""

    kind: Literal["group", "code"]
    id: int


def code_colour(codebook: Codebook, code: Code) -> str:
    """A code's colour: its own, else its group's, else one picked by its position."""
    if code.colour:
        return code.colour
    group = next((group for group in codebook.groups if group.id == code.group_id), None)
    if group is not None and group.colour:
        return group.colour
    return DEFAULT_COLOURS[codebook.codes.index(code) % len(DEFAULT_COLOURS)]


def group_colour(codebook: Codebook, group: CodeGroup) -> str:
    return group.colour or DEFAULT_COLOURS[codebook.groups.index(group) % len(DEFAULT_COLOURS)]


def hotkey_label(hotkey: str | None) -> str:
    return (hotkey or "").upper().replace("SHIFT+", "⇧")


class CodebookTree(Tree[CodebookNode]):
    """Groups and codes; ``enter`` on a code posts :class:`ApplyRequested`."""

    BINDINGS = [
        Binding("enter", "apply_code", _("Apply the code"), show=False, id="codebook-tree.apply",
                tooltip=_("Apply the highlighted code to the current segment or selection.")),
    ]

    class ApplyRequested(Message):
        """The researcher wants to apply ``code_id`` from the tree."""

        def __init__(self, code_id: int) -> None:
            super().__init__()
            self.code_id = code_id

    def __init__(self, *, show_counts: bool = True, id: str | None = None) -> None:
        super().__init__(_("Codebook"), id=id)
        self.show_root = False
        self.guide_depth = GUIDE_WIDTH
        self.show_counts = show_counts
        self._codebook = Codebook(groups=(), codes=())
        self._usage: dict[int, CodeUsage] = {}

    @property
    def codebook(self) -> Codebook:
        return self._codebook

    def show_codebook(self, codebook: Codebook, usage: dict[int, CodeUsage]) -> None:
        """Rebuild the tree, keeping the highlighted node and collapsed groups where they were."""
        highlighted = self.cursor_node.data if self.cursor_node is not None else None
        collapsed = {node.data for node in self._all_nodes() if node.data and not node.is_expanded}
        self._codebook, self._usage = codebook, usage
        self.clear()
        children: dict[int | None, list[Code]] = {}
        for code in codebook.codes:
            children.setdefault(code.parent_id, []).append(code)
        for group in codebook.groups:
            data = CodebookNode("group", group.id)
            group_node = self.root.add(self._group_label(group), data=data, expand=data not in collapsed)
            for code in children.get(None, []):
                if code.group_id == group.id:
                    self._add_code(group_node, code, children, collapsed, depth=2)
        if highlighted is None or not self.select_data(highlighted):
            self.cursor_line = 0

    def _add_code(self, parent: TreeNode, code: Code, children: dict[int | None, list[Code]],
                  collapsed: set[CodebookNode], depth: int) -> None:
        data = CodebookNode("code", code.id)
        kids = children.get(code.id, [])
        label = self._code_label(code, depth, bool(kids))
        if kids:
            node = parent.add(label, data=data, expand=data not in collapsed)
            for kid in kids:
                self._add_code(node, kid, children, collapsed, depth + 1)
        else:
            parent.add_leaf(label, data=data)

    def _all_nodes(self):
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            yield node
            stack.extend(node.children)

    def select_data(self, data: CodebookNode) -> bool:
        """Move the cursor to the node for ``data``; False when it is not in the tree."""
        for node in self._all_nodes():
            if node.data == data:
                self.move_cursor(node)
                return True
        return False

    def refresh_labels(self, usage: dict[int, CodeUsage]) -> None:
        """Update the use counts without rebuilding the tree."""
        self._usage = usage
        for node in self._all_nodes():
            if node.data and node.data.kind == "code":
                code = self._codebook.code_by_id(node.data.id)
                if code is not None:
                    node.set_label(self._code_label(code, self._depth(node), bool(node.children)))

    @staticmethod
    def _depth(node: TreeNode) -> int:
        depth = 0
        while node.parent is not None:
            depth += 1
            node = node.parent
        return depth

    def _group_label(self, group: CodeGroup) -> Text:
        label = Text()
        label.append("■ ", style=group_colour(self._codebook, group))
        label.append(display_text(group.name), style="bold")
        return label

    def _code_label(self, code: Code, depth: int, has_children: bool) -> Text:
        usage = self._usage.get(code.id, CodeUsage())
        counts = f" {usage.mine}/{usage.everyone}" if self.show_counts else ""
        hotkey = f"{hotkey_label(code.hotkey):>3} "
        width = self.scrollable_content_region.width if self.is_mounted else 0
        toggle = 2 if has_children else 0
        room = width - GUIDE_WIDTH * (depth - 1) - toggle - len(hotkey) - 2 - len(counts)
        name = display_text(code.name)
        if width and room >= 6 and len(name) > room:
            name = name[: room - 1] + "…"
        label = Text()
        label.append(hotkey, style="bold")
        label.append("■ ", style=code_colour(self._codebook, code))
        label.append(name.ljust(room) if width and room >= 6 else name)
        label.append(counts, style="dim")
        return label

    def on_resize(self) -> None:
        self.refresh_labels(self._usage)

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        """The scrollbar takes room from the labels (or gives it back): fit them again, or counts get cut."""
        if self.is_mounted:
            self.call_after_refresh(self.refresh_labels, self._usage)

    def action_apply_code(self) -> None:
        node = self.cursor_node
        if node is None or node.data is None:
            return
        if node.data.kind == "code":
            self.post_message(self.ApplyRequested(node.data.id))
        else:
            node.toggle()

    @property
    def highlighted(self) -> CodebookNode | None:
        node = self.cursor_node
        return node.data if node is not None else None
