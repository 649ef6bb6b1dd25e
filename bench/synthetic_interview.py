"""A reproducible synthetic Dutch interview transcript of any length, for the NLP benchmarks."""

from __future__ import annotations

import random

from qualcode.domain.transcript import ParsedTranscript, ParsedTurn

RESPONDENT_SENTENCES = (
    "Het vertrouwen tussen de huisartsen en het ziekenhuis was in het begin echt heel laag.",
    "Ik merkte veel wantrouwen bij de collega's van de thuiszorg toen we de afspraken maakten.",
    "Die vertrouwensband hebben we pas na twee jaar kunnen opbouwen met de wijkverpleging.",
    "De honoraria voor het overleg waren niet geregeld, dus niemand wilde daar tijd in steken.",
    "Er was simpelweg geen geld voor een coördinator, de gemeente betaalde alleen de pilot.",
    "De zorgverzekeraar financierde het project maar voor één jaar, daarna moesten we zelf zoeken.",
    "Wij hadden geen structurele financiering en dat maakte de samenwerking kwetsbaar.",
    "De bestuurders stonden achter het idee, dat gaf ons de ruimte om te experimenteren.",
    "Zonder steun van het management was het nooit van de grond gekomen, denk ik.",
    "We spraken elke maand af in een multidisciplinair overleg met de praktijkondersteuners.",
    "Het kostte gewoon heel veel tijd, naast het gewone werk in de praktijk.",
    "Ik had eerlijk gezegd de tijd niet om ook nog die vergaderingen bij te wonen.",
    "De werkdruk op de afdeling was zo hoog dat niemand er energie voor had.",
    "De ICT-systemen sloten niet op elkaar aan, we konden de dossiers niet delen.",
    "Elke organisatie had een eigen protocol en die protocollen botsten voortdurend.",
    "Door de privacyregels mochten we de gegevens van patiënten niet uitwisselen.",
    "Het helpt enorm als je elkaar persoonlijk kent en gewoon even kunt bellen.",
    "Een gezamenlijk doel maakte dat we over de grenzen van onze organisaties heen keken.",
    "De huisarts zag de meerwaarde eerst niet, die vond het vooral extra administratie.",
    "Er waren veel wisselingen in het team, dus we begonnen steeds opnieuw.",
    "De cultuur in het ziekenhuis is toch hiërarchischer dan in de eerste lijn.",
    "Wij voelden ons als wijkteam niet serieus genomen door de specialisten.",
    "Toen de regiegroep er kwam, werden de rollen en taken veel duidelijker.",
    "De onderlinge concurrentie tussen de zorgaanbieders speelde stiekem wel mee.",
    "Het was niet duidelijk wie eigenaar was van het probleem, dus niemand pakte het op.",
    "Met korte lijnen en een vaste contactpersoon liep het uiteindelijk wel goed.",
    "We hebben samen een scholing georganiseerd en dat schepte echt een band.",
    "De wethouder zette het onderwerp op de agenda en toen ging het ineens snel.",
    "Ik denk dat de patiënt er uiteindelijk het meest van heeft geprofiteerd.",
    "Er was onvoldoende capaciteit om de extra taken op te vangen.",
    "Ze vertrouwden ons niet omdat we eerder afspraken niet waren nagekomen.",
    "Het budget was op, dus de projectleider kon niet langer betaald worden.",
    "We kregen een subsidie van het fonds, maar die was aan strenge voorwaarden gebonden.",
    "De belangen van de verschillende partijen liepen nogal uiteen.",
    "Sommige collega's zagen het als bemoeienis met hun vak.",
    "Na de evaluatie besloten we de werkwijze structureel in te bedden.",
    "De transmurale afspraken zijn nu vastgelegd in een convenant.",
    "Ik heb geleerd dat je de mensen op de werkvloer vanaf het begin moet betrekken.",
    "Het enthousiasme van een paar trekkers hield het geheel overeind.",
    "Toen die trekker vertrok, viel het project eigenlijk stil.",
)

INTERVIEWER_QUESTIONS = (
    "Kunt u daar iets meer over vertellen?",
    "Hoe ging dat in de praktijk?",
    "Wat was volgens u de belangrijkste reden daarvoor?",
    "Wie waren daarbij betrokken?",
    "Wat zou u een volgende keer anders doen?",
    "Hoe verliep de samenwerking met de gemeente?",
)


def synthetic_interview(words: int, seed: int = 7) -> tuple[str, list[tuple[str, int, int]]]:
    """Return a transcript of about ``words`` words and its turns as (speaker, start, end) of the content."""
    rng = random.Random(seed)
    parts: list[str] = ["Titel: Synthetisch interview\nRespondent: R99\n\n"]
    offset = len(parts[0])
    turns: list[tuple[str, int, int]] = []
    count = 0
    while count < words:
        for speaker, content in (("I", rng.choice(INTERVIEWER_QUESTIONS)),
                                 ("R", " ".join(rng.choice(RESPONDENT_SENTENCES) for _ in range(rng.randint(2, 6))))):
            parts.append(f"{speaker}: {content}\n")
            turns.append((speaker, offset + 3, offset + 3 + len(content)))
            offset += len(content) + 4
            count += len(content.split())
    return "".join(parts), turns


def synthetic_transcript(words: int, seed: int = 7) -> ParsedTranscript:
    """The synthetic interview as an importer would hand it to the store (one paragraph per turn)."""
    text, turns = synthetic_interview(words, seed)
    return ParsedTranscript(
        text=text,
        turns=tuple(ParsedTurn(speaker, start, end, ((start, end),)) for speaker, start, end in turns),
        source_format="txt", metadata={"respondent": "R99"}, interviewer_label="I", case_label="R99",
    )
