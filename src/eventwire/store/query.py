"""Queries over the store: every filter is a bound parameter, never pasted into SQL."""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..errors import EventwireError
from ..read import parse_date

SORTABLE = {"day", "event_type", "source_code", "target_code", "goldstein", "num_reports", "num_sources",
            "confidence", "quad_class"}
EVENT_COLUMNS = ("event_id, day, date, date_precision, source_code, source_name, event_type, mode, cameo, "
                 "target_code, target_name, status, quad_class, goldstein, num_mentions, num_reports, "
                 "num_sources, confidence, attributed_name, location, trigger_text, sentence, story_id, url")


@dataclass
class EventFilter:
    """Which deduplicated events to return. Actor codes match a whole code ("PRK GOV"),
    its country ("PRK") or its sector ("GOV")."""

    actor: str | None = None  # the source
    recipient: str | None = None  # the target
    country: str | None = None  # either side
    type: str | None = None
    quad_class: int | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    min_confidence: float | None = None
    story_id: str | None = None
    sort: str = "day"
    descending: bool = False
    limit: int = 100
    offset: int = 0

    def where(self) -> tuple[str, list]:
        clauses, params = [], []

        def actor(prefix: str, value: str) -> None:
            value = value.strip().upper()
            clauses.append(f"({prefix}_code = ? OR {prefix}_country = ? OR {prefix}_sector = ? "
                           f"OR {prefix}_code LIKE ?)")
            params.extend([value, value, value, value + " %"])

        if self.actor:
            actor("source", self.actor)
        if self.recipient:
            actor("target", self.recipient)
        if self.country:
            value = self.country.strip().upper()
            clauses.append("(source_country = ? OR target_country = ?)")
            params.extend([value, value])
        if self.type:
            clauses.append("event_type = ?")
            params.append(self.type.strip().upper())
        if self.quad_class is not None:
            clauses.append("quad_class = ?")
            params.append(int(self.quad_class))
        if self.status:
            clauses.append("list_contains(statuses, ?)")
            params.append(self.status.strip().lower())
        if self.since:
            clauses.append("day >= CAST(? AS DATE)")
            params.append(parse_date(self.since))
        if self.until:
            clauses.append("day <= CAST(? AS DATE)")
            params.append(parse_date(self.until))
        if self.text:
            clauses.append("(sentence ILIKE ? OR source_name ILIKE ? OR target_name ILIKE ?)")
            params.extend([f"%{self.text}%"] * 3)
        if self.min_confidence is not None:
            clauses.append("max_confidence >= ?")
            params.append(float(self.min_confidence))
        if self.story_id:
            clauses.append("event_id IN (SELECT event_id FROM reports WHERE story_id = ?)")
            params.append(self.story_id)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def order(self) -> str:
        if self.sort not in SORTABLE:
            raise EventwireError(f"cannot sort by {self.sort!r}; choose one of {', '.join(sorted(SORTABLE))}")
        return f" ORDER BY {self.sort} {'DESC' if self.descending else 'ASC'} NULLS LAST, event_id"


def filter_from(**kwargs) -> EventFilter:
    names = {f.name for f in fields(EventFilter)}
    unknown = set(kwargs) - names
    if unknown:
        raise EventwireError(f"unknown filter {', '.join(sorted(unknown))}")
    return EventFilter(**{k: v for k, v in kwargs.items() if v is not None})


def events_sql(flt: EventFilter, columns: str = EVENT_COLUMNS) -> tuple[str, list]:
    where, params = flt.where()
    limit = max(0, min(int(flt.limit), 100_000))
    return (f"SELECT {columns} FROM events{where}{flt.order()} LIMIT {limit} OFFSET {max(0, int(flt.offset))}",
            params)


def count_sql(flt: EventFilter) -> tuple[str, list]:
    where, params = flt.where()
    return f"SELECT count(*) FROM events{where}", params
