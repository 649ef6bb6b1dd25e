"""Compare the two offline Dutch lemmatizers: simplemma vs spaCy's lookup tables (spacy-lookups-data).

Accuracy on hand-checked Dutch forms from interview language (irregular verbs, participles,
plurals including Latin ones, inflected adjectives), load time and speed on a 20,000-word
transcript. spacy-lookups-data is not a dependency (simplemma won); to measure it too:

    uv pip install --target /tmp/lookups spacy-lookups-data
    PYTHONPATH=/tmp/lookups uv run python bench/lemmatizer_bench.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import simplemma
import spacy

sys.path.insert(0, str(Path(__file__).parent))

from synthetic_interview import synthetic_interview  # noqa: E402

from qualcode.nlp.pipeline_loader import build_offline_pipeline  # noqa: E402

# "form lemma": the lemma a Dutch dictionary gives (participles and past tenses → infinitive).
GOLD = [
    "vertrouwde vertrouwen", "vertrouwt vertrouwen", "wantrouwde wantrouwen", "werkten werken",
    "gewerkt werken", "heb hebben", "hebt hebben", "heeft hebben", "had hebben", "hadden hebben",
    "gehad hebben", "ben zijn", "is zijn", "was zijn", "waren zijn", "geweest zijn", "kon kunnen",
    "konden kunnen", "kan kunnen", "wil willen", "wilde willen", "moest moeten", "moesten moeten",
    "zei zeggen", "zeiden zeggen", "gezegd zeggen", "ging gaan", "gingen gaan", "gegaan gaan", "deed doen",
    "gedaan doen", "kwam komen", "kwamen komen", "gekomen komen", "zag zien", "gezien zien", "dacht denken",
    "gedacht denken", "vond vinden", "gevonden vinden", "bracht brengen", "gebracht brengen",
    "betaalde betalen", "betaald betalen", "investeerden investeren", "geïnvesteerd investeren",
    "samenwerkten samenwerken", "besloot besluiten", "verloor verliezen", "liep lopen", "gelopen lopen",
    "bleef blijven", "gebleven blijven", "begreep begrijpen", "kreeg krijgen", "gekregen krijgen",
    "sprak spreken", "gesproken spreken", "stond staan", "zat zitten", "lag liggen", "nam nemen",
    "genomen nemen", "gaf geven", "gegeven geven", "overlegden overleggen", "ondersteunt ondersteunen",
    "ervoer ervaren", "belemmert belemmeren", "stimuleert stimuleren", "deelden delen", "gedeeld delen",
    "afgesproken afspreken", "financierde financieren", "gefinancierd financieren", "honoraria honorarium",
    "criteria criterium", "musea museum", "vergaderingen vergadering", "ziekenhuizen ziekenhuis",
    "huisartsen huisarts", "artsen arts", "patiënten patiënt", "collega's collega", "afspraken afspraak",
    "zorgverzekeraars zorgverzekeraar", "verzekeraars verzekeraar", "gemeenten gemeente",
    "gemeentes gemeente", "partijen partij", "belangen belang", "schepen schip", "steden stad",
    "kinderen kind", "dagen dag", "jaren jaar", "maanden maand", "weken week", "uren uur",
    "problemen probleem", "middelen middel", "regels regel", "protocollen protocol", "subsidies subsidie",
    "budgetten budget", "contracten contract", "relaties relatie", "ervaringen ervaring",
    "organisaties organisatie", "bestuurders bestuurder", "managers manager", "mensen mens", "taken taak",
    "rollen rol", "gesprekken gesprek", "verschillen verschil", "bedrijven bedrijf", "ideeën idee",
    "cijfers cijfer", "resultaten resultaat", "doelen doel", "barrières barrière", "factoren factor",
    "stukken stuk", "huizen huis", "specialisten specialist", "wethouders wethouder", "trekkers trekker",
    "coördinatoren coördinator", "grote groot", "groter groot", "grootste groot", "kleine klein",
    "kleinere klein", "moeilijke moeilijk", "lastige lastig", "duidelijke duidelijk",
    "belangrijke belangrijk", "financiële financieel", "structurele structureel",
    "professionele professioneel", "nieuwe nieuw", "oude oud", "lange lang", "hoge hoog", "korte kort",
    "goede goed", "slechte slecht", "eerlijke eerlijk", "duurste duur", "vaste vast",
    "betrouwbare betrouwbaar", "onbetrouwbare onbetrouwbaar", "positieve positief", "negatieve negatief",
    "actieve actief", "gezamenlijke gezamenlijk", "vertrouwen vertrouwen", "geld geld", "geldig geldig",
    "samenwerking samenwerking", "tijd tijd", "niet niet", "ook ook", "werkdruk werkdruk",
    "financiering financiering",
]


def lookup_pipeline():
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()   # reads the nl_lemma_lookup table from spacy-lookups-data
    return nlp


def measure(name: str, build) -> None:
    started = time.perf_counter()
    try:
        nlp = build()
        nlp("huizen")   # simplemma loads its dictionary on first use
    except Exception as error:  # spacy-lookups-data not installed
        print(f"{name}: not measured ({str(error).splitlines()[0][:100]})")
        return
    loading = time.perf_counter() - started
    pairs = [item.split(" ") for item in GOLD]
    wrong = [f"{form}→{lemma}" for (form, expected), lemma in
             ((pair, nlp(pair[0])[0].lemma_.lower()) for pair in pairs) if lemma != expected]
    text, turns = synthetic_interview(20_000)
    texts = [text[start:end] for _, start, end in turns]
    list(nlp.pipe(texts))
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    elapsed = time.perf_counter() - started
    correct = len(pairs) - len(wrong)
    print(f"{name}: accuracy {correct}/{len(pairs)} = {correct / len(pairs):.1%}; load {loading * 1000:.0f} ms; "
          f"{tokens / elapsed:,.0f} tokens/s on a 20,000-word transcript")
    print(f"  wrong: {' '.join(wrong[:40])}{' ...' if len(wrong) > 40 else ''}")


if __name__ == "__main__":
    print(f"spaCy {spacy.__version__}, simplemma {simplemma.__version__}, {len(GOLD)} Dutch forms")
    measure("simplemma (qualcode's offline lemmatizer)", build_offline_pipeline)
    measure("spaCy lookup lemmatizer (spacy-lookups-data)", lookup_pipeline)
