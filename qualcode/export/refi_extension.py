"""``qualcode.json`` in a .qdpx: what REFI-QDA has no place for, so qualcode's own round trip is lossless.

REFI-QDA codes have a GUID and a name but no stable key, and no inclusion/exclusion criteria,
indicators or hotkeys. This entry maps each group's and code's GUID to those fields. Other tools
ignore the entry; qualcode's importer uses it only for GUIDs that are in ``project.qde``.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from qualcode.domain.models import Codebook

EXTENSION_ENTRY = "qualcode.json"
EXTENSION_FORMAT = "qualcode-refi-extension"
EXTENSION_VERSION = 1


def extension_json(codebook: Codebook, group_guid: Callable[[int], str], code_guid: Callable[[int], str]) -> bytes:
    """The extension entry for ``codebook``, GUIDs as the project export writes them."""
    payload = {
        "format": EXTENSION_FORMAT,
        "version": EXTENSION_VERSION,
        "groups": {group_guid(group.id): {"key": group.key} for group in codebook.groups},
        "codes": {
            code_guid(code.id): {
                "key": code.key, "inclusion": code.inclusion, "exclusion": code.exclusion,
                "indicators": list(code.indicators), "hotkey": code.hotkey,
            }
            for code in codebook.codes
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
