"""``eventwire eval audit``: precision of the event coder on real news that no event scorer uses.

Stories come from ``../shared/data`` folders that ``eval events`` never reads: PolNeAR
article texts (``polnear/{train,dev}/text/*.txt``, dated by ``metadata.tsv``), GeoWebNews
texts (``geo/GeoWebNews/*.txt``) and the extraction benchmark's article bodies
(``extraction/ground-truth.json#<id>``). A story id is its path relative to the data
folder, so that the story can be read again.

``--sample N --seed S`` draws stories, then N of their events, at random with a fixed
seed, and writes unjudged rows (verdict ``?``) plus a reading view to judge them by.
The judgements file (``data/audit.tsv``) holds only story id, the character offsets of
trigger, source and target, the coded type and CAMEO code, and four verdicts; no text.

Without ``--sample`` the command re-extracts the judged stories and matches each
judgement to today's events by offsets. A judgement is *matched* when an event has the
same trigger, type, CAMEO code, source and target offsets; one whose trigger still codes
but with another type, code, source or target is *changed*, one whose trigger no longer
codes is *gone*; both count as no longer matched, so an audit goes stale visibly.
Precision is over the matched judgements: event at all, type right (an event of the
right PLOVER type), source right and target right (over events with that role coded).
Judged stories split into tune and check by the SHA-1 rule of ``events.part`` applied
to the story id.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .common import data_path, print_table, stamp
from .events import PARTS, part

JUDGEMENTS = Path(__file__).resolve().parent.parent / "data" / "audit.tsv"
COLUMNS = ("story", "trigger_start", "trigger_end", "source_start", "source_end",
           "target_start", "target_end", "type", "cameo", "event", "type_ok", "source_ok", "target_ok")
VERDICTS = ("event", "type_ok", "source_ok", "target_ok")
#: y right, n wrong, - no such role coded, ? not judged yet
VERDICT_VALUES = ("y", "n", "-", "?")


@dataclass(frozen=True, slots=True)
class Key:
    """What identifies a coded event across runs: its offsets and codes."""

    trigger: tuple[int, int]
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    type: str
    cameo: str


@dataclass(slots=True)
class Judgement:
    story: str
    key: Key
    verdicts: dict[str, str]


# --- stories -----------------------------------------------------------------------------

def story_ids(data_dir: str) -> list[str]:
    """Every audit story id, sorted (so a seed draws the same stories on every machine)."""
    ids = []
    for split in ("train", "dev"):
        folder = Path(data_dir, "polnear", split, "text")
        ids += [f"polnear/{split}/text/{p.name}" for p in sorted(folder.glob("*.txt"))]
    ids += [f"geo/GeoWebNews/{p.name}" for p in sorted(Path(data_dir, "geo", "GeoWebNews").glob("*.txt"))]
    truth = Path(data_dir, "extraction", "ground-truth.json")
    if truth.exists():
        ids += [f"extraction/ground-truth.json#{k}" for k in sorted(json.loads(truth.read_text("utf-8")))]
    if not ids:
        raise InputError(f"{data_dir}: no audit stories found (pass --data pointing at ../shared/data)")
    return sorted(ids)


def _polnear_dates(data_dir: str) -> dict[str, str]:
    path = Path(data_dir, "polnear", "metadata.tsv")
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        return {row["filename"]: row["publication_date"] for row in csv.DictReader(f, delimiter="\t")}


def read_story(data_dir: str, story: str, dates: dict[str, str] | None = None) -> tuple[str, str | None]:
    """(text, publication date) of an audit story id."""
    if story.startswith("extraction/ground-truth.json#"):
        bodies = json.loads(data_path(data_dir, "extraction", "ground-truth.json").read_text("utf-8"))
        key = story.split("#", 1)[1]
        if key not in bodies:
            raise InputError(f"{story}: no such article in the extraction ground truth")
        return bodies[key].get("articleBody") or "", None
    path = data_path(data_dir, *story.split("/"))
    text = (gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")).read()
    date = None
    if story.startswith("polnear/"):
        date = (dates if dates is not None else _polnear_dates(data_dir)).get(Path(story).stem)
    return text, date


def extract_events(text: str, date: str | None):
    """The events eventwire codes today in one story (none for an empty one, or one the
    reader refuses, such as a story not in English)."""
    from .. import api

    if not text.strip():
        return []
    try:
        return api.extract(text, date=date).events
    except InputError:
        return []


def event_key(event) -> Key:
    def span(ref):
        return (ref.start, ref.end) if ref is not None else None

    return Key((event.trigger.start, event.trigger.end), span(event.source), span(event.target),
               event.event_type, event.cameo)


# --- judgements file ---------------------------------------------------------------------

def _offsets(a: str, b: str) -> tuple[int, int] | None:
    return None if a in ("", "-") else (int(a), int(b))


def row_of(story: str, key: Key, verdicts: dict[str, str]) -> list[str]:
    def cells(span):
        return ["-", "-"] if span is None else [str(span[0]), str(span[1])]

    return [story, *cells(key.trigger), *cells(key.source), *cells(key.target), key.type, key.cameo,
            *(verdicts.get(v, "?") for v in VERDICTS)]


def load(path: Path | str = JUDGEMENTS) -> list[Judgement]:
    """The judgements in a TSV file; a malformed row is a one-line error."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no judgements file")
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    if rows and tuple(rows[0]) == COLUMNS:
        rows = rows[1:]
    for n, r in enumerate(rows, 1):
        if len(r) != len(COLUMNS):
            raise InputError(f"{path}: row {n} has {len(r)} fields, not {len(COLUMNS)}")
        try:
            key = Key(_offsets(r[1], r[2]), _offsets(r[3], r[4]), _offsets(r[5], r[6]), r[7], r[8])
        except ValueError:
            raise InputError(f"{path}: row {n}: offsets are not numbers") from None
        verdicts = dict(zip(VERDICTS, r[9:]))
        if key.trigger is None or any(v not in VERDICT_VALUES for v in verdicts.values()):
            raise InputError(f"{path}: row {n}: no trigger offsets or a verdict outside {VERDICT_VALUES}")
        out.append(Judgement(r[0], key, verdicts))
    return out


