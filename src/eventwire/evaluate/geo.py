"""``eventwire eval geo``: place names and their coordinates on GeoWebNews.

GeoWebNews (``geo/GWN.xml``, GPL-3.0; evaluation only) has 200 news articles with
fine-grained toponyms, 2,401 of them with GeoNames coordinates. The articles are cut in
two fixed parts by a hash of their id: rules and weights are tuned on ``tune`` only;
``check`` is reported first. Scores:
- recognition P/R/F1 of ``story.places`` against the gold toponyms that name a location
  (Literal, Mixed, Coercion, Embedded_Literal and noun Literal_Modifier: eventwire takes a
  metonym such as "Turkey said" or an adjective such as "Turkish" for an actor, not a
  place), exact spans and overlapping spans;
- resolution on the gold spans (every geocoded toponym, the article's actors as evidence):
  share within 161 km (100 miles) of the gold point, median error in km; an unresolved
  name counts as wrong;
- end to end: the same on the places eventwire finds that overlap a geocoded toponym;
- the naive baseline in the same run: the most populous gazetteer place of the name.
``--misses tune`` lists the gold spans of a part resolved more than 161 km off, with the
gold point and the chosen place, to study on the tune part only.
"""

from __future__ import annotations

import hashlib
import statistics
import xml.etree.ElementTree as ET
from collections import Counter

from ..clean import paragraphs
from ..model import Story
from ..parse import parse
from ..pipeline import get_pipeline
from ..place import load, story_countries
from ..place.gazetteer import km
from ..place.resolve import Toponym, most_populous, resolve
from .common import data_path, prf, print_table, stamp

LOCATION_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal"})
WITHIN_KM = 161.0
#: The articles carry no date; they are of 2018, and times are not scored here.
PUBLISHED = "2018-06-01"
NOWHERE_KM = 20037.5  # half the equator: an unresolved name is as wrong as can be


def part(article_id: str) -> str:
    """The fixed part an article belongs to: tune or check, by a hash of its id."""
    return "tune" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2 == 0 else "check"


