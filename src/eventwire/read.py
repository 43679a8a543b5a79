"""Read stories: plain text, HTML and JSON Lines, into bare ``Story`` records.

A reader fills ``id``, ``url``, ``title``, ``published`` and ``text``; nothing
is extracted yet. Unreadable input raises ``InputError`` with a one-line reason.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
import select
import sys
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError
from .model import Story

#: Stories larger than this are refused (a corpus run records them as failures).
MAX_BYTES = 5_000_000
FIFO_WAIT = 30.0  # seconds a named pipe may stay silent before reading it is given up

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_TERMINAL = tuple('.!?:;"”’\')]…')


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def scrub(text: str) -> tuple[str, bool]:
    """Text that UTF-8 can encode: surrogate pairs joined, lone surrogates (which JSON's
    "\\ud800" escapes and some decoders produce) replaced with U+FFFD. Returns (text,
    whether anything was replaced)."""
    if not _SURROGATE.search(text):
        return text, False
    joined = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return joined, joined.count("\ufffd") > text.count("\ufffd")


def _field(value, name: str, warnings: list[str]) -> str | None:
    """An optional text field of a record: a string (scrubbed) or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        warnings.append(f"{name} is not a string; ignored")
        return None
    value, replaced = scrub(value)
    if replaced:
        warnings.append(f"{name}: lone surrogates replaced with U+FFFD")
    return value


def story_id(text: str) -> str:
    """Content hash that identifies a story whatever its file name."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def parse_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or datetime; ``None`` stays ``None``."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InputError(f"invalid date {text!r}: expected YYYY-MM-DD") from None


def decode(data: bytes, name: str = "input", max_bytes: int = MAX_BYTES) -> tuple[str, list[str]]:
    """Decode story bytes as UTF-8; refuse binary, replace invalid bytes with a warning."""
    if not data.strip():
        raise InputError(f"{name}: empty story")
    if len(data) > max_bytes:
        raise InputError(f"{name}: story too large ({len(data):,} bytes > {max_bytes:,})")
    sample = data[:8192]
    if b"\x00" in sample or len(_CONTROL.findall(sample.decode("latin-1"))) > len(sample) // 20:
        raise InputError(f"{name}: binary data, not a text story")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        warnings.append(f"{name}: invalid UTF-8, undecodable bytes replaced with U+FFFD")
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


def title_line(text: str) -> str | None:
    """The first line if it reads as a headline: short, unpunctuated, followed by a blank line."""
    first, sep, rest = text.lstrip("\n").partition("\n")
    first = first.strip()
    if not sep or not rest.startswith("\n") or not first:
        return None
    if first.endswith(_TERMINAL) or len(first.split()) > 25:
        return None
    return first


def from_text(text: str, *, date: str | None = None, url: str | None = None,
              title: str | None = None, id: str | None = None) -> Story:
    """A story from plain text; the title is the given one or the text's headline line."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("empty story")
    warnings: list[str] = []
    text, url, title, id = (_field(v, name, warnings) for v, name in
                            ((text, "text"), (url, "url"), (title, "title"), (id, "id")))
    return Story(text=text, id=id or story_id(text), url=url,
                 title=title if title is not None else title_line(text),
                 published=parse_date(date), warnings=warnings)


