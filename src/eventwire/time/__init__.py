"""The time stage: find time expressions, normalise them, and date every event.

Input: a ``Parsed`` story with its events. Output: ``story.times`` and, on each
event, ``date``, ``date_precision`` and ``time`` (the expression it came from);
an event with no expression of its own keeps the publication date with precision
``story``. An asserted event dated well before publication becomes ``historical``.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.matcher import Matcher
from spacy.tokens import Span as SpacySpan, Token
from spacy.util import filter_spans

from ..model import Span, TimeExpression
from ..parse import Parsed, word_ids
from .normalise import Normaliser, Timex, tables

__all__ = ["Normaliser", "Timex", "date_events", "find_times", "precision"]

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})


def tense(tok: Token) -> str:
    """past | present | future | prospective | none for the verb a time expression
    modifies, where the parse says so plainly.

    Only a verb reached directly ("met Monday", "met on Monday") sets the tense; an
    expression that modifies a noun ("Thursday's closing price", "a cutback in
    September"), a deadline preposition ("extended to Nov. 16") or a verb's object
    ("set Nov. 10 as the deadline") says nothing: "none". Plans ("scheduled a meeting
    Thursday", "is to resume Tuesday") are "prospective"; a bare infinitive ("agreed to
    meet Monday") says nothing, as such attachments are often wrong.
    """
    t = tables()
    node, direct, deadline = tok, True, False
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        deadline = node.head.lower_ in t["deadline_prepositions"]
        direct = not deadline
        node = node.head
    elif node.dep_ not in ("npadvmod", "advmod", "tmod"):
        direct = False
    verb = node.head
    if not direct or verb.pos_ not in ("VERB", "AUX"):
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if _future(verb):
            return "future"  # "will be named commander for a mission in December"
        # what a clause in the past tense tells of is past, unless it is a plan: "after a test in
        # January, the Council imposed sanctions" is the last January, "scheduled talks for May" is not
        return "past" if _past(verb) and not deadline and verb.lemma_ not in t["prospective_verbs"] else "none"
    if _future(verb):
        return "future"
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    plan = verb if verb.lemma_ in t["prospective_verbs"] else verb.head if any(a.lower_ == "to" for a in aux) and (
        verb.head.lemma_ in t["prospective_verbs"] or verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP")) else None
    if plan is not None:  # "scheduled a meeting Thursday", "is scheduled to close Monday", "is to resume Tuesday"
        present = any(a.tag_ in ("VBZ", "VBP", "MD") for a in plan.children if a.dep_ in ("aux", "auxpass"))
        past = plan.tag_ == "VBD" or plan.tag_ == "VBN" and not present
        return "present" if past else "prospective"  # a past plan ("planned ... for Saturday"): the nearer day
    if node.lower_ == "since":
        return "past"
    if _past(verb):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "present"
    return "none"


def _past(verb: Token) -> bool:
    """"went", "has gone", "had gone", "was taken"."""
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lower_ in ("has", "have", "had")
                                     for a in verb.children if a.dep_ in ("aux", "auxpass"))


def _future(verb: Token) -> bool:
    """"will go", "would go" (not "would have gone"), "is going to go"."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ == "have" for a in aux):
        return False
    return any(a.lower_ in FUTURE_AUX for a in aux) or any(
        a.lower_ in ("is", "are", "'s", "'re") and a.nbor(1).lower_ == "going" for a in aux if a.i + 1 < len(a.doc))


def precision(timex_value: str | None, mod: str | None = None) -> str:
    """day | month | year | approx | unknown, from a TIMEX3 value."""
    v = timex_value or ""
    if not v or "X" in v or v.endswith("_REF") or v.startswith("P"):
        return "unknown"
    if mod in ("START", "MID", "END", "APPROX") or "W" in v or "Q" in v or v[5:7] in ("SP", "SU", "FA", "WI"):
        return "approx"
    if len(v) >= 10:
        return "day"
    if len(v) == 7:
        return "month"
    if len(v) == 4:
        return "year"
    return "approx"


def _end_of(value: str) -> dt.date | None:
    """Last day covered by a DATE value (for the historical test)."""
    try:
        if len(value) >= 10:
            return dt.date.fromisoformat(value[:10])
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            y, m = int(value[:4]), int(value[5:])
            return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 12, 31)
        if "-W" in value:
            return dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 7)
        if "-Q" in value:
            q = int(value[6])
            return dt.date(int(value[:4]) + (q == 4), (q * 3) % 12 + 1, 1) - dt.timedelta(days=1)
    except ValueError:
        return None
    return None


