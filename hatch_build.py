"""Compiles the interface catalogues (``qualcode/locale/*/LC_MESSAGES/*.po``) into ``.mo`` files in every built wheel."""

from __future__ import annotations

import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):
    """Only the ``.po`` files are in git; a wheel carries their compiled ``.mo`` beside them."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":  # a clone compiles in memory when needed
            return
        self._compiled = tempfile.TemporaryDirectory()
        for source in sorted(Path(self.root, "qualcode", "locale").glob("*/LC_MESSAGES/*.po")):
            relative = source.relative_to(self.root).with_suffix(".mo")
            target = Path(self._compiled.name, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as file:
                catalogue = read_po(file)
            with target.open("wb") as file:
                write_mo(file, catalogue, use_fuzzy=False)
            build_data["force_include"][str(target)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if hasattr(self, "_compiled"):
            self._compiled.cleanup()
