"""The word lists and regular expressions pseudonym detection reads persons, places and organisations by."""

from __future__ import annotations

import re

from qualcode.domain.pseudonym_forms import EntityType

DEDUCE_TYPES: dict[str, EntityType | None] = {
    "persoon": "person", "patient": "person", "locatie": "place", "ziekenhuis": "organisation",
    "zorginstelling": "organisation", "instelling": "organisation", "datum": "date", "leeftijd": None,
    "bsn": "other", "id": "other", "telefoonnummer": "other", "emailadres": "other", "url": "other",
}
"""deduce's tags as our types; an age on its own identifies nobody in an interview and is left out."""

PUBLIC_BODIES = frozenset(
    "NZa ACM IGJ IGZ NMa RIVM CBS VWS Zorginstituut Zorgautoriteit ZonMw NFU NVZ FMS KNMG ZN AP CIZ CAK SER WRR "
    "Gezondheidsraad Rijkswaterstaat RIZIV "
    "Nederland Tweede Eerste Kamer Rijksoverheid Belastingdienst".split()
)
"""Public bodies that carry no personal information: not flagged unless asked (``include_public_bodies``)."""
STATE_AS_ORGANISATION = frozenset({"Rijk"})
"""``het Rijk``: the state, a public body as an organisation or after ``het``, though a first name elsewhere
(``Rijk Boone``)."""
ADJECTIVE_BEFORE_NOUN = re.compile(r"[A-Z][\w-]+(?:aanse|aamse|ische|sche) [a-z]")
"""``Antilliaanse ouderen``, ``Kaapse koffie``: a capitalised adjective before a noun in small letters is no name."""

COUNTRIES = frozenset(
    "Nederland België Belgie Duitsland Frankrijk Engeland Europa Amerika Spanje Zweden Denemarken "
    "Noorwegen Zwitserland Oostenrijk Italië Italie Portugal Polen Turkije Marokko Suriname".split()
)
"""Too large to identify anyone: a country is no place to pseudonymise."""

KNOWN_ORGANISATIONS = (
    "Zilveren Kruis", "Menzis", "VGZ", "CZ", "DSW", "ONVZ", "Zorg en Zekerheid", "Achmea", "Eno", "a.s.r.",
    "Gupta Strategists", "McKinsey", "Berenschot", "KPMG", "Deloitte", "PwC", "Boer & Croon", "BDO",
    "Twynstra Gudde", "Capgemini", "de Volkskrant", "NRC", "Trouw", "het Parool", "de Telegraaf",
    "de Gelderlander", "Tubantia", "de Stentor", "Dagblad van het Noorden", "Leeuwarder Courant",
    "Brabants Dagblad", "Medisch Contact", "Skipr", "Zorgvisie", "Omroep Gelderland",
)
"""Insurers, consultancies and newspapers interviews about Dutch care name by their name alone."""

