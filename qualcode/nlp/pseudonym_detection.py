"""Finding persons, places and organisations in Dutch interview text: deduce plus patterns, gazetteers
and the forms the project already knows, each found form looked for again everywhere."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import simplemma

from qualcode.domain.language import _
from qualcode.domain.pseudonym_forms import EntityType, find_all_mentions
from qualcode.nlp.deduce_tables import load_deduce, tables_ready
from qualcode.nlp.detection_patterns import (
    ACRONYM, ACRONYM_AFTER_ARTICLE, ACRONYM_IN_PLACE, ADJECTIVE_BEFORE_NOUN, AREA_BEFORE, AT_STREET, CAMEL_CASE,
    CAPITAL_ARTICLE_BEFORE, CHURCH, COUNTRIES, DEDUCE_TYPES, GENERIC_ACRONYMS, GENERIC_SPEAKERS,
    INSTITUTION_OF_DEMONYM, KNOWN_ORGANISATIONS, LISTED_ORGANISATION, LOCATED_AFTER, LOCATED_BEFORE_HEAD,
    LONE_NO_PERSON_BEFORE, LONE_PLACE_BEFORE, LOWER_CASE_AFTER_ROLE, NAME_INTRODUCED, NAME_IN_APPOSITION, NOT_NAMES,
    NOT_ORGANISATION_WORDS, ORGANISATION_AFTER_ARTICLE, ORGANISATION_AFTER_CUE, ORGANISATION_AFTER_NOUN,
    ORGANISATION_BEFORE_NAME, ORGANISATION_PATTERNS, ORGANISATION_WORDS, ORG_HEADS, ORG_TAILS, PERSON_AFTER_ROLE,
    PERSON_AFTER_TITLE, PERSON_AWAY, PERSON_BY_CONTEXT, PERSON_OF_ORGANISATION, PLACE_AFTER_NOUN,
    PLACE_AFTER_PREPOSITION, PLACE_BY_CONTEXT, PLACE_PREPOSITION_BEFORE, PLACE_WITH_ARTICLE, PUBLIC_BODIES,
    REGIONAL_LANGUAGES, REGION_WITH_ARTICLE, SENTENCE_STOP, SPELLED_OUT, STATE_AS_ORGANISATION, STREET_AFTER_AAN,
    SURNAME_ARTICLE, SURNAME_ARTICLE_BEFORE, SURNAME_WITH_ARTICLE, THING_BEFORE, TITLES, TITLE_CASE_WORDS,
    TUSSENVOEGSELS, VERB_BEFORE_YOU, VILLAGE_BEFORE, WHERE_A_PLACE_LIES, WORD, ZORG_COMPOUND,
)
from qualcode.nlp.located_names import (
    PART_OF_COUNTRY, bodies_of_places, capitals_and_kind, is_demonym, nature_areas, roads, web_names,
)
from qualcode.nlp.name_candidates import (
    COMPASS, COMPASS_REGION, GATEWAY, GENERIC_TITLE_CASE, LANDMARK, QUARTER, RANGE_OF_PLACES, SQUARE, STREET,
    STRONG_QUARTER, at_sentence_start, coordinated,
    extended_organisation, is_dutch_word, title_case_names, unknown_names,
)

@dataclass(frozen=True)
class Detection:
    """A mention in a text: its span, what it is, what found it and how sure that source is (0..1)."""

    start: int
    end: int
    text: str
    type: EntityType
    source: str
    confidence: float


@dataclass(frozen=True)
class KnownForm:
    """A form the project names (a header, a case attribute, a speaker, an accepted decision)."""

    form: str
    type: EntityType
    source: str


@dataclass(frozen=True)
class Knowledge:
    """What the project knows before detection: forms to find everywhere and forms never to flag."""

    known: tuple[KnownForm, ...] = ()
    rejected: frozenset[str] = field(default_factory=frozenset)


def looks_like_name(value: str) -> bool:
    """A header, attribute or speaker value that may name someone or somewhere (``Hans Wolters``, not ``R1``)."""
    value = value.strip()
    return (2 < len(value) <= 60 and value[:1].isupper() and any(c.islower() for c in value)
            and not GENERIC_SPEAKERS.match(value) and value not in NOT_NAMES and "?" not in value)


def _deduce_base() -> Path:
    import deduce

    return Path(deduce.__file__).parent / "data" / "lookup"


def _load_list(name: str) -> set[str]:
    from deduce.lookup_structs import load_raw_itemsets

    return load_raw_itemsets(_deduce_base(), [name])[name.split("/")[-1].removeprefix("lst_")]


class Gazetteer:
    """Dutch place names from deduce's lookup lists, found by their first word."""

    def __init__(self, places: Iterable[str], common_words: Iterable[str]) -> None:
        self.common = {word.lower() for word in common_words}
        self.by_word: dict[str, list[tuple[str, int]]] = {}
        for place in places:
            first = WORD.search(place)
            if (first is None or len(place) < 3 or place in COUNTRIES or place in COMPASS
                    or not place[first.start()].isupper()):
                continue
            self.by_word.setdefault(first.group(), []).append((place, first.start()))
        for candidates in self.by_word.values():
            candidates.sort(key=lambda item: -len(item[0]))

    def find(self, text: str) -> Iterable[tuple[int, int]]:
        """Where each place starts and ends, with a district joined by a hyphen (``Lelystad-Haven``), unless
        a surname's article stands before it (``van Vliet-Bos`` is a double surname)."""
        for word in WORD.finditer(text):
            candidates = self.by_word.get(word.group())
            if not candidates:
                continue
            for place, offset in candidates:
                start = word.start() - offset
                end = start + len(place)
                if start >= 0 and text.startswith(place, start) and not text[end:end + 1].isalnum():
                    if place.lower() in self.common and at_sentence_start(text, start):
                        break
                    district = re.match(r"-(?:[A-Z][\w']+)(?:-[A-Z][\w']+)?\b", text[end:end + 30])
                    if district and not SURNAME_ARTICLE_BEFORE.search(text, max(0, start - 8), start):
                        yield start, end + len(district.group())
                    else:
                        yield start, end
                    break


