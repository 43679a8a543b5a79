"""The store's tables, defined once as Arrow schemas.

DuckDB tables are created from these schemas, rows are written as Arrow tables,
and a distributed engine can write the very same tables as Parquet. ``events`` is
derived: it is rebuilt from ``reports`` (``dedup.py``).
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 4

_span = [("start", pa.int32()), ("end", pa.int32())]


def _fields(*items) -> pa.Schema:
    return pa.schema([pa.field(name, typ) for name, typ in items])


#: An event's location: the place's fields (``model.Place``) and how it was chosen.
LOCATION = [("location_name", pa.string()), ("location_admin1", pa.string()), ("location_lat", pa.float64()),
            ("location_lon", pa.float64()), ("location_precision", pa.string()),
            ("location_geonames_id", pa.int64()), ("location_confidence", pa.float32()),
            ("location_from", pa.string()), ("location_start", pa.int32()), ("location_end", pa.int32())]

TABLES: dict[str, pa.Schema] = {
    "stories": _fields(
        ("story_id", pa.string()), ("url", pa.string()), ("title", pa.string()), ("published", pa.date32()),
        ("source", pa.string()), ("text", pa.string()), ("language", pa.string()), ("path", pa.string()),
        ("num_events", pa.int32()), ("warnings", pa.list_(pa.string())), ("ingested_at", pa.timestamp("s")),
        ("minhash", pa.list_(pa.uint32())),
        # v2: the hash of the text, and for a changed text under a reused id, the id it revises.
        ("content_hash", pa.string()), ("version_of", pa.string()),
    ),
    "sentences": _fields(
        ("story_id", pa.string()), ("sentence_index", pa.int32()), ("kind", pa.string()), ("text", pa.string()),
        *_span,
    ),
    "actors": _fields(
        ("story_id", pa.string()), ("actor_id", pa.int32()), ("name", pa.string()), ("code", pa.string()),
        ("country", pa.string()), ("sector", pa.string()), ("office", pa.string()), ("kind", pa.string()),
        ("confidence", pa.float32()),
        ("mentions", pa.list_(pa.struct([("text", pa.string()), *_span, ("sentence_index", pa.int32())]))),
    ),
    # One row per event coded in one story: which story and sentence reported which event.
    "reports": _fields(
        ("story_id", pa.string()), ("report_index", pa.int32()), ("event_id", pa.string()),
        ("event_type", pa.string()), ("mode", pa.string()), ("contexts", pa.list_(pa.string())),
        ("cameo", pa.string()), ("quad_class", pa.int8()), ("goldstein", pa.float32()),
        ("source_code", pa.string()), ("source_name", pa.string()), ("source_country", pa.string()),
        ("source_sector", pa.string()), ("source_text", pa.string()), ("source_start", pa.int32()),
        ("source_end", pa.int32()), ("source_actor_id", pa.int32()),
        ("target_code", pa.string()), ("target_name", pa.string()), ("target_country", pa.string()),
        ("target_sector", pa.string()), ("target_text", pa.string()), ("target_start", pa.int32()),
        ("target_end", pa.int32()), ("target_actor_id", pa.int32()),
        ("trigger_text", pa.string()), ("trigger_start", pa.int32()), ("trigger_end", pa.int32()),
        ("date", pa.string()), ("day", pa.date32()), ("date_precision", pa.string()),
        ("time_text", pa.string()), ("time_start", pa.int32()), ("time_end", pa.int32()),
        ("status", pa.string()), ("attributed_code", pa.string()), ("attributed_name", pa.string()),
        ("confidence", pa.float32()), ("sentence_index", pa.int32()), ("sentence", pa.string()),
        ("location", pa.string()), ("location_country", pa.string()), ("depth", pa.int16()),
        ("ontology", pa.string()), ("evidence", pa.string()), ("source_phrase", pa.string()),
        ("target_phrase", pa.string()),
        # schema 3: where the event happened (``Event.location``, ``Event.location_from``)
        *LOCATION,
    ),
    "quotes": _fields(
        ("story_id", pa.string()), ("quote_index", pa.int32()), ("kind", pa.string()), ("text", pa.string()),
        *_span, ("speaker_name", pa.string()), ("speaker_code", pa.string()), ("speaker_start", pa.int32()),
        ("speaker_end", pa.int32()), ("cue", pa.string()), ("addressee_name", pa.string()),
        ("addressee_code", pa.string()), ("sentence_index", pa.int32()),
    ),
    # Every place name of a story, resolved (schema 3).
    "places": _fields(
        ("story_id", pa.string()), ("place_index", pa.int32()), ("text", pa.string()), *_span,
        ("sentence_index", pa.int32()), ("name", pa.string()), ("country", pa.string()), ("admin1", pa.string()),
        ("lat", pa.float64()), ("lon", pa.float64()), ("precision", pa.string()), ("geonames_id", pa.int64()),
        ("confidence", pa.float32()),
    ),
    "times": _fields(
        ("story_id", pa.string()), ("time_index", pa.int32()), ("text", pa.string()), *_span,
        ("type", pa.string()), ("value", pa.string()), ("mod", pa.string()), ("resolved", pa.bool_()),
        ("sentence_index", pa.int32()),
    ),
    "quantities": _fields(
        ("story_id", pa.string()), ("quantity_index", pa.int32()), ("text", pa.string()), *_span,
        ("value", pa.float64()), ("unit", pa.string()), ("approximate", pa.bool_()), ("op", pa.string()),
        ("sentence_index", pa.int32()),
    ),
    # Near-identical stories (syndicated copies): the later id is a copy of the earlier one.
    "story_links": _fields(
        ("story_id", pa.string()), ("copy_of", pa.string()), ("similarity", pa.float32()),
    ),
    "story_bands": _fields(("band", pa.string()), ("story_id", pa.string())),
    # Every input item ingested (a file, or a line of a JSON Lines file) and what became of it.
    "items": _fields(("item", pa.string()), ("story_id", pa.string()), ("outcome", pa.string())),
    "failures": _fields(
        ("item", pa.string()), ("reason", pa.string()), ("failed_at", pa.timestamp("s")),
        ("path", pa.string()), ("line", pa.int64()),  # v2: the input file, and the line in it (JSON Lines)
    ),
}

#: Primary keys: rerunning an ingest never duplicates a row.
KEYS = {
    "stories": ("story_id",), "sentences": ("story_id", "sentence_index"), "actors": ("story_id", "actor_id"),
    "reports": ("story_id", "report_index"), "quotes": ("story_id", "quote_index"),
    "times": ("story_id", "time_index"), "quantities": ("story_id", "quantity_index"),
    "places": ("story_id", "place_index"),
    "story_links": ("story_id", "copy_of"), "story_bands": ("band", "story_id"), "items": ("item",),
    "failures": ("item",),
}

_DUCK = {
    pa.string(): "VARCHAR", pa.int8(): "TINYINT", pa.int16(): "SMALLINT", pa.int32(): "INTEGER",
    pa.int64(): "BIGINT", pa.uint32(): "UINTEGER", pa.float32(): "FLOAT", pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN", pa.date32(): "DATE", pa.timestamp("s"): "TIMESTAMP",
}


def duck_type(t: pa.DataType) -> str:
    if pa.types.is_list(t):
        return duck_type(t.value_type) + "[]"
    if pa.types.is_struct(t):
        return "STRUCT(" + ", ".join(f'"{f.name}" {duck_type(f.type)}' for f in t) + ")"
    return _DUCK[t]


def create_table_sql(name: str) -> str:
    cols = [f'"{f.name}" {duck_type(f.type)}' for f in TABLES[name]]
    keys = ", ".join(f'"{k}"' for k in KEYS[name])
    return f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(cols)}, PRIMARY KEY ({keys}))"


def add_columns_sql(name: str, *columns: str) -> list[str]:
    """Statements adding ``columns`` of ``TABLES[name]`` to an older table (no-ops on a new one)."""
    types = {f.name: f.type for f in TABLES[name]}
    return [f'ALTER TABLE {name} ADD COLUMN IF NOT EXISTS "{c}" {duck_type(types[c])}' for c in columns]


#: Forward migrations: version -> statements that bring a store from version - 1 to it.
#: Rows are inserted by column name, so a column added later goes at the end of its
#: schema above and is added here; ``events`` is derived, dropped to be rebuilt.
MIGRATIONS: dict[int, list[str]] = {
    1: [create_table_sql(name) for name in TABLES],
    2: [*add_columns_sql("stories", "content_hash", "version_of"), *add_columns_sql("failures", "path", "line"),
        "DROP TABLE IF EXISTS events"],
    3: [create_table_sql("places"), *add_columns_sql("reports", *(name for name, _ in LOCATION)),
        "DROP TABLE IF EXISTS events"],
    4: ["DROP TABLE IF EXISTS events"],  # events gain the API's derived columns (``query.DERIVED``)
}