_NAME = r"(?:[A-ZÀ-ÖØ-Þ][\w'&.]*(?:-[A-Z]?[\w']+)*)"
_JOIN = r"(?:van|de|der|den|het|en|&|'t|aan|op|ter|ten|voor)"
_NAMES = rf"{_NAME}(?:(?<!\w\w\w\.) (?:{_JOIN} ){{0,2}}{_NAME})*"
ORG_HEADS = (
    "Ziekenhuis|Medisch Centrum|Zorgverzekeraar|Verzekeraar|Stichting|Maatschap|Vakgroep|Coöperatie|"
    "Huisartsenpraktijk|Huisartsenpost|Huisartsen|Kliniek|Adviesbureau|Gezondheidscentrum|Verpleeghuis|"
    "Woonzorgcentrum|Revalidatiecentrum|Hogeschool|Universiteit|Dagblad|Omroep|Apotheek|Netwerk|Vereniging|Project|"
    "[A-Z]\\w*(?:zorg|advies|groep|centrum|centra|kliniek|ziekenhuis|netwerk|dienst|belang)"
)
_ORG_TAIL_WORDS = (
    "Ziekenhuis|Ziekenhuizen|Medisch Centrum|MC|UMC|Zorg|Zorggroep|Groep|Group|Kliniek|Klinieken|Consultancy|"
    "Consult|Consulting|Advies|Adviseurs|Partners|Strategists|Verzekeringen|Zorgverzekeringen|Verzekeraar|"
    "BV|B\\.V\\.|NV|N\\.V\\.|Holding|Instituut|Dagblad|Courant|Gezondheidscentrum|Huisartsen|Thuiszorg|"
    "Zorgverzekeraar|Universiteit|University|Hogeschool|Hospital|Apotheek"
)
ORG_TAILS = _ORG_TAIL_WORDS + "|[A-Z]\\w*(?:zorg|hulp|netwerk)"
_ORG_NOUNS = (
    "maatschap|vakgroep|zorgverzekeraar|verzekeraar|ziekenhuis|zorggroep|adviesbureau|bureau|"
    "consultancybureau|organisatieadviesbureau|krant|dagblad|huisartsenpraktijk|thuiszorgorganisatie|"
    "stichting|kliniek|praktijk|huisartsenpost|verpleeghuis|consultant|consultants|adviseurs|omroep|"
    "regiokrant|zorgkantoor|firma|bedrijf|platform|initiatief|netwerk|samenwerkingsverband|leverancier|"
    "softwareleverancier|app|thuiszorg|zorgorganisatie|huisartsenorganisatie|zorginstelling|ggz-instelling|"
    "instelling|woonzorgcentrum|revalidatiecentrum|ambulancedienst|uitgeverij|welzijnsorganisatie|woningcorporatie|"
    "systeem|epd|ecd|portaal|software|pakket"
)
ORGANISATION_PATTERNS = (
    re.compile(rf"\b(?:{ORG_HEADS}) (?:(?:van|de|der|den|het|'t|aan|op|ter|ten|voor) )?{_NAMES}"),
    re.compile(rf"\b(?:Stichting|Vereniging|Platform|Netwerk|Coöperatie) {_NAME} in (?:de|het) {_NAMES}"),
    re.compile(rf"(?<![\w-]){_NAMES}(?<![\w']{{3}}\.) "
               rf"(?:(?:&|en) (?:{_ORG_TAIL_WORDS})\b(?! [A-Z])|(?:{ORG_TAILS})\b)"),
    re.compile(rf"(?<![\w-]){_NAME}-(?:ziekenhuis|ziekenhuizen|kliniek|groep|zorg|huis|praktijk|centrum|Hospital|"
               rf"Klinik|Krankenhaus)\b"),
    re.compile(r"(?<![\w-])[A-Z]\w*(?:umc|UMC|ziekenhuis|kliniek)\b"),
    re.compile(rf"(?<![\w-]){_NAME} & {_NAME}"),
)
"""Names that carry an organisation's word, before or after, or join two names with ``&`` (``Boer & Croon``)."""
CHURCH = re.compile(r"(?<![\w-])[A-Z]\w{2,}(?:kerk|moskee)\b")
"""``Martinuskerk``: a church named is its parish, an organisation (not a town or a surname so named:
``Lekkerkerk``, ``Verkerk``)."""
CAMEL_CASE = re.compile(r"(?<![\w-])[A-Z][a-z]+[A-Z][a-z]{2,}\b")
"""``ZorgSaam``, ``OnsKompas``: a word with a capital inside is a brand, an organisation's name (even opening a
sentence)."""
ZORG_COMPOUND = re.compile(r"(?<![\w-])[A-Z]\w{2,}zorg\b")
"""``Iriszorg`` inside a sentence: a care organisation named as one compound."""
ACRONYM = re.compile(r"(?<![\w-])[A-Z]{3,6}(?![\w-])")
SPELLED_OUT = re.compile(r"(?<![\w-])[A-Z][\w'-]*(?: (?:(?:in|de|het|van|voor|op|en|der|den) ){0,2}[A-Z][\w'-]*)+")
"""Capitalised words with the small words between them: what an abbreviation may stand for."""
ACRONYM_IN_PLACE = re.compile(r"(?<![\w-])[A-Z]{2,6} (?:in|te|uit) $")
"""``WZA in Assen``: an abbreviation located in a place names an institution there."""
PERSON_AFTER_TITLE = re.compile(
    rf"\b(?:[Dd]okter|[Dd]r\.|[Mm]eneer|[Mm]evrouw|[Mm]evr\.|[Dd]hr\.|[Ww]ethouder|[Pp]rofessor|[Pp]rof\.|"
    rf"[Bb]urgemeester|[Zz]uster|[Dd]ominee|[Pp]astoor|[Pp]astor|[Oo]me|[Oo]om|[Tt]ante|[Jj]uf|"
    rf"Frau|Herr|Herrn|Madame|Monsieur|Dona|Dom|Señora|Signora) "
    rf"(?P<name>(?:(?:van der|van den|van de|de|der|den|ter|ten|te) )?{_NAMES})")
