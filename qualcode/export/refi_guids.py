"""Stable GUIDs for REFI-QDA exports: uuid5 of a per-project namespace and the object's kind and id.

The namespace is a random UUID made at the first export and kept in the project's settings, so
exporting the same project again gives every coder, code, document and coding the GUID it had,
while two projects never share GUIDs.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from qualcode.storage.project_store import ProjectStore
from qualcode.storage.settings import get_setting, set_setting

NAMESPACE_SETTING = "refi.namespace"


@dataclass(frozen=True)
class RefiGuids:
    namespace: uuid.UUID

    def of(self, kind: str, ident: int | str) -> str:
        """The GUID of object ``ident`` of ``kind`` (``coder``, ``code``, ``document`` ...).

        ``str(uuid.uuid5(namespace, f"{kind}:{ident}"))`` worked out directly: an export makes one per
        coding and selection, and the UUID object in between costs more than the hash.
        """
        digest = bytearray(hashlib.sha1(self.namespace.bytes + f"{kind}:{ident}".encode()).digest()[:16])
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        text = digest.hex()
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def project_guids(store: ProjectStore) -> RefiGuids:
    """The project's GUID maker, creating and saving its namespace on first use."""
    stored = get_setting(store, NAMESPACE_SETTING)
    if stored is None:
        stored = str(uuid.uuid4())
        set_setting(store, NAMESPACE_SETTING, stored)
    return RefiGuids(uuid.UUID(stored))
