"""Output records in the formats the field already reads.

An event is first a flat row (the columns of the store's ``reports`` table, plus
the story's ``url`` and ``published``); ``plover_record`` turns such a row, or a row
of the store's deduplicated ``events`` table, into the one PLOVER-style record that
both ``eventwire extract --format jsonl`` and ``eventwire export --format
plover-jsonl`` write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from . import resources
from .model import ONTOLOGY, ActorRef, Event, Story


def plain(value: Any) -> Any:
    """A JSON-ready value: missing values (None, NaN, pandas NaT) are None, dates ISO
    strings, numpy scalars and arrays Python numbers and lists, floats to 6 decimals
    (the store keeps scores as float32, whose further digits are noise)."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):  # numpy scalar or array
        return plain(value.tolist())
    try:
        if value != value:  # NaN and NaT are the values unequal to themselves
            return None
    except (TypeError, ValueError):
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    return value


def report_row(story_id: str, n: int, e: Event) -> dict:
    """Event ``n`` of a story as a row of the ``reports`` table."""
    return {
        "story_id": story_id, "report_index": n, "event_id": None, "event_type": e.event_type, "mode": e.mode,
        "contexts": list(e.contexts), "cameo": e.cameo, "quad_class": e.quad_class, "goldstein": e.goldstein,
        **_ref("source", e.source), **_ref("target", e.target),
        "trigger_text": e.trigger.text, "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
        "date": e.date, "day": day_of(e.date) if e.date_precision in ("day", "story") else None,
        "date_precision": e.date_precision,
        "time_text": e.time.text if e.time else None, "time_start": e.time.start if e.time else None,
        "time_end": e.time.end if e.time else None, "status": e.status,
        "attributed_code": (e.attributed_to.code or None) if e.attributed_to else None,
        "attributed_name": e.attributed_to.name if e.attributed_to else None,
        "confidence": e.confidence, "sentence_index": e.sentence_index, "sentence": e.sentence,
        **location_fields(e),
        "depth": e.depth, "ontology": e.ontology, "evidence": e.evidence,
        "source_phrase": e.source_phrase.text if e.source_phrase else None,
        "target_phrase": e.target_phrase.text if e.target_phrase else None,
    }


def location_fields(e: Event) -> dict:
    """The ``location*`` columns of an event's row (all None without a location)."""
    p = e.location
    return {"location": p.text if p else None, "location_country": p.country if p else None,
            "location_name": p.name if p else None, "location_admin1": p.admin1 if p else None,
            "location_lat": p.lat if p else None, "location_lon": p.lon if p else None,
            "location_precision": p.precision if p else None,
            "location_geonames_id": p.geonames_id if p else None,
            "location_confidence": p.confidence if p else None, "location_from": e.location_from,
            "location_start": p.start if p else None, "location_end": p.end if p else None}


#: precision -> (GeoNames feature class, feature code, PLOVER resolution: 4 city ... 1 country).
FEATURES = {"city": ("P", "PPL", 4), "admin2": ("A", "ADM2", 3), "admin1": ("A", "ADM1", 2), "country": ("A", "PCLI", 1),
            "region": ("L", "RGN", None), "sea": ("H", "SEA", None), "continent": ("L", "CONT", None)}


def location_record(row: Mapping[str, Any]) -> dict | None:
    """An event row's location as PLOVER's location object (``event_loc``: Mordecai's
    field names), with eventwire's precision, confidence and how it was chosen; or None."""
    get = row.get
    if not get("location"):
        return None
    precision = get("location_precision")
    fclass, fcode, resolution = FEATURES.get(precision, (None, None, None))
    country = get("location_country")
    return {"extracted_place": get("location"), "resolved_place": get("location_name"),
            "geonameid": get("location_geonames_id"), "lat": get("location_lat"), "lon": get("location_lon"),
            "city": get("location_name") if precision == "city" else None, "province": get("location_admin1"),
            "country": resources.country_names().get(country), "country_code": country, "feature_class": fclass,
            "feature_code": fcode, "resolution": resolution, "precision": precision,
            "confidence": get("location_confidence"), "location_from": get("location_from")}


def _ref(prefix: str, ref: ActorRef | None) -> dict:
    keys = ("code", "name", "country", "sector", "text", "start", "end", "actor_id")
    if ref is None:
        return {f"{prefix}_{k}": None for k in keys}
    return {f"{prefix}_code": ref.code or None, f"{prefix}_name": ref.name, f"{prefix}_country": ref.country,
            f"{prefix}_sector": ref.sector, f"{prefix}_text": ref.text, f"{prefix}_start": ref.start,
            f"{prefix}_end": ref.end, f"{prefix}_actor_id": ref.actor_id}


def day_of(value: str | None) -> dt.date | None:
    """The calendar day of an ISO date string, or None when it names no single day."""
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def plover_record(row: Mapping[str, Any]) -> dict:
    """One event as a PLOVER-style record (field names follow the PLOVER manual), from a
    report row of one story or a deduplicated event row of the store; any field may
    be missing or null."""
    r = {k: plain(v) for k, v in row.items()}
    get = r.get
    status = get("status")
    return {
        "id": get("event_id"),
        "date": get("day") or get("date"),
        "date_precision": get("date_precision"),
        "event": get("event_type"),
        "mode": get("mode"),
        "context": get("contexts") or [],
        "actor": get("source_code"),
        "actor_text": get("source_text"),
        "actor_name": get("source_name"),
        "recipient": get("target_code"),
        "recipient_text": get("target_text"),
        "recipient_name": get("target_name"),
        "cameo": get("cameo"),
        "quad_class": get("quad_class"),
        "goldstein": get("goldstein"),
        "status": status,
        "statuses": get("statuses") or ([status] if status else []),
        "attributed_to": get("attributed_code") or get("attributed_name"),
        "confidence": get("max_confidence") if get("max_confidence") is not None else get("confidence"),
        "trigger": {"text": get("trigger_text"), "start": get("trigger_start"), "end": get("trigger_end")},
        "location": get("location"),
        "event_loc": location_record(r),
        "text": get("sentence"),
        "num_mentions": get("num_mentions") or 1,
        "num_reports": get("num_reports") or 1,
        "num_sources": get("num_sources") or 1,
        "story_id": get("story_id"),
        "url": get("url"),
        "published": get("published"),
        "version": get("ontology") or ONTOLOGY,
    }


def story_records(story: Story) -> Iterator[dict]:
    """The PLOVER records of one extracted story, one per event."""
    for n, event in enumerate(story.events):
        row = report_row(story.id, n, event)
        yield plover_record({**row, "event_id": f"{story.id}-{n}", "url": story.url, "published": story.published})