"""``dokter Ter Haar``, ``wethouder Ria Lammers``, ``dominee Wiersum``, ``ome Gerrit``: a title or a kin word
of the village says a person follows; so do honorifics of the neighbouring languages (``Frau Dr. Keller``,
``Madame Dubois``, ``Dona Inês``), which stay in the name."""
_LISTED_NAMES = rf"{_NAME}(?:(?<!\w\w\w\.) (?:(?:van|de|der|den|'t|ter|ten|aan|op|voor) ){{0,2}}{_NAME})*"
"""A name that does not run on over ``en`` into the next one (``gemeente Coevorden en Welzijnswerk Sedna``)."""
_PERSON_NOUNS = (r"\w*(?:arts|loog|loge|kundige|therapeut|manager|directeur|directrice|voorzitter|bestuurder|"
                 r"wethouder|burgemeester|specialist|ondersteuner|apotheker|coördinator|secretaris|collega|"
                 r"teamleider|internist|chirurg|geriater|verpleger|adviseur|onderzoeker|buurman|buurvrouw)")
PERSON_BY_CONTEXT = re.compile(
    rf"(?<![\w-])(?P<name>[A-Z][\w'-]+)(?:, (?:de|onze|mijn|een|hun|die|toen) (?:\w+ )?{_PERSON_NOUNS}\b"
    rf"| (?:zei|zegt|vond|vindt|vroeg|vraagt|belde|belt|vertelde|vertelt|schreef|mailde|appte|dacht|denkt|"
    rf"lachte|en ik)\b)")
"""``Okonkwo, de geriater``, ``Delacroix zei``: a capitalised word explained as someone or saying something is a
person's name (what a word no dictionary knows would otherwise be taken for: an organisation)."""
_ROLES = ("de heer|collega|huisarts|verpleegkundige|internist|chirurg|cardioloog|neuroloog|longarts|geriater|"
          "apotheker|fysiotherapeut|pastoor|dominee|notaris|buurman|buurvrouw|zus|broer|dochter|zoon|tante|oom|opa|"
          "oma|vriendin|schoonmoeder|schoonvader")
PERSON_AWAY = re.compile(r"(?<![\w-])(?P<name>[A-Z][\w'-]+) (?:(?:is|was|gaat|ging) )?(?:op vakantie|met pensioen|"
                         r"met (?:zwangerschaps|ouderschaps)?verlof|met ziekteverlof)\b")