class PseudonymDetector:
    """deduce loaded once, with the place gazetteer; ``detect`` then takes milliseconds per interview."""

    def __init__(self, progress: Callable[[str], None] | None = None, include_public_bodies: bool = False) -> None:
        report = progress or (lambda message: None)
        report(_("loading deduce") if tables_ready() else
               _("building deduce's lookup tables, once per deduce version (a minute or two)"))
        self.deduce = load_deduce()
        report(_("loading the place gazetteer"))
        stop_words = _load_list("whitelist/lst_stop_word")
        common = _load_list("whitelist/lst_common_word") | stop_words
        self.stop_words = frozenset(word.lower() for word in stop_words)
        places = _load_list("locations/lst_placename")
        self.gazetteer = Gazetteer(places, common)
        self.places = frozenset(places)
        self.common_words = {word.lower() for word in common}
        self.first_names = frozenset(_load_list("names/lst_first_name"))
        self.surnames = frozenset(_load_list("names/lst_surname"))
        self.include_public_bodies = include_public_bodies
        self.ignore = frozenset(NOT_NAMES | PUBLIC_BODIES | COUNTRIES | GENERIC_ACRONYMS | COMPASS)
        self.never_names = frozenset(NOT_NAMES | COUNTRIES | REGIONAL_LANGUAGES)

    def _deduce(self, text: str) -> Iterable[Detection]:
        for annotation in self.deduce.deidentify(text).annotations:
            entity_type = DEDUCE_TYPES.get(annotation.tag.split("+")[0], "other")
            if entity_type is None:
                continue
            start, end = annotation.start_char, annotation.end_char
            if entity_type != "person":
                yield Detection(start, end, text[start:end], entity_type, "deduce", 0.7)
                continue
            if text.startswith("'t ", end):
                continue  # Don't: English, no one
            for stop in SENTENCE_STOP.finditer(text, start, end):  # "in Rosmalen. Van Oijen is": two names
                if stop.group("word").lower() not in TITLES:  # not "mevr. Jansen"
                    yield from self._deduce_person(text, start, stop.start() + len(stop.group("word")))
                    start = stop.end()
            yield from self._deduce_person(text, start, end)

    def _deduce_person(self, text: str, start: int, end: int) -> Iterable[Detection]:
        """What a person deduce found is: the name without a title or an opening word, a place after ``in``, or a
        person (and the organisation named after ``van``)."""
        start, end = _trim_person(text, start, end)
        opening = re.match(r"\S+", text[start:end])
        if (opening and opening.group() not in TUSSENVOEGSELS
                and self._sentence_opening_word(text, start, start + opening.end())):
            start, end = _trim_person(text, start + opening.end(), end)  # "Daarna Zilveren Kruis"
        if start >= end or self._only_words(text[start:end]):
            return
        organisation = re.search(rf" (?:van|bij) (?:de|het) (?:{ORG_HEADS}|{ORG_TAILS})\b", text[start:end])
        if organisation:  # Eric-Jan ter Horst van de Zorgverzekeraar
            end = start + organisation.start()
        if PLACE_WITH_ARTICLE.match(text[start:end]) and PLACE_PREPOSITION_BEFORE.search(
                text, max(0, start - 8), start):
            yield Detection(start, end, text[start:end], "place", "deduce", 0.74)  # in Ter Aa
            return
        placed = self._lone_word_place(text, start, end)
        if placed is not None:
            if placed:
                yield Detection(start, end, text[start:end], "place", "deduce", 0.72)
            return
        split = self._person_of_organisation(text, start, end)
        if split is not None:
            end, organisation_start, organisation_end = split
            yield Detection(organisation_start, organisation_end, text[organisation_start:organisation_end],
                            "organisation", "deduce", 0.6)
        yield Detection(start, end, text[start:end], "person", "deduce", 0.7)

    def _lone_word_place(self, text: str, start: int, end: int) -> bool | None:
        """What a person of one word is by the words before it: a place after ``over de``, ``in de`` (``over de
        Maas``) and, when it is no first name, after ``in``, ``uit``, ``vanuit``, ``richting`` (``in Brakel``) or
        ``op de``, ``aan de`` (``op de Wal``, a square); nothing after ``een`` (``een Zeeuw``) or opening a sentence
        before ``je`` (``Ken je``); None when they say nothing (a person then)."""
        name = text[start:end]
        if " " not in name and at_sentence_start(text, start) and VERB_BEFORE_YOU.match(text, end):
            return False  # "Ken je mensen": a verb opening a question or an order, no person
        if " " in name or not name[:1].isupper():
            return None
        before = text[max(0, start - 20):start]
        if AREA_BEFORE.search(before):
            return True  # over de Maas, in de Kempen: no one's first name takes an article
        if name in self.first_names:
            return None
        if LONE_PLACE_BEFORE.search(before):
            return True
        if LONE_NO_PERSON_BEFORE.search(before):
            return False
        return None

    def _person_of_organisation(self, text: str, start: int, end: int) -> tuple[int, int, int] | None:
        """``Joris Mertens van Vintura``: after a first name and a surname, ``van``/``bij`` and a name that is
        no known surname start an organisation (not ``Joris van Mertens``, not ``Willem Jan van Dam``).

        Returns where the person ends and where the organisation starts and ends, or None."""
        match = PERSON_OF_ORGANISATION.match(text, start, end)
        if (match is None or match.end() != end or match["first"] not in self.first_names
                or match["last"] in self.first_names or match["organisation"].split()[0] in self.surnames):
            return None
        return match.end("last"), match.start("organisation"), match.end("organisation")

    def _only_words(self, name: str) -> bool:
        """``Samenwerking`` heading a line: a person of Dutch words only, none a first name or surname, is none."""
        words = [word.strip(".,'") for word in name.split()]
        return all(is_dutch_word(word) and word not in self.first_names and word not in self.surnames
                   and word not in TUSSENVOEGSELS for word in words)

    def _person_split_off(self, text: str, detection: Detection) -> list[Detection]:
        """An organisation and the person named right after it (``Zorggroep Noord Bram Verhoeff``), apart."""
        cut = self._before_person(detection.text)
        if detection.type != "organisation" or cut == len(detection.text):
            return [detection]
        person_start = detection.start + len(detection.text) - len(detection.text[cut:].lstrip())
        end = detection.start + cut
        return [replace(detection, end=end, text=text[detection.start:end]),
                Detection(person_start, detection.end, text[person_start:detection.end], "person", detection.source,
                          0.7)]

    def _before_person(self, name: str) -> int:
        """Where a person named right after an organisation starts (``Zorggroep Noord Bram Verhoeff``: before
        ``Bram``): a first name followed by a surname or a word no dictionary knows; else the name's length."""
        words = list(re.finditer(r"\S+", name))
        for word, after in zip(words[1:], words[2:]):
            following = after.group().rstrip(".,'")
            if word.group() in self.first_names and word.group() not in TUSSENVOEGSELS and following[:1].isupper() and (
                    not is_dutch_word(word.group()) or following in self.surnames or not is_dutch_word(following)):
                return len(name[:word.start()].rstrip())
        return len(name)

    def _person_length(self, name: str) -> int:
        """How much of a name after a title is the person's: ``Van der Wal van Coloriet`` and ``Smit bij Isala``
        end before ``van``/``bij`` and the organisation; ``Jan van Dijk`` and ``R.J. van Leeuwen`` keep one ``van``."""
        first = name.split(" ")[0]
        allowed = 1 if first in self.first_names or re.fullmatch(r"(?:[A-Z]\.)+", first) else 0
        for link in re.finditer(r" (?:van|bij) (?:de |het )?(?=[A-Z])", name):
            if allowed == 0:
                return link.start()
            allowed -= 1
        return len(name)

    def _sentence_opening_word(self, text: str, start: int, end: int) -> bool:
        """``Daarna`` opening a sentence: a Dutch word that is no first name is no person."""
        word = text[start:end]
        return at_sentence_start(text, start) and word not in self.first_names and is_dutch_word(word)

    def _patterns(self, text: str) -> Iterable[Detection]:
        for pattern in ORGANISATION_PATTERNS:
            for match in pattern.finditer(text):
                start, end = _trim_names(text, match.start(), match.end())
                end = _without_street(text, start, end)
                if start == end:
                    start, end = _with_article(text, match.start(), match.end())
                for piece_start, piece_end in _listed_organisations(text, start, end):
                    yield from self._person_split_off(text, Detection(
                        piece_start, piece_end, text[piece_start:piece_end], "organisation", "pattern", 0.8))
        for pattern, confidence in ((NAME_INTRODUCED, 0.75), (NAME_IN_APPOSITION, 0.7),
                                    (ORGANISATION_BEFORE_NAME, 0.7)):
            for match in pattern.finditer(text):
                start, end = _trim_names(text, match.start("name"), match.end("name"))
                ended = list(re.finditer(r"\w{2,}[.!?] (?=[A-Z])", text[start:end]))
                if ended:
                    start += ended[-1].end()  # "naar Eindhoven. Het ETZ, het ziekenhuis": the name is after the stop
                located = re.match(r"(.+?) in (?=[A-Z])", text[start:end])
                if located and pattern is not NAME_INTRODUCED and located.group(1).split()[-1] in self.places:
                    start += located.end()  # "in de Noordoostpolder in Kwadrant, de huisartsenorganisatie"
                elif located and pattern is not NAME_INTRODUCED and text[start + located.end():end] in self.places \
                        and not TITLE_CASE_WORDS.fullmatch(located.group(1)):
                    end = start + located.end(1)  # "het SKB in Winterswijk, het streekziekenhuis": the SKB
                lone_opener = at_sentence_start(text, start) and " " not in text[start:end] and not (
                    re.match(r", d(?:at|it|ie) is ", text[end:end + 9])  # Zilverlinde, dat is een verpleeghuis
                    and not simplemma.is_known(text[start:end].lower(), lang="nl")
                    and text[start:end].lower() not in self.common_words)
                if start < end and text[start:end].split()[0] not in self.first_names and text[start:end] not in (
                        self.places) and not (pattern is NAME_IN_APPOSITION and lone_opener):
                    yield Detection(start, end, text[start:end], "organisation", "pattern", confidence)
        yield from _spelled_out(text)
        for match in ACRONYM_AFTER_ARTICLE.finditer(text):
            yield Detection(match.start("name"), match.end("name"), match.group("name"), "organisation", "pattern", 0.6)
        for match in CHURCH.finditer(text):
            if match.group() not in self.places and match.group() not in self.surnames:
                yield Detection(match.start(), match.end(), match.group(), "organisation", "pattern", 0.72)
        for match in CAMEL_CASE.finditer(text):
            if match.group() not in self.ignore:
                yield Detection(match.start(), match.end(), match.group(), "organisation", "pattern", 0.7)
        for match in ZORG_COMPOUND.finditer(text):
            if not at_sentence_start(text, match.start()):
                yield Detection(match.start(), match.end(), match.group(), "organisation", "pattern", 0.65)
        for match in PERSON_AFTER_TITLE.finditer(text):
            article = SURNAME_ARTICLE.match(text, match.start("name"), match.end("name"))
            start, end = _trim_names(text, article.end() if article else match.start("name"), match.end("name"))
            if article and start < end:
                start = article.start()  # mevrouw De Boer: the capital article is the surname's
            if STREET.search(text[start:end]):
                continue  # aan de Burgemeester Jamessingel: a street named after someone
            end = start + self._person_length(text[start:end])
            if start < end:
                if match.group()[0].isupper() and match.start() < start:
                    start = match.start()  # "Dokter Smits uit Lattrop": a capitalised title goes with the name
                yield Detection(start, end, text[start:end], "person", "pattern", 0.8)
        for match in PERSON_AWAY.finditer(text):
            name = match.group("name")
            if (name not in self.ignore and not at_sentence_start(text, match.start())
                    and name.lower() not in self.common_words):
                yield Detection(match.start(), match.end("name"), name, "person", "pattern", 0.72)
        for match in REGION_WITH_ARTICLE.finditer(text):
            if {match.group("name"), "het " + match.group("name")} & self.places:  # in het Westland: a region
                yield Detection(match.start("name"), match.end("name"), match.group("name"), "place", "pattern", 0.74)
        for match in PLACE_BY_CONTEXT.finditer(text):
            name = match.group("name")
            if name not in self.ignore and name not in self.first_names and name.lower() not in self.common_words:
                distance = WHERE_A_PLACE_LIES.match(text, match.end("name"))  # Keulen ligt op een uur rijden
                yield Detection(match.start(), match.end("name"), name, "place", "pattern", 0.72 if distance else 0.68)
        for match in LOWER_CASE_AFTER_ROLE.finditer(text):
            name = match.group("name")
            if name.capitalize() in self.first_names and not is_dutch_word(name):
                yield Detection(match.start("name"), match.end("name"), name, "person", "pattern", 0.66)
        for match in PERSON_BY_CONTEXT.finditer(text):
            name = match.group("name")
            opening = at_sentence_start(text, match.start()) and match.group().endswith("ik")  # only a surname
            if (name not in self.ignore and name not in self.places and not is_dutch_word(name)
                    and not name.isupper() and not (opening and name not in self.surnames)):
                yield Detection(match.start(), match.end("name"), name, "person", "pattern", 0.68)
        for match in PERSON_AFTER_ROLE.finditer(text):
            start, end = _trim_names(text, match.start("name"), match.end("name"))
            end = start + self._person_length(text[start:end])
            name = text[start:end]
            if start < end and name not in self.places and not any(word in self.ignore for word in name.split()) \
                    and not re.search(f"{ORG_HEADS}|{ORG_TAILS}", name, re.IGNORECASE):
                yield Detection(start, end, name, "person", "pattern", 0.72)
        for pattern in (LANDMARK, STRONG_QUARTER, SQUARE):
            for match in pattern.finditer(text):
                if pattern is SQUARE and CAPITAL_ARTICLE_BEFORE.search(text, max(0, match.start() - 4), match.start()) \
                        and not at_sentence_start(text, match.start() - 3):
                    continue  # "De Kleine Haven" inside a sentence: an institution's name, no square
                if match.group() not in self.places and (pattern is SQUARE
                                                         or not at_sentence_start(text, match.start())):
                    yield Detection(match.start(), match.end(), match.group(), "place", "pattern", 0.76)
        for match in GATEWAY.finditer(text):
            yield Detection(match.start("name"), match.end("name"), match.group("name"), "place", "pattern", 0.76)
        for match in RANGE_OF_PLACES.finditer(text):
            first, second = match.group("first"), match.group("second")
            if first in self.places and second in self.places:  # van Workum tot Wommels: both, not a Van Workum
                for end in ("first", "second"):
                    yield Detection(match.start(end), match.end(end), match.group(end), "place", "pattern", 0.74)
            elif (first in self.places) != (second in self.places):
                other = "second" if first in self.places else "first"
                if match.group(other) not in self.ignore and match.group(other) not in self.first_names:
                    yield Detection(match.start(other), match.end(other), match.group(other), "place", "pattern", 0.74)
        for pattern, confidence in ((COMPASS_REGION, 0.8), (STREET, 0.8), (QUARTER, 0.62)):
            for match in pattern.finditer(text):
                start = match.start()
                for word in re.findall(r"\S+ ", match.group())[:-1] if pattern is STREET else ():
                    if word.strip() not in NOT_NAMES and not (at_sentence_start(text, start)
                                                                and is_dutch_word(word.strip())):
                        break
                    start += len(word)  # De Hoofdstraat, Daarna Marktplein: the street alone
                yield Detection(start, match.end(), text[start:match.end()], "place", "pattern", confidence)
        for pattern, pattern_type, pattern_confidence in ((ORGANISATION_AFTER_NOUN, "organisation", 0.75),
                                                 (ORGANISATION_AFTER_ARTICLE, "organisation", 0.72),
                                                 (PLACE_AFTER_NOUN, "place", 0.75),
                                                 (STREET_AFTER_AAN, "place", 0.75),
                                                 (PLACE_AFTER_PREPOSITION, "place", 0.4)):
            entity_type, confidence = pattern_type, pattern_confidence
            for match in pattern.finditer(text):
                village = pattern is ORGANISATION_AFTER_ARTICLE and self._village(text, match)
                if match.group()[0].isupper() and (
                        at_sentence_start(text, match.start()) and not match.group().startswith("Het ")
                        or match.group("name").rstrip(".,").lower() in self.common_words and not village):
                    continue  # "De Jong zei": an article only tells at a capital inside a sentence (no name opens
                    # with Het), and "Het Niet" is no name (but "De Pas" is a village's)
                start, end = _trim_names(text, match.start("name"), match.end("name"))
                if pattern is PLACE_AFTER_NOUN and text[start:end] in COMPASS:
                    continue  # Zilveren Kruis regio Noord: a part of the country, no place
                if pattern is STREET_AFTER_AAN and (text[start:end].lower() in self.common_words
                                                    or re.fullmatch(ORG_HEADS + "|" + ORG_TAILS, text[start:end])):
                    continue  # aan de Universiteit, aan de Telefoon: no street
                if pattern is ORGANISATION_AFTER_ARTICLE and match.group()[0].isupper():
                    start = match.start()  # in De Schelp: the capital article is part of the name
                    if village:  # bij De Wijk: a village; De Pas in Heesch, in het dorpshuis, De Groeve: a centre
                        located = LOCATED_AFTER.match(text, end) or THING_BEFORE.search(text, max(0, start - 30),
                                                                                         start)
                        entity_type, confidence = ("organisation" if located else "place"), 0.74
                if start < end:
                    yield Detection(start, end, text[start:end], entity_type, "pattern", confidence)
                entity_type, confidence = pattern_type, pattern_confidence
        for match in ORGANISATION_AFTER_CUE.finditer(text):
            name = match.group("name").rstrip(".,'")
            if name not in self.first_names and name not in self.surnames and name not in self.places and not any(
                    word in self.ignore for word in name.split("-")) and len(name) > 2 and not re.fullmatch(
                    f"{ORG_HEADS}|{ORG_TAILS}", name, re.IGNORECASE):
                start = match.start("name")
                yield Detection(start, start + len(name), name, "organisation", "pattern", 0.66)
        yield from _mentions(text, [(form, "organisation", "list", 0.85) for form in KNOWN_ORGANISATIONS])
        for start, end in self.gazetteer.find(text):
            acronym = re.search(r"(?<![\w-])[A-Z]{2,6}\s$", text[max(0, start - 8):start])
            located = ACRONYM_IN_PLACE.search(text, max(0, start - 12), start)
            if acronym:  # SKB Winterswijk: an institution in a place
                begin = start - len(acronym.group())
                yield Detection(begin, end, text[begin:end], "organisation", "pattern", 0.7)
            elif located:
                begin = located.start()
                name_end = text.index(" ", begin)
                yield Detection(begin, name_end, text[begin:name_end], "organisation", "pattern", 0.7)
            # Etten-Leur, Bergen op Zoom: a place of several words is seldom anything else
            sure = 0.72 if re.search(r"[ -]", text[start:end]) else 0.6
            if text[start:end] not in self.places and "-" in text[start:end]:
                sure = 0.76  # Lelystad-Haven: a district over the town a header names (a known form is 0.75)
            yield Detection(start, end, text[start:end], "place", "gazetteer", sure)

    def _located(self, text: str, found: Sequence[Detection]) -> list[Detection]:
        """Roads, nature areas, web names, names in capitals with their kind of work, and bodies named for the
        place right after their word."""
        places = sorted({(d.start, d.end) for d in found if d.type == "place"}
                        | {match.span() for match in PART_OF_COUNTRY.finditer(text)})
        bodies = bodies_of_places(text, places, lambda word: word in self.first_names or word in self.surnames,
                                  self.places.__contains__, self.ignore)
        candidates = [*roads(text), *nature_areas(text), *web_names(text), *capitals_and_kind(text, self.ignore),
                      *bodies]
        return [Detection(c.start, c.end, text[c.start:c.end], c.type, "pattern", c.confidence) for c in candidates]

    def _village(self, text: str, match: re.Match[str]) -> bool:
        """Whether ``De X`` with a capital article inside a sentence is the gazetteer's village (``De Wijk``), not
        a surname so spelt (``met De Boer``, unless one goes there or it is listed: ``naar De Boer``)."""
        name = match.group().rstrip(".,")
        return name[:1].isupper() and name in self.places and (
            name.split(" ", 1)[-1] not in self.surnames
            or VILLAGE_BEFORE.search(text, max(0, match.start() - 12), match.start()) is not None)

    def _plausible(self, text: str, detection: Detection, rejected: frozenset[str]) -> bool:
        words = detection.text.split()
        if detection.text in rejected or not words:
            return False
        if detection.type in ("person", "place", "organisation"):
            if detection.text in self.never_names or len(detection.text.strip(".")) < 2:
                return False
            if detection.source not in ("accepted", "coder") and is_demonym(detection.text, self.places.__contains__) \
                    and not INSTITUTION_OF_DEMONYM.match(text[max(0, detection.start - 4):detection.end + 8]):
                return False  # een echte Volendammer, het Brabantse platteland; not het Ommelander in Scheemda
            bare = re.sub(r"^(?:Het|De) (?=\S)", "", detection.text)  # Het IZA opening a sentence: the IZA
            if _generic_acronym(bare) and detection.source != "accepted":
                return False
            if not self.include_public_bodies and (_public_body(bare.split()) or bare in STATE_AS_ORGANISATION and (
                    detection.type == "organisation" or text.endswith(("het ", "Het "), 0, detection.start))):
                return False
            if " " not in detection.text and detection.source not in ("accepted", "coder") and \
                    ADJECTIVE_BEFORE_NOUN.match(text, detection.start, min(len(text), detection.end + 2)):
                return False
        if detection.type == "organisation" and (NOT_ORGANISATION_WORDS.search(detection.text) or re.sub(
                r"^(?:Het|De|het|de) ", "", detection.text) in GENERIC_TITLE_CASE):
            return False
        return True

    def detect(self, text: str, knowledge: Knowledge = Knowledge()) -> list[Detection]:
        """Every mention in ``text``: one detection per span, overlaps settled for the surer and longer one.

        After the sources, capitalised words no Dutch dictionary knows are names too (less surely), and
        a name listed right after a place or organisation is one of the same kind."""
        found = list(self._deduce(text)) + list(self._patterns(text))
        found += _mentions(text, [(k.form, k.type, k.source, 0.9 if k.source == "accepted" else 0.75)
                                  for k in knowledge.known])
        found += self._located(text, found)
        found = [self._grown(text, _without_spaces(d)) for d in found if self._plausible(text, d, knowledge.rejected)]
        for c in unknown_names(text, self.ignore, self.first_names | self.surnames):
            end = _without_street(text, c.start, c.end)
            found += self._person_split_off(text, Detection(c.start, end, text[c.start:end], c.type, "capitalised",
                                                            c.confidence))
        persons = {(d.start, d.end) for d in found if d.type == "person"}
        found += [d for c in title_case_names(text, self.ignore, self.first_names, self.surnames, self.stop_words,
                                                   self.places)
                  if not (c.type == "organisation" and (c.start, c.end) in persons  # fysiotherapeut Ömer Kaya
                          and not _holds_dutch_word(text[c.start:c.end].split()[0]))
                  for end in (_without_street(text, c.start, c.end),)
                  for d in self._person_split_off(text, Detection(c.start, end, text[c.start:end], c.type,
                                                                  "capitalised", c.confidence))]
        settled = settle(_lift_containers([d for d in found if self._plausible(text, d, knowledge.rejected)]))
        listed = [Detection(c.start, c.end, text[c.start:c.end], c.type, "coordination", c.confidence)
                  for c in coordinated(text, [(d.start, d.end, d.type) for d in settled], self.ignore,
                                      self.first_names | self.surnames)]
        return self._listed_among_organisations(
            text, settle([d for d in settled + listed if self._plausible(text, d, knowledge.rejected)]))

    def _listed_among_organisations(self, text: str, detections: list[Detection]) -> list[Detection]:
        """``met Isala, Valkhof en Zilveren Kruis``: a person of one word (even a first name: ``Amira``) listed
        between two organisations is one too; ``naar Knokke of Damme``: one that is no first name listed right
        after or before a place is a place."""
        result = list(detections)
        for index in range(1, len(result) - 1):
            before, current, after = result[index - 1], result[index], result[index + 1]
            if (current.type == "person" and " " not in current.text and before.type == after.type == "organisation"
                    and re.fullmatch(r",\s*", text[before.end:current.start])
                    and re.fullmatch(r"\s*(?:,|en|of)\s*", text[current.end:after.start])):
                result[index] = replace(current, type="organisation", source="coordination")
        for index, current in enumerate(result):
            if current.type != "person" or " " in current.text or current.text in self.first_names:
                continue
            before = result[index - 1] if index > 0 else None
            after = result[index + 1] if index + 1 < len(result) else None
            if (before and before.type == "place" and _LISTING.fullmatch(text[before.end:current.start])
                    or after and after.type == "place" and _LISTING.fullmatch(text[current.end:after.start])):
                result[index] = replace(current, type="place", source="coordination")
        return result

    def _grown(self, text: str, detection: Detection) -> Detection:
        """An organisation found by its name's end, grown over the capitalised words before it."""
        if detection.type != "organisation" or detection.source in ("accepted", "coder"):
            return detection
        start, end = extended_organisation(text, detection.start, detection.end, self.ignore)
        located = LOCATED_BEFORE_HEAD.match(text, start, end)
        if located and located.group(1) in self.places and PLACE_PREPOSITION_BEFORE.search(text, max(0, start - 8),
                                                                                           start):
            start = located.end()  # in Zaandam Huisartsenpraktijk Rosmolenwijk: the practice, in the town
        return replace(detection, start=start, text=text[start:end]) if start != detection.start else detection

    def detect_documents(self, texts: Mapping[int, str], knowledge: Knowledge = Knowledge(),
                         progress: Callable[[int, int], None] | None = None) -> dict[int, list[Detection]]:
        """Detections per document; every form found once (surely enough) is then looked for in all."""
        first = {}
        for done, (document_id, text) in enumerate(texts.items(), start=1):
            first[document_id] = self.detect(text, knowledge)
            if progress:
                progress(done, len(texts))
        propagated = _propagated_forms(first.values(), knowledge, self.common_words)
        propagated += _lower_case_forms(propagated + [(k.form, k.type, k.source, 0.6) for k in knowledge.known])
        types = {form: (entity_type, confidence) for form, entity_type, _source, confidence in propagated}
        types.update((known.form, (known.type, 1.0)) for known in knowledge.known)
        persons = [form for form, entity_type, _source, _confidence in propagated if entity_type == "person"]
        persons += [known.form for known in knowledge.known if known.type == "person"]
        return {document_id: [_retyped(d, types) for d in settle(
                    [d for d in first[document_id] + _mentions(text, propagated) + _lower_case_persons(text, persons)
                     if self._plausible(text, d, knowledge.rejected) and not self._word_opening(text, d)])]
                for document_id, text in texts.items()}

    def _word_opening(self, text: str, detection: Detection) -> bool:
        """``Klein.``, ``Groot, ja.``: a part of a person's name found again as a Dutch word that makes a sentence of
        its own is that word (a capital says nothing there), not the surname it is elsewhere."""
        return (detection.source == "propagation" and detection.type == "person" and detection.confidence <= 0.6
                and simplemma.is_known(detection.text.lower(), lang="nl") and at_sentence_start(text, detection.start)
                and re.match(r"[.,!?]", text[detection.end:detection.end + 1]) is not None)


