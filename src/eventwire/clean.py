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
    """A short line without final punctuation, or in title case: a headline or subheading."""
    words = line.split()
    if not 0 < len(words) <= 12 or not line[:1].isupper():
        return False
    return not line.rstrip().endswith(_TERMINAL) or _title_case(words)


def _title_case(words: list[str]) -> bool:
    """Every word but the minor ones (grammar.yaml ``title_case_minor``) is capitalised, and
    there are at least three: a headline that ends with a stop ("Old Hands Help Russia
    Navigate U.S. Media.")."""
    minor = _minor_words()
    content = [w for w in words if w[:1].isalpha() and w.lower().strip(".,:;") not in minor]
    return len(content) >= 3 and all(w[:1].isupper() for w in content)


@lru_cache(maxsize=1)
def _minor_words() -> frozenset[str]:
    return frozenset(resources.load_yaml("grammar.yaml")["title_case_minor"])


#: A wire dateline opening a paragraph: "KYIV, March 14 (Reuters) - ", "SEOUL (AP) — ".
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?:, [A-Z][A-Za-z.]+(?: \d{1,2})?)?"
    r"(?: \([A-Za-z .]+\))?\s*[-–—]+\s+")


#: Hard-wrapped text (lines broken at a fixed column, as e-mail and plain-text archives
#: have it): at least WRAP_LINES lines, most of them "full" (WRAP_FULL of the wrap width
#: or more) and most full lines ending mid-sentence, the width at most WRAP_MAX columns
#: (longer lines are paragraphs of their own).
WRAP_LINES, WRAP_MIN, WRAP_MAX, WRAP_FULL = 4, 30, 100, 0.7
_SENTENCE_END = tuple('.!?"”’…')


def wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text is broken at, or None when it is not wrapped."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < WRAP_LINES:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]  # a stray long line does not set it
    if not WRAP_MIN <= width <= WRAP_MAX:
        return None
    full = [line.rstrip() for line in lines if len(line.rstrip()) >= WRAP_FULL * width]
    open_ended = sum(not line.endswith(_SENTENCE_END) for line in full)
    return width if len(full) * 2 >= len(lengths) and open_ended * 2 >= len(full) else None


def _lines(text: str) -> list[tuple[str, int]]:
    """The lines of ``text`` with their offsets; in hard-wrapped text a full line and the
    non-empty line after it are one line, the line break read as a space (so offsets
    into the text stay as they are)."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append((raw, pos))
        pos += len(raw) + 1
    width = wrap_width([raw for raw, _ in lines])
    if width is None:
        return lines
    out: list[tuple[str, int]] = []
    previous = ""
    for raw, start in lines:
        if out and raw.strip() and len(previous.rstrip()) >= WRAP_FULL * width:
            out[-1] = (out[-1][0] + " " + raw, out[-1][1])
        else:
            out.append((raw, start))
        previous = raw
    return out


def paragraphs(text: str, title: str | None = None) -> list[Paragraph]:
    """Non-empty lines of ``text`` (hard-wrapped lines re-flowed: ``_lines``) with their
    offsets and kinds. A text of one line is body, whatever its case."""
    out: list[Paragraph] = []
    lines = _lines(text)
    alone = sum(1 for raw, _ in lines if raw.strip()) == 1  # a lone line heads nothing: it is the story
    for raw, pos in lines:
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            if not out and title is not None and stripped == title.strip():
                kind = "title"
            elif is_boilerplate(stripped) and len(stripped) < 400:
                kind = "boilerplate"
            elif is_heading(stripped) and not alone:
                kind = "title" if not out else "subheading"
            else:
                kind = "body"
            dateline = DATELINE.match(stripped) if kind == "body" else None
            if dateline:
                out.append(Paragraph(stripped[:dateline.end()].rstrip(), start, "dateline"))
                stripped, start = stripped[dateline.end():], start + dateline.end()
            out.append(Paragraph(stripped, start, kind))
    return out


def check_english(text: str, name: str = "story") -> None:
    """Refuse a story of 20 words or more in which English function words are rare."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 20:
        return
    share = sum(w in _ENGLISH for w in words) / len(words)
    if share < 0.08:
        raise InputError(f"{name}: not an English story ({share:.0%} English function words)")
