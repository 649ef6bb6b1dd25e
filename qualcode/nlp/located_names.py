"""Places and organisations told by the words around them: roads, nature areas, web names, regional bodies."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from qualcode.nlp.name_candidates import Candidate, at_sentence_start, is_compound_name, is_dutch_word

ROAD = re.compile(r"(?<![\w-])[AN]\d{1,3}(?![\w'’-]|\.\d)")
"""``A28``, ``N381``: a Dutch motorway or provincial road's number."""
_TRAVEL = r"over|via|langs|richting|afrit|afslag|oprit|knooppunt|file op"
_ROAD_BEFORE = re.compile(rf"\b(?i:de|{_TRAVEL})\s+$")
"""``over de A28``, ``De N48 van``, ``afrit N34``: where a road's number stands (not ``op A4``, ``kamer A12``)."""
_TRAVEL_BEFORE = re.compile(rf"\b(?i:{_TRAVEL})(?: de)?\s+$")
_PAPER_SIZES = frozenset("A0 A1 A3 A4 A5 A6".split())
"""Numbers that are a sheet of paper as often as a road: a road only where one travels (``over de A4``)."""

NATURE_AREA = re.compile(
    r"\b(?:[Oo]p|[Rr]ond|[Rr]ondom|[Oo]ver|[Dd]oor|[Ll]angs|[Oo]m) (?:het|de) (?P<name>(?:[A-Z][\w'-]* )?"
    r"(?:[A-Z][\w'-]*(?:veld|veen|wold|woud|heide|bos|bossen|duinen|heuvelrug|plassen)"
    r"|(?<= )(?:Veld|Veen|Wold|Woud|Heide|Bos|Bossen|Duinen|Heuvelrug|Plassen)))\b")
"""``op het Heidegeveld``, ``rond het Twents-Saksische Woud``: a heath, bog or wood one is on or goes round is a place
(a care home named so is one works at, in or with)."""

REGION_OF_NATURE = re.compile(
    r"(?<![\w-])[A-Z][\w-]*(?:se|sche)(?: en [A-Z][\w-]*(?:se|sche))? (?:Heuvelrug|Heide|Bos|Bossen|Duinen|Veen|Wold|"
    r"Woud|Plassen|Meren|Kust|Polder|Peel)\b")
"""``de Sallandse Heuvelrug``, ``de Loonse en Drunense Duinen``: a region's adjective and a landscape's word are a
place wherever they stand."""
WEB_NAME = re.compile(r"(?<![\w./@-])[A-Za-z][\w-]*[A-Za-z]\.(?:nl|com|org|eu|be|net|nu|info)\b(?![\w./@]*\w)")
"""``Hersenletsel.nl``, ``Mantelzorg.nl`` (also in ``Mantelzorg.nl-afdeling``): a site's name said as a name is an
organisation."""

CAPITALS_AND_KIND = re.compile(r"(?<![\w-])(?P<name>[A-Z]{2,6}) (?:welzijn|zorg|thuiszorg|wonen|huisartsen|apotheken|"
                               r"welzijnswerk|kinderopvang|jeugdzorg)\b")
"""``ONS welzijn``, ``KWA thuiszorg``: a name in capitals with the kind of work it does after it, in small letters."""
_HEAD_ENDINGS = (
    "regio", "kamer", "post", "posten", "netwerk", "groep", "zorg", "praktijk", "praktijken", "dienst", "diensten",
    "stichting", "centrum", "huisartsen", "welzijn", "apotheek", "kliniek", "ziekenhuis", "bescherming", "omroep",
    "politie", "brandweer", "loket", "ggz", "ggd", "hulp", "ambulance", "thuiszorg", "vereniging", "coöperatie",
)
"""What the first word of a body named for its region ends in: ``Veiligheidsregio``, ``Meldkamer``,
``Huisartsenposten``, ``CVA-netwerk``, ``Praktijk``."""
_BARE_HEADS = frozenset(("regio", "kamer", "post", "posten", "zorg", "hulp", "groep", "centrum", "dienst"))
"""Heads that alone are words for a region or a room (``regio Arnhem``, ``post Assen``): a body only as part of a
compound (``Veiligheidsregio``), or ``Regio`` capitalised inside a sentence."""
PART_OF_COUNTRY = re.compile(r"(?<![\w-])(?:Noord|Oost|Zuid|West|Midden)(?:oost|west)?-[A-Z]\w+(?:-[A-Z]\w+)*")
"""``Noord-Nederland``, ``Zuidoost-Drenthe``: a part of the country or a region, what a body may be named for."""
_WORD_BEFORE = re.compile(r"(?<![\w.'-])(?P<head>[A-Z][\w]*(?:-[\w]+)*) $")
_FILLER = re.compile(r"(?i)[eu]+h+m*|h+m+|m+|euh|joh")
"""``Ehm``, ``Hmm``: a sound a speaker makes, no brand."""
_ACRONYM_BEFORE = re.compile(r"(?<![\w-])[A-Z]{2,6} $")
"""``GGZ Loket Eemland``: an abbreviation before the body's word is part of its name."""
_ACRONYM_OF_REGION = re.compile(r"(?<![\w-])[A-Z]{2,6} regio $")
"""``GGD regio Twente``: an abbreviation of the region that follows."""


