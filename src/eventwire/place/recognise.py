"""Find the story's place names: the parse's GPE/LOC/FAC entities, proper nouns after a
preposition of place that the gazetteer knows and the small model missed, the noun a
"where" clause describes, and the dateline ("SEOUL, Jan 6 (AFP) -"). A name the actor
dictionary codes ("Pyongyang said", "North Korea fired") is the actor stage's; a name it
only took for an unknown person or organisation is a place when it follows a preposition
of place ("in Dewsbury"); a facility is a place only when the gazetteer knows it or it
follows one ("at the Camp David retreat"). Word lists: ``data/places.yaml``."""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from ..actors.resolve import LOCATIVE, place_preposition
from ..model import Story
from ..parse import Parsed
from .gazetteer import Gazetteer, fold
from .resolve import Toponym
from .resolve import word_list as prepositions

ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
DATES = frozenset({"DATE", "TIME"})  # "in May" is a month, whatever town the gazetteer has of that name
_DATELINE_PLACE = re.compile(r"[A-Z][A-Za-z.'\-]*[A-Z.](?: [A-Z][A-Za-z.'\-]*[A-Z.])*")


def _trim(span: SpacySpan) -> SpacySpan:
    """Without a leading article or a trailing possessive ("the Gaza Strip's")."""
    while len(span) > 1 and span[0].lower_ == "the":
        span = span[1:]
    while len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    return span


def phrase_head(tok):
    """The noun a place name stands in: itself, the noun it is a compound of ("the Camp
    David retreat"), or the place noun it names ("the city of Kharkiv")."""
    while tok.dep_ in ("compound", "nmod", "amod") and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head
    if tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in prepositions("place_nouns"):
        return prep.head
    return tok


def in_locative(tok, prepositions: frozenset[str] = LOCATIVE) -> bool:
    """The token heads, or is a compound of, the object of one of ``prepositions``
    ("in Seoul", "at the Camp David retreat", "in the town of Bucha")."""
    tok = phrase_head(tok)
    return tok.dep_ == "pobj" and place_preposition(tok) in prepositions  # ("outside of Basra")


def _coded(parsed: Parsed, b: int, span: SpacySpan) -> bool:
    """The actor stage resolved a word of the span to an actor the dictionary codes."""
    return any(ref.code for t in span for ref in parsed.actors_at(b, t))


def _demonym(parsed: Parsed, gaz: Gazetteer, b: int, span: SpacySpan) -> bool:
    """A demonym ("the Ukrainian city"): it names a country's people, not a place."""
    return any((b, t.i) in parsed.modifiers for t in span) or fold(span.text) in gaz.demonyms


def _actor(parsed: Parsed, b: int, span: SpacySpan) -> bool:
    return any(parsed.actors_at(b, t) for t in span)


def _proper_run(tok) -> SpacySpan:
    """The proper noun with the proper-noun compounds before it ("Camp David")."""
    start = tok.i
    while start > 0 and tok.doc[start - 1].pos_ == "PROPN" and tok.doc[start - 1].head.i in range(start, tok.i + 1):
        start -= 1
    return tok.doc[start:tok.i + 1]


def toponyms(parsed: Parsed, gaz: Gazetteer) -> list[Toponym]:
    """The place names of the story's parsed sentences, in no particular order."""
    story = parsed.story
    out = [Toponym(p.text, p.start, p.end, p.sentence_index, country=p.country) for p in story.places]
    taken = {i for p in story.places for i in range(p.start, p.end)}

    def add(b: int, span: SpacySpan, sidx: int, country: str | None = None) -> None:
        start, end = parsed.span_offsets(b, span)
        if not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            out.append(Toponym(span.text, start, end, sidx, country=country))

    place_preps = prepositions("toponym_prepositions")
    for b, block, sent, sidx in parsed.sentences():
        for ent in block.ents_in(sent):
            span = _trim(ent)
            if ent.label_ not in ENTITY_LABELS or _coded(parsed, b, span) or _demonym(parsed, gaz, b, span):
                continue
            if span.text.islower():
                continue  # a name in lower case is none: "the west bank of the Dnipro"
            after = in_locative(span.root, place_preps)
            if _actor(parsed, b, span) and not after:
                continue
            if ent.label_ != "FAC" or after or gaz.lookup(span.text):
                add(b, span, sidx)
        for tok in sent:
            if tok.pos_ == "PROPN" and in_locative(tok, place_preps) and tok.ent_type_ not in ENTITY_LABELS | DATES:
                span = _proper_run(tok)
                if not _coded(parsed, b, span) and gaz.lookup(span.text):
                    add(b, span, sidx)
            elif tok.lower_ == "where" and tok.head.dep_ == "relcl":
                for ref in parsed.actors_at(b, tok.head.head):  # "visited South Korea, where he warned"
                    if ref.country and any(e.kind in ("country", "city") for e in gaz.lookup(ref.text)):
                        if not taken.intersection(range(ref.start, ref.end)):
                            taken.update(range(ref.start, ref.end))
                            out.append(Toponym(ref.text, ref.start, ref.end, sidx, country=ref.country))
    return widen(story.text, out, gaz)


_LEFT_WORD = re.compile(r"([A-Z][\w'\u2019\-]*) $")
_RIGHT_WORD = re.compile(r" ([A-Z][\w'\u2019\-]*)")


def widen(text: str, names: list[Toponym], gaz: Gazetteer, most: int = 2) -> list[Toponym]:
    """Each name as the longest gazetteer name of the capitalised words around it, up to
    ``most`` on either side ("America" in "Latin America", "Baja" and "California" in "Baja
    California", "Beverly" in "Beverly Hills"); a name inside a widened one is dropped, and so
    is the country the actor stage gave the shorter name."""
    out = []
    for t in names:
        lefts, rights = [t.start], [t.end]
        while len(lefts) <= most and (m := _LEFT_WORD.search(text, max(0, lefts[-1] - 40), lefts[-1])) \
                and m.group(1) != "The":
            lefts.append(m.start())
        while len(rights) <= most and (m := _RIGHT_WORD.match(text, rights[-1])):
            rights.append(m.end())
        spans = sorted(((a, b) for a in lefts for b in rights if (a, b) != (t.start, t.end)), key=lambda x: x[0] - x[1])
        wide = next(((a, b) for a, b in spans if gaz.lookup(text[a:b])), None)
        out.append(Toponym(text[wide[0]:wide[1]], *wide, t.sentence_index) if wide else t)
    out = list({(t.start, t.end): t for t in reversed(out)}.values())[::-1]  # the first of equal spans
    return [t for t in out if not any(o.start <= t.start and t.end <= o.end and (o.start, o.end) != (t.start, t.end)
                                      for o in out)]


def dateline_toponym(story: Story, gaz: Gazetteer) -> Toponym | None:
    """The place a wire story was filed from ("KYIV, March 14 (Reuters) -")."""
    for sentence in story.sentences:
        if sentence.kind == "dateline":
            m = _DATELINE_PLACE.match(sentence.text)
            if m and gaz.lookup(m.group(0)):
                return Toponym(m.group(0), sentence.start, sentence.start + m.end(), sentence.index)
            return None
    return None
