"""Read and check ``qualcode.json`` from a .qdpx that qualcode wrote (see ``export.refi_extension``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.domain.codebook_spec import HOTKEY_PATTERN, KEY_PATTERN
from qualcode.domain.language import _
from qualcode.export.refi_extension import EXTENSION_ENTRY, EXTENSION_FORMAT, EXTENSION_VERSION
from qualcode.importers.refi_errors import RefiError


@dataclass(frozen=True)
class CodeExtras:
    key: str
    inclusion: str = ""
    exclusion: str = ""
    indicators: tuple[str, ...] = ()
    hotkey: str | None = None


@dataclass(frozen=True)
class Extension:
    group_keys: dict[str, str] = field(default_factory=dict)
    """Group GUID (canonical form) -> group key."""
    codes: dict[str, CodeExtras] = field(default_factory=dict)


def _text(value, what: str, fail) -> str:
    if not isinstance(value, str):
        raise fail(_("{what} must be text").format(what=what))
    return value


def read_extension(data: bytes, path: Path) -> Extension:
    """Parse the entry; RefiError names the field that is wrong."""
    def fail(reason: str) -> RefiError:
        return RefiError(path, f"{EXTENSION_ENTRY}: {reason}")

    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise fail(_("is not valid JSON: {error}").format(error=error)) from None
    if not isinstance(payload, dict) or payload.get("format") != EXTENSION_FORMAT:
        raise fail(_("is not a {extension_format} file").format(extension_format=EXTENSION_FORMAT))
    if payload.get("version") != EXTENSION_VERSION:
        raise fail(_("has version {version!r}; this qualcode reads version {extension_version}").format(version=payload.get('version'), extension_version=EXTENSION_VERSION))
    groups, codes = payload.get("groups", {}), payload.get("codes", {})
    if not isinstance(groups, dict) or not isinstance(codes, dict):
        raise fail(_("'groups' and 'codes' must be objects keyed by GUID"))
    group_keys = {}
    for guid, entry in groups.items():
        key = _text(entry.get("key") if isinstance(entry, dict) else None, f"group {guid} key", fail)
        if not KEY_PATTERN.match(key):
            raise fail(_("group {guid} has key {key!r}, which is not a qualcode key").format(guid=guid, key=key))
        group_keys[guid.strip("{}").lower()] = key
    extras = {}
    for guid, entry in codes.items():
        if not isinstance(entry, dict):
            raise fail(_("code {guid} must be an object").format(guid=guid))
        key = _text(entry.get("key"), f"code {guid} key", fail)
        if not KEY_PATTERN.match(key):
            raise fail(_("code {guid} has key {key!r}, which is not a qualcode key").format(guid=guid, key=key))
        indicators = entry.get("indicators") or []
        if not isinstance(indicators, list) or not all(isinstance(term, str) for term in indicators):
            raise fail(_("code {key}: indicators must be a list of words").format(key=key))
        hotkey = entry.get("hotkey")
        if hotkey is not None and (not isinstance(hotkey, str) or not HOTKEY_PATTERN.match(hotkey)):
            raise fail(_("code {key}: {hotkey!r} is not a hotkey qualcode binds").format(key=key, hotkey=hotkey))
        extras[guid.strip("{}").lower()] = CodeExtras(
            key=key, inclusion=_text(entry.get("inclusion") or "", f"code {key} inclusion", fail),
            exclusion=_text(entry.get("exclusion") or "", f"code {key} exclusion", fail),
            indicators=tuple(indicators), hotkey=hotkey,
        )
    return Extension(group_keys=group_keys, codes=extras)
