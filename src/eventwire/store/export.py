"""``eventwire export``: the database in the formats the field already reads.

- ``plover-jsonl``: one PLOVER-style record per deduplicated event.
- ``gdelt``: the 61 tab-separated columns of GDELT 2.0's event table, no header,
  filled where eventwire knows the value and empty elsewhere.
- ``csv``: the events table with a header (lists joined by ';').
- ``parquet``: the events table as Parquet files partitioned by month (month=YYYY-MM).
- ``geojson``: the located events as a GeoJSON FeatureCollection of points, each with
  its PLOVER record as properties.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import EventwireError
from ..export import day_of, plain, plover_record
from .db import Store
from .query import DERIVED

EXPORTED = f"* EXCLUDE ({', '.join(DERIVED)})"  # the events table without what the API derives

GDELT_COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor{n}{f}" for n in (1, 2) for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                                "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                                "Type3Code")]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in
       ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(GDELT_COLUMNS) == 61


def _rows(store: Store, chunk: int = 2000) -> Iterator[dict]:
    """The deduplicated events as plain Python rows (never through pandas, so a missing
    day is None, not NaT), streamed in chunks."""
    cur = store.con.cursor().execute(f"SELECT {EXPORTED} FROM events ORDER BY day NULLS LAST, event_id")
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(chunk):
        for row in batch:
            yield {k: plain(v) for k, v in zip(names, row)}


def gdelt_geo(e: dict, gaz) -> dict:
    """GDELT's ActionGeo_* columns of an event row's location (FIPS country and ADM1 codes,
    GeoNames ids as feature ids); empty without coordinates."""
    if e.get("location_lat") is None:
        return {}
    from ..place.gdelt import action_geo

    return {f"ActionGeo_{k}": v for k, v in action_geo(gaz, e).items()}


def gdelt_row(e: dict, n: int, added: str, gaz=None) -> list:
    """One plain event row as GDELT 2.0's 61 columns."""
    day = day_of(e.get("day"))
    row = dict.fromkeys(GDELT_COLUMNS, "")
    row["GlobalEventID"] = n
    if day is not None:
        row["Day"] = day.strftime("%Y%m%d")
        row["MonthYear"] = day.strftime("%Y%m")
        row["Year"] = day.year
        row["FractionDate"] = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
    for n_, side in ((1, "source"), (2, "target")):
        row[f"Actor{n_}Code"] = (e.get(f"{side}_code") or "").replace(" ", "")
        row[f"Actor{n_}Name"] = (e.get(f"{side}_name") or "").upper()
        row[f"Actor{n_}CountryCode"] = e.get(f"{side}_country") or ""
        row[f"Actor{n_}Type1Code"] = e.get(f"{side}_sector") or ""
    cameo = e.get("cameo") or ""
    row.update({"IsRootEvent": int(e.get("depth") == 0), "EventCode": cameo, "EventBaseCode": cameo[:3],
                "EventRootCode": cameo[:2], "QuadClass": _blank(e.get("quad_class")),
                "GoldsteinScale": _blank(e.get("goldstein")), "NumMentions": _blank(e.get("num_mentions")),
                "NumSources": _blank(e.get("num_sources")), "NumArticles": _blank(e.get("num_reports")),
                "DATEADDED": added, "SOURCEURL": e.get("url") or "", "ActionGeo_FullName": e.get("location") or ""})
    if gaz is not None:
        row.update(gdelt_geo(e, gaz))
    return [row[c] for c in GDELT_COLUMNS]


def _blank(value):
    return "" if value is None else value


def csv_value(value):
    """A CSV cell: lists joined by ';' (never a Python repr), missing values empty."""
    if isinstance(value, list):
        return ";".join("" if v is None else str(v) for v in value)
    return "" if value is None else value


def export(store: Store, fmt: str, out: str) -> int:
    """Write the events in ``fmt`` to ``out``; returns how many events were written.
    A file is written beside ``out`` and renamed at the end, so a failed export never
    leaves a truncated file in its place."""
    path = Path(out)
    if fmt == "parquet":
        path.mkdir(parents=True, exist_ok=True)
        store.con.execute(f"""COPY (SELECT {EXPORTED}, coalesce(strftime(day, '%Y-%m'), 'unknown') AS month FROM events)
                              TO '{_quote(path)}' (FORMAT PARQUET, PARTITION_BY (month), OVERWRITE_OR_IGNORE)""")
        return store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    if fmt not in ("csv", "gdelt", "plover-jsonl", "geojson"):
        raise EventwireError(f"unknown export format {fmt!r}")
    part = path.with_name(path.name + ".part")
    n = 0
    try:
        with open(part, "w", newline="", encoding="utf-8") as f:
            if fmt == "csv":
                writer = None
                for n, e in enumerate(_rows(store), 1):
                    if writer is None:
                        writer = csv.DictWriter(f, fieldnames=list(e))
                        writer.writeheader()
                    writer.writerow({k: csv_value(v) for k, v in e.items()})
            elif fmt == "gdelt":
                from ..place import load

                added = dt.datetime.now().strftime("%Y%m%d%H%M%S")
                writer = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
                gaz = load()
                for n, e in enumerate(_rows(store), 1):
                    writer.writerow(gdelt_row(e, n, added, gaz))
            elif fmt == "geojson":
                n = write_geojson(f, _rows(store))
            else:
                for n, e in enumerate(_rows(store), 1):
                    f.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return n


def geojson_feature(e: dict) -> dict | None:
    """A located event as a GeoJSON point (longitude first, as the format says)."""
    if e.get("location_lat") is None or e.get("location_lon") is None:
        return None
    return {"type": "Feature", "id": e.get("event_id"),
            "geometry": {"type": "Point", "coordinates": [e["location_lon"], e["location_lat"]]},
            "properties": plover_record(e)}


def write_geojson(f, rows) -> int:
    """Write a FeatureCollection of the located events, one feature a line; returns how many."""
    f.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for e in rows:
        feature = geojson_feature(e)
        if feature is not None:
            f.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
    f.write("\n]}\n")
    return n


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
