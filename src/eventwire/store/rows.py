"""A story as rows of the store's tables (Arrow tables built from these in ``db.py``)."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from urllib.parse import urlparse

import numpy as np

from ..export import day_of, report_row
from ..model import Story
from ..read import story_id as content_hash

_WORD = re.compile(r"\w+", re.UNICODE)
MINHASH_SIZE = 32


_SALTS = (np.arange(1, MINHASH_SIZE + 1, dtype=np.uint64) * np.uint64(0x9E3779B1))[None, :]


def minhash(text: str, n: int = 5) -> list[int]:
    """MinHash signature of a story's word 5-shingles (for near-duplicate detection)."""
    words = [w.lower() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i:i + n]) for i in range(max(len(words) - n + 1, 1))}
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles))
    mixed = ((hashes[:, None] ^ _SALTS) * np.uint64(0x85EBCA6B)) & np.uint64(0xFFFFFFFF)
    return mixed.min(axis=0).astype(np.uint32).tolist()


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two stories' shingle sets."""
    return sum(x == y for x, y in zip(a, b)) / max(len(a), 1)


BANDS, ROWS_PER_BAND = 8, 4


def bands(signature: list[int]) -> list[str]:
    """LSH band keys: stories sharing one are candidates for near-duplicates."""
    return [f"{b}:" + "-".join(str(v) for v in signature[b * ROWS_PER_BAND:(b + 1) * ROWS_PER_BAND])
            for b in range(BANDS)]


def outlet(url: str | None) -> str | None:
    """The outlet a story came from: its URL's host without 'www.'."""
    if not url:
        return None
    host = urlparse(url).netloc.lower()
    return host.removeprefix("www.") or None


def story_rows(story: Story, path: str | None, now: dt.datetime) -> dict[str, list[dict]]:
    """Every table's rows for one extracted story."""
    sid = story.id
    rows: dict[str, list[dict]] = {
        "stories": [{
            "story_id": sid, "url": story.url, "title": story.title, "published": day_of(story.published),
            "source": outlet(story.url), "text": story.text, "language": story.language, "path": path,
            "num_events": len(story.events), "warnings": list(story.warnings), "ingested_at": now,
            "minhash": (signature := minhash(story.text)), "content_hash": content_hash(story.text),
            "version_of": None,
        }],
        "story_bands": [{"band": band, "story_id": sid} for band in bands(signature)],
        "sentences": [{"story_id": sid, "sentence_index": s.index, "kind": s.kind, "text": s.text,
                       "start": s.start, "end": s.end} for s in story.sentences],
        "actors": [{"story_id": sid, "actor_id": a.id, "name": a.name, "code": a.code, "country": a.country,
                    "sector": a.sector, "office": a.office, "kind": a.kind, "confidence": a.confidence,
                    "mentions": [{"text": m.text, "start": m.start, "end": m.end,
                                  "sentence_index": m.sentence_index} for m in a.mentions]}
                   for a in story.actors],
        "quotes": [{"story_id": sid, "quote_index": n, "kind": q.kind, "text": q.text, "start": q.start,
                    "end": q.end, "speaker_name": q.speaker.name if q.speaker else None,
                    "speaker_code": q.speaker.code if q.speaker else None,
                    "speaker_start": q.speaker.start if q.speaker else None,
                    "speaker_end": q.speaker.end if q.speaker else None,
                    "cue": q.cue.text if q.cue else None,
                    "addressee_name": q.addressee.name if q.addressee else None,
                    "addressee_code": q.addressee.code if q.addressee else None,
                    "sentence_index": q.sentence_index} for n, q in enumerate(story.quotes)],
        "times": [{"story_id": sid, "time_index": n, "text": t.text, "start": t.start, "end": t.end,
                   "type": t.type, "value": t.value, "mod": t.mod, "resolved": t.resolved,
                   "sentence_index": t.sentence_index} for n, t in enumerate(story.times)],
        "quantities": [{"story_id": sid, "quantity_index": n, "text": q.text, "start": q.start, "end": q.end,
                        "value": float(q.value), "unit": q.unit, "approximate": q.approximate, "op": q.op,
                        "sentence_index": q.sentence_index} for n, q in enumerate(story.quantities)],
    }
    rows["reports"] = [report_row(sid, n, e) for n, e in enumerate(story.events)]
    return rows
