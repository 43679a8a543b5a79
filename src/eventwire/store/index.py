"""The events table in memory, for a server that answers many differing queries.

DuckDB plans, scans and sorts the whole table for every query: 5 to 15 ms of CPU on
100,000 events, most of it in the sort of a page and the second scan that counts.
``EventIndex`` holds the columns that the filters, sorts, timeline and network read
as NumPy arrays (strings as codes of a sorted dictionary, so a code's order is the
string's), with one permutation per sort order made on first use: a page is then the
matching rows taken in that order, the total their count, a timeline or network a
``bincount``. Each event's API row (the ``doc`` column, JSON already) is kept as it
is, so a page's body is spliced, not encoded.

It answers what ``query.events``, ``query.timeline`` and ``query.network`` answer, for
the filters it can (``supports``); words, ``near`` and ``story_id`` go to SQL.
The results are the same, row for row (tests compare them on random filters).
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..model import STATUSES
from .query import SORTABLE, EventFilter, finish_network, finish_timeline

#: Filters answered from memory; the others (words, near, story_id) need SQL.
SUPPORTED = frozenset({"actor", "recipient", "country", "type", "quad_class", "status", "since", "until",
                       "min_confidence", "outlet"})
STRINGS = ("source_code", "source_country", "source_sector", "target_code", "target_country", "target_sector",
           "location_country", "event_type", "outlet", "source_node", "target_node", "source_name", "target_name")
NUMBERS = ("quad_class", "goldstein", "confidence", "max_confidence", "num_reports", "num_sources")
COLUMNS = ("event_id", *STRINGS, *NUMBERS, "day", "statuses", "doc")
EPOCH = dt.date(1970, 1, 1)


@dataclass
class Codes:
    """A string column as int32 codes into ``values`` (sorted); 0 is NULL, code i is values[i - 1]."""

    codes: np.ndarray
    values: list[str]
    lookup: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lookup = {v: i for i, v in enumerate(self.values, 1)}

    @classmethod
    def of(cls, column: pa.ChunkedArray) -> "Codes":
        encoded = pc.dictionary_encode(column).combine_chunks()
        words = encoded.dictionary
        order = np.asarray(pc.sort_indices(words)) if len(words) else np.zeros(0, np.int64)
        rank = np.empty(len(words) + 1, np.int32)  # dictionary index -> sorted code; the last slot is NULL
        rank[order] = np.arange(1, len(words) + 1, dtype=np.int32)
        rank[-1] = 0
        indices = np.asarray(encoded.indices.fill_null(len(words)))
        return cls(rank[indices], [words[int(i)].as_py() for i in order])

    def prefixed(self, prefix: str) -> tuple[int, int]:
        """The codes [lo, hi) of the values that start with ``prefix``."""
        lo = bisect.bisect_left(self.values, prefix)
        hi = bisect.bisect_left(self.values, prefix + "\U0010ffff", lo)
        return lo + 1, hi + 1

    def equal(self, value: str) -> np.ndarray:
        """The rows equal to ``value``."""
        code = self.lookup.get(value)
        return self.codes == code if code else np.zeros(len(self.codes), dtype=bool)


def _numbers(column: pa.ChunkedArray) -> np.ndarray:
    """A numeric column as float64, NULL as NaN."""
    return np.asarray(pc.cast(column, pa.float64()).combine_chunks().fill_null(np.nan))


def _days(column: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """A DATE column as days since 1970-01-01 (int64) and whether each is set."""
    array = column.combine_chunks()
    valid = np.asarray(array.is_valid())
    days = np.asarray(pc.cast(array, pa.int32()).fill_null(0)).astype(np.int64)
    return days, valid


def _status_bits(column: pa.ChunkedArray) -> np.ndarray:
    """A bit per ``STATUSES`` entry that an event's statuses hold."""
    array = column.combine_chunks()
    bits = np.zeros(len(array), dtype=np.int32)
    flat = array.flatten()
    if len(flat):
        parents = np.asarray(pc.list_parent_indices(array))
        for n, status in enumerate(STATUSES):
            hit = np.asarray(pc.equal(flat, status).fill_null(False))
            np.bitwise_or.at(bits, parents[hit], 1 << n)
    return bits


