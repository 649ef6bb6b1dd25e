"""The workbench's coding actions: apply, create and remove codes, and write memos."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text

from qualcode.domain.display_text import display_text
from qualcode.domain.models import Coding, CodingOrigin, Memo
from qualcode.storage.workbench_start import CodeUsage
from qualcode.tui.coding_display import own_codings_at
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.memo_editor import MemoEditor
from qualcode.tui.store_tasks import StoreTask
from qualcode.tui.widgets.codebook_tree import CodebookTree, code_colour
from qualcode.domain.language import _, ngettext

if TYPE_CHECKING:  # the store's modules load SQLAlchemy: each task imports what it uses when it runs
    from qualcode.storage.coding_actions import AppliedCode
    from qualcode.tui.screens.code_picker import PickedCode


class CodingActions:
    """Mixed into the workbench screen: what changes the codings and memos of the open document."""

    # --- coding -------------------------------------------------------------------------------------

    def _target(self) -> tuple[int, int] | None:
        if self.data is None:
            self.notify(_("Open a document first."), severity="warning")
            return None
        span = self.transcript.target_span()
        if span is None:
            self.notify(_("There is no segment here to code."), severity="warning")
        return span

    def _target_label(self) -> str:
        selected = self.transcript.text_offset_selection
        if selected is not None:
            return _("the selection ({count} characters)").format(count=selected[1] - selected[0])
        segment = self.transcript.current_segment
        if segment is None:
            return _("this segment")
        kind = {"turn": _("turn"), "paragraph": _("paragraph"), "sentence": _("sentence")}.get(segment.kind, segment.kind)
        return f"{kind} {self.transcript.current_index + 1}"

    def apply_code(self, code_id: int, *, origin: CodingOrigin = "manual", on_done=None) -> None:
        """Apply a code to the selection, or else to the current segment."""
        span = self._target()
        if span is None:
            return
        store, coder_id, document_id = self.store, self.coder.id, self.data.document.id

        def run() -> AppliedCode:
            from qualcode.storage.coding_actions import apply_code

            return apply_code(store, coder_id=coder_id, document_id=document_id, code_id=code_id,
                              start=span[0], end=span[1], origin=origin)

        def done(applied: AppliedCode) -> None:
            self._coding_added(applied.coding, applied.created)
            if on_done is not None:
                on_done(applied)

        self.qualcode.submit(StoreTask(_("apply the code"), run, done))

    def _coding_added(self, coding: Coding, created: bool) -> None:
        code = self.overview.codebook.code_by_id(coding.code_id)
        if not created:
            self.notify(_("{code} is already on this span.").format(code=code.name) if code
                        else _("That code is already on this span."), timeout=3)
            return
        usage = self.overview.usage.get(coding.code_id, CodeUsage())
        self.overview.usage[coding.code_id] = CodeUsage(usage.mine + 1, usage.everyone + 1)
        self.tree.refresh_labels(self.overview.usage)
        if self.data is not None and coding.document_id == self.data.document.id:
            self.codings.append(coding)
            if self.transcript.text_offset_selection is not None:
                self.transcript.action_clear_selection()
            self._refresh_codings()

    def action_apply_hotkey(self, key: str) -> None:
        if self.overview is None:  # keyed before the first frame had the project's codebook
            self.notify(_("The project is still loading; press {key} again in a moment.").format(key=key),
                        severity="warning", timeout=3)
            return
        code = self._code_for_hotkey(key)
        if code is not None:
            self.apply_code(code.id)

    def _code_for_hotkey(self, key: str):
        if self.overview is None:
            return None
        return next((code for code in self.overview.codebook.codes if code.hotkey == key), None)

    def on_codebook_tree_apply_requested(self, event: CodebookTree.ApplyRequested) -> None:
        self.apply_code(event.code_id)

    def action_pick_code(self) -> None:
        if self.overview is None or self._target() is None:
            return
        from qualcode.tui.screens.code_picker import CodePicker  # loads rapidfuzz: not before the first frame

        self.app.push_screen(CodePicker(self.overview.codebook, self._current_group(), self._target_label()),
                             self._code_picked)

    def _current_group(self):
        """The group new codes go to: the highlighted one in the tree, or the first."""
        codebook = self.overview.codebook
        node = self.tree.highlighted
        if node is not None:
            group_id = node.id if node.kind == "group" else codebook.code_by_id(node.id).group_id
            return next((group for group in codebook.groups if group.id == group_id), None)
        return codebook.groups[0] if codebook.groups else None

    def _code_picked(self, picked: PickedCode | None) -> None:
        if picked is None:
            return
        if picked.code_id is not None:
            self.apply_code(picked.code_id)
            return
        span = self._target()
        if span is None:
            return
        store, coder_id, document_id = self.store, self.coder.id, self.data.document.id

        def run():
            from qualcode.storage.actions import Focus
            from qualcode.storage.codebook_editing import add_code

            return add_code(store, coder_id=coder_id, group_id=picked.group_id, name=picked.new_name,
                            apply_to=Focus(document_id, *span))

        self.qualcode.submit(StoreTask(
            _("create the code"), run,
            lambda added: self.reload(message=_("Created {code} and applied it.").format(code=added.code.name)),
        ))

    def action_remove_coding(self) -> None:
        span = self._target()
        if span is None:
            return
        mine = own_codings_at(self.codings, self.coder.id, *span)
        if not mine:
            self.notify(_("You have no coding here to remove."), timeout=3)
            return
        if len(mine) == 1:
            self._remove([mine[0].id])
            return
        choices = [(self._coding_label(coding), [coding.id]) for coding in mine]
        choices.append((Text(_("all {count} codings").format(count=len(mine)), style="bold"),
                        [coding.id for coding in mine]))
        self.app.push_screen(ChoiceDialog(_("Remove which coding?"),
                                          _("Your codings on {target}:").format(target=self._target_label()),
                                          choices), lambda ids: ids and self._remove(ids))

    def _coding_label(self, coding: Coding) -> Text:
        codebook = self.overview.codebook
        code = codebook.code_by_id(coding.code_id)
        label = Text()
        label.append("▌ ", style=code_colour(codebook, code) if code else "")
        label.append(display_text(code.name) if code else "?")
        excerpt = display_text(self.data.document.text[coding.start:coding.end].replace("\n", " "))
        label.append(f"  “{excerpt[:40]}{'…' if len(excerpt) > 40 else ''}”", style="dim")
        return label

    def _remove(self, coding_ids: list[int]) -> None:
        store, coder_id = self.store, self.coder.id

        def run() -> list[Coding]:
            from qualcode.storage.coding_actions import remove_codings

            return remove_codings(store, coder_id=coder_id, coding_ids=coding_ids)

        self.qualcode.submit(StoreTask(_("remove the coding"), run, self._codings_removed))

    def _codings_removed(self, removed: list[Coding]) -> None:
        gone = {coding.id for coding in removed}
        self.codings = [coding for coding in self.codings if coding.id not in gone]
        for coding in removed:
            usage = self.overview.usage.get(coding.code_id, CodeUsage())
            self.overview.usage[coding.code_id] = CodeUsage(max(0, usage.mine - 1), max(0, usage.everyone - 1))
        self.tree.refresh_labels(self.overview.usage)
        self._refresh_codings()
        self.notify(ngettext("Removed {count} coding (u undoes).", "Removed {count} codings (u undoes).",
                             len(removed)).format(count=len(removed)), timeout=3)

    # --- memos -------------------------------------------------------------------------------------

    def action_edit_memo(self) -> None:
        span = self._target()
        if span is None:
            return
        mine = own_codings_at(self.codings, self.coder.id, *span)
        segment_choice = (Text(_("memo on {target}").format(target=self._target_label()), style="italic"),
                          ("segment", span))
        if not mine:
            self._open_memo_editor(("segment", span))
            return
        choices = [(self._coding_label(coding), ("coding", coding.id)) for coding in mine] + [segment_choice]
        self.app.push_screen(ChoiceDialog(_("Memo on what?"), "", choices),
                             lambda target: target and self._open_memo_editor(target))

    def _open_memo_editor(self, target: tuple[str, object]) -> None:
        kind, value = target
        text = self.data.document.text
        if kind == "coding":
            coding = next(c for c in self.codings if c.id == value)
            code = self.overview.codebook.code_by_id(coding.code_id)
            title = _("Memo on {code}").format(code=code.name) if code else _("Memo on the coding")
            start, end, memo = coding.start, coding.end, coding.memo
        else:
            start, end = value
            memo = next((m.text for m in self.memos if m.coder_id == self.coder.id and (m.start, m.end) == (start, end)),
                        "")
            title = _("Memo on the segment")
        excerpt = text[start:end].replace("\n", " ")
        context = f"“{excerpt[:200]}{'…' if len(excerpt) > 200 else ''}”"
        self.app.push_screen(MemoEditor(title, context, memo),
                             lambda written: written is not None and self._save_memo(kind, value, written))

    def _save_memo(self, kind: str, value: object, written: str) -> None:
        store, coder_id, document_id = self.store, self.coder.id, self.data.document.id
        if kind == "coding":
            def save_coding_memo() -> Coding:
                from qualcode.storage.coding_actions import set_coding_memo

                return set_coding_memo(store, coder_id=coder_id, coding_id=value, memo=written)

            self.qualcode.submit(StoreTask(_("save the memo"), save_coding_memo, self._coding_memo_saved))
        else:
            start, end = value

            def save_segment_memo() -> Memo | None:
                from qualcode.storage.memos import set_segment_memo

                return set_segment_memo(store, coder_id=coder_id, document_id=document_id, start=start, end=end,
                                        text=written)

            self.qualcode.submit(StoreTask(_("save the memo"), save_segment_memo,
                                           partial(self._segment_memo_saved, start, end)))

    def _coding_memo_saved(self, coding: Coding) -> None:
        self.codings = [coding if c.id == coding.id else c for c in self.codings]
        self._refresh_codings()

    def _segment_memo_saved(self, start: int, end: int, memo: Memo | None) -> None:
        self.memos = [m for m in self.memos
                      if not (m.coder_id == self.coder.id and (m.start, m.end) == (start, end))]
        if memo is not None:
            self.memos.append(memo)
        self._refresh_codings()

