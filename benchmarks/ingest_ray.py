"""The Ray engine against the local engine and bare spaCy, on the PolNeAR articles, in one run.

Usage: python benchmarks/ingest_ray.py [--data ../shared/data] [--limit N] [--cpus 2]

Sides, each in a fresh process (peak RSS its own):
  spacy       the stock model's nlp.pipe over the same paragraphs eventwire parses, one process
  ingest -w1  the local engine, 1 worker, into a DuckDB file
  ray         ingest --engine ray on a local Ray runtime of --cpus CPUs into a Parquet
              folder (timed from a running runtime: actor start and model loads count;
              peak RSS is the largest actor's; its workers at the local sides' niceness,
              0, not Ray's default 15, which on a shared machine hands their CPU to others);
              its timeline is printed too: items listed, pool ready (the actors' loads),
              the last batch back, the deduplication; and its steady state, the stories/s
              between the pool's ready and the last batch)
The spaCy and local sides load once before their clock starts (as benchmarks/ingest_polnear.py
runs them; the load is printed). The Ray/local ratio compares whole runs: the local
side's load is added to its time, as the Ray side's actors load inside its clock.
Prints stories/s, peak RSS and the ratios the targets speak of, then checks that the
deduplicated events of both engines are the same (counts, and the event keys only
one side has). Then builds a WARC.gz of the news pages in ../shared/data/extraction/html
(in a temporary folder, never kept) and checks the same on it.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import io
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402
from ingest_polnear import run  # noqa: E402  (the spaCy and local sides, as that benchmark runs them)

RAY_CHILD = r"""
import json, os, sys, time
cpus, listfile, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
files = open(listfile).read().split("\n")
os.environ["RAY_worker_niceness"] = "0"  # Ray starts workers at nice 15; the local sides run at 0
import ray
ray.init(num_cpus=cpus, include_dashboard=False, object_store_memory=256 << 20, log_to_driver=False,
         logging_level="WARNING")
from eventwire.store.distributed import ingest_ray
t0 = time.perf_counter()
summary = ingest_ray(files, out)
wall = time.perf_counter() - t0
ray.shutdown()
print(json.dumps({"wall": wall, "events": summary.events, "rss_mb": max(summary.peak_rss_mb.values(), default=0),
                  "actors": len(summary.workers), "per_actor": sorted(summary.workers.values()),
                  "steady": summary.steady_rate(),
                  **{k: getattr(summary, k) for k in ("listed_s", "first_ready_s", "pool_ready_s", "extracted_s",
                                                      "compacted_s")}}))
"""

KEYS = ("SELECT event_id, event_type, source_code, target_code, day, num_mentions, num_reports, num_sources "
        "FROM events")


def same_events(db: str, parquet: str) -> bool:
    """Print both engines' event counts and the keys only one has; True when they agree."""
    import eventwire

    with eventwire.open(db) as local, eventwire.open(parquet) as ray:
        a, b = set(local.con.execute(KEYS).fetchall()), set(ray.con.execute(KEYS).fetchall())
        ra, rb = (s.con.execute("SELECT count(*) FROM reports").fetchone()[0] for s in (local, ray))
    print(f"events: local {len(a)}, ray {len(b)}; reports: local {ra}, ray {rb}")
    print(f"event keys only local: {sorted(a - b)[:10]}  ({len(a - b)})")
    print(f"event keys only ray:   {sorted(b - a)[:10]}  ({len(b - a)})")
    return a == b