_LISTING = re.compile(r"\s*(?:,|en|of)\s*")


def _holds_dutch_word(word: str) -> bool:
    """``Welzijnswerk``, ``Reddingsbrigade``: a word that is Dutch or ends in a Dutch word of four letters or more
    (no unknown first name does: ``Ömer``, ``Sjra``)."""
    lower = word.lower()
    return is_dutch_word(lower) or any(simplemma.is_known(lower[cut:], lang="nl") for cut in range(1, len(lower) - 3))


def _retyped(detection: Detection, types: Mapping[str, tuple[EntityType, float]]) -> Detection:
    """A detection with the type its form has across the project; a form known only as part of a longer name
    (``Dalen`` of ``mevrouw Van Dalen``) does not retype a surer detection (``uit Dalen``, a village)."""
    entity_type, confidence = types.get(detection.text, (detection.type, 1.0))
    if confidence <= 0.6 and detection.confidence >= 0.7:
        return detection
    return replace(detection, type=entity_type)


def _listed_organisations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``Huisartsen Salland en Zorggroep Noord``: a name that runs on over ``en`` into an organisation's word is two."""
    pieces = []
    for joint in LISTED_ORGANISATION.finditer(text, start, end):
        pieces.append((start, joint.start()))
        start = joint.end()
    return [*pieces, (start, end)]


