"""Names of people and organisations, found in a parse by their words.

The index holds tens of thousands of names (``data/actors_petrarch.tsv``, converted from
the PETRARCH-2 dictionaries, below ``data/people.yaml`` and the user's YAML), keyed by
their first word, so finding them costs one dictionary look-up per capitalised token.
Words are compared lower-cased, without accents and without hyphens, so "Kim Jong-un",
"Kim Jong Un" and "KIM_JONG_UN" are one name. News writes a name with capitals: every
word of a match but a particle ("bin", "de", "of") must be capitalised, a one-word name
must be a proper noun or inside an entity, and a person's name is not a match when the
text's name goes on ("Ali Hassan" inside "Ali Hassan Majid").

A converted record's roles are parsed when it is first matched, which keeps loading fast.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc, Span

from .. import resources
from .people import Person, Role

CONVERTED, SHIPPED, USER = 0, 1, 2  # layers: a higher one overrides a lower one
#: Lower-case words inside names ("Osama bin Laden", "Organization of American States").
PARTICLES = frozenset("of the and for de del da do dos das du des la le el al bin ibn bint van von der den "
                      "y e on in at to".split())
_SPLIT = re.compile(r"[\s_\-]+")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word as names are compared: lower-cased, accents removed."""
    if word.isascii():
        return word.lower()
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c)).lower()


def words(phrase: str) -> tuple[str, ...]:
    """The compared words of a phrase (parenthesised parts dropped, hyphens split)."""
    phrase = re.sub(r"\([^)]*\)", " ", phrase)
    return tuple(fold(w) for w in _SPLIT.split(phrase) if w and w not in {",", "'"})


@dataclass(slots=True, eq=False)  # a record is itself: compared by identity
class Record:
    """A person or organisation of the dictionary, with its roles (parsed on first use)."""

    kind: str  # person | org
    written: str  # the name as the dictionary gives it (lower-cased words for the converted layer)
    layer: int
    raw: str = ""
    _person: Person | None = None
    keys: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return _display(self.written) if self.layer == CONVERTED else self.written

    @property
    def person(self) -> Person:
        if self._person is None:
            self._person = Person(self.name, [_role(r) for r in self.raw.split(";") if r])
        return self._person


def _role(text: str) -> Role:
    *code, start, until = text.split(" ")
    iso = lambda d: None if d == "-" else f"{d[:4]}-{d[4:6]}-{d[6:]}"
    return Role(" ".join(code), None, iso(start), iso(until))


def _display(name: str) -> str:
    return " ".join(w if w in PARTICLES else w[:1].upper() + w[1:] for w in name.split(" "))