def _period_start(days: np.ndarray, interval: str) -> np.ndarray:
    """DuckDB's ``date_trunc(interval, day)`` on days since 1970-01-01 (weeks start on Monday)."""
    if interval == "day":
        return days
    if interval == "week":
        return days - (days + 3) % 7  # 1970-01-01 was a Thursday
    unit = "M" if interval == "month" else "Y"
    return days.astype("datetime64[D]").astype(f"datetime64[{unit}]").astype("datetime64[D]").astype(np.int64)


def _round2(x: np.ndarray) -> np.ndarray:
    """DuckDB's ``round(x, 2)``: halves away from zero."""
    return np.sign(x) * np.floor(np.abs(x) * 100 + 0.5) / 100


@dataclass
class EventIndex:
    """The events table's filter, sort and group columns in memory (see the module)."""

    n: int
    strings: dict[str, Codes]
    numbers: dict[str, np.ndarray]
    day: np.ndarray
    has_day: np.ndarray
    status_bits: np.ndarray
    docs: pa.Array
    orders: dict[tuple[str, bool], np.ndarray] = field(default_factory=dict)
    periods: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    period_names: dict[str, list[str]] = field(default_factory=dict)
    keyed: dict[str, tuple[list, np.ndarray]] = field(default_factory=dict)
    cells: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    pairs: tuple | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, con) -> "EventIndex":
        """The index of the events table that ``con`` reads (rows in ``event_id`` order,
        the final key of every sort)."""
        cursor = con.cursor()  # a connection of its own: ``con`` may hold an unfinished result
        try:
            table = cursor.sql(f"SELECT {', '.join(COLUMNS)} FROM events ORDER BY event_id").to_arrow_table()
        finally:
            cursor.close()
        day, has_day = _days(table["day"])
        return cls(n=table.num_rows, strings={c: Codes.of(table[c]) for c in STRINGS},
                   numbers={c: _numbers(table[c]) for c in NUMBERS}, day=day, has_day=has_day,
                   status_bits=_status_bits(table["statuses"]), docs=table["doc"].combine_chunks())

    @staticmethod
    def supports(flt: EventFilter) -> bool:
        """Whether every filter set in ``flt`` is one this index answers."""
        return all(getattr(flt, name) is None for name in ("near", "km", "text", "story_id"))

    # ------------------------------------------------------------------ filters
    def _actor(self, side: str, value: str) -> np.ndarray:
        """SQL's ``code = v OR country = v OR sector = v OR code LIKE 'v %'``: the codes
        starting "v " are a range of the sorted dictionary."""
        code = self.strings[f"{side}_code"]
        lo, hi = code.prefixed(value + " ")
        hit = code.equal(value) | self.strings[f"{side}_country"].equal(value) | self.strings[f"{side}_sector"].equal(value)
        if hi > lo:
            hit |= (code.codes >= lo) & (code.codes < hi)
        return hit

    def mask(self, flt: EventFilter) -> np.ndarray:
        """The rows ``flt`` selects, as ``EventFilter.where`` does."""
        keep = np.ones(self.n, dtype=bool)
        if flt.actor:
            keep &= self._actor("source", flt.actor)
        if flt.recipient:
            keep &= self._actor("target", flt.recipient)
        if flt.country:
            keep &= (self.strings["source_country"].equal(flt.country) | self.strings["target_country"].equal(flt.country)
                     | self.strings["location_country"].equal(flt.country))
        if flt.type:
            keep &= self.strings["event_type"].equal(flt.type)
        if flt.quad_class is not None:
            keep &= self.numbers["quad_class"] == flt.quad_class
        if flt.status:
            keep &= (self.status_bits & (1 << STATUSES.index(flt.status))) != 0
        if flt.since:
            keep &= self.has_day & (self.day >= (dt.date.fromisoformat(flt.since) - EPOCH).days)
        if flt.until:
            keep &= self.has_day & (self.day <= (dt.date.fromisoformat(flt.until) - EPOCH).days)
        if flt.min_confidence is not None:
            keep &= self.numbers["max_confidence"] >= flt.min_confidence
        if flt.outlet:
            keep &= self.strings["outlet"].equal(flt.outlet)
        return keep

    # ------------------------------------------------------------------ events
    def order(self, sort: str, descending: bool) -> np.ndarray:
        """Row numbers in ``ORDER BY sort [DESC] NULLS LAST, event_id`` order (made once)."""
        key = (sort, descending)
        if key not in self.orders:
            if sort not in SORTABLE:
                raise ValueError(f"cannot sort by {sort!r}")
            if sort in self.strings:
                values, missing = self.strings[sort].codes.astype(np.float64), self.strings[sort].codes == 0
            elif sort == "day":
                values, missing = self.day.astype(np.float64), ~self.has_day
            else:
                values = self.numbers[sort]
                missing = np.isnan(values)
            values = np.where(missing, 0.0, values)
            rows = np.arange(self.n)
            order = np.lexsort((rows, -values if descending else values, missing))
            with self.lock:
                self.orders[key] = order
        return self.orders[key]

    def page(self, flt: EventFilter) -> tuple[int, np.ndarray]:
        """The number of matching events and the row numbers of the requested page."""
        keep = self.mask(flt)
        total = int(np.count_nonzero(keep))
        order = self.order(flt.sort, flt.descending)
        need, found, got, start, step = min(flt.offset + flt.limit, total), [], 0, 0, 4096
        while got < need:  # the first ``need`` matches in order, read in growing slices
            chunk = order[start:start + step]
            found.append(chunk[keep[chunk]])
            got += len(found[-1])
            start, step = start + step, step * 2
        hits = np.concatenate(found) if found else order[:0]
        return total, hits[flt.offset:flt.offset + flt.limit]

    def events_body(self, flt: EventFilter) -> bytes:
        """``query.events`` as JSON bytes: the page's stored rows spliced, not re-encoded."""
        total, rows = self.page(flt)
        docs = self.docs.take(pa.array(rows, pa.int64())).to_pylist()
        return f'{{"total":{total},"items":[{",".join(docs)}]}}'.encode("utf-8")

    # ------------------------------------------------------------------ aggregates
    def _period(self, interval: str) -> tuple[np.ndarray, np.ndarray]:
        """Per row, the index of its period among the sorted ``starts`` (days); -1 without a day."""
        if interval not in self.periods:
            start = _period_start(self.day, interval)
            starts, index = np.unique(start[self.has_day], return_inverse=True)
            full = np.full(self.n, -1, dtype=np.int64)
            full[self.has_day] = index
            with self.lock:
                self.periods[interval] = (starts, full)
                self.period_names[interval] = [(EPOCH + dt.timedelta(days=int(d))).isoformat() for d in starts]
        return self.periods[interval]

    def _keys(self, by: str) -> tuple[list, np.ndarray]:
        """``CAST(by AS VARCHAR)``'s values in order (NULL last) and each row's index in them."""
        if by not in self.keyed:
            if by == "quad_class":
                q = self.numbers["quad_class"]
                present = np.unique(q[~np.isnan(q)]).astype(np.int64)
                texts = sorted(str(v) for v in present)
                key = np.full(self.n, len(texts), dtype=np.int64)
                for i, text in enumerate(texts):
                    key[q == int(text)] = i
            else:
                codes = self.strings[by]
                texts = list(codes.values)
                key = np.where(codes.codes == 0, len(texts), codes.codes - 1).astype(np.int64)
            with self.lock:
                self.keyed[by] = ([*texts, None], key)
        return self.keyed[by]

    def timeline(self, flt: EventFilter, interval: str, by: str) -> dict:
        """``query.timeline``: counts per period and key (key as text), every period listed."""
        starts, period = self._period(interval)
        texts, key = self._keys(by)
        width = len(texts)
        if (interval, by) not in self.cells:  # a row's (period, key) cell; rows without a day in the last
            cell = np.where(period >= 0, period * width + key, len(starts) * width)
            with self.lock:
                self.cells[(interval, by)] = cell
        cell = self.cells[(interval, by)]
        counts = np.bincount(cell[self.mask(flt)], minlength=len(starts) * width + 1)[:-1]
        cells = np.flatnonzero(counts)
        periods, keys = np.divmod(cells, width)
        days = self.period_names[interval]
        series = [{"period": days[p], "key": texts[k], "count": c}
                  for p, k, c in zip(periods.tolist(), keys.tolist(), counts[cells].tolist())]
        return finish_timeline(series, interval, by)

    def _pairs(self):
        """Per row, its (source node, target node) pair's number in sorted pair order, -1
        where a side is no node or both are one; the pairs' codes; the rows a side of
        which is an actor but no node."""
        if self.pairs is None:
            s, t = self.strings["source_node"], self.strings["target_node"]
            valid = (s.codes > 0) & (t.codes > 0)
            s_text = np.array([""] + s.values, dtype=object)[s.codes]
            t_text = np.array([""] + t.values, dtype=object)[t.codes]
            valid &= s_text != t_text
            joint = s.codes.astype(np.int64) * (len(t.values) + 1) + t.codes
            uniq, index = np.unique(joint[valid], return_inverse=True)
            pair = np.full(self.n, -1, dtype=np.int64)
            pair[valid] = index
            hidden = (((self.strings["source_code"].codes > 0) & (s.codes == 0))
                      | ((self.strings["target_code"].codes > 0) & (t.codes == 0)))
            self.pairs = (pair, uniq // (len(t.values) + 1), uniq % (len(t.values) + 1), hidden)
        return self.pairs

    def network(self, flt: EventFilter, limit: int) -> dict:
        """``query.network``: the ``limit`` heaviest actor pairs, their nodes, the hidden count."""
        pair, s_code, t_code, hidden = self._pairs()
        keep = self.mask(flt)
        rows = np.flatnonzero(keep & (pair >= 0))
        p = pair[rows]
        counts = np.bincount(p, minlength=len(s_code))
        used = np.flatnonzero(counts)  # in pair order, which a stable sort keeps among equal counts
        top = used[np.argsort(-counts[used], kind="stable")[:limit]]
        slot = np.full(len(s_code), -1, dtype=np.int64)
        slot[top] = np.arange(len(top))
        mine = slot[p] >= 0  # the rows of the pairs shown: only these need averages and names
        rows, at = rows[mine], slot[p[mine]]
        g = self.numbers["goldstein"][rows]
        has_g = ~np.isnan(g)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = _round2(np.bincount(at[has_g], weights=g[has_g], minlength=len(top))
                            / np.bincount(at[has_g], minlength=len(top)))
        names = {}
        for side in ("source", "target"):
            codes = self.strings[f"{side}_name"]
            best = np.full(len(top), len(codes.values) + 1, dtype=np.int64)
            named = codes.codes[rows] > 0
            np.minimum.at(best, at[named], codes.codes[rows][named])
            names[side] = [codes.values[c - 1] if c <= len(codes.values) else None for c in best.tolist()]
        s_values, t_values = self.strings["source_node"].values, self.strings["target_node"].values
        edges = [{"source": s_values[s_code[i] - 1], "target": t_values[t_code[i] - 1], "count": int(counts[i]),
                  "goldstein": None if mean != mean else round(mean, 6), "source_name": sn, "target_name": tn}
                 for i, mean, sn, tn in zip(top.tolist(), means.tolist(), names["source"], names["target"])]
        return finish_network(edges, int(np.count_nonzero(keep & hidden)))