def _without_street(text: str, start: int, end: int) -> int:
    """Where a name ends without the street it runs on over (``Apotheek Het Anker aan de Dorpsweg``)."""
    located = AT_STREET.search(text, start, end)
    return located.start() if located and located.end() == end else end


def _lift_containers(detections: list[Detection]) -> list[Detection]:
    """An organisation's longer name is as sure as the name it holds (``Coöperatie VGZ`` around ``VGZ``)."""
    organisations = [d for d in detections if d.type == "organisation"]
    lifted = []
    for detection in detections:
        inner = [d.confidence for d in organisations if detection.type == "organisation"
                 and detection.start <= d.start and d.end <= detection.end and d.end - d.start < len(detection.text)]
        lifted.append(replace(detection, confidence=max(inner)) if inner and max(inner) > detection.confidence
                      else detection)
    return lifted


def _initials(name: str, small_words: bool) -> str:
    parts = re.split(r"[ -]", name)
    return "".join(part[0].upper() for part in parts if part and (small_words or part[0].isupper()))


def _spelled_out(text: str) -> Iterable[Detection]:
    """``HOZL, Huisartsen Oostelijk Zuid-Limburg``, ``ZIO in Maastricht, Zorg in Ontwikkeling``: an abbreviation
    with the capitalised words it stands for near it (their initials, small words counted or not) names an
    organisation, both as the abbreviation and spelled out."""
    for acronym in ACRONYM.finditer(text):
        if acronym.group() in GENERIC_ACRONYMS or acronym.group() in PUBLIC_BODIES:
            continue
        window_start = max(0, acronym.start() - 80)
        for name in SPELLED_OUT.finditer(text, window_start, min(len(text), acronym.end() + 80)):
            if acronym.group() in (_initials(name.group(), False), _initials(name.group(), True)):
                yield Detection(acronym.start(), acronym.end(), acronym.group(), "organisation", "pattern", 0.8)
                yield Detection(name.start(), name.end(), name.group(), "organisation", "pattern", 0.8)
                break


