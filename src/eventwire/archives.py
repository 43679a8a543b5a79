"""Read news archives: WARC / WARC.gz files and Parquet files, one record a story.

A record comes out as a JSON object in the shape ``read.from_record`` reads
(``text`` or ``html``, ``url``, ``published``, ``id``), so an archive record goes
through the same reader as a JSON Lines line. What cannot be read is a
``Broken`` with a one-line reason; the records before it are kept.

- WARC: a ``response`` record whose HTTP payload is HTML is a story: main text and
  publication date come from the HTML reader, the URL is the record's target URI,
  and the record's date (the crawl) dates a page that gives no date itself. Every
  other record (requests, metadata, images, PDFs) is ``Ignored``.
- Parquet: one story a row, from a text column (read as HTML when it looks like
  HTML), with optional id, date and ``url`` columns.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from .read import decode, looks_like_html

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Columns:
    """Which Parquet columns hold a story's text (or HTML), id and publication date."""

    text: str = "text"
    id: str = "id"
    date: str = "published"
    url: str = "url"


@dataclass
class Record:
    name: str  # path@offset (WARC) or path:row (Parquet)
    line: str  # the record as JSON, for ``read.from_record``
    number: int | None = None  # the row of a Parquet file


@dataclass
class Broken:
    name: str
    reason: str
    number: int | None = None


@dataclass
class Ignored:
    name: str
    number: int | None = None


Entry = Record | Broken | Ignored


def kind_of(path: str) -> str | None:
    """``warc``, ``parquet`` or ``None`` (not an archive) from a file name."""
    name = path.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def entries(path: str, columns: Columns | None = None, max_bytes: int = 5_000_000) -> Iterator[Entry]:
    """Every record of one archive file, streamed."""
    if kind_of(path) == "warc":
        yield from warc_entries(path, max_bytes)
    else:
        yield from parquet_entries(path, columns or Columns())


def warc_entries(path: str, max_bytes: int = 5_000_000) -> Iterator[Entry]:
    from warcio.archiveiterator import ArchiveIterator

    try:
        raw = open(path, "rb")
    except OSError as exc:
        yield Broken(path, f"cannot read WARC file ({exc.strerror})")
        return
    with raw:
        stream = _Gunzip(raw) if path.lower().endswith(".gz") else raw
        records = ArchiveIterator(stream)
        last = None
        try:
            for record in records:
                try:
                    line, reason = _page(record, max_bytes), None
                except Exception as exc:  # a bad payload or encoding is this record's failure only
                    line, reason = None, _first_line(exc)
                last = records.get_record_offset()  # reads to the record's end
                name = f"{path}@{last}"
                if record.raw_stream.limit:
                    yield Broken(name, "WARC record cut short")
                    return
                yield Broken(name, reason) if reason else Ignored(name) if line is None else Record(name, line)
        except Exception as exc:  # a broken header: what came before is kept
            where = "at the start" if last is None else f"after the record at offset {last}"
            yield Broken(path, f"broken WARC data {where} ({_first_line(exc)})")
            return
        if getattr(stream, "truncated", False):
            yield Broken(path, "truncated gzip: the records before the break were read")


class _Gunzip:
    """A gzip stream read member by member; a file cut short ends the stream (setting
    ``truncated``) instead of raising, so every record before the break is read."""

    def __init__(self, raw, chunk: int = 1 << 16):
        self.raw, self.chunk = raw, chunk
        self.inflate = zlib.decompressobj(wbits=31)
        self.buffer, self.in_member, self.truncated = b"", False, False

    def read(self, size: int = -1) -> bytes:
        while (size < 0 or len(self.buffer) < size) and self._fill():
            pass
        size = len(self.buffer) if size < 0 else size
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def _fill(self) -> bool:
        data = self.raw.read(self.chunk)
        if not data:
            self.truncated = self.in_member
            return False
        while data:
            self.in_member = True
            self.buffer += self.inflate.decompress(data)
            data = self.inflate.unused_data
            if self.inflate.eof:  # the next member starts a fresh decompressor
                self.inflate, self.in_member = zlib.decompressobj(wbits=31), False
        return True


def _page(record, max_bytes: int) -> str | None:
    """The JSON record of an HTML response, or ``None`` for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(HTML_TYPES):
        return None
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    html, _ = decode(record.content_stream().read(max_bytes + 1), url or "page", max_bytes)
    crawled = (headers.get_header("WARC-Date") or "")[:10] or None
    return json.dumps({"html": html, "url": url, "crawled": crawled})


def parquet_entries(path: str, columns: Columns) -> Iterator[Entry]:
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path)
    except Exception as exc:
        yield Broken(path, f"cannot read Parquet file ({_first_line(exc)})")
        return
    names = set(file.schema_arrow.names)
    if columns.text not in names:
        yield Broken(path, f"no column {columns.text!r} (choose one with --text-column)")
        return
    wanted = [c for c in (columns.text, columns.id, columns.date, columns.url) if c in names]
    row = 0
    try:
        for batch in file.iter_batches(columns=list(dict.fromkeys(wanted))):
            for values in batch.to_pylist():
                row += 1
                yield _parquet_entry(values, columns, f"{path}:{row}", row)
    except Exception as exc:
        yield Broken(f"{path}:{row + 1}", f"broken Parquet data ({_first_line(exc)})", row + 1)


def _parquet_entry(values: dict, columns: Columns, name: str, row: int) -> Entry:
    text = values.get(columns.text)
    if not isinstance(text, str):
        return Broken(name, f"column {columns.text!r} holds no text", row)
    record = {"html" if looks_like_html(text) else "text": text, "url": values.get(columns.url)}
    if values.get(columns.id) is not None:
        record["id"] = str(values[columns.id])
    date = values.get(columns.date)
    if isinstance(date, (dt.date, dt.datetime)):
        date = date.isoformat()
    record["published"] = date
    return Record(name, json.dumps(record, default=str), row)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