"""``Als Achterberg op vakantie is``: only a person goes on holiday or retires (even one named like a village)."""
REGION_WITH_ARTICLE = re.compile(r"\b(?:in|uit|naar|vanuit) het (?P<name>[A-Z][\w'-]+)(?![\w-]| [A-Z])")
"""``in het Westland``: a place of the gazetteer with ``het`` is a region (the Gooi, the Westland)."""
PLACE_BY_CONTEXT = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][\w'-]+) (?:ligt|lag) (?:op|in|aan|bij|tegen|vlak|net|naast|ten|over|pal|vlakbij)\b")
"""``Aken ligt op twintig minuten``: a capitalised word that lies somewhere is a place (even opening a sentence)."""
WHERE_A_PLACE_LIES = re.compile(r" (?:ligt|lag) (?:op (?:\w+ ){1,2}(?:minuten|minuutjes|kilometer|km|uur)"
                                r"|(?:vlak |net |pal )?(?:bij|naast|tegen|ten (?:noorden|oosten|zuiden|westen))"
                                r"|aan de)\b")
"""Lying at a distance or next to somewhere only a place does (a person lies in bed or on the IC)."""
PERSON_AFTER_ROLE = re.compile(
    rf"\b(?:{_ROLES}) (?P<name>(?:(?:van der|van den|van de|van|de|ter|ten) )?{_LISTED_NAMES})")
"""``de heer Okafor``, ``cardioloog Delahaye``, ``mijn buurman Gerrit``: a role or kin word before a capitalised
name inside a sentence says a person follows (less surely than a title: places and organisations are left out)."""
LOWER_CASE_AFTER_ROLE = re.compile(rf"\b(?:{_ROLES}),? (?P<name>[a-z][a-z'-]{{2,}})\b")
"""``mijn buurman, gerrit,``: a first name typed in lower case after a role or kin word (when it is no Dutch word)."""
ORGANISATION_AFTER_ARTICLE = re.compile(
    rf"(?<!\bis\s)(?<!\bwas\s)(?<!\bben\s)(?<!\bzijn\s)(?<!\bwordt\s)(?<!\bwerd\s)\b(?:het|De|Het) "
    rf"(?P<name>{_NAME}(?:(?<!\w\w\w\.) (?:(?:van|de|der|den|'t|ter|ten|voor|&) ){{0,2}}{_NAME})*)")
"""``het Lindenhof``, ``in De Schelp``: a name with ``het`` (or a capital article inside a sentence) is an institution
(its name does not run on over ``en``, ``aan`` or ``op``: ``De Linde aan de Brink en Het Anker`` are two)."""
LOCATED_AFTER = re.compile(r"(?: in| te|,? (?:dat|die) is (?:het|de|een|ons|onze))\s+\S")
"""``De Linde in Zutphen``, ``De Horst, dat is het buurthuis``: a name with a capital article that is somewhere, or is
explained as a thing, is an institution even when a village is so called."""
THING_BEFORE = re.compile(r"\b(?:het|de|ons|onze|hun) [a-z]\w+, $")
"""``in het dorpshuis, De Groeve``: a name put after the thing it is."""
INSTITUTION_OF_DEMONYM = re.compile(r"(?i:het) \w+er\b(?! (?!(?:in|te|de|het|en|is|was|heeft|had)\b)[a-z])")
"""``het Ommelander in``: a word for people of a region with ``het`` (and no noun after it) is a hospital's name."""
CAPITAL_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:De|Het) $")
PERSON_OF_ORGANISATION = re.compile(
    r"(?P<first>[A-Z][\w'-]+) (?P<last>[A-Z][\w'-]+) (?:van|bij) (?P<organisation>[A-Z][\w'&-]+(?: [A-Z][\w'&-]+)*)")
"""A person span of first name, surname, ``van`` and a capitalised name: someone of an organisation."""
ACRONYM_AFTER_ARTICLE = re.compile(
    r"\b(?:de|het|bij|bij de|van de|van het|in de|in het) (?P<name>[A-Z]{2,5}|[a-z]{1,2}[A-Z]{1,3})(?![\w-])")
"""``de PZC``, ``bij de RAV``: an abbreviation with an article names one body (the generic ones are listed)."""
_NAME_WITH_IN = rf"{_NAME}(?: (?:in de|in het|in|{_JOIN}) {_NAME}| {_NAME})*"
"""A name that may hold ``in de`` (``Dokter in de Achterhoek``), for where it is surely one name."""
NAME_INTRODUCED = re.compile(
    rf"\b(?:[Hh]et|[Dd]at) (?:heet|heette|heten|noemen we|noemt zich)(?: (?:bij ons|hier|nu|officieel|eigenlijk))? "
    rf"(?P<name>{_NAME_WITH_IN})")
