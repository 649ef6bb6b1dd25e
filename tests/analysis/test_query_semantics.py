"""Query semantics against a brute-force evaluator: random codings, random queries, the same segments.

The brute force works on plain Python sets of character positions, one per document and coder,
straight from the definitions in ``qualcode.analysis.retrieval``'s docstring; the library works
on merged spans. Both must find the same segments with the same matched codes.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.analysis.retrieval import retrieve
from qualcode.analysis.text_matching import lemma
from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.domain.retrieval import RetrievalFilters
from qualcode.domain.sentences import sentence_spans
from qualcode.storage.cases import set_case_attributes
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.project_store import init_project
from tests.project_factory import add_document, parsed_interview

CODEBOOK = CodebookSpec(title="Random", groups=(
    GroupSpec(key="g1", name="G1", codes=(CodeSpec(key="g1/a", name="A"), CodeSpec(key="g1/b", name="B"))),
    GroupSpec(key="g2", name="G2", codes=(CodeSpec(key="g2/c", name="C"),)),
))
CODES = ("g1/a", "g1/b", "g2/c")
CODERS = ("eva", "daan")
DOCUMENTS = {
    "d1": (parsed_interview([("I", "Hoe gaat het? Goed."), ("R", "Het geld is op. Echt op.\nGeen vertrouwen meer."),
                             ("I", "En toen?"), ("R", "Toen kwam het geld. Daarna ging het beter.")], case="K1")),
    "d2": (parsed_interview([("I", "Vraag een."), ("R", "Antwoord met geld. En met vertrouwen. Het gaat, het ging."),
                             ("R", "Nog een antwoord.\nTweede regel hier.")], case="K2")),
    "d3": (parsed_interview([("A", "Geen rollen bekend. Geld."), ("B", "Ook hier vertrouwen.")], interviewer=None,
                            case=None)),
}
PHRASES = ("geld", "vertrouwen", "het geld", "op", "gaan", "antwoorden", "het gaan")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    store = init_project(tmp_path_factory.mktemp("semantics") / "project")
    apply_codebook_spec(store, CODEBOOK)
    ids = {name: add_document(store, name, parsed) for name, parsed in DOCUMENTS.items()}
    with store.transaction() as session:
        set_case_attributes(session, "K1", {"fase": "verkennend"})
        set_case_attributes(session, "K2", {"fase": "gestart"})
    coders = {name: ensure_coder(store, name).id for name in CODERS}
    codes = {code.key: code.id for code in load_codebook(store).codes}
    yield store, ids, coders, codes
    store.close()


@st.composite
def codings(draw):
    result = []
    for _ in range(draw(st.integers(0, 14))):
        document = draw(st.sampled_from(sorted(DOCUMENTS)))
        length = len(DOCUMENTS[document].text)
        start = draw(st.integers(0, length - 1))
        end = draw(st.integers(start + 1, min(length, start + 40)))
        result.append((document, draw(st.sampled_from(CODES)), draw(st.sampled_from(CODERS)), start, end))
    return result


LEAVES = st.one_of(
    st.sampled_from(CODES + ("g1", "g1/*", "g?/c")),
    st.sampled_from(PHRASES).map(lambda phrase: f'TEXT "{phrase}"'),
    st.sampled_from(("WHERE fase = verkennend", "WHERE fase != gestart", "WHERE fase IN (gestart, x)")),
    st.sampled_from(CODERS).map(lambda name: f"CODER {name}"),
)


def _combine(children):
    binary = st.tuples(children, st.sampled_from(("AND", "OR", "NEAR 0", "NEAR 1", "FOLLOWED BY 1", "FOLLOWED BY 0")),
                       children).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
    return st.one_of(binary, children.map(lambda q: f"(NOT {q})"))


QUERIES = st.recursive(LEAVES, _combine, max_leaves=5)


class BruteForce:
    """Definitions, one character at a time."""

    def __init__(self, name, unit, roles):
        parsed = DOCUMENTS[name]
        self.text = parsed.text
        self.turns = [(turn.start, turn.end, index) for index, turn in enumerate(parsed.turns)]

        def role(turn):
            if parsed.interviewer_label is None:
                return "unknown"
            return "interviewer" if turn.speaker == parsed.interviewer_label else "respondent"

        passing = [turn for turn in parsed.turns if roles is None or role(turn) in roles or role(turn) == "unknown"]
        if unit in (None, "turn"):
            self.units = [(turn.start, turn.end) for turn in passing]
        elif unit == "paragraph":
            self.units = [span for turn in passing for span in turn.paragraphs]
        else:
            self.units = [s for turn in passing for p in turn.paragraphs for s in sentence_spans(self.text, *p)]
        self.units = [u for u in self.units if u[0] < u[1]]
        self.by_unit = unit is not None
        self.universe = {p for start, end in self.units for p in range(start, end)}

    def restrict(self, positions):
        positions = positions & self.universe
        if not self.by_unit:
            return positions
        return {p for start, end in self.units if positions & set(range(start, end)) for p in range(start, end)}

    def runs(self, positions):
        result, ordered = [], sorted(positions)
        for p in ordered:
            if result and result[-1][1] == p:
                result[-1][1] = p + 1
            else:
                result.append([p, p + 1])
        return [tuple(r) for r in result]

    def turn_of(self, position):
        index = -1
        for start, _, turn_index in self.turns:
            if start <= position:
                index = turn_index
        return index

    def evaluate(self, query, coder, codings_here, attributes):
        """``query`` as text, parsed by a tiny recursive reader over the generated, fully bracketed form."""
        tokens = re.findall(r'\(|\)|"[^"]*"|[^\s()]+', query)
        position = 0

        def expression():
            nonlocal position
            token = tokens[position]
            if token == "(":
                position += 1
                if tokens[position] == "NOT":
                    position += 1
                    value = self.universe - expression()
                else:
                    left = expression()
                    operator = tokens[position]
                    position += 1
                    distance = None
                    if operator == "NEAR":
                        distance = int(tokens[position])
                        position += 1
                    elif operator == "FOLLOWED":
                        distance = int(tokens[position + 1])
                        position += 2
                    right = expression()
                    value = self.combine(operator, left, right, distance)
                assert tokens[position] == ")"
                position += 1
                return value
            position += 1
            if token == "TEXT":
                phrase = tokens[position].strip('"')
                position += 1
                return self.restrict(self.phrase_positions(phrase))
            if token == "WHERE":
                attribute, operator = tokens[position], tokens[position + 1]
                if operator == "IN":
                    values, position = set(), position + 3
                    while tokens[position] != ")":
                        values.add(tokens[position].strip(","))
                        position += 1
                    position += 1
                    matches = attributes.get(attribute) in values
                else:
                    value = tokens[position + 2]
                    position += 3
                    matches = (attributes.get(attribute) == value) == (operator == "=")
                return set(self.universe) if matches else set()
            if token == "CODER":
                name = tokens[position]
                position += 1
                return set(self.universe) if name == coder else set()
            keys = resolve(token)
            return self.restrict({p for key, who, start, end in codings_here if key in keys and who == coder
                                  for p in range(start, end)})

        return expression()

    def phrase_positions(self, phrase):
        """The search's matches, and runs of whole words with the phrase words' lemmas, whitespace between."""
        words = phrase.split()
        found = set()
        for match in re.finditer(r"\s+".join(map(re.escape, words)), self.text, re.IGNORECASE):
            found |= set(range(*match.span()))
        tokens = list(re.finditer(r"\w+", self.text))
        for first in range(len(tokens) - len(words) + 1):
            run = tokens[first:first + len(words)]
            same = all(token.group().lower() == word.lower() or lemma(token.group()) == lemma(word)
                       for token, word in zip(run, words, strict=True))
            spaced = all(self.text[a.end():b.start()].isspace() for a, b in zip(run, run[1:]))
            if same and spaced:
                found |= set(range(run[0].start(), run[-1].end()))
        return found

    def combine(self, operator, left, right, distance):
        if operator == "AND":
            return left & right
        if operator == "OR":
            return left | right
        kept = set()
        for a in self.runs(left):
            for b in self.runs(right):
                a_first, a_last = self.turn_of(a[0]), self.turn_of(a[1] - 1)
                b_first, b_last = self.turn_of(b[0]), self.turn_of(b[1] - 1)
                if operator == "NEAR":
                    close = max(a_first, b_first) - min(a_last, b_last) <= distance
                else:
                    close = b[0] >= a[1] and b_first - a_last <= distance
                if close:
                    kept |= set(range(*a)) | set(range(*b))
        return kept

    def segments(self, positions):
        if not self.by_unit:
            return self.runs(positions)
        return [unit for unit in self.units if unit[0] in positions]


def resolve(token):
    if token in CODES:
        return {token}
    if token in ("g1", "g2"):
        return {code for code in CODES if code.startswith(token + "/")}
    return {code for code in CODES if fnmatchcase(code, token)}


def positive_keys(query):
    """Code keys outside any NOT in the generated, fully bracketed query."""
    tokens = re.findall(r'\(|\)|"[^"]*"|[^\s()]+', query)
    depth_of_not, stack, keys = 0, [], set()
    previous = None
    for token in tokens:
        if token == "(":
            stack.append(False)
        elif token == "NOT" and previous == "(":
            stack[-1] = True
            depth_of_not += 1
        elif token == ")":
            depth_of_not -= stack.pop()
        elif depth_of_not == 0 and previous not in ("TEXT", "CODER", "=", "!=", "IN", "WHERE") \
                and not token.startswith(('"', "(")) and token not in ("AND", "OR", "NEAR", "FOLLOWED", "BY") \
                and not token.isdigit() and previous != "fase" and "," not in token and token != "x":
            keys |= resolve(token)
        previous = token
    return keys


def brute_force(query, drawn_codings, unit, roles):
    attributes = {"d1": {"fase": "verkennend"}, "d2": {"fase": "gestart"}, "d3": {}}
    per_coder = any(code in query for code in ("g1", "g2", "g?", "CODER"))
    positive = positive_keys(query)
    result = []
    for name in sorted(DOCUMENTS):
        model = BruteForce(name, unit, roles)
        here = [(key, coder, start, end) for document, key, coder, start, end in drawn_codings if document == name]
        coders = sorted({coder for _, coder, _, _ in here}) if per_coder else [""]
        found = []
        for coder in coders:
            for start, end in model.segments(model.evaluate(query, coder, here, attributes[name])):
                codes = tuple(code for code in CODES if any(
                    key == code and who == coder and s < end and e > start for key, who, s, e in here
                    if key in positive))
                found.append((name, coder, start, end, codes))
        result += sorted(found, key=lambda row: (row[2], row[3], row[1]))
    return result


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=codings(), query=QUERIES, unit=st.sampled_from((None, "turn", "paragraph", "sentence")),
       roles=st.sampled_from((("respondent",), None, ("interviewer",))))
def test_retrieval_finds_what_the_definitions_say(project, drawn, query, unit, roles):
    store, documents, coders, codes = project
    with store.transaction() as session:
        session.connection().exec_driver_sql("DELETE FROM codings")
        for document, key, coder, start, end in drawn:
            session.connection().exec_driver_sql(
                "INSERT OR IGNORE INTO codings (document_id, code_id, coder_id, start, \"end\", memo, origin, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', 'manual', '2026-01-01', '2026-01-01')",
                (documents[document], codes[key], coders[coder], start, end))
    found = [(s.document, s.coder, s.start, s.end, s.codes)
             for s in retrieve(store, query, unit=unit, filters=RetrievalFilters(roles=roles))]
    assert found == brute_force(query, drawn, unit, roles)
