"""The code query language, parsed with lark into frozen dataclasses.

    belemmerend/gebrek-aan-vertrouwen                 a code by id
    belemmerend/*   belemmerend                       a glob over code ids, a group id: all its codes
    A AND B   A OR B   NOT A   ( ... )                overlapping passages, either, the rest
    A NEAR 2 B   A FOLLOWED BY 1 B                    within 2 turns of each other, B within 1 turn after A
    TEXT "vertrouwen"                                 passages whose text holds the words
    WHERE fase = verkennend   WHERE fase != x   WHERE fase IN (a, "b c")    cases by attribute
    CODER eva                                         one coder's codings
    @vertrouwen-verkennend                            a saved query, where a code may stand

Keywords are case-insensitive. ``NEAR`` and ``FOLLOWED BY`` bind tightest, then ``NOT``, then
``AND``, then ``OR``. Evaluating a query is :mod:`qualcode.analysis.retrieval`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from qualcode.domain.language import _


_GRAMMAR = r"""
?start: or_expr
?or_expr: and_expr (_OR and_expr)*
?and_expr: not_expr (_AND not_expr)*
?not_expr: _NOT not_expr -> negation
         | proximity
?proximity: atom
          | proximity _NEAR INT atom -> near
          | proximity _FOLLOWED _BY INT atom -> followed_by
?atom: CODE -> code
     | SAVED -> saved
     | _TEXT STRING -> text
     | _WHERE WORD EQUALS value -> where_equals
     | _WHERE WORD NOT_EQUALS value -> where_not_equals
     | _WHERE WORD _IN LPAR value (COMMA value)* RPAR -> where_in
     | _CODER value -> coder
     | LPAR or_expr RPAR -> group
?value: WORD | STRING

_OR.2: /OR(?![\w*?\[\]\/.\-])/i
_AND.2: /AND(?![\w*?\[\]\/.\-])/i
_NOT.2: /NOT(?![\w*?\[\]\/.\-])/i
_NEAR.2: /NEAR(?![\w*?\[\]\/.\-])/i
_FOLLOWED.2: /FOLLOWED(?![\w*?\[\]\/.\-])/i
_BY.2: /BY(?![\w*?\[\]\/.\-])/i
_TEXT.2: /TEXT(?![\w*?\[\]\/.\-])/i
_WHERE.2: /WHERE(?![\w*?\[\]\/.\-])/i
_CODER.2: /CODER(?![\w*?\[\]\/.\-])/i
_IN.2: /IN(?![\w*?\[\]\/.\-])/i
INT.1: /\d+\b/
CODE: /(?!(?i:and|or|not|near|followed|by|text|where|coder|in)(?![\w*?\[\]\/.\-]))[\w*?\[\]][\w*?\[\]\/.\-]*/
WORD: /(?!(?i:and|or|not|near|followed|by|text|where|coder|in)(?![\w*?\[\]\/.\-]))\w[\w.\-]*/
SAVED: /@\w[\w.\-]*/
STRING: /"(?:[^"\\]|\\.)*"/
EQUALS: "="
NOT_EQUALS: "!="
LPAR: "("
RPAR: ")"
COMMA: ","
%import common.WS
%ignore WS
"""


class QueryError(ValueError):
    """A query that cannot be parsed or refers to nothing; ``str()`` is one line saying what was expected where."""

    def __init__(self, message: str, position: int, expected: str = "") -> None:
        super().__init__(message)
        self.position = position
        self.expected = expected


@dataclass(frozen=True)
class CodeRef:
    """A code id, a group id or a glob over code ids."""

    pattern: str
    position: int = 0


@dataclass(frozen=True)
class SavedQueryRef:
    """A saved query by name (``@name``), standing for its query."""

    name: str
    position: int = 0


@dataclass(frozen=True)
class TextMatch:
    """Passages whose text holds ``phrase`` (case-insensitive, any whitespace between words)."""

    phrase: str
    position: int = 0


@dataclass(frozen=True)
class WhereAttribute:
    """Documents whose case has ``attribute`` among ``values`` (or not, when ``negated``)."""

    attribute: str
    values: tuple[str, ...]
    negated: bool = False
    position: int = 0


@dataclass(frozen=True)
class CoderIs:
    """One coder's codings only."""

    name: str
    position: int = 0


@dataclass(frozen=True)
class And:
    left: Expression
    right: Expression


@dataclass(frozen=True)
class Or:
    left: Expression
    right: Expression


@dataclass(frozen=True)
class Not:
    operand: Expression


@dataclass(frozen=True)
class Near:
    """Passages of either side that lie within ``turns`` turns of a passage of the other."""

    left: Expression
    right: Expression
    turns: int


@dataclass(frozen=True)
class FollowedBy:
    """Passages of ``left`` with a passage of ``right`` after them within ``turns`` turns, and those."""

    left: Expression
    right: Expression
    turns: int


Expression = CodeRef | SavedQueryRef | TextMatch | WhereAttribute | CoderIs | And | Or | Not | Near | FollowedBy


@dataclass(frozen=True)
class CodeQuery:
    """A parsed query and the text it came from."""

    text: str
    root: Expression


def code_refs(expression: Expression, *, positive_only: bool = False) -> list[CodeRef]:
    """The code references in the expression, left to right (outside any NOT, when ``positive_only``)."""
    match expression:
        case CodeRef():
            return [expression]
        case Not(operand):
            return [] if positive_only else code_refs(operand)
        case And(left, right) | Or(left, right) | Near(left, right, _) | FollowedBy(left, right, _):
            return code_refs(left, positive_only=positive_only) + code_refs(right, positive_only=positive_only)
    return []


