"""Normalise one time expression to a TIMEX3 value, anchored on the publication date.

Rules are tried in order, each a small function over the lower-cased words; the
words themselves (months, units, modifiers, named dates ...) live in
``data/time.yaml``. ``tense`` (past | present | future) decides which way a bare
weekday, month or day-of-month points. With no anchor, relative expressions get
``value=None`` (or a TIMEX3 pattern with X for the unknown year) and
``resolved=False``: the machine's clock is never used.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import resources


@lru_cache(maxsize=None)
def _mod_pattern(phrase: str) -> re.Pattern:
    """A modifier phrase at the start of an expression ("early", "the end of the")."""
    return re.compile(rf"{re.escape(phrase)}(\s+of)?(\s+the)?\s+")


@dataclass(slots=True)
class Timex:
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    mod: str | None = None
    resolved: bool = True


@lru_cache(maxsize=1)
def tables() -> dict:
    t = resources.load_yaml("time.yaml")
    t["mod_phrases"] = sorted(t["mods"], key=len, reverse=True)
    return t


_YEAR = r"(\d{4})"
_ORD = re.compile(r"(\d{1,2})(st|nd|rd|th)?$")
_PREP = re.compile(r"^(on|in|at|by|since|until|till|during|from|to|of|for|through|throughout)\s+(?!least\b|most\b)")
_DEFINITE = re.compile(r"(?:(?:on|in|at|by|during|for|of)\s+)?the\s")
_LEAD = re.compile(r"^(?:a|an|its|their|his|her|our|the|this company's|just|only|fully)\s+(?=\S)")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
             "last": 4}


def number(word: str) -> str | None:
    """'3' -> '3', 'three' -> '3', 'several' -> 'X'."""
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return word.rstrip("0").rstrip(".") if "." in word else word
    value = tables()["numbers"].get(word)
    if value is None:
        return None
    return "X" if value == "X" else f"{value:g}" if isinstance(value, float) else str(value)


def _unit(word: str) -> str | None:
    units = tables()["units"]
    base = word[:-1] if word.endswith("s") and word[:-1] in units else word
    base = "century" if word == "centuries" else base
    return units.get(base)


_HALF = {"Y": "6M", "M": "15D", "D": "T12H", "H": "30M", "MIN": "30S"}  # half of a unit, in the next smaller one


def duration(n: str, unit: str) -> str:
    """TIMEX3 duration: P2W, PT3H, PXDE, P2Y6M ("two and a half years")."""
    if unit == "2W":
        return f"P{int(n) * 2 if n.isdigit() else 'X'}W"
    time = "T" if unit in ("H", "S", "MIN") else ""
    letter = "M" if unit == "MIN" else unit
    if n.endswith(".5") and unit in _HALF:
        whole = n[:-2]
        return f"P{time}{whole}{letter}{_HALF[unit]}" if whole != "0" else f"P{time}{_HALF[unit]}"
    return f"P{time}{n}{letter}"


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"


def _words_to_digits(s: str) -> str:
    """'twenty four hours' -> '24 hours', 'a couple of years' -> '2 years', '2 1/2' -> '2.5'."""
    nums = tables()["numbers"]
    s = re.sub(rf"\b({_TENS})\s+({_UNITS})\b", lambda m: str(nums[m[1]] + nums[m[2]]), s)
    s = re.sub(rf"\b(eighteen|nineteen)\s+(\d\d|{_TENS}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
               rf"eighteen|nineteen)\b", lambda m: f"{nums[m[1]]}{int(nums.get(m[2], m[2])):02d}", s)  # nineteen ninety-six
    s = re.sub(r"\btwo thousand(?: and)? (\d|one|two|three|four|five|six|seven|eight|nine)\b",
               lambda m: f"200{nums.get(m[1], m[1])}", s)
    s = re.sub(r"\b(?:the )?year two thousand\b", "2000", s)
    s = re.sub(r"\b(?:a|one)\s+hundred\b", "100", s)
    s = re.sub(r"\ba couple of\b", "2", s)
    s = re.sub(r"\b(\d+) 1/2\b", lambda m: f"{int(m[1]) + 0.5:g}", s)
    return s


# -- calendar helpers ---------------------------------------------------------
def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _pick(gap_before: int, gap_after: int, tense: str) -> bool:
    """True for the occurrence before the anchor, False for the one after it.

    Past and future tense (and plans: "prospective") decide; the present takes the
    nearer one; with no tense the earlier one wins unless the later one is clearly
    nearer, as news reports mostly what has happened."""
    if tense in ("future", "prospective"):
        return False
    if tense == "past":
        return True
    if tense == "present":
        return gap_before <= gap_after
    return gap_before <= 1.5 * gap_after


def _weekday(anchor: dt.date, weekday: int, tense: str, later: bool) -> dt.date:
    """The weekday nearest the anchor in the direction ``_pick`` gives; the anchor itself
    when it is that day, unless the tense is future; ``later`` ("later Monday") looks ahead."""
    diff = weekday - anchor.isoweekday()
    if diff == 0 and tense != "future":
        return anchor
    back = diff if diff < 0 else diff - 7
    ahead = diff if diff > 0 else diff + 7
    if later:
        return anchor + dt.timedelta(days=ahead)
    return anchor + dt.timedelta(days=back if _pick(-back, ahead, tense) else ahead)


def _month_year(anchor: dt.date, month: int, tense: str) -> int:
    """The year of a bare month."""
    if month == anchor.month:
        return anchor.year
    before = anchor.year if month < anchor.month else anchor.year - 1
    gap_before = (anchor.month - month) % 12
    return before if _pick(gap_before, 12 - gap_before, tense) else before + 1


def _day_year(anchor: dt.date, month: int, day: int, tense: str) -> int:
    """The year of a bare day of a month."""
    if (month, day) == (anchor.month, anchor.day):
        return anchor.year
    before = anchor.year if (month, day) < (anchor.month, anchor.day) else anchor.year - 1
    try:
        gap_before = (anchor - dt.date(before, month, day)).days
        gap_after = (dt.date(before + 1, month, day) - anchor).days
    except ValueError:
        return before
    return before if _pick(gap_before, gap_after, tense) else before + 1


def _holiday(year: int, spec: str) -> dt.date:
    """The day a holiday falls on in a year: "12-25", or "11-4-4" (fourth Thursday of November)."""
    parts = [int(p) for p in spec.split("-")]
    if len(parts) == 2:
        return dt.date(year, parts[0], parts[1])
    month, weekday, nth = parts
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


# -- the rules ------------------------------------------------------------------
@lru_cache(maxsize=65536)
def _cached(text: str, after: str, anchor: dt.date | None, tense: str, quarter: str | None,
            last_date: str | None) -> Timex | None:
    """Normalisations repeat across a corpus ("Monday", "last year"): compute each once."""
    return Normaliser(anchor, tense, quarter, last_date)._run(text, after)


#: Words that point at a time the story has already named ("that year", "the following month").
_ANAPHORA = re.compile(r"\b(?:that|same|following|previous|preceding|next|overnight)\b|"
                       r"^the (?:morning|afternoon|evening|night)$", re.IGNORECASE)


class Normaliser:
    def __init__(self, anchor: dt.date | None, tense: str = "past", quarter: str | None = None,
                 last_date: str | None = None):
        """``quarter``: the quarter the story reports on ("2024-Q3"), once it has named one;
        "the quarter" is that quarter and "a year earlier" the same quarter a year before.
        ``last_date``: the last date the story named ("1988", "1998-10-23"); "that year",
        "the following month", "earlier that day" count from it (else from the anchor)."""
        self.anchor = anchor
        self.tense = tense
        self.quarter_ref = quarter
        self.last_date = last_date
        self.t = tables()

    def __call__(self, text: str, after: str = "") -> Timex | None:
        low = text.lower()
        named = any(p.startswith(low.strip()) or low.strip().startswith(p) for p in self.t["named_dates"])
        last_date = self.last_date if _ANAPHORA.search(low) else None  # keeps the cache useful
        keep_after = named or low.rstrip().endswith("year")  # "the year ended June 30"
        return _cached(text, after if keep_after else "", self.anchor, self.tense, self.quarter_ref, last_date)

    def _run(self, text: str, after: str) -> Timex | None:
        self.month_may = "May" in text  # the month, not the modal verb
        s = text.lower().replace("’", "'").strip(" ,.;:")
        s = re.sub(r"'s$", "", s)
        self.definite = bool(_DEFINITE.match(s))
        s = _words_to_digits(re.sub(r"(?<=[a-z])-(?=[a-z0-9])|(?<=[0-9])-(?=[a-z])", " ", s))
        s = _PREP.sub("", s)
        s = re.sub(r"\s+or so\b", "", s)
        s = _LEAD.sub("", _LEAD.sub("", s))
        s = self._drop_weekday(s)
        try:
            return self._rules(s, after.lower())
        except (OverflowError, ValueError):  # a date outside the calendar ("last Monday" of 0001-01-01)
            return None

    def _rules(self, s: str, after: str) -> Timex | None:
        for rule in (self.named, self.holiday, self.sets, self.iso, self.times, self.calendar, self.quarter,
                     self.season, self.deictic, self.weekday, self.part_of_day, self.anaphoric, self.relative, self.ago,
                     self.the_year, self.duration, self.qualified, self.reference):
            out = rule(s, after)
            if out is not None:
                return out
        return None

    def _drop_weekday(self, s: str) -> str:
        """"Saturday, April 25" and "this coming Sunday, March eighth" are April 25 and March 8."""
        weekdays = "|".join(self.t["weekdays"])
        months = "|".join(self.t["months"])
        s = re.sub(rf"^(?:(?:this|coming|next|last)\s+)*(?:{weekdays}),?\s+(?=(?:{months})\b)", "", s)
        ordinals = self.t["ordinal_days"]
        spelled = rf"(?:(twenty|thirty)\s+)?({'|'.join(ordinals)})"
        return re.sub(rf"^((?:{months})\.?)\s+{spelled}\b",  # "March eighth" is March 8
                      lambda m: f"{m[1]} {(20 if m[2] == 'twenty' else 30 if m[2] else 0) + ordinals[m[3]]}", s)

    def _mod(self, s: str) -> tuple[str | None, str]:
        for phrase in self.t["mod_phrases"]:
            m = _mod_pattern(phrase).match(s)
            if m:
                return self.t["mods"][phrase], s[m.end():]
        return None, s

    def _relative(self, value: str) -> Timex:
        return Timex("DATE", value if self.anchor else None, resolved=self.anchor is not None)

    def named(self, s: str, after: str) -> Timex | None:
        for phrase, value in self.t["named_dates"].items():
            if f"{s} {after}".startswith(phrase) or s == phrase:
                return Timex("DATE", str(value))
        return None

    def holiday(self, s: str, after: str) -> Timex | None:
        m = re.fullmatch(r"(?:(last|this|next)\s+)?(.+)", s)
        spec = self.t["holidays"].get(m[2]) if m else None  # nothing left once "'s" is cut
        if spec is None:
            return None
        if self.anchor is None:
            return Timex("DATE", None, resolved=False)
        tense = {"last": "past", "next": "future"}.get(m[1] or "", self.tense)
        this = _holiday(self.anchor.year, spec)
        if this == self.anchor:
            return Timex("DATE", this.isoformat())
        before, later = sorted((this, _holiday(self.anchor.year + (1 if this < self.anchor else -1), spec)))
        pick = _pick((self.anchor - before).days, (later - self.anchor).days, tense)
        return Timex("DATE", (before if pick else later).isoformat())

    def sets(self, s: str, after: str) -> Timex | None:
        if s in self.t["sets"]:
            return Timex("SET", self.t["sets"][s])
        parts = self.t["parts_of_day"]
        m = re.fullmatch(rf"(\w+?)(?:s|\s+({'|'.join(parts)})s)", s)  # "Tuesdays", "Tuesday nights"
        if m and m[1] in self.t["weekdays"]:
            return Timex("SET", f"XXXX-WXX-{self.t['weekdays'][m[1]]}" + (f"T{parts[m[2]]}" if m[2] else ""))
        m = re.fullmatch(r"(every|each)\s+(other\s+)?(\w+)", s)
        if not m:
            return None
        word = m.group(3)
        if word in self.t["weekdays"]:
            return Timex("SET", f"XXXX-WXX-{self.t['weekdays'][word]}")
        if word in self.t["months"] and len(word) > 3:
            return Timex("SET", f"XXXX-{self.t['months'][word]:02d}")
        unit = _unit(word)
        return Timex("SET", f"P{2 if m.group(2) else 1}{unit}") if unit else None

    def iso(self, s: str, after: str) -> Timex | None:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
        if m:
            return Timex("DATE", _date(int(m[1]), int(m[2]), int(m[3])))
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", s)
        if m:
            year = int(m[3]) + (1900 if len(m[3]) == 2 and int(m[3]) > 50 else 2000 if len(m[3]) == 2 else 0)
            return Timex("DATE", _date(year, int(m[1]), int(m[2])))
        return None

    def times(self, s: str, after: str) -> Timex | None:
        """"10 p.m.", "5 p.m. EST Nov. 9", "noon Thursday", "midnight"."""
        zones = "|".join(self.t["time_zones"])
        rest = rf"(?:\s+(?:{zones})\b)?,?(?:\s+(.+))?"
        m = re.fullmatch(rf"(\d{{1,2}})(?::(\d{{2}}))?\s*(a\.?m\.?|p\.?m\.?)?{rest}", s)
        if m and (m[2] is not None or m[3] is not None):
            hour = int(m[1]) % 12 + (12 if m[3] and m[3].startswith("p") else 0) if m[3] else int(m[1])
            clock, day_words = f"{hour:02d}:{m[2] or '00'}", m[4]
            if hour > 24 or int(m[2] or 0) > 59:
                return None
        else:
            m = re.fullmatch(rf"(noon|midday|midnight){rest}", s)
            if not m:
                return None
            clock, day_words = ("12:00" if m[1] != "midnight" else "24:00"), m[2]
        day = self._day_of(day_words)
        return Timex("TIME", f"{day}T{clock}", resolved=self.anchor is not None) if day else None

    def _day_of(self, words: str | None) -> str | None:
        """The day a time of day falls on: "Wednesday", "today", "Nov. 9" (None: not a day)."""
        if self.anchor is None:
            return "XXXX-XX-XX"
        words = (words or "").strip()
        if not words or words in self.t["deictic_days"]:
            return (self.anchor + dt.timedelta(days=self.t["deictic_days"].get(words, 0))).isoformat()
        day = self.weekday(words, "") or self.calendar(words, "")
        return day.value if day and day.value and len(day.value) == 10 else None

    def calendar(self, s: str, after: str) -> Timex | None:
        mod, s = self._mod(s)
        months = "|".join(sorted(self.t["months"], key=len, reverse=True))
        s = s.replace(".", "") if re.match(rf"(?:(?:last|this|next)\s+)?({months})\.", s) else s
        m = re.fullmatch(rf"({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", s) or \
            re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({months}),?\s+{_YEAR}", s)
        if m:
            month, day = (m[1], m[2]) if not m[1].isdigit() else (m[2], m[1])
            return Timex("DATE", _date(int(m[3]), self.t["months"][month], int(day)), mod)
        m = re.fullmatch(rf"(?:(last|this|next)\s+)?({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?", s) or \
            re.fullmatch(rf"(?:(last|this|next)\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({months})", s)
        if m:
            month, day = (m[2], m[3]) if not m[2].isdigit() else (m[3], m[2])
            mo, d = self.t["months"][month], int(day)
            if self.anchor is None:
                return Timex("DATE", f"XXXX-{mo:02d}-{d:02d}", mod, resolved=False)
            tense = {"last": "past", "next": "future", "this": "present"}.get(m[1] or "", self.tense)
            return Timex("DATE", _date(_day_year(self.anchor, mo, d, tense), mo, d), mod)
        m = re.fullmatch(rf"({months})(?:\s+of)?,?\s+{_YEAR}", s)
        if m:
            return Timex("DATE", f"{m[2]}-{self.t['months'][m[1]]:02d}", mod)
        m = re.fullmatch(rf"({months})(?:\s+of)?\s+(this|last|next)\s+year", s)
        if m:
            if self.anchor is None:
                return Timex("DATE", None, mod, resolved=False)
            year = self.anchor.year + {"this": 0, "last": -1, "next": 1}[m[2]]
            return Timex("DATE", f"{year}-{self.t['months'][m[1]]:02d}", mod)
        m = re.fullmatch(rf"(last|this|next|past)?\s*({months})", s)
        if m and (m[1] or len(m[2]) > 3 or m[2] == "may" and self.month_may):
            mo = self.t["months"][m[2]]
            if self.anchor is None:
                return Timex("DATE", f"XXXX-{mo:02d}", mod, resolved=False)
            tense = {"last": "past", "past": "past", "next": "future"}.get(m[1] or "", self.tense)
            year = self.anchor.year if m[1] == "this" else _month_year(self.anchor, mo, tense)
            if m[1] == "last":  # "last June": the latest June before this month
                year = self.anchor.year if mo < self.anchor.month else self.anchor.year - 1
            return Timex("DATE", f"{year}-{mo:02d}", mod)
        m = re.fullmatch(rf"(?:fiscal\s+|fy\s*|year\s+)?{_YEAR}", s)
        if m and 1000 <= int(m[1]) <= 2999:
            return Timex("DATE", m[1], mod)
        m = re.fullmatch(r"(\d{3})0s|'(\d)0s", s)
        if m:
            return Timex("DATE", m[1] if m[1] else f"19{m[2]}", mod)
        if s in self.t["decades"]:  # "the nineties"
            return Timex("DATE", f"19{self.t['decades'][s]}", mod)
        m = re.fullmatch(r"(\d{2})(?:th|st|nd|rd)\s+century", s)
        if m:
            return Timex("DATE", f"{int(m[1]) - 1:02d}", mod)
        return None

    def quarter(self, s: str, after: str) -> Timex | None:
        if self.anchor is not None:  # the latest completed quarter, as earnings reports mean it
            done = (self.anchor.month - 1) // 3
            latest_year, latest = (self.anchor.year, done) if done else (self.anchor.year - 1, 4)
            y = re.fullmatch(r"(?:comparable |corresponding )?(?:year (?:ago|earlier)|last year'?s?) "
                             r"(?:(first|second|third|fourth) )?(?:quarter|period)", s)  # earnings reports
            if y:
                ref_year, ref_q = (int(self.quarter_ref[:4]), int(self.quarter_ref[-1])) if self.quarter_ref \
                    else (latest_year, latest)
                return Timex("DATE", f"{ref_year - 1}-Q{_ORDINALS[y[1]] if y[1] else ref_q}")
            y = re.fullmatch(r"(this|last|next) year'?s? (first|second|third|fourth) quarter", s)
            if y:
                return Timex("DATE", f"{self.anchor.year + {'this': 0, 'last': -1, 'next': 1}[y[1]]}-Q{_ORDINALS[y[2]]}")
        if s in ("quarter", "latest quarter", "latest period", "that quarter", "same quarter") and self.quarter_ref:
            return Timex("DATE", self.quarter_ref)
        y = re.fullmatch(r"(\d{4}) (?:quarter|period)", s)  # "the 1988 quarter": the story's quarter of that year
        if y and self.quarter_ref:
            return Timex("DATE", f"{y[1]}{self.quarter_ref[4:]}")
        if s in ("quarter", "latest quarter", "latest period") and self.anchor is not None:
            return Timex("DATE", f"{latest_year}-Q{latest}")
        y = re.fullmatch(r"(?:fiscal\s+)?(\d{4})\s+(?:fiscal\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter", s)
        if y:
            return Timex("DATE", f"{y[1]}-Q{_ORDINALS[y[2]]}")
        m = re.fullmatch(r"(?:fiscal\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|last|this|next|past|latest|current)\s+"
                         r"(?:fiscal\s+)?quarter(?:\s+of\s+(?:fiscal\s+)?(\d{4}))?", s)
        if not m:
            return None
        if m[2]:
            return Timex("DATE", f"{m[2]}-Q{_ORDINALS.get(m[1], 4)}")
        if self.anchor is None:
            return Timex("DATE", None, resolved=False)
        q = (self.anchor.month - 1) // 3 + 1
        year = self.anchor.year
        if m[1] in _ORDINALS and m[1] != "last":
            n = _ORDINALS[m[1]]
            return Timex("DATE", f"{year if n <= q else year - 1}-Q{n}")
        delta = {"last": -1, "past": -1, "latest": -1, "next": 1, "this": 0, "current": 0}[m[1]]
        index = year * 4 + (q - 1) + delta
        return Timex("DATE", f"{index // 4}-Q{index % 4 + 1}")

    def season(self, s: str, after: str) -> Timex | None:
        mod, s = self._mod(s)
        seasons = "|".join(self.t["seasons"])
        m = re.fullmatch(rf"(last|this|next|past)?\s*({seasons})(?:\s+(?:of\s+)?{_YEAR})?", s)
        if not m:
            return None
        code = self.t["seasons"][m[2]]
        if m[3]:
            return Timex("DATE", f"{m[3]}-{code}", mod)
        if self.anchor is None:
            return Timex("DATE", f"XXXX-{code}", mod, resolved=False)
        delta = {"last": -1, "past": -1, "next": 1}.get(m[1] or "", 0)
        return Timex("DATE", f"{self.anchor.year + delta}-{code}", mod)

    def deictic(self, s: str, after: str) -> Timex | None:
        days, parts = self.t["deictic_days"], self.t["parts_of_day"]
        m = re.fullmatch(rf"(early|late)?\s*(this|last|{'|'.join(days)})\s*({'|'.join(parts)})?", s)
        if not m or (m[2] in ("this", "last") and not m[3]):
            if s in parts and s == "tonight":
                m = re.fullmatch(r"()(tonight)()", s)
            else:
                return None
        offset = -1 if m[2] == "last" else days.get(m[2], 0)  # "last night"
        part = parts.get(m[3] or ("tonight" if m[2] == "tonight" else ""), None)
        if self.anchor is None:
            return Timex("TIME" if part else "DATE", None, resolved=False)
        day = (self.anchor + dt.timedelta(days=offset)).isoformat()
        return Timex("TIME", f"{day}T{part}") if part else Timex("DATE", day)

    def weekday(self, s: str, after: str) -> Timex | None:
        weekdays, parts = self.t["weekdays"], self.t["parts_of_day"]
        m = re.fullmatch(rf"(last|this|next|past|coming|later|earlier|early|late|previous|following)?\s*"
                         rf"({'|'.join(weekdays)})\.?,?\s*({'|'.join(parts)})?", s)
        if not m:
            return None
        wd = weekdays[m[2]]
        if self.anchor is None:
            return Timex("DATE", f"XXXX-WXX-{wd}", resolved=False)
        tense = {"last": "past", "past": "past", "next": "future", "coming": "future", "this": self.tense}.get(
            m[1] or "", self.tense)
        named = self._named(10) if m[1] in ("previous", "following") else None
        base = dt.date.fromisoformat(named) if named else self.anchor  # "the previous Friday": before the day named
        if m[1] in ("last", "previous"):
            day = base - dt.timedelta(days=(base.isoweekday() - wd) % 7 or 7)
        elif m[1] in ("next", "following"):
            day = base + dt.timedelta(days=(wd - base.isoweekday()) % 7 or 7)
        else:
            day = _weekday(self.anchor, wd, tense, later=m[1] == "later")
        part = parts.get(m[3] or "")
        return Timex("TIME", f"{day.isoformat()}T{part}") if part else Timex("DATE", day.isoformat())

    def part_of_day(self, s: str, after: str) -> Timex | None:
        """"mid-afternoon", "the morning", "overnight", "4 in the morning", "late afternoon Friday";
        with no day of their own, of the last day the story named (else of publication)."""
        parts = self.t["parts_of_day"]
        m = re.fullmatch(rf"(?:(\d{{1,2}})\s+in\s+the\s+)?(?:(early|late|mid)\s*)?({'|'.join(parts)})(?:\s+(.+))?", s)
        if not m or m[3] == "tonight" or not (m[1] or m[2] or m[4] or self.definite or m[3] == "overnight"):
            return None  # "morning talk show" is no time
        if self.anchor is None:
            return Timex("TIME", None, resolved=False)
        named = self._named(10)
        base = dt.date.fromisoformat(named) if named else self.anchor  # "the morning": of the day just named
        day = self._day_of(m[4]) if m[4] else (base - dt.timedelta(days=m[3] == "overnight")).isoformat()
        if day is None:
            return None
        part = parts[m[3]]
        if m[1]:
            hour = int(m[1]) % 12 + (12 if part in ("AF", "EV") else 0)
            return Timex("TIME", f"{day}T{hour:02d}:00")
        return Timex("TIME", f"{day}T{part}", self.t["mods"].get(m[2] or ""))

    def anaphoric(self, s: str, after: str) -> Timex | None:
        """"that year", "the same day", "later that month", "the following year", "the
        previous day", "the next morning": counted from the story's last named date."""
        m = re.fullmatch(r"(?:(?:earlier|later)\s+)?(?:that|that same|same)\s+(day|week|month|year)", s) or (
            re.fullmatch(r"(day)", s) if self.definite else None)  # "the day": the one just named
        delta = 0
        if not m and self.definite:
            m = re.fullmatch(r"(following|previous|preceding)\s+(day|month|year)|(next)\s+(day|morning)", s)
            if m:
                delta = -1 if m[1] in ("previous", "preceding") else 1
                m = re.fullmatch(r"\w+\s+(day|month|year)", s.replace("morning", "day"))
        if not m:
            return None
        unit = m[1]
        ref = self._named({"day": 10, "week": 10, "month": 7, "year": 4}[unit])
        if ref is None and self.anchor is None:
            return Timex("DATE", None, resolved=False)
        if ref is None:
            ref = self.anchor.isoformat()
        if unit == "year":
            return Timex("DATE", str(int(ref[:4]) + delta))
        if unit == "month":
            y, mo = _shift_month(int(ref[:4]), int(ref[5:7]), delta)
            return Timex("DATE", f"{y}-{mo:02d}")
        day = dt.date.fromisoformat(ref[:10]) + dt.timedelta(days=delta)
        return Timex("DATE", _week(day) if unit == "week" else day.isoformat())

    def _named(self, size: int) -> str | None:
        """The last date the story named, cut to ``size`` characters (4: year, 7: month,
        10: day), when it is that precise."""
        ref = (self.last_date or "")[:size]
        return ref if len(ref) == size and re.fullmatch(r"\d{4}(-\d\d){0,2}", ref) else None

    def the_year(self, s: str, after: str) -> Timex | None:
        """"the year" in news is the current one ("profit for the year"), not "the year ended June 30"."""
        if s == "year" and self.definite and self.anchor is not None and not after.startswith(("end", "to ", "through")):
            return Timex("DATE", str(self.anchor.year))
        return None

    def qualified(self, s: str, after: str) -> Timex | None:
        """"earlier yesterday", "later Tuesday", "earlier in the year": the day (year) itself."""
        m = re.fullmatch(r"(?:earlier|later)\s+(.+)", s)
        if not m:
            return None
        self.definite = self.definite or bool(_DEFINITE.match(m[1]))
        out = self._rules(_LEAD.sub("", _PREP.sub("", m[1])), after)
        return out if out is not None and out.type in ("DATE", "TIME") and out.value and out.value[:1].isdigit() else None

    def relative(self, s: str, after: str) -> Timex | None:
        week_of = re.fullmatch(r"week of (.+)", s)  # "the week of March 6": that date's week
        day = self.calendar(week_of[1], after) if week_of else None
        if day is not None and day.value and len(day.value) == 10:
            return Timex("DATE", _week(dt.date.fromisoformat(day.value)))
        mod, s = self._mod(s)
        if s in ("weekend", "this weekend") and self.anchor is not None:  # the last one in the past tense
            back = self.tense == "past" or (self.tense == "none" and self.anchor.isoweekday() <= 2)
            week = self.anchor - dt.timedelta(days=self.anchor.isoweekday()) if back else self.anchor
            return Timex("DATE", _week(week) + "-WE", mod)
        if s in ("full year", "fiscal year", "current fiscal year") and self.anchor is not None:
            return Timex("DATE", str(self.anchor.year), mod)
        if re.fullmatch(r"year(?:'s)? end", s) or mod in ("START", "MID", "END") and s in ("year", "month"):
            if self.anchor is None:  # "year-end", "the end of the year", "early in the month"
                return Timex("DATE", None, mod, resolved=False)
            value = str(self.anchor.year) if s.startswith("year") else f"{self.anchor.year}-{self.anchor.month:02d}"
            return Timex("DATE", value, mod or "END")
        m = re.fullmatch(r"(last|this|next|past|coming|previous|current|same)\s+"
                         r"(week|weekend|month|year|decade|century|fiscal year)", s)
        if not m:
            return None
        if m[1] == "same":
            return Timex("DATE", None, mod, resolved=False)
        if m[2] == "quarter" and m[1] in ("latest", "current"):
            return self.quarter(f"{m[1]} quarter", after)
        delta = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m[1], 0)
        if self.anchor is None:
            return Timex("DATE", None, mod, resolved=False)
        a, unit = self.anchor, m[2]
        if unit in ("year", "fiscal year"):
            value = str(a.year + delta)
        elif unit == "month":
            y, mo = _shift_month(a.year, a.month, delta)
            value = f"{y}-{mo:02d}"
        elif unit in ("week", "weekend"):
            value = _week(a + dt.timedelta(weeks=delta)) + ("-WE" if unit == "weekend" else "")
        elif unit == "decade":
            value = str(a.year // 10 + delta)
        else:
            value = str(a.year // 100 + delta)
        return Timex("DATE", value, mod)

    def ago(self, s: str, after: str) -> Timex | None:
        m = re.fullmatch(r"(?:about |around |nearly |some |almost |roughly |more than |over )?(?:(\w+(?:\.\d+)?)\s+)?"
                         r"(\w+)\s+(ago|earlier|before|later|from now|hence)", s)
        m = m or re.fullmatch(r"(?:in|within)\s+(\w+)\s+(\w+)", s)
        if not m:
            return None
        n, unit = (number(m[1]) if m[1] else "1"), _unit(m[2])
        if n is None or unit is None:
            return None
        if len(m.groups()) < 3 or m[3] in ("before", "earlier") and after.startswith(("the", "a ")):
            return None
        sign = 1 if len(m.groups()) < 3 or m[3] in ("later", "from now", "hence") else -1
        if self.anchor is None or n == "X":
            return Timex("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", resolved=self.anchor is not None)
        k = sign * float(n)
        a = self.anchor
        if unit == "D":
            return Timex("DATE", (a + dt.timedelta(days=k)).isoformat())
        if unit in ("W", "2W"):
            return Timex("DATE", _week(a + dt.timedelta(weeks=k * (2 if unit == "2W" else 1))))
        if unit == "M":
            y, mo = _shift_month(a.year, a.month, int(k))
            return Timex("DATE", f"{y}-{mo:02d}")
        if unit == "Y":
            if k == -1 and self.quarter_ref:  # earnings: "up from $3 million a year earlier"
                return Timex("DATE", f"{int(self.quarter_ref[:4]) - 1}{self.quarter_ref[4:]}")
            return Timex("DATE", str(a.year + int(k)))
        if unit == "DE":
            return Timex("DATE", str(a.year // 10 + int(k)))
        return Timex("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")

    def duration(self, s: str, after: str) -> Timex | None:
        mod, s = self._mod(s)
        s = re.sub(rf"\b(?:{'|'.join(self.t['unit_qualifiers'])})\s+(?=\w+$)", "", s)  # "eight trading days"
        m = re.fullmatch(r"(?:the\s+|past\s+|last\s+|next\s+|first\s+|coming\s+)*(?:(\S+)\s+)?(?:and a half\s+)?"
                         r"(\w+?)(?:-long|-old)?(\s+and a half)?", s)
        if not m:
            return None
        unit = _unit(m[2])
        if unit is None:
            return None
        plural = m[2].endswith("s") or m[2] == "centuries"
        n = number(m[1]) if m[1] else ("X" if plural else "1")
        if n is None or len(n) == 4:
            return None  # "the 1988 quarter" counts no quarters
        if m[3] and n.isdigit():
            n = f"{int(n) + 0.5:g}"
        if unit == "WE":
            return None
        unit = "MIN" if m[2].startswith("minute") else unit
        if unit == "Q" and n.isdigit():  # "the next three quarters": P9M
            n, unit = str(int(n) * 3), "M"
        value = duration(n, unit)
        return Timex("DURATION", value, mod)

    def reference(self, s: str, after: str) -> Timex | None:
        refs = self.t["references"]
        for key, ref in (("present", "PRESENT_REF"), ("past", "PAST_REF"), ("future", "FUTURE_REF")):
            if s in refs[key]:
                return Timex("DATE", ref)
        return None