# --- matching and scoring ----------------------------------------------------------------

def match(judgements: list[Judgement], events_by_story: dict[str, list]) -> list[tuple[Judgement, str]]:
    """Each judgement with 'matched', 'changed' (trigger still codes, something else
    differs) or 'gone' (no event at its trigger)."""
    out = []
    for j in judgements:
        keys = [event_key(e) for e in events_by_story.get(j.story, [])]
        if j.key in keys:
            out.append((j, "matched"))
        elif any(k.trigger == j.key.trigger for k in keys):
            out.append((j, "changed"))
        else:
            out.append((j, "gone"))
    return out


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f} ({num}/{den})" if den else "–"


def score(matched: list[tuple[Judgement, str]]) -> dict:
    """Counts and precisions over judged, matched judgements (verdict '?' is left out)."""
    judged = [(j, s) for j, s in matched if j.verdicts["event"] != "?"]
    live = [j for j, s in judged if s == "matched"]
    by_type: dict[str, Counter] = {}
    total = Counter()
    for j in live:
        for c in (total, by_type.setdefault(j.key.type, Counter())):
            c["n"] += 1
            c["event"] += j.verdicts["event"] == "y"
            c["type"] += j.verdicts["event"] == "y" and j.verdicts["type_ok"] == "y"
            for role in ("source", "target"):
                if getattr(j.key, role) is not None:
                    c[role + "_n"] += 1
                    c[role] += j.verdicts[role + "_ok"] == "y"
    status = Counter(s for _, s in judged)
    return {"judged": len(judged), "matched": status["matched"], "changed": status["changed"],
            "gone": status["gone"], "total": total, "by_type": by_type}