def _without_spaces(detection: Detection) -> Detection:
    """A form never starts or ends with whitespace (`` Aa`` left over when a cut went wrong)."""
    stripped = detection.text.strip()
    if stripped == detection.text:
        return detection
    start = detection.start + len(detection.text) - len(detection.text.lstrip())
    return replace(detection, start=start, end=start + len(stripped), text=stripped)


def _generic_acronym(text: str) -> bool:
    """``het MSB``, ``COPD-zorg``, ``SEH arts``, ``MDT Overleg``: a generic abbreviation, not ``GGZ Friesland``
    or ``CVA-netwerk Zwolle``, a named body."""
    words = re.split(r"[ -]", text)
    return words[0] in GENERIC_ACRONYMS and (len(words) == 1 or not any(word[:1].isupper() for word in words[1:])
                                             or all(word.lower() in _GENERIC_AFTER_ACRONYM for word in words[1:]))


_GENERIC_AFTER_ACRONYM = frozenset("overleg team vergadering afdeling poli zorg arts artsen verpleegkundige "
                                   "verpleegkundigen bespreking spreekuur".split())


def _public_body(words: Sequence[str]) -> bool:
    """``NZa``, ``Zorginstituut Nederland``, ``ministerie van VWS``; not ``Acute Zorgnetwerk Noord Nederland``."""
    names = [word for word in words if word[:1].isupper()]
    return (words[0].lower() == "ministerie" or (words[0] in PUBLIC_BODIES and words[0] != "Nederland")
            or bool(names) and all(word in PUBLIC_BODIES for word in names))


