"""Command palette providers: apply a code, open a document, run any workbench action by name."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from qualcode.domain.display_text import display_text
from qualcode.domain.language import _
from qualcode.storage.sqlite_reading import coded_percent

if TYPE_CHECKING:
    from qualcode.tui.screens.workbench import WorkbenchScreen


class WorkbenchProvider(Provider):
    """A provider whose commands act on the workbench the palette was opened from."""

    @property
    def workbench(self) -> WorkbenchScreen | None:
        from qualcode.tui.screens.workbench import WorkbenchScreen

        return self.screen if isinstance(self.screen, WorkbenchScreen) else None

    def commands(self) -> Iterator[tuple[str, object, str]]:
        """(name shown in the palette, callback, help line); names and help are plain text, never markup."""
        raise NotImplementedError

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(Text(name), callback, help=escape(help_text))  # the palette reads help as markup

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=escape(help_text))


class CodeCommands(WorkbenchProvider):
    """``Apply code: Gebrek aan vertrouwen`` for every code."""

    def commands(self) -> Iterator[tuple[str, object, str]]:
        workbench = self.workbench
        if workbench is None or workbench.overview is None:
            return
        groups = {group.id: group.name for group in workbench.overview.codebook.groups}
        for code in workbench.overview.codebook.codes:
            yield (display_text(_("Apply code: {name}").format(name=code.name)), partial(workbench.apply_code, code.id),
                   display_text(f"{groups.get(code.group_id, '')} · {code.key}")
                   + (" · " + _("hotkey {hotkey}").format(hotkey=code.hotkey) if code.hotkey else ""))


class DocumentCommands(WorkbenchProvider):
    """``Open document: interview-01 (R1)`` for every document."""

    def commands(self) -> Iterator[tuple[str, object, str]]:
        workbench = self.workbench
        if workbench is None or workbench.overview is None:
            return
        for document in workbench.overview.documents:
            case = f" ({document.case_label})" if document.case_label else ""
            share = workbench.overview.shares.get(document.id, 0.0)
            yield (display_text(_("Open document: {name}").format(name=document.name) + case),
                   partial(workbench.open_document, document.id),
                   _("{words} words · {turns} turns · {share}% coded by you").format(
                       words=document.words, turns=document.turns, share=coded_percent(share)))


class WorkbenchCommands(WorkbenchProvider):
    """Every workbench action that has a key binding, by its description, with its keys as help."""

    def commands(self) -> Iterator[tuple[str, object, str]]:
        workbench = self.workbench
        if workbench is None:
            return
        seen = set()
        for binding in workbench.BINDINGS:
            if (binding.description in seen or binding.action.startswith("apply_hotkey")
                    or workbench.check_action(binding.action, ()) is False):
                continue
            seen.add(binding.description)
            keys = ", ".join(self.app.get_key_display(binding.with_key(key)) for key in binding.key.split(","))
            yield (binding.description, partial(workbench.run_action, binding.action),
                   f"{binding.tooltip} · {keys}" if binding.tooltip else keys)