"""``het heet Dokter in de Achterhoek``: a thing's name, said as one, is an organisation's or a project's."""
_APPOSITION_NOUNS = (
    "netwerk|samenwerkingsverband|platform|initiatief|app|organisatie|leverancier|stichting|vereniging|"
    "coöperatie|bedrijf|bureau|zorgverzekeraar|verzekeraar|krant|zorggroep|huisartsenpost|instelling|firma|"
    "club|project|programma|consultancy|adviesbureau|vestiging|locatie|aanbieder|huisartsenorganisatie|"
    "zorgorganisatie|ziekenhuis|kliniek|praktijk|zorgaanbieder|verpleeghuis|zorgcentrum|hospice|tehuis|"
    "woonvorm|dagbesteding|programma|team"
)
NAME_IN_APPOSITION = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME_WITH_IN}), (?:een|de|het|die|dat|zo'n|dat is|dit is|die is|dat zijn|onze|ons) "
    rf"(?:(?:een|de|het|onze|ons) )?(?:[\w,]+ ){{0,2}}?[\w-]*(?:{_APPOSITION_NOUNS})(?:je|tje|en|s)?\b")
"""``Zorgzaam Achterhoek, een netwerk van alle zorgaanbieders``, ``Kwadrant, de huisartsenorganisatie``,
``Meerzicht, dat is onze grootste locatie``: a name the speaker explains as an organisation (or a compound of one)."""
ORGANISATION_BEFORE_NAME = re.compile(
    rf"\b[\w-]*(?:{_APPOSITION_NOUNS})(?:je|tje)?(?: (?:uit|in) {_NAME})?, (?:de |het )?"
    rf"(?P<name>{_NAME_WITH_IN})(?=[,.;:])")
"""``een bedrijfje uit Eindhoven, Helder Medisch.``, ``een regionale vereniging, AVAL,``: a name put after the
organisation it is."""
NOT_ORGANISATION_WORDS = re.compile(r"(?:akkoord|wet|(?i:regeling|programma|richtlijn|beleid|plan|agenda))\b|\bWet\b")
"""``Integraal Zorgakkoord``, ``Wet langdurige zorg``: agreements, laws and plans name no organisation."""
ORGANISATION_WORDS = re.compile(
    rf"^(?:(?:{ORG_HEADS})\s(?:(?:{_JOIN})\s)?|(?:[Dd]e|[Hh]et)\s)|(?:-\w+|\s(?:(?:&|en)\s)?(?:{ORG_TAILS}))$")
"""What an organisation's name has besides its own word: found again without it (``Lindenhof``)."""
ORGANISATION_AFTER_NOUN = re.compile(rf"\b(?:{_ORG_NOUNS}) (?P<name>(?:(?:de|het) )?{_LISTED_NAMES})")
ORGANISATION_AFTER_CUE = re.compile(
    rf"\b(?:(?:directeur|directrice|bestuurder|bestuursvoorzitter|voorzitter|manager|teamleider|collega's|mensen|"
    rf"medewerkers|cliënten)(?: \w+)? van|(?:werk|werkt|werkte|werkten|werken|werkzaam)(?: \w+)? (?:bij|voor|met)|"
    rf"(?:gebruik|gebruikt|gebruiken|gebruikte|gebruikten)(?: \w+)?|"
    rf"in dienst (?:bij|van)|overgestapt naar|gefuseerd met|bij) (?:de |het )?(?P<name>{_NAME})(?![\w-]| [A-Z])")
