"""``eventwire export``: the database in the formats the field already reads.

- ``plover-jsonl``: one PLOVER-style record per deduplicated event.
- ``gdelt``: the 61 tab-separated columns of GDELT 2.0's event table, no header,
  filled where eventwire knows the value and empty elsewhere.
- ``csv``: the events table with a header.
- ``parquet``: the events table as Parquet files partitioned by month (month=YYYY-MM).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from ..errors import EventwireError
from ..model import ONTOLOGY
from .db import Store

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


def _rows(store: Store) -> list[dict]:
    return store.con.execute("SELECT * FROM events ORDER BY day NULLS LAST, event_id").df().to_dict("records")


def _clean(value):
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value


def gdelt_row(e: dict, n: int, added: str) -> list:
    day = _clean(e.get("day"))
    day = day.date() if hasattr(day, "date") else day
    row = dict.fromkeys(GDELT_COLUMNS, "")
    row["GlobalEventID"] = n
    if day:
        row["Day"] = day.strftime("%Y%m%d")
        row["MonthYear"] = day.strftime("%Y%m")
        row["Year"] = day.year
        row["FractionDate"] = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
    for n_, side in ((1, "source"), (2, "target")):
        code = _clean(e.get(f"{side}_code"))
        if code:
            row[f"Actor{n_}Code"] = code.replace(" ", "")
        row[f"Actor{n_}Name"] = (_clean(e.get(f"{side}_name")) or "").upper()
        row[f"Actor{n_}CountryCode"] = _clean(e.get(f"{side}_country")) or ""
        row[f"Actor{n_}Type1Code"] = _clean(e.get(f"{side}_sector")) or ""
    cameo = e["cameo"]
    row.update({"IsRootEvent": int(_clean(e.get("depth")) == 0), "EventCode": cameo, "EventBaseCode": cameo[:3],
                "EventRootCode": cameo[:2], "QuadClass": e["quad_class"], "GoldsteinScale": e["goldstein"],
                "NumMentions": e["num_mentions"], "NumSources": e["num_sources"], "NumArticles": e["num_reports"],
                "DATEADDED": added, "SOURCEURL": _clean(e.get("url")) or ""})
    if _clean(e.get("location")):
        row["ActionGeo_FullName"] = e["location"]
    return [row[c] for c in GDELT_COLUMNS]


def plover_event(e: dict) -> dict:
    """One deduplicated event of the store as a PLOVER-style record, with its counts
    (``eventwire.export.plover_record`` is the record of one report in one story)."""
    day = _clean(e.get("day"))
    return {
        "id": e["event_id"], "date": day.strftime("%Y-%m-%d") if day else _clean(e.get("date")),
        "date_precision": e["date_precision"], "event": e["event_type"], "mode": _clean(e.get("mode")),
        "context": list(_clean(e.get("contexts")) if e.get("contexts") is not None else []),
        "actor": _clean(e.get("source_code")), "actor_name": _clean(e.get("source_name")),
        "recipient": _clean(e.get("target_code")), "recipient_name": _clean(e.get("target_name")),
        "cameo": e["cameo"], "quad_class": int(e["quad_class"]), "goldstein": float(e["goldstein"]),
        "status": e["status"], "statuses": list(e["statuses"]), "attributed_to": _clean(e.get("attributed_code"))
        or _clean(e.get("attributed_name")), "location": _clean(e.get("location")), "text": e["sentence"],
        "num_mentions": int(e["num_mentions"]), "num_reports": int(e["num_reports"]),
        "num_sources": int(e["num_sources"]), "confidence": float(e["max_confidence"]),
        "story_id": e["story_id"], "url": _clean(e.get("url")), "version": ONTOLOGY,
    }


def export(store: Store, fmt: str, out: str) -> int:
    """Write the events in ``fmt`` to ``out``; returns how many events were written."""
    path = Path(out)
    if fmt == "parquet":
        path.mkdir(parents=True, exist_ok=True)
        store.con.execute(f"""COPY (SELECT *, coalesce(strftime(day, '%Y-%m'), 'unknown') AS month FROM events)
                              TO '{_quote(path)}' (FORMAT PARQUET, PARTITION_BY (month), OVERWRITE_OR_IGNORE)""")
        return store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    rows = _rows(store)
    if fmt == "csv":
        with open(path, "w", newline="", encoding="utf-8") as f:
            if rows:
                writer = csv.DictWriter(f, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows({k: _clean(v) for k, v in r.items()} for r in rows)
    elif fmt == "gdelt":
        added = dt.datetime.now().strftime("%Y%m%d%H%M%S")
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
            for n, e in enumerate(rows, 1):
                writer.writerow(gdelt_row(e, n, added))
    elif fmt == "plover-jsonl":
        with open(path, "w", encoding="utf-8") as f:
            for e in rows:
                f.write(json.dumps(plover_event(e), ensure_ascii=False, default=str) + "\n")
    else:
        raise EventwireError(f"unknown export format {fmt!r}")
    return len(rows)


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
