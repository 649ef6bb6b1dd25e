"""Stable GUIDs for REFI-QDA exports: uuid5 of a per-project namespace and the object's kind and id.

The namespace is a random UUID made at the first export and kept in the project's settings, so
exporting the same project again gives every coder, code, document and coding the GUID it had,
while two projects never share GUIDs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from qualcode.storage.project_store import ProjectStore
from qualcode.storage.settings import get_setting, set_setting

NAMESPACE_SETTING = "refi.namespace"


@dataclass(frozen=True)
class RefiGuids:
    namespace: uuid.UUID

    def of(self, kind: str, ident: int | str) -> str:
        """The GUID of object ``ident`` of ``kind`` (``coder``, ``code``, ``document`` ...)."""
        return str(uuid.uuid5(self.namespace, f"{kind}:{ident}"))


def project_guids(store: ProjectStore) -> RefiGuids:
    """The project's GUID maker, creating and saving its namespace on first use."""
    stored = get_setting(store, NAMESPACE_SETTING)
    if stored is None:
        stored = str(uuid.uuid4())
        set_setting(store, NAMESPACE_SETTING, stored)
    return RefiGuids(uuid.UUID(stored))
