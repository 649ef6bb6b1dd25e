"""The header block of a transcript: a title line and fields such as ``Respondent: R1`` or ``Datum: ...``.

The rule: the header is the leading run of lines that are blank, a field or, as the first
non-blank line, a title. A field is ``Key: value`` (or ``Key<TAB>value``, as a table row reads)
whose key starts with a known word (``respondent``, ``datum``, ``duur``, ``interviewer``,
``locatie``, ``functie`` ...) and whose value is short and not a question. A title is a line of
at most 120 characters without tabs that has no speaker label, is no speaker line (``Spreker 1
[00:00:01]``, ``Interviewer``) and does not end like a sentence (``.``, ``?``,
``!``, ``,``, ``;``); a markdown ``#`` is dropped from its value.

Keys that are also speaker labels (``Respondent``, ``Interviewer`` ...) make
``Respondent: R1`` metadata but ``Respondent: Nou, kijk...`` a turn: their value must look like
a name or a code: at most six words, no ``?``/``!``/``…``, no full stop unless after an
initial, not starting with a lower-case letter (except a title like ``dr.``) or with a word that
opens sentences (``Ja``, ``Nou``, ``Ik``, ``Daar`` ...). And when the run holds only such
fields (besides the title) and no blank line follows it, it is taken for the first turns, not a
header: only the title is kept.

The header stays in the stored text; it is not part of any turn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from qualcode.importers.speaker_lines import is_speaker_line
from qualcode.importers.speaker_turns import SENTENCE_OPENERS, is_label_line

_KEY_WORDS = frozenset(
    "titel title onderwerp thema project respondent respondente geïnterviewde geinterviewde deelnemer "
    "casus case code datum date tijd tijdstip time duur duration lengte interviewer interviewers "
    "interviewster onderzoeker moderator locatie location plaats setting vorm modus medium functie "
    "function rol role beroep specialisme vakgroep afdeling organisatie organisation ziekenhuis "
    "instelling regio fase leeftijd geslacht ervaring transcriptie transcribent getranscribeerd opname "
    "bestand audio taal versie opmerking opmerkingen".split()
)
_SPEAKER_KEYS = frozenset(
    "respondent respondente geïnterviewde geinterviewde deelnemer interviewer interviewers interviewster "
    "onderzoeker moderator".split()
)
_CASE_KEYS = ("respondent", "case", "casus")

_BOLD = r"(?:\*\*|__)"
_FIELD = re.compile(
    rf"\s*{_BOLD}?(?P<key>[^\W\d_](?:[^\W\d_]|[' -]){{0,30}}?){_BOLD}?\s?(?::{_BOLD}?|\t)\s*(?P<value>.*?)(?:{_BOLD})?$"
)
_MAX_VALUE = 200
_MAX_TITLE = 120
_TITLE_MARKUP = re.compile(rf"^\s*(?:#{{1,6}}\s+)?{_BOLD}?|{_BOLD}?\s*$")
_SENTENCE_END = (".", "?", "!", ",", ";")
# Not a name or code: a question, an exclamation, a trailing full stop other than an initial's.
_NOT_A_NAME = re.compile(r"[?!…]|(?<!\b[A-Z])\.$")
_NAME_TITLE = re.compile(r"(?i:dr|drs|prof|mr|mw|mevr|dhr|ir|ing)\.\s")


@dataclass(frozen=True)
class Header:
    """``line_count`` leading lines form the header (0 when there is none)."""

    line_count: int = 0
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def case_label(self) -> str | None:
        return next((self.metadata[key] for key in _CASE_KEYS if self.metadata.get(key)), None)


def read_header(lines: Sequence[str]) -> Header:
    """The header block at the top of ``lines`` (see the module docstring for the rule)."""
    title: tuple[int, str] | None = None
    fields: list[tuple[str, str]] = []
    last = -1
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        parsed = _field(line)
        if parsed is not None:
            fields.append(parsed)
        elif last < 0 and _is_title(line):
            title = (index, _TITLE_MARKUP.sub("", line).strip())
        else:
            break
        last = index
    followed_by_blank = last + 1 >= len(lines) or not lines[last + 1].strip()
    if not followed_by_blank and all(key.split(" ", 1)[0] in _SPEAKER_KEYS for key, _ in fields):
        fields, last = [], title[0] if title else -1
    metadata = {"title": title[1]} if title else {}
    for key, value in fields:
        if value:
            metadata.setdefault(key, value)
    return Header(last + 1, metadata)


def _field(line: str) -> tuple[str, str] | None:
    match = _FIELD.match(line)
    if match is None:
        return None
    key = " ".join(match["key"].casefold().split())
    value = match["value"].strip()
    first_word = key.split(" ", 1)[0]
    if first_word not in _KEY_WORDS or len(value) > _MAX_VALUE or value.endswith("?") or "\t" in value:
        return None
    if first_word in _SPEAKER_KEYS and not _is_name_or_code(value):
        return None
    return key, value


def _is_name_or_code(value: str) -> bool:
    """``R1``, ``Eva Meijer``, ``dr. J. Bakker``, ``R3, cardioloog`` -- not ``Nou, kijk`` or ``Ja.``."""
    words = value.split()
    if not words or len(words) > 6 or _NOT_A_NAME.search(value):
        return False
    first = words[0].casefold().strip(".,;:")
    if first in SENTENCE_OPENERS:
        return False
    return not value[0].islower() or _NAME_TITLE.match(value) is not None


def _is_title(line: str) -> bool:
    stripped = line.strip()
    return (
        len(stripped) <= _MAX_TITLE
        and not stripped.endswith(_SENTENCE_END)
        and "\t" not in stripped
        and not is_label_line(line)
        and not is_speaker_line(line)
    )
