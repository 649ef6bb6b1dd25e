"""The query language: what parses into what, and what a malformed query is told."""

from __future__ import annotations

import pytest

from qualcode.domain.code_query import (
    And, CodeRef, CoderIs, FollowedBy, Near, Not, Or, QueryError, TextMatch, WhereAttribute, parse_query,
)


def test_a_code_id_alone_is_a_query():
    assert parse_query("belemmerend/gebrek-aan-vertrouwen").root == CodeRef("belemmerend/gebrek-aan-vertrouwen", 0)


def test_precedence_near_then_not_then_and_then_or():
    root = parse_query("a OR NOT b AND c NEAR 2 d").root
    assert root == Or(CodeRef("a", 0), And(Not(CodeRef("b", 9)), Near(CodeRef("c", 15), CodeRef("d", 24), 2)))


def test_every_operand_and_keywords_in_any_case():
    root = parse_query('(x/* or TEXT "geld en") and where fase IN (verkennend, "nog niet") '
                       'AND WHERE dienst != maatschap AND coder eva AND p FOLLOWED BY 1 q').root
    assert root == And(And(And(And(
        Or(CodeRef("x/*", 1), TextMatch("geld en", 13)),
        WhereAttribute("fase", ("verkennend", "nog niet"), False, 34)),
        WhereAttribute("dienst", ("maatschap",), True, 77)),
        CoderIs("eva", 107)),
        FollowedBy(CodeRef("p", 115), CodeRef("q", 131), 1))


@pytest.mark.parametrize(("query", "message"), [
    ("", "query:1:1: expected a code, '(', NOT, TEXT, WHERE or CODER; the query is empty"),
    ("   ", "query:1:1: expected a code, '(', NOT, TEXT, WHERE or CODER; the query is empty"),
    ("belemmerend/x AND", "query:1:18: expected a code, '(' or NOT after AND, but the query ends"),
    ("a AND AND b", "query:1:7: expected a code, '(' or NOT after AND, not 'AND'"),
    ("a NEAR b", "query:1:8: expected a number of turns after NEAR, not 'b'"),
    ("a FOLLOWED b", "query:1:12: expected BY after FOLLOWED, not 'b'"),
    ("WHERE fase", "query:1:11: expected '=', '!=' or IN after fase, but the query ends"),
    ("TEXT geld", "query:1:6: expected a quoted \"text\" after TEXT, not 'geld'"),
    ('TEXT "  "', 'query:1:6: expected words inside TEXT "..."'),
    ("(a", "query:1:3: expected ')' after a, but the query ends"),
    ("a b", "query:1:3: expected OR, AND, NEAR, FOLLOWED BY or the end of the query after a, not 'b'"),
    ("WHERE x IN (a,", "query:1:15: expected a quoted \"text\" or a name after ',', but the query ends"),
    ("CODER AND", "query:1:7: expected a quoted \"text\" or a name after CODER, not 'AND'"),
    ("a )", "query:1:3: expected the end of the query after a, not ')'"),
])
def test_a_malformed_query_says_what_was_expected_where(query, message):
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)
    assert caught.value.position == int(message.split(":")[2]) - 1


def test_code_ids_may_begin_with_a_keyword():
    root = parse_query("in-de-praktijk AND not-x OR text-analyse/a AND NOT and.b").root
    assert root == Or(And(CodeRef("in-de-praktijk", 0), CodeRef("not-x", 19)),
                      And(CodeRef("text-analyse/a", 28), Not(CodeRef("and.b", 51))))
    assert parse_query('WHERE x IN (in-house, "b c") AND CODER "Jan de Vries"').root == And(
        WhereAttribute("x", ("in-house", "b c"), False, 6), CoderIs("Jan de Vries", 39))