_MATCHERS: dict[int, tuple[Matcher, frozenset[int]]] = {}


def _matcher(vocab) -> tuple[Matcher, frozenset[int]]:
    """Token patterns for expressions the entity recogniser misses ("just over a week"),
    and the words every match holds one of (as LOWER ids), where the patterns are tried."""
    m = _MATCHERS.get(id(vocab))
    if m is None:
        t = tables()
        units = [u for k in t["units"] if k != "second" for u in (k, k + "s")] + ["centuries"]
        numbers = [str(k) for k in t["numbers"]]
        m = Matcher(vocab)
        m.add("DURATION", [[{"LOWER": {"IN": numbers}}, {"LOWER": {"IN": t["unit_qualifiers"]}, "OP": "?"},
                            {"LOWER": {"IN": units}}]])  # modifiers: see _candidates
        m.add("WEEKDAY", [[{"LOWER": {"IN": list(t["weekdays"])}, "IS_TITLE": True, "LENGTH": {">": 3}}]])
        m.add("SET", [[{"LOWER": {"IN": ["every", "each"]}},
                       {"LOWER": {"IN": list(t["weekdays"]) + list(t["units"]) + [m for m in t["months"] if len(m) > 3]}}]])
        m.add("SET_WORD", [[{"LOWER": {"IN": list(t["sets"])}, "DEP": "advmod"}]])  # "trades daily"
        m.add("REF", [[{"LOWER": {"IN": t["reference_words"]}, "POS": {"IN": ["ADV", "ADJ"]}}],
                      [{"LOWER": "the"}, {"LOWER": {"IN": ["past", "future"]}, "POS": "NOUN"}],
                      [{"LOWER": "the"}, {"LOWER": {"IN": ["near", "short"]}}, {"LOWER": {"IN": ["term", "future"]},
                                                                                 "POS": "NOUN"}]])
        m.add("PERIOD", [[{"LOWER": "the"}, {"LOWER": {"IN": ["latest", "current"]}},
                          {"LOWER": {"IN": ["period", "quarter"]}}]])  # earnings reports
        m.add("YEAR_END", [[{"LOWER": "year"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "end"}]])
        holidays = [[{"LOWER": w} for w in re.findall(r"'s|\w+", name)] for name in t["holidays"]]
        m.add("HOLIDAY", holidays)
        anchors = units + list(t["weekdays"]) + list(t["sets"]) + ["every", "each", "year", "latest", "current",
                                                                   "past", "future", "near", "short", *t["reference_words"]]
        anchors += [max((w["LOWER"] for w in p), key=len) for p in holidays]  # "year" in "new year's day"
        _MATCHERS[id(vocab)] = m, word_ids(anchors)
    return _MATCHERS[id(vocab)]


def _matched(doc) -> list[SpacySpan]:
    """Matches of the token patterns, tried only near the words they need: the whole
    Matcher over every token would cost more than the rest of the time stage."""
    matcher, anchors = _matcher(doc.vocab)
    windows: list[list[int]] = []
    for i in (i for i, word in enumerate(doc.to_array("LOWER").tolist()) if word in anchors):
        # no pattern reaches more than 2 tokens before or 4 after its anchor
        start, end = max(0, i - 2), min(len(doc), i + 5)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [m for start, end in windows for m in matcher(doc[start:end], as_spans=True)]


_AGE = re.compile(r"\byears?[- ]old\b|\bage[ds]?\b", re.IGNORECASE)


