"""Names no list knows: capitalised words inside a sentence that are no Dutch word, typed by the words around them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from qualcode.domain.pseudonym_forms import EntityType

_CAPITALISED = r"(?:[A-ZÀ-ÖØ-Þ][\w'&.]*(?:-[\w']+)*)"
_JOINERS = r"(?:&|op|aan|aan de|aan den|for|of the|and)"
RUN = re.compile(rf"(?<![\w-]){_CAPITALISED}(?:(?<![\w']{{3}}\.) (?:{_JOINERS} )?{_CAPITALISED})*")
"""A run of capitalised words, with the small words names carry inside them (``Boer & Croon``, ``Bergen op
Zoom``); not ``van``, which joins a person to an organisation as often as it is part of a name."""
_SENTENCE_START = re.compile(r"(?:^|[.!?:;…–—]\s+|\n\s*|[\"'“‘(]\s*)$")
_PLACE_BEFORE = re.compile(r"\b(?:[Ii]n|[Nn]aar|[Uu]it|[Rr]ichting|[Vv]anuit|rond|buiten|nabij)\s+$")
_COORDINATION = re.compile(rf"(?:,\s*(?P<listed>{_CAPITALISED})(?=\s*,|\s+(?:en|of)\s)"
                           rf"|\s+(?:en|of|en ook|of naar|en naar|en in|of in)\s+"
                           rf"(?P<name>{_CAPITALISED}(?: {_CAPITALISED})*))")
"""A name listed after another: ``, Bravis en`` or ``of Antwerpen``."""
COMPASS = frozenset("Noord Oost Zuid West Midden Noordoost Noordwest Zuidoost Zuidwest".split())
COMPASS_REGION = re.compile(r"(?<![\w-])(?:Noord|Oost|Zuid|West|Midden|Noordoost|Noordwest|Zuidoost|Zuidwest)"
                            r"-(?!Nederland\b|Europa\b)[A-Z]\w+(?:-[A-Z]\w+)?")
"""``West-Brabant``, ``Zuidoost-Drenthe``: a compass point joined to a name is a region (``Zuid-Nederland`` is
too large to identify anyone, like a country)."""
STREET = re.compile(r"(?<![\w-])(?:[A-Z][\w.]+ ){0,2}[A-Z]\w{2,}(?:straat|weg|laan|plein|dijk|singel|gracht|kade|steeg|"
                    r"dreef|baan|markt|plantsoen|wal|pad|straße|strasse)\b")
"""Dutch street names end in a street word: ``Slingeweg``, ``Hoofdstraat``, ``Pieter Zeemanlaan`` (a street named
after someone takes his name along); so do German ones across the border (``Grenzstraße``)."""
SQUARE = re.compile(r"(?<![\w-])(?:Grote|Kleine|Oude|Nieuwe|Lange|Korte|Hoge|Lage|Brede) "
                    r"(?:Markt|Straat|Weg|Plein|Gracht|Kade|Dijk|Singel|Laan|Haven|Brug|Sluis|Kerkstraat)\b")
"""``Grote Markt``, ``Oude Gracht``: an adjective and a street's word, both capitalised, name a street or square."""
LANDMARK = re.compile(r"(?<![\w-])(?:Van (?:der |den |de )?)?[A-Z]\w{2,}(?:diep|meer|vaart|kanaal|sluis|zand|haven|"
                      r"schelde|tunnel)\b")
