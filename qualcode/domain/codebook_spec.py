"""A codebook as a file describes it: groups and nested codes keyed by stable ids, no database ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HOTKEY_PATTERN = re.compile(r"^(?:[0-9]|(?:shift\+)?f(?:[1-9]|1[0-2]))$")
"""Keys a codebook may bind: digits and function keys; letters belong to the application."""

COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*)*$")


@dataclass(frozen=True)
class CodeSpec:
    key: str
    name: str
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    indicators: tuple[str, ...] = ()
    colour: str | None = None
    hotkey: str | None = None
    children: tuple[CodeSpec, ...] = ()

    def walk(self):
        """This code and all its descendants, depth first, each with its parent's key."""
        yield self, None
        for child in self.children:
            for code, parent in child.walk():
                yield code, parent or self.key


@dataclass(frozen=True)
class GroupSpec:
    key: str
    name: str
    description: str = ""
    colour: str | None = None
    codes: tuple[CodeSpec, ...] = ()


@dataclass(frozen=True)
class CodebookSpec:
    title: str = ""
    description: str = ""
    groups: tuple[GroupSpec, ...] = field(default_factory=tuple)

    def all_codes(self):
        """(group key, parent key or None, code) for every code, in file order."""
        for group in self.groups:
            for top in group.codes:
                for code, parent in top.walk():
                    yield group.key, parent, code