def article(html: str, url: str | None = None) -> tuple[str | None, str]:
    """(title, main text) of a news page, by trafilatura; what ``from_html`` reads."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                      include_comments=False, include_tables=False)
    if doc is None:
        return None, ""
    return doc.title, doc.text or ""


def from_html(html: str, *, url: str | None = None, date: str | None = None,
              id: str | None = None, fallback_date: str | None = None) -> Story:
    """A story from a news page: main text by trafilatura, date by htmldate, else
    ``fallback_date`` (an archive's crawl date)."""
    from htmldate import find_date

    html, _ = scrub(html)
    title, body = article(html, url)
    if len(body.split()) < 5:
        raise InputError("HTML page has no article text")
    if date is None:
        try:
            date = find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d")
        except Exception:  # htmldate gives up on odd pages; a missing date is not fatal
            date = None
    text = f"{title}\n\n{body}" if title else body
    date = date or fallback_date
    return from_text(text, date=date, url=url, title=title, id=id)


def from_record(record: dict, name: str = "record") -> Story:
    """A story from one JSON Lines record ``{"id", "text" | "html", "url", "published"}``
    (an archive record may add ``crawled``, the date a page without one falls back on)."""
    if not isinstance(record, dict):
        raise InputError(f"{name}: not a JSON object")
    kwargs = dict(url=record.get("url"), date=record.get("published"),
                  id=str(record["id"]) if record.get("id") is not None else None)
    if isinstance(record.get("text"), str):
        return from_text(record["text"], title=record.get("title"), **kwargs)
    if isinstance(record.get("html"), str):
        return from_html(record["html"], fallback_date=record.get("crawled"), **kwargs)
    raise InputError(f"{name}: record has neither 'text' nor 'html'")


def iter_jsonl(data: bytes, name: str) -> Iterator[Story | InputError]:
    """Stories of a JSON Lines file; a bad line yields its error and reading goes on."""
    text, _ = decode(data, name)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            yield from_record(json.loads(line), where)
        except json.JSONDecodeError as exc:
            yield InputError(f"{where}: invalid JSON ({exc.msg})")
        except InputError as exc:
            yield exc


def read_bytes(path: str, max_bytes: int | None = None) -> bytes:
    """The bytes of a file, of a named pipe, or of standard input for ``-``; more than
    ``max_bytes`` from a stream is refused before it is all held in memory."""
    if path == "-":
        return _bounded(sys.stdin.buffer.read(max_bytes + 1) if max_bytes else sys.stdin.buffer.read(),
                        "stdin", max_bytes)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, expected a story file")
    try:
        data = read_pipe(path, FIFO_WAIT, max_bytes) if p.is_fifo() else p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if path.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            raise InputError(f"{path}: not a valid gzip file") from None
    return data


def _bounded(data: bytes, name: str, max_bytes: int | None) -> bytes:
    if max_bytes and len(data) > max_bytes:
        raise InputError(f"{name}: story too large (more than {max_bytes:,} bytes)")
    return data


def read_pipe(path: str, wait: float, max_bytes: int | None = None) -> bytes:
    """A named pipe read as a stream to its end. Opening one blocks until a writer comes, for
    ever if none does; so it is opened without blocking and every read waits at most ``wait``
    seconds: a pipe nobody writes to, or whose writer falls silent, is an ``InputError``."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    poll = select.poll()
    poll.register(fd, select.POLLIN)
    chunks, size = [], 0
    try:
        while True:
            if not poll.poll(wait * 1000):
                said = f"fell silent after {size:,} bytes" if size else "had nothing written to it"
                raise InputError(f"{path}: named pipe {said} for {wait:g} s")
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:  # woken without data (a writer came and went): wait again
                continue
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if max_bytes and size > max_bytes:
                raise InputError(f"{path}: story too large (more than {max_bytes:,} bytes)")
    finally:
        os.close(fd)


def kind_of(path: str) -> str:
    """``html``, ``jsonl`` or ``text`` from a file name."""
    name = path.lower().removesuffix(".gz")
    if name.endswith((".html", ".htm")):
        return "html"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    return "text"


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def read_story(path: str, *, date: str | None = None, url: str | None = None,
               max_bytes: int = MAX_BYTES) -> Story:
    """One story from a text or HTML file (``-`` reads standard input)."""
    if path != "-" and Path(path).is_file() and Path(path).stat().st_size > max_bytes:
        raise InputError(f"{path}: story too large ({Path(path).stat().st_size:,} bytes > {max_bytes:,})")
    data = read_bytes(path, max_bytes)
    name = "stdin" if path == "-" else path
    text, warnings = decode(data, name, max_bytes)
    if kind_of(path) == "html" or (kind_of(path) == "text" and looks_like_html(text)):
        story = from_html(text, url=url, date=date)
    elif kind_of(path) == "jsonl":
        stories = [s for s in iter_jsonl(data, name)]
        if len(stories) != 1:
            raise InputError(f"{name}: holds {len(stories)} records; use `eventwire ingest` for many")
        if isinstance(stories[0], InputError):
            raise stories[0]
        story = stories[0]
    else:
        story = from_text(text, date=date, url=url)
    story.warnings.extend(warnings)
    return story