"""``Damsterdiep``, ``Veenmeer``, ``Kolkhaven``: a name ending in a word for water or a quay is a landmark of a town,
a place, and so is a tunnel's (``Coentunnel``; ``-zand`` is a square as often); one named after someone takes the
name along (``Van Harinxmakanaal``)."""
GATEWAY = re.compile(r"\b(?i:over|onder|bij|langs|door|naar|voorbij) de (?P<name>[A-Z]\w{2,}(?:brug|poort|toren))\b")
"""``over de Maasbrug``, ``bij de Waterpoort``: a bridge or gate one goes over or by is a place (schools and firms
are named so too, so only where one goes, also opening a sentence: ``Over de Maasbrug``)."""
STRONG_QUARTER = re.compile(r"(?<![\w-])[A-Z]\w{2,}-?(?:wijk|buurt|kwartier|polder)\b")
"""A neighbourhood's word no care home ends in: surer than an article's institution (``het Vissenkwartier``)."""
RANGE_OF_PLACES = re.compile(r"\b[Vv]an (?P<first>[A-Z][\w'-]+) tot (?P<second>[A-Z][\w'-]+)\b")
"""``van Makkum tot Heeg``: a range whose one end is a place has a place at the other."""
QUARTER = re.compile(r"(?<![\w-])[A-Z]\w{2,}-?(?:wijk|buurt|kwartier|polder|park|hof)\b")
"""``Vogelwijk``, ``Bloemenbuurt``, ``Rivieren-buurt``: a neighbourhood's name ends in a word for one (``-hof``,
``-park`` are as often a care home's, so an organisation's word or article around them wins)."""
_TITLE_JOINERS = r"(?:in de|in het|op de|aan de|aan het|voor de|voor het|voor|zonder)"
TITLE_CASE_RUN = re.compile(rf"(?<![\w-]){_CAPITALISED}(?: (?:{_TITLE_JOINERS} )?{_CAPITALISED})+")
"""Capitalised words in a row, with the small words a name of Dutch words holds (``Samen Ouder in de Polder``);
not ``de``, ``van`` or ``en``, which join persons and lists, nor a bare ``in`` (``Isala in Zwolle``)."""
COMPASS_ADJECTIVE = re.compile(r"(?:Noord|Oost|Zuid|West)(?:elijke?|-)")
"""``Westelijke Mijnstreek``: a name opening with a compass point's adjective is a region's."""
GENERIC_TITLE_CASE = frozenset((
    "Eerste Hulp", "Spoedeisende Hulp", "Intensive Care", "Medium Care", "Medische Staf", "Raad", "Tweede Kamer",
    "Eerste Kamer", "Goede Vrijdag", "Eerste Kerstdag", "Tweede Kerstdag", "Tweede Wereldoorlog", "Verenigde Staten",
    "Europese Unie", "Verenigd Koninkrijk", "Nieuwe Testament", "Oude Testament", "Value Based Healthcare",
    "Value Based Health Care", "Positieve Gezondheid", "Juiste Zorg", "Juiste Zorg op de Juiste Plek", "Juiste Plek",
    "Shared Decision Making", "Population Health Management", "Samen Beslissen", "Zorg op Afstand",
    "Passende Zorg", "Oud en Nieuw"))
"""Capitalised phrases that name a department, a holiday, a country or a way of working in care, no one's
organisation."""
_SURNAME_ARTICLES = frozenset("Van De Der Den Ter Ten Te".split())
_PERSON_OPENERS = frozenset("Van De Der Den Ter Ten Te 't Dr. Dr Drs. Prof. Prof Mr. Dhr. Mevr. Mw. Ir. Ing. Dokter "
                            "Meneer Mevrouw Professor Zuster Broeder Collega Wethouder Burgemeester Meester".split())


SPECIALTY = re.compile(r"(?:logie|kunde|chirurgie|therapie|iatrie|atrie)$")
"""``Cardiologie``, ``Verloskunde``: a medical specialty capitalised as a department's name names no one."""


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: EntityType
    confidence: float


@lru_cache(maxsize=65536)
def is_dutch_word(word: str) -> bool:
    """Whether a (lower-cased) word is in simplemma's Dutch dictionary, whole or as a compound of two."""
    word = word.lower().strip(".'")
    if len(word) < 3 or simplemma.is_known(word, lang="nl"):
        return True
    return any(simplemma.is_known(word[:cut], lang="nl") and simplemma.is_known(word[cut:].removeprefix("s"), lang="nl")
               and len(word[cut:].removeprefix("s")) > 3 for cut in range(4, len(word) - 3))


def is_compound_name(word: str) -> bool:
    """``Zorgdomein``, ``Thuiszorgnet``: a capitalised word made of two Dutch words that no dictionary holds
    whole; inside a sentence such a coinage is a name (a product's, a firm's), not a word."""
    lower = word.lower().strip(".'")
    return len(lower) > 7 and not word.isupper() and not simplemma.is_known(lower, lang="nl") and is_dutch_word(lower)


def at_sentence_start(text: str, position: int) -> bool:
    """Whether ``position`` opens a sentence, a line or a quote (a capital there says nothing)."""
    return position == 0 or _SENTENCE_START.search(text, max(0, position - 8), position) is not None