def _candidates(doc) -> list[SpacySpan]:
    """DATE and TIME entities (not ages), and what the token patterns add; where the two
    overlap the longer span wins ("each Thursday" over "Thursday")."""
    ents = [e for e in doc.ents if e.label_ in ("DATE", "TIME") and not _AGE.search(e.text)
            and not (len(e) == 1 and e[0].dep_ == "amod" and e[0].lower_ in tables()["sets"])  # "quarterly dividend"
            and not (e.text.isdigit() and len(e.text) != 4)]  # a bare number is not a date
    extra = [doc[_with_modifiers(doc, m.start) if m.label_ == "DURATION" else m.start:m.end] for m in _matched(doc)]
    return sorted((_completed(s) for s in filter_spans(ents + extra)), key=lambda s: s.start)


def _with_modifiers(doc, start: int) -> int:
    """Where a matched duration starts once the words that qualify it are in ("just over",
    "more than"; a bare "than" is the comparison's, not the duration's)."""
    modifiers = tables()["duration_modifiers"]
    while start > 0 and doc[start - 1].lower_ in modifiers and (
            doc[start - 1].lower_ != "than" or start > 1 and doc[start - 2].lower_ in modifiers):
        start -= 1
    return start


def _completed(span: SpacySpan) -> SpacySpan:
    """The words the entity recogniser often leaves out: the determiner of a unit ("this
    year's", "the following month"), the "ago" or "earlier" after one ("a year earlier"),
    the period after a year ("the 1989 period")."""
    doc, t = span.doc, tables()
    start, end = span.start, span.end
    while span[0].lower_.rstrip("s") in t["units"] and start > 0 and doc[start - 1].lower_ in t["unit_determiners"] \
            and doc[start - 1].head.i in range(start, end):
        start -= 1
    if end < len(doc) and doc[end].lower_ in ("ago", "earlier", "later") and doc[end - 1].lower_.rstrip("s") in t["units"]:
        end += 1
    if end < len(doc) and doc[end].lower_ in ("period", "quarter") and span.text.isdigit() and start > 0 \
            and doc[start - 1].lower_ == "the":  # "the 1989 period" of an earnings report
        start, end = start - 1, end + 1
    return doc[start:end] if (start, end) != (span.start, span.end) else span


def _joined(spans: list[SpacySpan], anchor: dt.date | None) -> list[SpacySpan]:
    """Join neighbours that make one expression ("Wednesday" + "night", "9 a.m." +
    "Tuesday", "5 p.m. EST" + "Nov. 9")."""
    out: list[SpacySpan] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and (span.start == prev.end or span.start == prev.end + 1 and span.doc[prev.end].text == ","):
            joined = span.doc[prev.start:span.end]
            if _normalise(joined, anchor) is not None:
                out[-1] = joined
                continue
        out.append(span)
    return out


def _normalise(span: SpacySpan, anchor: dt.date | None, quarter: str | None = None,
               last_date: str | None = None) -> Timex | None:
    while len(span) > 1 and span[-1].tag_ == "POS":
        span = span.doc[span.start:span.end - 1]
    return Normaliser(anchor, tense(span.root), quarter, last_date)(span.text, span.doc[span.end:span.end + 3].text)


_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
_CALENDAR = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?(?:T|$)")
_NAMED_QUARTER = re.compile(r"^(?!.*\b(?:ago|earlier|last|previous|prior)\b).*\b(?:first|second|third|fourth|[1-4](?:st|nd|rd|th)"
                            r")[- ](?:fiscal )?quarter", re.IGNORECASE)
_LONGER_PERIOD = re.compile(r"\b(?:nine|six|twelve) months\b|\bfull year\b|\bfiscal year\b|\byear to date\b",
                            re.IGNORECASE)


