"""Resolve place names to the gazetteer from the story's own evidence.

Each name's readings are scored by a prior (how populous the place is; a country's
name means the country, a capital's name the capital city) plus the story's evidence:
the countries its actors and other places belong to, the first-level regions its
places lie in, and how near the reading is to the places that are not ambiguous. A
qualifier after a comma ("Springfield, Illinois"; "Albany, Australia") keeps only the
readings inside it. A second pass adds the sure first readings of the story's other
ambiguous names to the evidence. The confidence is the chosen reading's share of the
readings' weights, so an ambiguous name with no evidence stays at its most probable
reading with a low confidence; a country's name is country precision at the country's
point. A name the gazetteer lacks is the place named inside it ("University of Iowa"),
else in its qualifier, else in the story's main place, each with a low confidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .. import resources
from ..model import Place
from .gazetteer import Entry, Gazetteer, fold, km

#: Weights of the score (tuned on the tune part of GeoWebNews only; see evaluate/geo.py).
PRIOR_PER_DECADE = 1.0  # per tenfold population
COUNTRY_BONUS = 2.0  # a country's name means the country ("Georgia" in world news)
CAPITAL_BONUS = 1.5  # and a capital's, the capital
NAMED_REGION_PRIOR = 7.0  # regions and seas of data/regions.tsv, as a place of 10 million
ADMIN2_PRIOR = 5.0  # a county, a department, a province: as a place of 100,000
#: A second-level region with a city of its name this near is named after that city, its seat
#: ("Bergamo" is the city): the city is the reading.
SEAT_KM = 60.0
COUNTRY_EVIDENCE = 3.0  # times the share of the story's evidence for the reading's country
ADMIN1_EVIDENCE = 1.5  # a reading in a region the story's other places are in
NEAR_EVIDENCE = 1.5  # times exp(-distance / NEAR_KM) to the nearest unambiguous place
NEAR_KM = 300.0
#: A place named inside a name the gazetteer lacks ("University of Iowa") is a guess; only
#: cities this populous are such a name's place without the story's help.
EMBEDDED_CONFIDENCE = 0.4
EMBEDDED_POPULATION = 100_000
#: A first reading this sure is evidence for the story's other ambiguous names.
CONTEXT_CONFIDENCE = 0.5
TEMPERATURE = 1.0
#: The score of "none of these": a place the gazetteer lacks, or no place at all. A lone
#: village of a country the story never names is a poor reading; a capital is a sure one.
UNKNOWN_SCORE = 5.0
#: A reading found by another of its names ("Salisbury" is an old name of Harare) is less likely.
ALTERNATE_PENALTY = 1.5
#: The confidence of a reading the text itself fixes (the actor dictionary's country).
SINGLE_CONFIDENCE = 0.9
#: A name the gazetteer lacks takes the place its qualifier names ("Orange County, California"),
#: else the story's own place (a street of the city the story is about), at that precision.
QUALIFIER_CONFIDENCE = 0.5
FOCUS_CONFIDENCE = 0.25

#: Places inside a first-level region.
LOCAL = ("city", "admin2", "admin1")

_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w'.\-]*)(?:\s+[A-Z][\w'.\-]*){0,3})")


@dataclass(slots=True)
class Toponym:
    """A place name to resolve: its span and what the text says about it."""

    text: str
    start: int
    end: int
    sentence_index: int = -1
    country: str | None = None  # ISO-3 the actor dictionary gave ("in Seoul": KOR)
    within: list[Entry] = field(default_factory=list)  # readings of its qualifier


@dataclass
class Evidence:
    """What the story says about where it is: weights of countries (ISO-2) and
    first-level regions, and the points of its unambiguous places."""

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    points: list[tuple[float, float]] = field(default_factory=list)

    def copy(self) -> Evidence:
        return Evidence(Counter(self.countries), Counter(self.admin1), list(self.points))

    def add(self, entry: Entry, weight: float = 1.0) -> None:
        if entry.cc:
            self.countries[entry.cc] += weight
        if entry.kind in LOCAL and entry.admin1:
            self.admin1[(entry.cc, entry.admin1)] += weight
        if entry.kind in LOCAL:
            self.points.append((entry.lat, entry.lon))


def readings(gaz: Gazetteer, text: str) -> list[Entry]:
    """Every gazetteer place the name may be, with the country of a demonym (a span given
    as a toponym: "Turkish" in "Turkish troops"; "Canadian" is Canada, not the Texan town).
    A region whose name is also a name of its most populous place is that place ("Seoul";
    "New York" is New York City; but "Quebec" is the province, Montreal its largest city), and
    so is a second-level region named after its seat (``SEAT_KM``)."""
    found = gaz.lookup(text) or generic_head(gaz, text)
    found = part_of_country(gaz, text, found) or found
    row = gaz.demonyms.get(fold(text))
    if row is not None and all(e.row != row for e in found):
        found.insert(0, gaz.entry(row))
    cities = [e for e in found if e.kind == "city"]
    return [e for e in found if not means_its_city(gaz, e, cities)]


def part_of_country(gaz: Gazetteer, text: str, found: list[Entry]) -> list[Entry]:
    """A country's name after a compass word (``compass_words``) is a part of the country
    ("south Lebanon"), unless the whole name has a reading of its own beyond towns and
    counties of other countries ("South Africa"; not South Lebanon, Ohio)."""
    first, _, rest = text.partition(" ")
    if not rest or first.casefold() not in word_list("compass_words"):
        return []
    countries = [e for e in gaz.lookup(rest) if e.kind == "country"]
    if not countries or any(e.kind not in ("city", "admin2") or e.cc in {c.cc for c in countries} for e in found):
        return []
    return countries


def means_its_city(gaz: Gazetteer, region: Entry, cities: list[Entry]) -> bool:
    """One of ``cities`` is what the region's name means: its most populous place, called by
    the name too (admin1), or its seat (admin2, a city of the name within ``SEAT_KM``)."""
    if region.kind == "admin1":
        return any(inside(c, region) and fold(c.name) == gaz.largest.get(region.row) for c in cities)
    return region.kind == "admin2" and any(
        c.cc == region.cc and km(c.lat, c.lon, region.lat, region.lon) < SEAT_KM for c in cities)


def embedded(gaz: Gazetteer, text: str, evidence: Evidence) -> list[Entry]:
    """The readings of the longest place name inside a name the gazetteer lacks ("University
    of California": California; "Bank of Japan": Japan; "European Commission": Europe),
    not of a street's or a river's (``not_named_after``), the first if two are as long."""
    words = text.replace(",", " ").split()
    if len(words) < 2 or words[-1].casefold().strip(".") in word_list("not_named_after"):
        return []
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            if not words[i][:1].isupper() or n == 1 and words[i].casefold() in word_list("place_nouns"):
                continue  # "Island" in "Fire Island" is no name (nor Iceland's, in Icelandic)
            found = [e for e in readings(gaz, " ".join(words[i:i + n])) if names_alone(e, evidence)]
            if found:
                return found
    return []


def names_alone(entry: Entry, evidence: Evidence) -> bool:
    """A place a longer name can stand for: a continent, country, region or sea, or a region
    or a city of ``EMBEDDED_POPULATION`` or more in a country the story names ("Christopher
    Inn" is not in a village called Christopher, nor "Central Hospital" in Paraguay's Central
    department); not a building ("Illinois Capitol Complex" is not the US Capitol)."""
    if entry.kind == "site":
        return False
    if entry.kind not in LOCAL:
        return True
    return bool(evidence.countries[entry.cc]) and (entry.kind != "city" or entry.population >= EMBEDDED_POPULATION)


def generic_head(gaz: Gazetteer, text: str) -> list[Entry]:
    """A name the gazetteer lacks that ends in a place noun of ``data/places.yaml`` is the
    city or region it is named after ("Kharkiv Oblast": Kharkiv; "Maple County": Maple)."""
    words = text.split()
    if len(words) < 2 or words[-1].casefold() not in word_list("place_nouns"):
        return []
    return [e for e in gaz.lookup(" ".join(words[:-1])) if e.kind in LOCAL]


@lru_cache(maxsize=8)
def word_list(name: str) -> frozenset[str]:
    """A word list of ``data/places.yaml``."""
    return frozenset(resources.load_yaml("places.yaml")[name])


def qualifier(gaz: Gazetteer, text: str, end: int) -> list[Entry]:
    """The regions or countries named right after a place ("Springfield, Illinois")."""
    m = _QUALIFIER.match(text, end)
    if not m:
        return []
    words = m.group(1).split()
    for n in range(len(words), 0, -1):  # the longest name that is a region or country
        found = [e for e in gaz.lookup(" ".join(words[:n])) if e.kind in ("admin1", "country")]
        if found:
            return found
    return []


def inside(entry: Entry, area: Entry) -> bool:
    if area.kind == "country":
        return entry.cc == area.cc and entry.row != area.row
    return entry.kind in ("city", "admin2") and entry.cc == area.cc and entry.admin1 == area.admin1


def prior(entry: Entry) -> float:
    if entry.kind in ("region", "sea", "site"):
        return NAMED_REGION_PRIOR
    if entry.kind == "admin2":
        return ADMIN2_PRIOR
    score = PRIOR_PER_DECADE * math.log10(max(entry.population, 1))
    if entry.kind == "country":
        score += COUNTRY_BONUS
    elif entry.capital:
        score += CAPITAL_BONUS
    return score


def score(entry: Entry, evidence: Evidence, key: str = "") -> float:
    s = prior(entry)
    if key and fold(entry.name) != key:
        s -= ALTERNATE_PENALTY
    total = sum(evidence.countries.values())
    if total and entry.cc:
        s += COUNTRY_EVIDENCE * evidence.countries[entry.cc] / total
    elif total:  # a sea or a region across borders: as near to the story as its countries, half
        s += COUNTRY_EVIDENCE / 2
    if entry.kind in ("city", "admin2") and evidence.admin1[(entry.cc, entry.admin1)]:
        s += ADMIN1_EVIDENCE
    if evidence.points and entry.kind in LOCAL:
        d = min(km(entry.lat, entry.lon, lat, lon) for lat, lon in evidence.points)
        s += NEAR_EVIDENCE * math.exp(-d / NEAR_KM)
    return s


def choose(options: list[Entry], evidence: Evidence, key: str = "") -> tuple[Entry, float]:
    """The best reading of the name ``key`` and its confidence: its share of the softmax
    of the readings' scores and of ``UNKNOWN_SCORE``."""
    scores = [score(e, evidence, key) for e in options]
    top = max(scores)
    weights = [math.exp((s - top) / TEMPERATURE) for s in scores]
    best = scores.index(top)
    return options[best], weights[best] / (sum(weights) + math.exp((UNKNOWN_SCORE - top) / TEMPERATURE))


def resolve(gaz: Gazetteer, text: str, toponyms: list[Toponym], countries: Counter) -> list[Place]:
    """Places for ``toponyms`` of the story ``text``; ``countries`` (ISO-3 -> weight) is
    what the story's actors and dateline say. Unambiguous names are evidence for the rest."""
    evidence = Evidence()
    for iso3, weight in countries.items():
        if (c := gaz.country(iso3)) is not None:
            evidence.countries[c.cc] += weight
    options: list[list[Entry]] = []
    for t in toponyms:
        found = readings(gaz, t.text)
        if t.country:  # the actor dictionary's country decides ("in Seoul" is KOR's Seoul)
            cc = gaz.iso3.get(t.country)
            found = [e for e in found if e.cc == cc] or found
        within = t.within or qualifier(gaz, text, t.end)
        if within:
            found = [e for e in found if any(inside(e, w) for w in within)] or found
        options.append(found)
        if len(found) == 1 or (found and found[0].kind == "country"):
            evidence.add(found[0])
    inner = [not found for found in options]  # readings of a place name inside the name ("University of Iowa")
    options = [found or embedded(gaz, t.text, evidence) for t, found in zip(toponyms, options)]
    chosen = [choose(found, evidence, fold(t.text)) if found else None for t, found in zip(toponyms, options)]
    chosen = second_pass(toponyms, options, chosen, evidence, inner)
    chosen = [(pick[0], min(pick[1], EMBEDDED_CONFIDENCE)) if pick and named_after else pick
              for pick, named_after in zip(chosen, inner)]
    focus = story_focus(gaz, [c for c in chosen if c], evidence)
    places = []
    for t, pick in zip(toponyms, chosen):
        if pick is None:  # a street, a building, a county: in its qualifier, else in the story's place
            within = t.within or qualifier(gaz, text, t.end)
            pick = (within[0], QUALIFIER_CONFIDENCE) if within else (focus, FOCUS_CONFIDENCE) if focus else None
        places.append(to_place(gaz, t, *pick) if pick else Place(t.text, t.start, t.end, t.country,
                                                                 t.sentence_index))
    return places


def second_pass(toponyms: list[Toponym], options: list[list[Entry]], chosen: list, evidence: Evidence,
                inner: list[bool]) -> list:
    """Each ambiguous name again, with the first readings of the story's other ambiguous names
    that were sure enough (``CONTEXT_CONFIDENCE``) as evidence: names of one story are near
    one another ("Salisbury" and London, England; "Manchester", "Colchester" and London)."""
    keys = [fold(t.text) for t in toponyms]
    ambiguous = [len(found) > 1 and found[0].kind != "country" for found in options]
    sure = [(k, pick) for k, pick, amb, named_after in zip(keys, chosen, ambiguous, inner)
            if amb and not named_after and pick and pick[1] >= CONTEXT_CONFIDENCE]
    out = []
    for key, found, pick, amb in zip(keys, options, chosen, ambiguous):
        others = [p for k, p in sure if k != key]
        if not amb or not others:
            out.append(pick)
            continue
        context = evidence.copy()
        for entry, conf in others:
            context.add(entry, conf)
        out.append(choose(found, context, key))
    return out


def story_focus(gaz: Gazetteer, chosen: list[tuple[Entry, float]], evidence: Evidence) -> Entry | None:
    """Where the story is: the country its evidence names most, and there its most named
    city, else region, else the country itself; without evidence, its most named city."""
    top = evidence.countries.most_common(1)[0][0] if evidence.countries else None
    for kind in ("city", "admin1"):
        sure = Counter(e.row for e, conf in chosen if e.kind == kind and conf >= 0.5 and (top is None or e.cc == top))
        if sure:
            return gaz.entry(sure.most_common(1)[0][0])
    return gaz.country(top) if top else None


def to_place(gaz: Gazetteer, t: Toponym, entry: Entry, confidence: float) -> Place:
    admin1 = gaz.admin1_of(entry)
    return Place(t.text, t.start, t.end, gaz.iso3_of(entry.cc) if entry.cc else None, t.sentence_index,
                 name=entry.name, admin1=admin1.name if admin1 else (entry.name if entry.kind == "admin1" else None),
                 lat=round(entry.lat, 5), lon=round(entry.lon, 5),
                 precision="city" if entry.kind == "site" else entry.kind,
                 geonames_id=entry.geonames_id, confidence=round(confidence, 3))


def most_populous(gaz: Gazetteer, text: str) -> Entry | None:
    """The naive baseline: the most populous place of the name, whatever the story says."""
    found = readings(gaz, text)
    return max(found, key=lambda e: e.population) if found else None