def unknown_names(text: str, ignore: frozenset[str], names: frozenset[str]) -> Iterable[Candidate]:
    """Runs of capitalised words inside a sentence with a word no Dutch dictionary knows: a place after
    ``in``/``naar``/``uit``, else an organisation (persons are deduce's; these are what it leaves).

    An all-capital abbreviation counts only when it is not the only word: ``BN DeStem``, not ``het LSP``;
    a known first name or surname with a genitive s (``Mariekes``) is left to the person it names."""
    for match in RUN.finditer(text):
        words = [word for word in re.split(r"[ \-]", match.group()) if word[:1].isupper()]
        start, end = match.start(), match.end()
        if at_sentence_start(text, start):  # the opening word's capital says nothing: judge the words after it
            first = re.match(r"\S+\s+", match.group())  # a hyphenated opener (Sittard-Geleen) is one word
            if first is None:
                continue
            start += first.end()
            words = [word for word in re.split(r"[ \-]", text[start:end]) if word[:1].isupper()]
        while end > start and text[end - 1] in ".,'":
            end -= 1
        if any(word.strip(".") in ignore for word in words):
            continue
        words = [word.strip(".").removesuffix("'s") for word in words]  # PCI's
        if len(words) == 1 and SPECIALTY.search(words[0]):
            continue  # de Cardiologie: a department
        unknown = [word for word in words if not word.isupper() and not is_dutch_word(word)
                   and not (word.endswith("s") and word[:-1] in names)]
        if not unknown and len(words) == 1 and is_compound_name(words[0]):
            placed = _PLACE_BEFORE.search(text, max(0, start - 12), start)
            yield Candidate(start, end, "place" if placed else "organisation", 0.55)
            continue
        if not unknown or (len(words) == 1 and words[0].isupper()):
            continue
        if _PLACE_BEFORE.search(text, max(0, start - 12), start):
            yield Candidate(start, end, "place", 0.62)  # surer than the organisation it is elsewhere
        else:
            yield Candidate(start, end, "organisation", 0.6)


def title_case_names(text: str, ignore: frozenset[str], first_names: frozenset[str], surnames: frozenset[str],
                     stop_words: frozenset[str], places: frozenset[str]) -> Iterable[Candidate]:
    """Runs of two or more capitalised words inside a sentence (``Ambulance Oost``, ``Jonge Specialist``,
    ``ROAZ Oost``): in Dutch only a name capitalises its words there, so the run is one, an organisation's
    unless it ends in a street's word or follows ``in``/``uit``/``naar`` (a place's).

    A run led by a first name, a title or a surname's article is a person's (deduce's); a person named
    inside the run ends it (``Zorggroep Noord Bram Verhoeff``). Opening a sentence, a run counts only when
    its first word is an abbreviation, its last a compass point (``Ambulance Oost doet``) or it has three
    capitalised words. A run that opens with a word of its own (not a name) is surer than deduce's person
    or place inside it (``Samen Ouder in de Polder``, not the person Polder)."""
    for match in TITLE_CASE_RUN.finditer(text):
        words = [(m.start() + match.start(), m.end() + match.start(), m.group())
                 for m in re.finditer(r"\S+", match.group())]
        segment: list[tuple[int, int, str]] = []
        for word in words:  # "Ja. Ambulance Oost": a sentence may end inside the run
            segment.append(word)
            if word[2].endswith(",") or word[2].endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", word[2]):
                yield from _title_case_name(text, segment, ignore, first_names, surnames, stop_words, places)
                segment = []
        yield from _title_case_name(text, segment, ignore, first_names, surnames, stop_words, places)