def build_warc(data: str, path: str) -> int:
    """A WARC.gz of the extraction benchmark's pages: one HTML response record each,
    the page's URL as target URI (the pages carry no crawl date: records are dated 2020-01-01)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    truth = json.load(open(os.path.join(data, "extraction", "ground-truth.json"), encoding="utf-8"))
    pages = sorted(glob.glob(os.path.join(data, "extraction", "html", "*.html.gz")))
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for page in pages:
            key = os.path.basename(page).removesuffix(".html.gz")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                truth.get(key, {}).get("url") or f"https://example.invalid/{key}", "response",
                payload=io.BytesIO(gzip.decompress(open(page, "rb").read())), http_headers=http,
                warc_headers_dict={"WARC-Date": "2020-01-01T00:00:00Z"}))
    return len(pages)


def main() -> None:
    ap = argparse.ArgumentParser()
    corpus.add_options(ap)
    ap.add_argument("--cpus", type=int, default=2)
    args = ap.parse_args()
    files = corpus.polnear_files(args)
    n = len(files)
    with tempfile.TemporaryDirectory() as tmp:
        listfile = os.path.join(tmp, "files.txt")
        with open(listfile, "w") as f:
            f.write("\n".join(files))
        db, out = os.path.join(tmp, "w1.duckdb"), os.path.join(tmp, "ray")
        spacy = run("stock", listfile, "")
        local = run("1", listfile, db)
        ray = run(str(args.cpus), listfile, out, child=RAY_CHILD)
        rate = {k: n / v["wall"] for k, v in (("spacy", spacy), ("local", local), ("ray", ray))}
        whole = n / (local["wall"] + local["load"])  # the local run with its load, as Ray's is timed
        print(f"PolNeAR stories: {n}  ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f})")
        print("| side | stories/s | load before the clock (s) | stories/s, load included | events | peak RSS (MB) |")
        print("|---|---|---|---|---|---|")
        print(f"| bare spaCy nlp.pipe (same paragraphs) | {rate['spacy']:.2f} | {spacy['load']:.1f} | - | - "
              f"| {spacy['rss_mb']:.0f} |")
        print(f"| local engine, 1 worker | {rate['local']:.2f} | {local['load']:.1f} | {whole:.2f} | {local['events']} "
              f"| {local['rss_mb']:.0f} |")
        print(f"| ray engine, {args.cpus} CPUs ({ray['actors']} actors) | - | inside the clock | {rate['ray']:.2f} "
              f"| {ray['events']} | {ray['rss_mb']:.0f} (largest actor) |")
        print(f"stories per ray actor: {ray['per_actor']}")
        print(f"ray timeline (s from the call): items listed {ray['listed_s']:.1f}, first actor loaded "
              f"{ray['first_ready_s']:.1f}, pool ready {ray['pool_ready_s']:.1f}, last batch back "
              f"{ray['extracted_s']:.1f}, deduplicated {ray['compacted_s']:.1f}")
        print(f"ray steady state (pool ready to last batch): {ray['steady']:.2f} stories/s; "
              f"against the local engine's {rate['local']:.2f} (its load excluded): {ray['steady'] / rate['local']:.2f}")
        print(f"\nray {args.cpus} CPUs / local 1 worker stories/s, end to end, loads included: "
              f"{rate['ray'] / whole:.2f}  (target >= 1.7)")
        print(f"local 1 worker / bare spaCy stories/s: {rate['local'] / rate['spacy']:.2f}  (target >= 0.93)")
        print(f"peak RSS per worker: local {local['rss_mb']:.0f} MB, ray actor {ray['rss_mb']:.0f} MB  "
              "(target <= 1024)\n")
        polnear_same = same_events(db, out)

        warc = os.path.join(tmp, "extraction.warc.gz")
        pages = build_warc(args.data, warc)
        wdb, wout = os.path.join(tmp, "warc.duckdb"), os.path.join(tmp, "warc-ray")
        with open(listfile, "w") as f:
            f.write(warc)
        run("1", listfile, wdb)
        run(str(args.cpus), listfile, wout, child=RAY_CHILD)
        print(f"\nWARC.gz of {pages} news pages ({os.path.getsize(warc) / 1e6:.1f} MB), local 1 worker and ray:")
        warc_same = same_events(wdb, wout)
    print(f"\nsame deduplicated events: PolNeAR {polnear_same}, WARC {warc_same}")


if __name__ == "__main__":
    main()
