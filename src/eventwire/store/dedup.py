"""Deduplication: reports grouped into events, and syndicated copies linked.

One definition for every engine: the DuckDB store runs these statements on its
file, the Parquet output (``parquet.py``) on the tables it reads back from the
shards, so both give the same events, ``num_mentions``, ``num_reports`` and
``num_sources`` for the same input.
"""

from __future__ import annotations

from .query import derived_columns
from .rows import similarity

#: Reports of the same type, source and target at most this many days apart are one event.
WINDOW_DAYS = 2
#: Stories whose shingle sets are at least this similar are copies of one another.
COPY_SIMILARITY = 0.8


def rebuild_events(con, window_days: int = WINDOW_DAYS) -> int:
    """Group the ``reports`` of connection ``con`` into events, set their ``event_id``
    and rebuild the ``events`` table from them.

    Reports with the same type, source and target whose days are at most
    ``window_days`` apart (chained) are one event; reports dated only to a month
    or year group by that value. The result depends only on the set of reports,
    never on the order they were ingested in."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE _assign AS
            WITH r AS (
                SELECT story_id, report_index, event_type, day, date,
                       coalesce(source_code, 'n:' || lower(source_name), 'p:' || lower(source_phrase), '-') AS sk,
                       coalesce(target_code, 'n:' || lower(target_name), 'p:' || lower(target_phrase), '-') AS tk
                FROM reports),
            g AS (
                SELECT *, CASE WHEN day - lag(day) OVER w <= {int(window_days)} THEN 0 ELSE 1 END AS brk
                FROM r WINDOW w AS (PARTITION BY event_type, sk, tk, day IS NULL ORDER BY day, story_id, report_index)),
            c AS (
                SELECT *, sum(brk) OVER (PARTITION BY event_type, sk, tk, day IS NULL
                                         ORDER BY day, story_id, report_index ROWS UNBOUNDED PRECEDING) AS cluster
                FROM g)
            SELECT story_id, report_index,
                   substr(md5(event_type || '|' || sk || '|' || tk || '|' ||
                       CASE WHEN day IS NULL THEN 'd:' || coalesce(date, '?')
                            ELSE strftime(min(day) OVER (PARTITION BY event_type, sk, tk, cluster), '%Y-%m-%d') END),
                       1, 16) AS event_id
            FROM c""")
        con.execute("""UPDATE reports SET event_id = a.event_id FROM _assign a
                       WHERE reports.story_id = a.story_id AND reports.report_index = a.report_index""")
        con.execute(f"""
            CREATE OR REPLACE TABLE events AS
            SELECT *, {derived_columns()} FROM (
            WITH ranked AS (
                SELECT r.*, s.source AS outlet, s.url AS story_url, s.published,
                       coalesce(s.version_of, r.story_id) AS story_key,
                       row_number() OVER (PARTITION BY event_id ORDER BY confidence DESC, story_id, report_index) AS rank
                FROM reports r JOIN stories s USING (story_id))
            SELECT b.event_id, b.event_type, b.mode, b.contexts, b.cameo, b.quad_class, b.goldstein,
                   b.source_code, b.source_name, b.source_country, b.source_sector,
                   b.target_code, b.target_name, b.target_country, b.target_sector,
                   agg.first_day AS day, b.date, b.date_precision, b.status, b.attributed_code,
                   b.attributed_name, b.location, b.location_country, b.trigger_text, b.sentence,
                   b.story_id, b.story_url AS url, b.confidence, agg.max_confidence,
                   agg.num_mentions, agg.num_reports, agg.num_sources, agg.statuses, b.depth,
                   b.source_text, b.target_text, b.trigger_start, b.trigger_end, b.outlet, b.published,
                   b.ontology, b.location_name, b.location_admin1, b.location_lat, b.location_lon,
                   b.location_precision, b.location_geonames_id, b.location_confidence, b.location_from
            FROM ranked b JOIN (
                SELECT event_id, count(*) AS num_mentions, count(DISTINCT story_key) AS num_reports,
                       count(DISTINCT coalesce(outlet, story_key)) AS num_sources, min(day) AS first_day,
                       max(confidence) AS max_confidence, list(DISTINCT status ORDER BY status) AS statuses
                FROM ranked GROUP BY event_id) agg USING (event_id)
            WHERE b.rank = 1)
            ORDER BY day NULLS LAST, event_id""")  # in day order: date filters skip whole row groups
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return con.execute("SELECT count(*) FROM events").fetchone()[0]


def link_copies(con, new_ids: list[str] | None, insert) -> None:
    """Link each new story (every story when ``new_ids`` is None) to the stories that
    share an LSH band and most of its shingles; ``insert(table, rows)`` stores the links."""
    if new_ids is not None and not new_ids:
        return
    where = "WHERE a.story_id IN (SELECT unnest(?))" if new_ids is not None else ""
    pairs = con.execute(f"""
        SELECT DISTINCT a.story_id, b.story_id, sa.minhash, sb.minhash
        FROM story_bands a JOIN story_bands b ON a.band = b.band AND a.story_id <> b.story_id
        JOIN stories sa ON sa.story_id = a.story_id JOIN stories sb ON sb.story_id = b.story_id
        {where}""", [new_ids] if new_ids is not None else []).fetchall()
    links = {}
    for a, b, ma, mb in pairs:
        sim = similarity(ma, mb)
        if sim >= COPY_SIMILARITY:
            later, earlier = max(a, b), min(a, b)  # the same pair whatever the ingest order
            links[(later, earlier)] = {"story_id": later, "copy_of": earlier, "similarity": sim}
    if links:
        insert("story_links", list(links.values()))