def _title_case_name(text: str, words: list[tuple[int, int, str]], ignore: frozenset[str],
                     first_names: frozenset[str], surnames: frozenset[str], stop_words: frozenset[str],
                     places: frozenset[str]) -> Iterable[Candidate]:
    """The name a stretch of a capitalised run holds, if any (see ``title_case_names``)."""
    for index, (_start, _end, word) in enumerate(words[:-1]):
        following = words[index + 1][2].rstrip(".,")
        if word[:1].islower() and following[:1].isupper() and (following in places or not is_dutch_word(following)):
            words = words[:index]  # "Saxenburgh in de Achterhoek": a name that holds "in de" goes on in Dutch words
            break
    capitalised = [word for word in words if word[2][:1].isupper()]
    for index, (_start, _end, word) in enumerate(capitalised[1:], start=1):
        following = capitalised[index + 1][2].rstrip(".,'") if index + 1 < len(capitalised) else ""
        if re.fullmatch(r"[IVX]+\.?|[A-Z]", word.rstrip(".,")):
            capitalised = capitalised[:index]  # "Bijlage II Media": a numbered heading, no name
            break
        if (re.fullmatch(r"(?:[A-Z]\.)+", word) or word in _SURNAME_ARTICLES and following[:1].isupper()
                or word in first_names and word not in _PERSON_OPENERS and following[:1].isupper() and (
                    not is_dutch_word(word) or following in surnames or not is_dutch_word(following))):
            person_end = capitalised[-1][1] - len(capitalised[-1][2]) + len(capitalised[-1][2].rstrip(".,'"))
            yield Candidate(capitalised[index][0], person_end, "person", 0.7)
            capitalised = capitalised[:index]  # a person follows (Volgens P.J. Ravensberg, Volgens De Witte)
            break
    for index, (_start, _end, word) in enumerate(capitalised[1:], start=1):
        if word.rstrip(".,'") in ignore - COMPASS:
            capitalised = capitalised[:index]  # "Eerlijk Gezegd Weet Ik Het Niet": a sentence in capitals
            break
    while capitalised and (capitalised[-1][2].rstrip(".,'") in ignore - COMPASS
                           or capitalised[-1][2] in _SURNAME_ARTICLES):
        capitalised.pop()
    if len(capitalised) < 2:
        return
    start, first = capitalised[0][0], capitalised[0][2]
    if (first in _PERSON_OPENERS or first in first_names and not is_dutch_word(first) or first in ignore
            or re.fullmatch(r"(?:[A-Z]\.)+", first)):
        return
    acronym = first.isupper() and len(first) > 1
    end = capitalised[-1][1]
    own_words = any(not is_dutch_word(word.rstrip(".,'")) for _start, _end, word in capitalised) or any(
        start < word_start < end and word[:1].islower() for word_start, _end, word in words)
    if at_sentence_start(text, start) and not (acronym or capitalised[-1][2].rstrip(".,") in COMPASS
                                               or len(capitalised) >= 3 and first.lower() not in stop_words
                                               and own_words):
        return  # "Eerlijk Gezegd Weet": a sentence in capitals, no name
    end = capitalised[-1][1]
    while text[end - 1] in ".,'":
        end -= 1
    name = text[start:end]
    if name in GENERIC_TITLE_CASE or all(word[2] in surnames or word[2] in first_names for word in capitalised):
        return
    if STREET.fullmatch(name):
        yield Candidate(start, end, "place", 0.8)
    elif COMPASS_ADJECTIVE.match(first) and not acronym:
        yield Candidate(start, end, "place", 0.73)
    elif _PLACE_BEFORE.search(text, max(0, start - 12), start):
        yield Candidate(start, end, "place", 0.66)
    elif acronym:
        yield Candidate(start, end, "organisation", 0.82)
    elif first in surnames or first in first_names:
        yield Candidate(start, end, "organisation", 0.66)
    else:  # a run opening with a word of its own: Zorgalliantie Zuid-Holland Noord, over the region inside
        last = capitalised[-1][2].rstrip(".,'")
        regional = len(capitalised) >= 3 or COMPASS_REGION.fullmatch(last)
        located = len(capitalised) == 2 and last in places and is_dutch_word(first)
        yield Candidate(start, end, "organisation", 0.8 if regional else 0.77 if located else 0.73)
        # Zorgpartners Midden-Holland; Reddingsbrigade Dalfsen, over the town the header names


def coordinated(text: str, spans: Iterable[tuple[int, int, EntityType]], ignore: frozenset[str],
                names: frozenset[str]) -> Iterable[Candidate]:
    """A capitalised word listed right after a place or organisation (``Rotterdam of Antwerpen``, ``Amphia,
    Bravis en``) is one of the same kind, unless it is a known first name or surname."""
    for _start, end, entity_type in spans:
        if entity_type not in ("place", "organisation"):
            continue
        match = _COORDINATION.match(text, end, min(len(text), end + 60))
        if match is None:
            continue
        group = "listed" if match.group("listed") else "name"
        name = re.split(r"(?<=\w{2})[.!?]\s", match.group(group))[0].rstrip(".,'")  # not into the next sentence
        if name in ignore or name in names or name.removesuffix("s") in names:
            continue
        yield Candidate(match.start(group), match.start(group) + len(name), entity_type, 0.66)


def extended_organisation(text: str, start: int, end: int, ignore: frozenset[str]) -> tuple[int, int]:
    """An organisation's span grown over the capitalised words right before it inside a sentence
    (``Universitair Medisch Centrum``, ``Coöperatie VGZ``, ``Acute Zorgnetwerk``)."""
    while not at_sentence_start(text, start):
        before = re.search(rf"(?<![\w-])({_CAPITALISED}) $", text[max(0, start - 40):start])
        if before is None:
            return start, end
        word_start = start - len(before.group())
        if before.group(1) in ignore or at_sentence_start(text, word_start):
            return start, end
        start = word_start
    return start, end