def _score_rows(result: dict) -> list[list[str]]:
    rows = []
    for name, c in [("all", result["total"]), *sorted(result["by_type"].items())]:
        rows.append([name, str(c["n"]), _ratio(c["event"], c["n"]), _ratio(c["type"], c["n"]),
                     _ratio(c["source"], c["source_n"]), _ratio(c["target"], c["target_n"])])
    return rows


def report(result: dict, title: str) -> None:
    stale = result["changed"] + result["gone"]
    print(f"\n### {title}: {result['judged']} judged events, {result['matched']} still matched; "
          f"no longer matched {_ratio(stale, result['judged'])} "
          f"({result['changed']} changed, {result['gone']} gone)\n")
    print_table(["PLOVER type", "events", "event at all", "type right", "source right", "target right"],
                _score_rows(result))


def run(data_dir: str, path: Path | str = JUDGEMENTS) -> dict:
    judgements = load(path)
    dates = _polnear_dates(data_dir)
    events = {}
    for story in sorted({j.story for j in judgements}):
        events[story] = extract_events(*read_story(data_dir, story, dates))
    matched = match(judgements, events)
    print(f"# eventwire eval audit — {stamp()}")
    print(f"judgements: {len(judgements)} rows over {len(events)} stories ({Path(path).name}); "
          "precision over still-matched judgements")
    results = {"all": score(matched)}
    report(results["all"], "all stories")
    for p in PARTS:
        results[p] = score([(j, s) for j, s in matched if part(j.story) == p])
        report(results[p], f"{p} part (SHA-1 of the story id)")
    return results


# --- sampling ----------------------------------------------------------------------------

def sample(data_dir: str, n: int, seed: int, stories: int, out: str | None,
           exclude: Path | str | None = JUDGEMENTS) -> list[list[str]]:
    """Draw ``stories`` stories, then ``n`` of their events, at random with ``seed``;
    events already in ``exclude`` are skipped. Writes unjudged TSV rows to ``out`` and
    prints a reading view (text on the terminal only, never in the repository)."""
    rng = random.Random(seed)
    ids = story_ids(data_dir)
    chosen = rng.sample(ids, min(stories, len(ids)))
    done = {(j.story, j.key.trigger) for j in load(exclude)} if exclude and Path(exclude).exists() else set()
    dates = _polnear_dates(data_dir)
    pool = []
    for story in chosen:
        text, date = read_story(data_dir, story, dates)
        for e in extract_events(text, date):
            if (story, (e.trigger.start, e.trigger.end)) not in done:
                pool.append((story, text, e))
    picked = rng.sample(pool, min(n, len(pool)))
    picked.sort(key=lambda x: (x[0], x[2].trigger.start))
    rows = [row_of(story, event_key(e), {}) for story, _, e in picked]
    if out:
        with open(out, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t", lineterminator="\n")
            w.writerows(rows)
    for i, (story, text, e) in enumerate(picked):
        print(view(i, story, text, e))
    return rows


def view(i: int, story: str, text: str, e) -> str:
    """The sentence around an event with [trigger], <source> and {target} marked."""
    marks = [(e.trigger.start, "["), (e.trigger.end, "]")]
    for ref, a, b in ((e.source, "<", ">"), (e.target, "{", "}")):
        if ref is not None:
            marks += [(ref.start, a), (ref.end, b)]
    lo = max(0, text.rfind("\n", 0, e.trigger.start) + 1, e.trigger.start - 300)
    hi = text.find("\n", e.trigger.end)
    hi = min(hi if hi >= 0 else len(text), e.trigger.end + 300)
    lo = min([lo] + [p for p, _ in marks])
    hi = max([hi] + [p for p, _ in marks])
    s, last = [], lo
    for p, m in sorted(marks):
        s += [text[last:p], m]
        last = p
    s.append(text[last:hi])
    src = f"{e.source.code}" if e.source else "-"
    tgt = f"{e.target.code}" if e.target else "-"
    return (f"#{i} {e.event_type} {e.cameo} {e.status} src={src} tgt={tgt} part={part(story)}\n   "
            + " ".join("".join(s).split()))
