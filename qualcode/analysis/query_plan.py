"""A parsed code query checked against the project: the codes, coders, attributes and saved queries it names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase

from qualcode.analysis.retrieval_reading import CodebookKeys
from qualcode.domain.code_query import (
    And, CodeQuery, CodeRef, CoderIs, Expression, FollowedBy, Near, Not, Or, QueryError, SavedQueryRef, TextMatch,
    WhereAttribute, code_refs, parse_query,
)
from qualcode.domain.language import _


def resolve_code_ref(reference: CodeRef, codebook_keys: dict[int, str], group_of: dict[int, str]) -> tuple[int, ...]:
    """The code ids a code reference stands for: the code, all codes of a group, or a glob's matches."""
    pattern = reference.pattern
    exact = [code_id for code_id, key in codebook_keys.items() if key == pattern]
    if exact:
        return tuple(exact)
    in_group = [code_id for code_id in codebook_keys if group_of[code_id] == pattern]
    if in_group:
        return tuple(in_group)
    if any(character in pattern for character in "*?["):
        matched = [code_id for code_id, key in codebook_keys.items() if fnmatchcase(key, pattern)]
        if matched:
            return tuple(matched)
    folded = [code_id for code_id, key in codebook_keys.items() if key.casefold() == pattern.casefold()]
    if folded:
        return tuple(folded)
    raise QueryError(_("query:1:{position}: expected a code id, group id or glob of the codebook, not {pattern!r}").format(position=reference.position + 1, pattern=pattern), reference.position, "a code")


@dataclass
class QueryPlan:
    """A parsed query with every name in it checked against the project."""

    query: CodeQuery
    code_ids: dict[CodeRef, tuple[int, ...]]
    positive_code_ids: frozenset[int]
    coder_ids: dict[str, int]
    per_coder: bool
    needs_text: bool


def _walk(expression: Expression) -> Iterator[Expression]:
    yield expression
    match expression:
        case Not(operand):
            yield from _walk(operand)
        case And(left, right) | Or(left, right) | Near(left, right, _) | FollowedBy(left, right, _):
            yield from _walk(left)
            yield from _walk(right)


def _expand_saved(expression: Expression, saved: dict[str, str], seen: tuple[str, ...] = ()) -> Expression:
    """The expression with every ``@name`` replaced by that saved query's expression."""
    match expression:
        case SavedQueryRef(name, position):
            if name not in saved:
                known = ", ".join(sorted(saved)) or "none yet"
                raise QueryError(_("query:1:{position}: expected a saved query (saved queries: {known}), not '@{name}'").format(position=position + 1, known=known, name=name), position, "a saved query")
            if name in seen:
                raise QueryError(_("query:1:{position}: the saved query '@{name}' refers to itself").format(position=position + 1, name=name),
                                 position, "a saved query")
            try:
                inner = parse_query(saved[name]).root
            except QueryError as error:
                raise QueryError(_("query:1:{position}: the saved query '@{name}' no longer parses: {error}").format(position=position + 1, name=name, error=error),
                                 position, "a saved query") from None
            return _expand_saved(inner, saved, (*seen, name))
        case Not(operand):
            return Not(_expand_saved(operand, saved, seen))
        case And(left, right):
            return And(_expand_saved(left, saved, seen), _expand_saved(right, saved, seen))
        case Or(left, right):
            return Or(_expand_saved(left, saved, seen), _expand_saved(right, saved, seen))
        case Near(left, right, turns):
            return Near(_expand_saved(left, saved, seen), _expand_saved(right, saved, seen), turns)
        case FollowedBy(left, right, turns):
            return FollowedBy(_expand_saved(left, saved, seen), _expand_saved(right, saved, seen), turns)
    return expression


def plan_query(connection, query: CodeQuery, codebook: CodebookKeys) -> QueryPlan:
    """The query with its saved queries written out and every code, coder and attribute in it checked."""
    if any(isinstance(node, SavedQueryRef) for node in _walk(query.root)):
        saved = dict(connection.execute("SELECT name, text FROM saved_queries").fetchall())
        query = CodeQuery(query.text, _expand_saved(query.root, saved))
    coder_ids = {name: coder_id for coder_id, name in connection.execute("SELECT id, name FROM coders")}
    attributes = {row[0] for row in connection.execute("SELECT DISTINCT name FROM case_attributes")}
    code_ids: dict[CodeRef, tuple[int, ...]] = {}
    per_coder, needs_text = False, False
    for node in _walk(query.root):
        match node:
            case CodeRef():
                code_ids[node] = resolve_code_ref(node, codebook.keys, codebook.group_of)
                per_coder = True
            case CoderIs(name, position):
                per_coder = True
                if name not in coder_ids:
                    known = ", ".join(sorted(coder_ids)) or "none yet"
                    raise QueryError(_("query:1:{position}: expected a coder of the project (coders: {known}), not {name!r}").format(position=position + 1, known=known, name=name), position, "a coder")
            case WhereAttribute(attribute, _, _, position):
                if attribute not in attributes:
                    known = ", ".join(sorted(attributes)) or "none yet"
                    raise QueryError(_("query:1:{position}: expected a case attribute (attributes: {known}), not {attribute!r}").format(position=position + 1, known=known, attribute=attribute), position, "a case attribute")
            case TextMatch():
                needs_text = True
    positive = frozenset(code_id for ref in code_refs(query.root, positive_only=True) for code_id in code_ids[ref])
    return QueryPlan(query, code_ids, positive, coder_ids, per_coder, needs_text)