def _lower_case_forms(forms: Sequence[tuple[str, EntityType, str, float]]) -> list[tuple[str, EntityType, str, float]]:
    """A name typed in lower case by mistake (``reinders``, ``winterswijk``), unless that is a Dutch word or the
    name is a brand written with a capital inside (``ZorgVlot``)."""
    lowered = {}
    for form, entity_type, _source, _confidence in forms:
        lower = form.lower()
        if lower != form and entity_type in ("person", "place", "organisation") and len(lower) > 3 and not re.search(
                r"[a-z][A-Z]", form) and not any(
                simplemma.is_known(word, lang="nl") for word in re.split(r"[ \-]", lower) if len(word) > 3):
            lowered.setdefault(lower, (lower, entity_type, "propagation", 0.6))
    return list(lowered.values())


_ACTS_AS_PERSON = re.compile(r" (?:en ik|en jij|zei|zegt|vond|vindt|vroeg|belde|vertelde|schreef|mailde|wilde|"
                             r"kwam|heeft|had|is toen|was toen)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:de|het|een|die|dat|deze|dit)\s+$", re.IGNORECASE)



def _lower_case_persons(text: str, persons: Sequence[str]) -> list[Detection]:
    """A person's name typed in lower case though it is a Dutch word too (``rob zei``, ``hofstede en ik``):
    found only where it acts as a person, followed by a verb of saying or ``en ik``, with no article before."""
    lowered = {form.lower() for form in persons if " " not in form and len(form) > 2 and form[:1].isupper()}
    found = []
    for start, end, _form in find_all_mentions(text, sorted(lowered)):
        if (text[start].islower() and _ACTS_AS_PERSON.match(text, end)
                and not _ARTICLE_BEFORE.search(text, max(0, start - 8), start)):
            found.append(Detection(start, end, text[start:end], "person", "propagation", 0.6))
    return found