@dataclass
class NameIndex:
    """Names by first word; each name keeps the records it may denote (homonyms)."""

    full: dict[tuple[str, ...], list[Record]] = field(default_factory=dict)
    first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # longest first
    surnames: dict[str, list[Record]] = field(default_factory=dict)

    def add(self, key: tuple[str, ...], record: Record) -> None:
        if not key:
            return
        records = self.full.get(key)
        if records is None:
            self.full[key] = [record]
            self.first.setdefault(key[0], []).append(key)
        elif record.layer > CONVERTED and any(r.layer < record.layer for r in records):
            records[:] = [r for r in records if r.layer >= record.layer] + [record]
        elif all(r.layer <= record.layer for r in records) and record not in records:
            records.append(record)
        if record.kind == "person" and len(key) > 1:
            self.surnames.setdefault(key[-1], []).append(record)

    def records(self, key: tuple[str, ...]) -> list[Record]:
        return self.full.get(key, [])

    def add_person(self, person: Person, aliases: list[str], layer: int) -> None:
        """A hand-written person: it replaces the converted records that share one of its
        names, and takes over their other names ("Barack Hussein Obama")."""
        record = Record("person", person.name, layer, _person=person)
        keys = [words(n) for n in [person.name, *aliases]]
        for key in list(keys):
            for old in self.records(key):
                if old.layer == CONVERTED and old.kind == "person":
                    keys += [k for k in old.keys if k not in keys]
                    for k in old.keys:
                        if old in self.surnames.get(k[-1], ()):
                            self.surnames[k[-1]].remove(old)
        for key in keys:
            self.add(key, record)

    def finish(self) -> None:
        """Longest names first under each first word (a match takes the longest)."""
        for keys in self.first.values():
            keys.sort(key=len, reverse=True)

    def load_converted(self, name: str = "actors_petrarch.tsv") -> None:
        """Read the converted layer. News drops middle names ("Carlos Menem" for CARLOS_SAUL_
        MENEM), so a person's first and last word name them too, where no one else has
        that name and no particle ("bin", "de") sits between."""
        collecting = gc.isenabled()
        gc.disable()  # 100,000 new objects, none cyclic: the collector would only rescan them
        try:
            self._load_converted(name)
        finally:
            if collecting:
                gc.enable()

    def _load_converted(self, name: str) -> None:
        people, full, first, surnames = [], self.full, self.first, self.surnames
        for line in resources.lines(name)[1:]:  # the add() of each key, inlined: 25,000 lines
            kind, names, roles = line.split("\t")
            variants = names.split("|")
            record = Record(kind, variants[0], CONVERTED, roles)
            record.keys = [tuple(v.split(" ")) for v in variants]
            person = kind == "person"
            for key in record.keys:
                records = full.get(key)
                if records is None:
                    full[key] = [record]
                    first.setdefault(key[0], []).append(key)
                elif record not in records and all(r.layer == CONVERTED for r in records):
                    records.append(record)  # (a hand-written layer holding the name keeps it)
                if person and len(key) > 1:
                    surnames.setdefault(key[-1], []).append(record)
            if person:
                people.append(record)
        for record in people:
            for key in list(record.keys):
                short = (key[0], key[-1])
                if len(key) > 2 and not PARTICLES.intersection(key) and short not in self.full:
                    record.keys.append(short)
                    self.add(short, record)

    def find(self, doc: Doc) -> list[tuple[Span, list[Record]]]:
        """Every longest name in ``doc``, left to right, with the records it may denote."""
        strings = doc.vocab.strings  # each token's text and trailing space, without a Token per word
        rows = doc.to_array([ORTH, SPACY]).tolist()
        texts = [strings[orth] for orth, _ in rows]
        glued = [not space for _, space in rows]
        at = [i for i, w in enumerate(texts) if not (w == "-" and i and glued[i - 1])]  # hyphens out
        keys = [fold(texts[i]) for i in at]
        out, j = [], 0
        while j < len(at):
            candidates = self.first.get(keys[j]) if texts[at[j]][:1].isupper() else None
            hit = None
            for key in candidates or ():
                n, records = len(key), self.full[key]
                if tuple(keys[j:j + n]) == key:
                    span = doc[at[j]:at[j + n - 1] + 1]
                    if _written_as_name([doc[i] for i in at[j:j + n]]) and _stands_alone(span, records):
                        hit = (span, records, n)
                        break
            if hit is None:
                j += 1
                continue
            out.append(hit[:2])
            j += hit[2]
        return out


def _written_as_name(toks) -> bool:
    for k, t in enumerate(toks):
        after_hyphen = t.i and t.doc[t.i - 1].text == "-" and not t.doc[t.i - 1].whitespace_
        if t.is_alpha and not t.text[:1].isupper() and t.lower_ not in PARTICLES and not after_hyphen:
            return False
    return True


def _acronym(tok, records: list[Record]) -> bool:
    """An organisation's acronym in capitals in a sentence not written in capitals is its
    name, whatever the tagger reads it as ("ECOWAS condemned the coup": a plural noun)."""
    if not (tok.is_upper and tok.is_alpha and len(tok.text) >= 3 and all(r.kind == "org" for r in records)):
        return False
    sent = tok.sent if tok.doc.has_annotation("SENT_START") else tok.doc[:]
    return not all(t.is_upper for t in sent if t.is_alpha and t.i != tok.i)


def _stands_alone(span: Span, records: list[Record]) -> bool:
    """A one-word name must be a proper noun or an entity (an all-capitals one if it is an
    organisation's acronym); no name runs on into a hyphenated word ("President-elect")
    and a person's name does not run on into more name."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text == "-" and not span[-1].whitespace_:
        return False
    if len(span) == 1:
        tok = span[0]
        if not (tok.pos_ == "PROPN" or tok.ent_type_ or _acronym(tok, records)):
            return False
        if all(r.kind == "org" for r in records) and len(tok.text) <= 5 and not tok.is_upper:
            return False
    if any(r.kind == "person" for r in records):
        if span.end < len(doc):
            nxt = doc[span.end]
            if nxt.pos_ == "PROPN" and nxt.is_alpha and nxt.text[:1].isupper() and nxt.ent_type_ == "PERSON":
                return False
    return True