def with_codes_renamed(text: str, renames: dict[str, str]) -> str:
    """The query with each code id in ``renames`` replaced by its new id (globs and group ids stay as written).

    Raises QueryError for a query that does not parse."""
    refs = [ref for ref in code_refs(parse_query(text).root) if ref.pattern in renames]
    for ref in sorted(refs, key=lambda ref: ref.position, reverse=True):
        text = text[:ref.position] + renames[ref.pattern] + text[ref.position + len(ref.pattern):]
    return text


def _unquote(token) -> str:
    if token.type == "STRING":
        return bytes(token[1:-1], "utf-8").decode("unicode_escape") if "\\" in token else token[1:-1]
    return str(token)


@cache
def _transformer():
    """The lark Transformer that builds the expression (lark is imported on first use: start-up stays fast)."""
    from lark import Transformer

    class _ToExpression(Transformer):
        def code(self, items):
            return CodeRef(str(items[0]), items[0].start_pos)

        def saved(self, items):
            return SavedQueryRef(str(items[0])[1:], items[0].start_pos)

        def text(self, items):
            phrase = _unquote(items[0])
            if not phrase.split():
                raise QueryError(_("query:1:{position}: expected words inside TEXT \"...\"").format(position=items[0].start_pos + 1),
                                 items[0].start_pos, "words")
            return TextMatch(phrase, items[0].start_pos)

        def where_equals(self, items):
            return WhereAttribute(str(items[0]), (_unquote(items[2]),), False, items[0].start_pos)

        def where_not_equals(self, items):
            return WhereAttribute(str(items[0]), (_unquote(items[2]),), True, items[0].start_pos)

        def where_in(self, items):
            values = tuple(_unquote(item) for item in items[1:] if item.type in ("WORD", "STRING"))
            return WhereAttribute(str(items[0]), values, False, items[0].start_pos)

        def coder(self, items):
            return CoderIs(_unquote(items[0]), items[0].start_pos)

        def group(self, items):
            return items[1]

        def negation(self, items):
            return Not(items[0])

        def and_expr(self, items):
            result = items[0]
            for item in items[1:]:
                result = And(result, item)
            return result

        def or_expr(self, items):
            result = items[0]
            for item in items[1:]:
                result = Or(result, item)
            return result

        def near(self, items):
            return Near(items[0], items[2], int(items[1]))

        def followed_by(self, items):
            return FollowedBy(items[0], items[2], int(items[1]))

    return _ToExpression()


@cache
def _parser():
    from lark import Lark

    return Lark(_GRAMMAR, parser="lalr", propagate_positions=False, maybe_placeholders=False)


_DESCRIPTIONS = {
    "CODE": "a code", "SAVED": "a @saved-query", "STRING": 'a quoted "text"', "WORD": "a name", "INT": "a number of turns",
    "LPAR": "'('", "RPAR": "')'", "COMMA": "','", "EQUALS": "'='", "NOT_EQUALS": "'!='",
    "_OR": "OR", "_AND": "AND", "_NOT": "NOT", "_NEAR": "NEAR", "_FOLLOWED": "FOLLOWED BY", "_BY": "BY",
    "_TEXT": "TEXT", "_WHERE": "WHERE", "_CODER": "CODER", "_IN": "IN", "$END": "the end of the query",
}
_ORDER = list(_DESCRIPTIONS)


def _alternatives(expected: set[str]) -> str:
    names = sorted({name for name in expected if name in _DESCRIPTIONS}, key=_ORDER.index)
    if {"CODE", "_TEXT", "_WHERE", "_CODER"} <= set(names):     # where any operand may stand
        names = [n for n in names if n not in ("_TEXT", "_WHERE", "_CODER", "SAVED")]
    words = [_DESCRIPTIONS[name] for name in names] or ["something else"]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|!=|[()=,]|[^\s()=,!"]+')


def _after(text: str, position: int) -> str:
    before = _TOKEN.findall(text[:position])
    if not before:
        return "at the start"
    return f"after {before[-1]!r}" if before[-1] in ("(", ")", "=", ",", "!=") else f"after {before[-1]}"


def parse_query(text: str) -> CodeQuery:
    """Parse a query; raises QueryError pointing at the first place that does not fit."""
    if not text.strip():
        raise QueryError(_("query:1:1: expected a code, '(', NOT, TEXT, WHERE or CODER; the query is empty"), 0,
                         "a code")
    from lark import UnexpectedInput

    try:
        tree = _parser().parse(text)
        return CodeQuery(text=text, root=_transformer().transform(tree))
    except UnexpectedInput as error:
        raise _query_error(text, error) from None
    except Exception as error:  # lark wraps errors raised in the transformer
        inner = getattr(error, "orig_exc", None)
        if isinstance(inner, QueryError):
            raise inner from None
        raise


def _query_error(text: str, error) -> QueryError:
    from lark import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    if isinstance(error, UnexpectedEOF) or (isinstance(error, UnexpectedToken) and error.token.type == "$END"):
        position = len(text)
        expected = _alternatives(set(error.expected))
        return QueryError(f"query:1:{position + 1}: expected {expected} {_after(text, position)}, "
                          "but the query ends", position, expected)
    if isinstance(error, UnexpectedToken):
        position = error.token.start_pos
        expected = _alternatives(set(error.accepts or error.expected))
        return QueryError(f"query:1:{position + 1}: expected {expected} {_after(text, position)}, "
                          f"not {str(error.token)!r}", position, expected)
    assert isinstance(error, UnexpectedCharacters)
    position = error.pos_in_stream
    expected = _alternatives(set(error.allowed or ()))
    return QueryError(f"query:1:{position + 1}: expected {expected} {_after(text, position)}, "
                      f"not {text[position]!r}", position, expected)
