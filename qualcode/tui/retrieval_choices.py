"""What the retrieval screen asks for, Textual-free: a tree node's query, coder and attribute choices, its state."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from qualcode.domain.models import Case, Code, Codebook
from qualcode.domain.retrieval import RetrievalFilters, RetrievedSegment
from qualcode.domain.language import _

CONSENSUS = "consensus"
CONTEXTS = (0, 120, 300)
"""Characters of context around each quote (whole words are shown); the context key cycles through them."""

RowKey = tuple[int, int, int, str]
"""A retrieved row: document id, start, end, coder."""


def row_key(segment: RetrievedSegment) -> RowKey:
    return segment.document_id, segment.start, segment.end, segment.coder


@dataclass(frozen=True)
class CoderChoice:
    """One setting of the coder filter: its label and the coder names (None: every coder)."""

    label: str
    coders: tuple[str, ...] | None


def coder_choices(me: str, coders: Iterable[str]) -> list[CoderChoice]:
    """Mine, every coder, the consensus, then each other coder by name."""
    others = sorted(name for name in set(coders) if name not in (me, CONSENSUS))
    return [CoderChoice(_("mine ({me})").format(me=me), (me,)), CoderChoice(_("all"), None),
            CoderChoice(CONSENSUS, (CONSENSUS,)),
            *(CoderChoice(name, (name,)) for name in others)]


def attribute_text(value: object) -> str:
    """An attribute value as the filters compare it: ``true``/``false`` for yes/no."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def attribute_values(cases: Sequence[Case]) -> dict[str, tuple[str, ...]]:
    """Every case attribute with its values (as text, sorted), attributes by name."""
    found: dict[str, set[str]] = {}
    for case in cases:
        for name, value in case.attributes.items():
            if value is not None:
                found.setdefault(name, set()).add(attribute_text(value))
    return {name: tuple(sorted(values)) for name, values in sorted(found.items())}


def descendants(codebook: Codebook, code: Code) -> list[Code]:
    """The code's sub-codes, their sub-codes and so on, in codebook order."""
    found, parents = [], {code.id}
    for candidate in codebook.codes:
        if candidate.parent_id in parents:
            found.append(candidate)
            parents.add(candidate.id)
    return found


def query_for_code(codebook: Codebook, code: Code) -> str:
    """The query for a code with all its sub-codes."""
    return " OR ".join(c.key for c in (code, *descendants(codebook, code)))


def query_for_node(codebook: Codebook, kind: str, node_id: int) -> str:
    """The query for a tree node: a group by its id (all its codes), a code with its sub-codes."""
    if kind == "group":
        group = next((group for group in codebook.groups if group.id == node_id), None)
        return group.key if group else ""
    code = codebook.code_by_id(node_id)
    return query_for_code(codebook, code) if code else ""


def describe_attributes(attributes: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    alternatives = " " + _("or") + " "
    return "; ".join(f"{name} = {alternatives.join(values)}" for name, values in attributes) or _("all")


@dataclass(frozen=True)
class RetrievalState:
    """Everything the retrieval screen shows, so leaving for the workbench and coming back changes nothing."""

    query: str
    filters: RetrievalFilters = field(default_factory=RetrievalFilters)
    coder_label: str = _("all")
    context: int = 120
    row: RowKey | None = None
    row_index: int = 0

    def at(self, row: RowKey | None, index: int) -> RetrievalState:
        return replace(self, row=row, row_index=index)
