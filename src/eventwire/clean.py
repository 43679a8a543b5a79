"""Clean a story: split it into paragraphs and mark what is not news text.

Subheadings (short lines with no final punctuation), the headline and page
boilerplate (cookie, comment, subscription notices: ``data/boilerplate.txt``)
are kept with their offsets but marked, so they produce no events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import resources
from .errors import InputError

_TERMINAL = tuple('.!?:;"”’\')]…,')
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

#: Common English function words; a story of real length in which they are rare is not English.
_ENGLISH = frozenset(
    "the of and to a in that is was for on are with as he it his by at be from have has "
    "had not but they this were which an said or will would its their been who after also "
    "more than over into about we our when there what can could said she her him them".split()
)


@dataclass(slots=True)
class Paragraph:
    text: str
    start: int
    kind: str  # body | title | subheading | boilerplate | dateline

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@lru_cache(maxsize=1)
def boilerplate_pattern() -> re.Pattern:
    """The patterns of data/boilerplate.txt as one expression that must open the text
    (after at most a few characters: a bullet, a bracket, "Please")."""
    either = "|".join(f"(?:{p})" for p in resources.lines("boilerplate.txt"))
    return re.compile(rf"^.{{0,12}}?(?:{either})", re.IGNORECASE | re.DOTALL)


def is_boilerplate(text: str) -> bool:
    """Page boilerplate: a pattern of data/boilerplate.txt opens the text."""
    return boilerplate_pattern().search(text) is not None


def is_heading(line: str) -> bool:
    """A short line without final punctuation: a headline or subheading."""
    words = line.split()
    return 0 < len(words) <= 12 and not line.rstrip().endswith(_TERMINAL) and line[:1].isupper()


#: A wire dateline opening a paragraph: "KYIV, March 14 (Reuters) - ", "SEOUL (AP) — ".
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?:, [A-Z][A-Za-z.]+(?: \d{1,2})?)?"
    r"(?: \([A-Za-z .]+\))?\s*[-–—]+\s+")


def paragraphs(text: str, title: str | None = None) -> list[Paragraph]:
    """Non-empty lines of ``text`` with their offsets and kinds."""
    out: list[Paragraph] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            if not out and title is not None and stripped == title.strip():
                kind = "title"
            elif is_boilerplate(stripped) and len(stripped) < 400:
                kind = "boilerplate"
            elif is_heading(stripped):
                kind = "title" if not out else "subheading"
            else:
                kind = "body"
            dateline = DATELINE.match(stripped) if kind == "body" else None
            if dateline:
                out.append(Paragraph(stripped[:dateline.end()].rstrip(), start, "dateline"))
                stripped, start = stripped[dateline.end():], start + dateline.end()
            out.append(Paragraph(stripped, start, kind))
        pos += len(raw) + 1
    return out


def check_english(text: str, name: str = "story") -> None:
    """Refuse a story of 20 words or more in which English function words are rare."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 20:
        return
    share = sum(w in _ENGLISH for w in words) / len(words)
    if share < 0.08:
        raise InputError(f"{name}: not an English story ({share:.0%} English function words)")