_DEMONYM_ENDINGS = ("mers", "mer", "ners", "ner", "ers", "er", "sche", "se")
_STEM_ENDINGS = ("", "e", "en", "he", "land")


def is_demonym(word: str, is_place: Callable[[str], bool]) -> bool:
    """``Volendammer``, ``Achterhoeker``, ``Brabantse``, ``Drentse``: someone from a place or its adjective, a
    word (no one's name, no place to hide)."""
    if " " in word or is_place(word):
        return False
    for ending in _DEMONYM_ENDINGS:
        stem = word.removesuffix(ending)
        if stem != word and len(stem) > 2 and any(
                is_place(prefix + stem + stem_ending) for prefix in ("", "Noord-", "Zuid-")
                for stem_ending in _STEM_ENDINGS):
            return True
    return False


def roads(text: str) -> Iterable[Candidate]:
    """Road numbers where a road is meant: after ``de``, ``over``, ``via``, ``richting``, ``afrit`` ...; a
    paper size's number (``A4``) only after a word of travel."""
    for match in ROAD.finditer(text):
        before = text[max(0, match.start() - 16):match.start()]
        if _TRAVEL_BEFORE.search(before) or match.group() not in _PAPER_SIZES and _ROAD_BEFORE.search(before):
            yield Candidate(match.start(), match.end(), "place", 0.78)


def nature_areas(text: str) -> Iterable[Candidate]:
    for match in NATURE_AREA.finditer(text):
        yield Candidate(match.start("name"), match.end("name"), "place", 0.76)
    for match in REGION_OF_NATURE.finditer(text):
        yield Candidate(match.start(), match.end(), "place", 0.76)


def web_names(text: str) -> Iterable[Candidate]:
    for match in WEB_NAME.finditer(text):
        yield Candidate(match.start(), match.end(), "organisation", 0.8)


def capitals_and_kind(text: str, ignore: frozenset[str]) -> Iterable[Candidate]:
    for match in CAPITALS_AND_KIND.finditer(text):
        if match.group("name") not in ignore:
            yield Candidate(match.start(), match.end(), "organisation", 0.75)


def bodies_of_places(text: str, places: Iterable[tuple[int, int]], is_person_name: Callable[[str], bool],
                     is_place: Callable[[str], bool], ignore: frozenset[str]) -> Iterable[Candidate]:
    """``Veiligheidsregio Gelderland-Midden``, ``GGZ Noord-Holland``, ``Kindwijs Zaandam``, ``GGD regio Twente``: a
    word that names a kind of body (or an abbreviation, or a brand no dictionary holds whole) right before a place
    names an organisation there, surer than the place inside it."""
    for start, end in places:
        of_region = _ACRONYM_OF_REGION.search(text, max(0, start - 14), start)
        if of_region:
            yield Candidate(of_region.start(), end, "organisation", 0.82)
            continue
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before is None:
            continue
        head = before.group("head")
        if (head in ignore and not head.isupper() or is_person_name(head) or is_place(head)
                or is_demonym(head, is_place)):
            continue  # not Jan Zwolle, not the Drunense Duinen
        opening = at_sentence_start(text, before.start())
        lower = head.lower()
        kind = lower.rsplit("-", 1)[-1].endswith(_HEAD_ENDINGS) and not (
            lower in _BARE_HEADS and (opening or lower != "regio"))
        acronym = head.isupper() and 2 <= len(head) <= 6
        brand = "-" not in head and not _FILLER.fullmatch(head) and (
            not is_dutch_word(head) or is_compound_name(head))  # Kindwijs Zaandam, Mind Eemland; not Ehm Zwolle
        if kind or acronym or brand:
            abbreviated = _ACRONYM_BEFORE.search(text, max(0, before.start() - 8), before.start())
            yield Candidate(abbreviated.start() if abbreviated else before.start(), end, "organisation", 0.82)