"""``de directeur van Kompas``, ``werkt voor Zonnebloem``, ``bij Horizon``, ``we werken met Medimo``, ``we gebruiken
Carecom``: one capitalised word after such a cue
is where people work, even when it is a Dutch word (first names, surnames and places are left to their sources)."""
PLACE_AFTER_NOUN = re.compile(rf"\b(?:gemeente|dorp|stad|stadje|regio|wijk|plaats|locatie|buurt|stadsdeel|kern|"
                              rf"buurtschap|gehucht) (?P<name>{_LISTED_NAMES})")
"""``wijk Vogelzang``, ``locatie Oosterhout``: a name after a word for a place is one."""
STREET_AFTER_AAN = re.compile(r"(?<!\bis )\baan de (?P<name>(?:(?:Grote|Kleine|Oude|Nieuwe|Lange|Korte|Hoge|Lage|"
                              r"Brede) )?[A-Z][\w'-]+)(?![\w-]| [A-Z])")
"""``aan de Brink``, ``aan de Lijnbaan``, ``aan de Oude Vest``: one capitalised word (or an adjective and one) after
``aan de`` is where something is, a street."""
PLACE_AFTER_PREPOSITION = re.compile(
    rf"\b(?:in|uit|naar|rond|rondom|richting|vanuit|buiten|tussen|omgeving|bij ons in) (?P<name>{_NAMES})")
TUSSENVOEGSELS = frozenset("Van De Der Den Ter Ten Te 't".split())
"""Words a Dutch surname or place name opens with (``Ter Aa``, ``Den Helder``, ``Van Dijk``)."""
VILLAGE_BEFORE = re.compile(r"(?:\b(?i:in|uit|naar|vanuit|bij|richting|langs|gemeente|dorp|dorpje|buurtschap)|,)\s+$")
"""``bij De Bult``, ``gemeente De Lier``, ``Balkbrug, De Krim``: where a village goes or is listed."""
SURNAME_ARTICLE = re.compile(r"(?:Van der|Van den|Van de|Van|De|Den|Der|Ter|Ten|Te) (?=[A-Z])")
"""``De`` of ``mevrouw De Boer``: a surname's capital article, which a name after a title may open with."""
PLACE_WITH_ARTICLE = re.compile(r"(?:De|Den|Der|Ter|Ten|Te|'t|Het) [A-Z][\w'-]*$")
"""``Ter Aa``, ``Den Burg``: an article and one capitalised word, which a person's name without a first name has too."""
TITLE_CASE_WORDS = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")
"""``Samen Sterk`` (in Bernheze): capitalised words of a name that goes on over its place, unlike ``SKB``."""
SENTENCE_STOP = re.compile(r"(?P<word>\w{3,})[.!?]\s+(?=[A-Z])")
"""Where one sentence ends and the next begins inside a span (not after an initial: ``J. de Vries``)."""
LISTED_ORGANISATION = re.compile(rf" (?:en|&) (?=(?:{ORG_HEADS})\b)")
LOCATED_BEFORE_HEAD = re.compile(rf"(\S+) (?=(?:{ORG_HEADS})\b)")
"""A town and an organisation's word after it: ``(in) Zaandam Huisartsenpraktijk Rosmolenwijk``."""
PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:[Ii]n|[Uu]it|[Nn]aar|[Vv]anuit)\s+$")
"""After ``in``, ``uit`` or ``naar`` such a name is a place (``in Ter Aa``), not a person (``Ter Horst zei``)."""
TITLES = frozenset("dr dr. drs drs. prof prof. mr mr. dhr dhr. mevr mevr. mw mw. ir ir. ing ing. "
                    "dokter collega meneer mevrouw professor zuster broeder wethouder burgemeester".split())