def _trim_person(text: str, start: int, end: int) -> tuple[int, int]:
    """A person's name without the title or word before it (``collega Jan de Vries``: ``Jan de Vries``)."""
    while True:
        match = re.match(r"\S+\s+", text[start:end])
        if match is None or match.group().strip().lower() not in TITLES and not match.group()[0].islower():
            break
        start += match.end()
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _with_article(text: str, start: int, end: int) -> tuple[int, int]:
    """``De Friesland Zorgverzekeraar`` opening a sentence: the article belongs to the name when a name
    stands between it and the organisation's word; else nothing (``De Zorgverzekeraar``)."""
    words = text[start:end].split()
    if len(words) < 3 or words[0] not in ("De", "Het") or words[1] in NOT_NAMES:
        return start, start
    while end > start and text[end - 1] in ".,":
        end -= 1
    return start, end


def _trim_names(text: str, start: int, end: int) -> tuple[int, int]:
    """The name after a noun, without a sentence-opening word it caught (``in Zwolle Dus``: ``Zwolle``)
    or the full stop after it; none when it opens with such a word (``het Niet``)."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[-1].group().strip(".,") in NOT_NAMES:
        words.pop()
    if not words or words[0].group() in NOT_NAMES and not (words[0].group() in ("Onze", "Ons") and len(words) > 1):
        return start, start  # but Onze Huisartsen, Ons Tweede Thuis: a name of possessed words
    start, end = start + words[0].start(), start + words[-1].end()
    while end > start and text[end - 1] in ".," and (re.search(r"\w{3}[.,]$", text[start:end]) or re.search(
            r"(?<![.\w])\w+[.,]$", text[start:end]) and (end == len(text) or text[end].isspace())):
        end -= 1  # Erasmus MC. at a sentence's end; not B.V.
    return start, end


def _mentions(text: str, forms: Sequence[tuple[str, EntityType, str, float]]) -> list[Detection]:
    described = {form: (entity_type, source, confidence) for form, entity_type, source, confidence in forms}
    return [Detection(start, end, text[start:end], *described[form])
            for start, end, form in find_all_mentions(text, list(described))]


def _propagated_forms(detections: Iterable[list[Detection]], knowledge: Knowledge,
                      common_words: set[str]) -> list[tuple[str, EntityType, str, float]]:
    forms: dict[str, tuple[str, EntityType, str, float]] = {}
    surest: dict[str, float] = {}
    detections = list(detections)
    for document in detections:  # each form is looked for as the type its surest detection gave it
        for detection in sorted(document, key=lambda d: -d.confidence):
            if detection.confidence < 0.6 or detection.type not in ("person", "place", "organisation"):
                continue
            if detection.confidence > surest.get(detection.text, 0):
                surest[detection.text] = detection.confidence
                forms[detection.text] = (detection.text, detection.type, "propagation", 0.65)
            if detection.type == "organisation":
                core = ORGANISATION_WORDS.sub("", detection.text).strip()
                if (core != detection.text and len(core) > 2 and core[0].isupper() and core.lower() not in common_words
                        and core not in COMPASS
                        and not re.fullmatch(f"{ORG_HEADS}|{ORG_TAILS}", core, re.IGNORECASE)):
                    forms.setdefault(core, (core, "organisation", "propagation", 0.65))
            if detection.type == "person":
                for part in detection.text.split():
                    if (len(part) > 2 and part[0].isupper() and part.lower() not in common_words
                            and part not in NOT_NAMES and part not in TUSSENVOEGSELS and not part.endswith(".")):
                        weaker = surest.get(part, 0) < detection.confidence - 0.1
                        if part not in forms or forms[part][1] != "person" and weaker:
                            forms[part] = (part, "person", "propagation", 0.6)  # dr. Chidi Okafor: Okafor alone too
                            surest[part] = max(surest.get(part, 0), detection.confidence - 0.1)
                surname = SURNAME_WITH_ARTICLE.search(detection.text)
                if surname and surname.start() > 0:  # dr. J. de Vries: also De Vries, not "De X" as an institution
                    for form in (surname.group(), surname.group()[0].upper() + surname.group()[1:]):
                        if surest.get(form, 0) < detection.confidence:
                            surest[form] = detection.confidence
                            forms[form] = (form, "person", "propagation", 0.75)
    for form, count in Counter(d.text for document in detections for d in document
                               if d.type == "place" and d.confidence < 0.6 and d.source == "pattern").items():
        if count > 1 and surest.get(form, 0) <= 0.6 and form.lower() not in common_words:
            forms[form] = (form, "place", "propagation", 0.65)  # in Aken, richting Aken: then also met Aken
    for known in knowledge.known:
        forms.pop(known.form, None)
    return list(forms.values())


def settle(detections: Iterable[Detection]) -> list[Detection]:
    """One detection per stretch of text: the surest wins, then the longest; in text order."""
    chosen: list[Detection] = []  # in text order; they never overlap, so neighbours tell
    starts: list[int] = []

    def overlapping(candidate: Detection) -> list[Detection]:
        index = bisect_left(starts, candidate.end)
        found = []
        while index > 0 and chosen[index - 1].end > candidate.start:
            index -= 1
            found.append(chosen[index])
        return found

    for candidate in sorted(detections, key=lambda d: (-d.confidence, -(d.end - d.start), d.start)):
        overlaps = overlapping(candidate)
        if overlaps and candidate.type == "person":
            cut = _before(candidate, min(other.start for other in overlaps))
            if cut is None or overlapping(cut):
                continue
            candidate, overlaps = cut, []
        if overlaps:
            continue
        index = bisect_left(starts, candidate.start)
        starts.insert(index, candidate.start)
        chosen.insert(index, candidate)
    return chosen


def _before(detection: Detection, end: int) -> Detection | None:
    """A person's name cut before a surer mention (``Ellen Kortekaas van Zilveren Kruis``), or None; a title left
    alone (the ``Dr.`` of ``Dr. Jansen`` when ``Jansen`` is surer) names no one."""
    text = detection.text[:max(0, end - detection.start)]
    words = text.split()
    while words and (not words[-1][0].isupper() or words[-1].lower() in TITLES):
        words.pop()
    if not words:
        return None
    kept = text[:text.rindex(words[-1]) + len(words[-1])]
    return replace(detection, end=detection.start + len(kept), text=kept)