def read_gwn(path) -> list[dict]:
    """Articles: id, text, and toponyms with span, type, and gold point (or None)."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        gold = []
        for t in art.find("toponyms"):
            f = {c.tag: c.text for c in t}
            point = (float(f["latitude"]), float(f["longitude"])) if f.get("latitude") else None
            gold.append({"start": int(f["start"]), "end": int(f["end"]), "text": f["extractedName"],
                         "type": f["type"], "modifier": f.get("modifierType"), "point": point})
        out.append({"id": art.get("file"), "text": art.find("text").text or "", "gold": gold})
    return out


def is_location(g: dict) -> bool:
    return g["type"] in LOCATION_TYPES or (g["type"] == "Literal_Modifier" and g["modifier"] == "Noun")


def _error(point, lat, lon) -> float:
    return NOWHERE_KM if lat is None else km(point[0], point[1], lat, lon)


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = self.otp = self.ofp = self.ofn = 0
        self.errors: dict[str, list[float]] = {k: [] for k in ("gold", "gold_naive", "e2e", "e2e_naive")}
        self.misses: list[str] = []  # gold spans resolved off the mark, as table rows

    def recognition(self, found: list, gold: list[dict]) -> None:
        spans = {(g["start"], g["end"]) for g in gold}
        mine = {(p.start, p.end) for p in found}
        self.tp += len(spans & mine)
        self.fp += len(mine - spans)
        self.fn += len(spans - mine)
        overlap = lambda a, b: a[0] < b[1] and b[0] < a[1]
        self.otp += sum(any(overlap(g, m) for m in mine) for g in spans)
        self.ofn += sum(not any(overlap(g, m) for m in mine) for g in spans)
        self.ofp += sum(not any(overlap(g, m) for g in spans) for m in mine)


def score_article(article: dict, pipe, gaz, tally: Tally) -> None:
    story = Story(text=article["text"], id=article["id"], published=PUBLISHED)
    pipe.stages(parse(pipe.nlp, story, paragraphs(story.text)))
    tally.recognition(story.places, [g for g in article["gold"] if is_location(g)])
    geocoded = [g for g in article["gold"] if g["point"]]
    names = [Toponym(g["text"], g["start"], g["end"]) for g in geocoded]
    for g, place in zip(geocoded, resolve(gaz, story.text, names, story_countries(story))):
        tally.errors["gold"].append(_error(g["point"], place.lat, place.lon))
        if tally.errors["gold"][-1] > WITHIN_KM:
            tally.misses.append(_miss(article["id"], g, place))
        naive = most_populous(gaz, g["text"])
        tally.errors["gold_naive"].append(_error(g["point"], *(naive and (naive.lat, naive.lon) or (None, None))))
    for place in story.places:
        g = next((g for g in geocoded if g["start"] < place.end and place.start < g["end"]), None)
        if g is not None:
            tally.errors["e2e"].append(_error(g["point"], place.lat, place.lon))
            naive = most_populous(gaz, place.text)
            tally.errors["e2e_naive"].append(_error(g["point"], *(naive and (naive.lat, naive.lon) or (None, None))))


def _miss(article_id: str, g: dict, place) -> str:
    chosen = (f"{place.name}, {place.country or '-'} ({place.precision}) {place.lat:.2f},{place.lon:.2f} "
              f"conf {place.confidence}" if place.lat is not None else "unresolved")
    err = _error(g["point"], place.lat, place.lon)
    return (f"| {article_id} | {g['text']} | {g['type']} {g['modifier'] or ''} | {g['point'][0]:.2f},{g['point'][1]:.2f} "
            f"| {chosen} | {err:.0f} |")


def _acc(errors: list[float]) -> str:
    return f"{sum(e <= WITHIN_KM for e in errors) / len(errors):.3f}" if errors else "-"


def _median(errors: list[float]) -> str:
    return f"{statistics.median(errors):.0f}" if errors else "-"


def run(data_dir: str, misses: str | None = None) -> dict[str, Tally]:
    path = data_path(data_dir, "geo", "GWN.xml")
    print(f"eventwire eval geo  ({stamp()})")
    articles = read_gwn(path)
    pipe, gaz = get_pipeline(), load()
    tallies = {"check": Tally(), "tune": Tally()}
    for article in articles:
        score_article(article, pipe, gaz, tallies[part(article["id"])])
    sizes = Counter(part(a["id"]) for a in articles)
    print(f"\nGeoWebNews: {len(articles)} articles ({sizes['check']} check, {sizes['tune']} tune, "
          f"by a hash of the article id); check first.\n")
    print("Recognition of location toponyms (story.places):")
    rows = []
    for name, t in tallies.items():
        p, r, f = prf(t.tp, t.fp, t.fn)
        op, orr, of = prf(t.otp, t.ofp, t.ofn)
        rows.append([name, t.tp + t.fn, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", f"{op:.3f}", f"{orr:.3f}", f"{of:.3f}"])
    print_table(["part", "gold", "P exact", "R exact", "F1 exact", "P overlap", "R overlap", "F1 overlap"], rows)
    print(f"\nResolution: share within {WITHIN_KM:.0f} km of the gold point, median error (km):")
    rows = []
    for name, t in tallies.items():
        e = t.errors
        rows.append([name, "gold spans", len(e["gold"]), _acc(e["gold"]), _median(e["gold"]),
                     _acc(e["gold_naive"]), _median(e["gold_naive"])])
        rows.append([name, "end to end", len(e["e2e"]), _acc(e["e2e"]), _median(e["e2e"]),
                     _acc(e["e2e_naive"]), _median(e["e2e_naive"])])
    print_table(["part", "toponyms", "n", "eventwire @161km", "eventwire median km",
                 "most populous @161km", "most populous median km"], rows)
    if misses:
        print(f"\nGold spans of the {misses} part resolved more than {WITHIN_KM:.0f} km off:")
        print("| article | toponym | type | gold lat,lon | chosen | km |\n|---|---|---|---|---|---|")
        print("\n".join(tallies[misses].misses))
    return tallies