WORD = re.compile(r"\w+")
NOT_NAMES = frozenset(
    "Interviewer Respondent Spreker Speaker Ja Nee Nou Oke Oké Ok Ik Wij We Ze Zij Hij Die Dat Dit Daar Dus Maar En "
    "Want Het De Een Als Toen Wat Wie Waar Hoe Mijn Onze Jullie Hun Excel Teams Zoom Word Outlook Corona COVID "
    "Covid WhatsApp Facebook Google Instagram LinkedIn Twitter YouTube Wmo Wlz Zvw God Kerst Pasen Januari "
    "Februari Maart April Mei Juni Juli Augustus September Oktober November "
    "December Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag Nederlands Engels Frans Duits Frysk Arabisch "
    "Turks Tamazight Berbers Pools Spaans Italiaans Portugees Russisch Oekraïens Roemeens Bulgaars Grieks Chinees "
    "Papiaments Sranantongo Somalisch Tigrinya Koerdisch Farsi Perzisch Dari Hindi Urdu".split()
) | {"Power BI", "SharePoint", "ChatGPT", "Copilot"}
"""Words that open sentences, months and days, languages, and office software everyone uses (``in Power BI``,
``in SharePoint``): no one's name, nowhere, no organisation (a care record system, named by its maker, may be)."""
REGIONAL_LANGUAGES = frozenset("Fries Limburgs Brabants Zeeuws Drents Twents Gronings Vlaams Achterhoeks Sallands "
                               "Veluws Westfries Zaans Haags Rotterdams Amsterdams".split())
"""A regional language or dialect (``in het Fries``, ``meer Drents dan Fries``) is no name on its own, though its
word opens names (``Fries Museum``, ``Limburgs Zorgnetwerk``)."""
SURNAME_WITH_ARTICLE = re.compile(r"\b(?:van der|van den|van de|van|de|der|den|ter|ten|te) [A-Z][\w'-]+$")
GENERIC_ACRONYMS = frozenset(
    "MSB MDO COPD SEH IC OK EPD HIS POH PA VS CVA ICT HR MT RvB RvT DBC DOT AVG ZZP FTE CAO FTO LSP HAP IZA GGZ "
    "GGD WMO WLZ ZVW ELV MDT KNO CT MRI ECG ADHD PTSS EMDR GZ BIG AIOS ANIOS ICU CCU RVE ALV OR CR VVT SCEN "
    "ANW DGA CEO CFO CMIO CIO BV NV KPI ROI AI BSN ZIS ECD ROS SO VPK IT PR EU MDL SOA TBC KVK".split()
)
"""Abbreviations of Dutch care that name no one (``het MSB``, ``COPD-zorg``), unlike ``het AMC``."""
GENERIC_SPEAKERS = re.compile(r"(?i)^(?:i|r|int|resp|interviewer|interviewster|respondent|respondente|"
                               r"onderzoeker|deelnemer|spreker|speaker|moderator)\.?\s*\d*$|^[A-Z]{1,2}\d*$")
AT_STREET = re.compile(r" (?:aan|op) (?:de|het) [A-Z]\w*(?:straat|weg|laan|plein|dijk|singel|gracht|kade|baan|markt|"
                       r"wal|pad|dreef)$")
"""An organisation's name running on over where it stands (``Apotheek Het Anker aan de Dorpsweg``)."""
LONE_PLACE_BEFORE = re.compile(
    r"\b(?:[Ii]n|[Uu]it|[Vv]anuit|richting|(?:op|aan|naar|langs|over|in|door) (?:de|het))\s+$")
"""Before a name of one word: where a place goes (``in Brakel``, ``In Brakel`` opening a sentence, ``op de Wal``,
``over de Maas``, ``in de Kempen``), no person."""
AREA_BEFORE = re.compile(r"\b(?i:over|langs|in|door|aan) de\s+$")
"""``over de Maas``, ``in de Kempen``: a river or a region, even named like someone."""
VERB_BEFORE_YOU = re.compile(r" (?:je|jij|u|jullie)\b")
"""``Ken je``, ``Mark je``: a word opening a sentence with ``je`` right after is a verb put first, no one's name."""
LONE_NO_PERSON_BEFORE = re.compile(r"\been\s+$")
"""``een`` before a name of one word: a kind of person or thing (``een Zeeuw``), no one (``de Baron`` may be a
nickname)."""
SURNAME_ARTICLE_BEFORE = re.compile(r"\b(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e)\s+$")