def _parts(span: SpacySpan, anchor: dt.date | None, quarter: str | None = None,
           last_date: str | None = None) -> list[tuple[SpacySpan, Timex]]:
    """The expression, or, when the entity recogniser took in extra words ("its fourth
    quarter ended Sept. 30"), the longest pieces of it that normalise, left to right."""
    timex = _normalise(span, anchor, quarter, last_date)
    if timex is not None or len(span) > 12:
        return [(span, timex or Timex("DATE", None, resolved=False))]
    doc, out, i = span.doc, [], span.start
    while i < span.end:
        for j in range(span.end, i, -1):
            piece = doc[i:j]
            if piece[0].is_punct or piece[0].pos_ in ("DET", "ADP", "CCONJ", "VERB") and len(piece) == 1:
                continue
            t = _normalise(piece, anchor, quarter, last_date)
            if t is not None:
                out.append((piece, t))
                i = j
                break
        else:
            i += 1
    return out or [(span, Timex("DATE", None, resolved=False))]


def find_times(parsed: Parsed) -> dict[tuple[int, int], TimeExpression]:
    """Fill ``story.times``; return them keyed by (block, root token) for dating events."""
    story = parsed.story
    anchor = dt.date.fromisoformat(story.published) if story.published else None
    found: dict[tuple[int, int], TimeExpression] = {}
    story.times = []
    quarter = None  # the quarter the story last named: earnings reports compare with it
    last_date = None  # the last date it named: "that year" is that date's year
    for b, block in enumerate(parsed.blocks):
        for candidate in _joined(_candidates(block.doc), anchor):
            ref = quarter if quarter is None or not _LONGER_PERIOD.search(candidate.sent.text) else None
            for span, timex in _parts(candidate, anchor, ref, last_date):
                if timex.value and _QUARTER.match(timex.value) and _NAMED_QUARTER.search(span.text):
                    quarter = timex.value
                if timex.type in ("DATE", "TIME") and timex.value and _CALENDAR.match(timex.value):
                    last_date = timex.value
                start, end = parsed.span_offsets(b, span)
                te = TimeExpression(span.text, start, end, timex.type, timex.value, timex.mod,
                                    timex.resolved, block.sentence_of(span.root.i))
                story.times.append(te)
                found[(b, span.root.i)] = te
    if anchor is None and any(not t.resolved for t in story.times):
        story.warnings.append("no publication date: relative time expressions left unresolved")
    return found


def _governor(tok: Token, triggers: set[int]) -> int:
    """The verb or event noun a time expression modifies."""
    node = tok
    while node.head.i != node.i:
        child, node = node, node.head
        if node.pos_ in ("VERB", "AUX") or node.i in triggers:
            return node.i
        if node.pos_ in ("NOUN", "PROPN") and child.dep_ in ("compound", "nmod", "amod", "poss"):
            return node.i  # "the January 6 riot": the date belongs to the riot
    return node.i


def date_events(parsed: Parsed, times: dict[tuple[int, int], TimeExpression], min_days: int = 60) -> None:
    """Give every event the date of the expression that modifies its trigger."""
    story = parsed.story
    by_governor: dict[tuple[int, int], TimeExpression] = {}
    for b, block in enumerate(parsed.blocks):
        triggers = {i for bb, i in parsed.triggers if bb == b}
        for (bb, root), te in times.items():
            if bb == b and te.type in ("DATE", "TIME") and te.value and not te.value.endswith("_REF"):
                by_governor.setdefault((b, _governor(block.doc[root], triggers)), te)
    published = dt.date.fromisoformat(story.published) if story.published else None
    for event, (b, i) in zip(story.events, parsed.triggers):
        tok = parsed.blocks[b].doc[i]
        path = [tok]
        while len(path) < 4 and path[-1].dep_ in ("xcomp", "advcl", "conj", "pobj", "prep", "dobj", "acl"):
            if path[-1].dep_ == "conj" and any(c.dep_.startswith("nsubj") for c in path[-1].children):
                break  # a coordinated clause with its own subject has its own time
            path.append(path[-1].head)
        te = next((by_governor[(b, t.i)] for t in path if (b, t.i) in by_governor), None)
        if te is None:
            continue
        event.date = te.value[:10]
        event.date_precision = precision(te.value, te.mod)
        event.time = Span(te.text, te.start, te.end)
        end = _end_of(te.value)
        if published and end and event.status == "asserted" and (published - end).days >= min_days:
            event.status = "historical"
            event.evidence += f"; status historical: dated {te.value}, before publication"
