"""Whose codings a frequency report counts: one coder or the consensus by default, all coders only when asked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import select

from qualcode.domain.language import _
from qualcode.storage.coders import get_coder
from qualcode.storage.sqlite_reading import REMEMBERED_CODER_SETTING
from qualcode.storage.consensus import DEFAULT_CONSENSUS
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.settings import get_setting
from qualcode.storage.tables import CoderRow, CodingRow


@dataclass(frozen=True)
class CountedCoders:
    """The coders a report counts (None: every coder) and a line that says so."""

    names: tuple[str, ...] | None
    label: str


def coders_with_codings(store: ProjectStore) -> list[str]:
    """The names of the coders who have at least one coding, in name order."""
    with store.session() as session:
        return list(session.exec(
            select(CoderRow.name).join(CodingRow, CodingRow.coder_id == CoderRow.id).distinct().order_by(CoderRow.name)
        ).all())


def counted_coders(store: ProjectStore, chosen: Sequence[str] = (), *, all_coders: bool = False) -> CountedCoders:
    """The coders named, else every coder when ``all_coders``, else one: the consensus, the remembered, the only one.

    Adding two coders' codings of one passage counts it twice, so a project with several coders,
    no consensus and no remembered coder is refused with the choices rather than summed.
    """
    if chosen and all_coders:
        raise ProjectError(_("--coder and --all-coders exclude each other: name coders, or count them all"))
    if chosen:
        names = tuple(dict.fromkeys(get_coder(store, name).name for name in chosen))
        return CountedCoders(names, "coder " + ", ".join(names) if len(names) == 1
                             else "coders added together: " + ", ".join(names))
    coding = coders_with_codings(store)
    if all_coders:
        return CountedCoders(None, "all coders added together: " + (", ".join(coding) or "none has codings"))
    if DEFAULT_CONSENSUS in coding:
        return CountedCoders((DEFAULT_CONSENSUS,), f"the consensus coder ({DEFAULT_CONSENSUS})")
    remembered = get_setting(store, REMEMBERED_CODER_SETTING)
    if remembered in coding:
        return CountedCoders((remembered,), f"coder {remembered} (the one this project remembers)")
    if len(coding) <= 1:
        return CountedCoders(tuple(coding) or None, f"coder {coding[0]} (the only one with codings)" if coding
                             else "no coder (none has codings yet)")
    raise ProjectError(_("{coding_count} coders have codings ({coding}) and there is no consensus coder: count one with --coder NAME, or add them together with --all-coders").format(coding_count=len(coding), coding=', '.join(coding)))
