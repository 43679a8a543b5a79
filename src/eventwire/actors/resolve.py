"""Find the actors of a story and resolve every mention to one actor.

Input: a ``Parsed`` story. Output: ``story.actors`` (one entry per distinct actor,
holding all its mentions), ``story.places`` (place names used as locations), and
``parsed.mentions`` (token -> actor references) for the event stage.

A mention is composed from the dictionary and the parse: a country or demonym,
then a title, then a name ("US Secretary of State Antony Blinken" -> USA GOV);
a country and a role noun ("the South Korean military" -> KOR MIL); a capital
as its government ("Pyongyang" -> PRK GOV). Later mentions resolve within the
story: a surname to the full name, "he" to the salient person, "the president"
to the last person holding that office; "it", "its", "they" and "their" inside a
clause to the group or country that is the subject of the clause above ("the
rebels said they will release ...").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import DEP, LOWER, POS
from spacy.matcher import PhraseMatcher
from spacy.symbols import PRON, PROPN, nsubj, nsubjpass
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from ..model import Actor, ActorRef, Mention, Place
from ..parse import Parsed, word_ids
from .lexicon import Entry, Lexicon

#: Prepositions after which a place name is where something happened, not who acted.
LOCATIVE = frozenset("in at near inside within across throughout outside into around".split())
PRONOUNS = frozenset("he she him her".split())
_PRONOUN_IDS = word_ids(PRONOUNS)
#: Pronouns for a country, government or group ("Syria says it is willing to withdraw its troops").
GROUP_PRONOUNS = frozenset("it its they them their".split())
_GROUP_PRONOUN_IDS = word_ids(GROUP_PRONOUNS)
#: Clauses through which a group pronoun looks up to the subject that binds it.
_BINDING_DEPS = frozenset({"ccomp", "xcomp", "acomp", "conj", "advcl", "dobj", "poss", "nsubj", "nsubjpass"})
NON_OFFICES = frozenset({"counterpart", "official", "diplomat", "minister", "leader"})


class ActorFinder:
    """Phrase matchers over the dictionary, built once per vocabulary."""

    def __init__(self, nlp, lexicon: Lexicon):
        self.lexicon = lexicon
        self.proper = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in lexicon.proper:
            self.proper.add(phrase, [nlp.make_doc(phrase)])
        for phrase in lexicon.roles:
            self.roles.add(phrase, [nlp.make_doc(phrase)])

    def matches(self, matcher, doc, table: dict[str, Entry]) -> list[tuple[SpacySpan, Entry]]:
        vocab = doc.vocab.strings
        spans = filter_spans([SpacySpan(doc, s, e, label=m) for m, s, e in matcher(doc)])
        return [(s, table[vocab[s.label]]) for s in spans]


@dataclass
class _Registry:
    """The story's actors, keyed so that every mention of one actor lands on one record."""

    lexicon: Lexicon
    date: str | None
    actors: list[Actor] = field(default_factory=list)
    keys: dict[tuple, Actor] = field(default_factory=dict)
    recent: list[Actor] = field(default_factory=list)  # persons, most recent mention last

    def get(self, key: tuple, **make) -> Actor:
        actor = self.keys.get(key)
        if actor is None:
            actor = Actor(id=len(self.actors), mentions=[], **make)
            self.actors.append(actor)
            self.keys[key] = actor
        return actor

    def touch(self, actor: Actor) -> None:
        if actor.kind == "person":
            if actor in self.recent:
                self.recent.remove(actor)
            self.recent.append(actor)

    def person_named(self, name: str) -> Actor | None:
        """An earlier person whose full name contains every word of ``name``."""
        words = set(name.replace("-", " ").split())
        for actor in reversed(self.recent):
            if words and words <= set(actor.name.replace("-", " ").split()):
                return actor
        return None

    def named_before(self, name: str) -> Actor | None:
        """An earlier, uncoded person named by part of ``name`` ("Hrytsenko", then "Petro Hrytsenko")."""
        words = set(name.replace("-", " ").split())
        for actor in reversed(self.recent):
            if actor.code is None and set(actor.name.replace("-", " ").split()) < words:
                return actor
        return None

    def holder_of(self, office: str | None, country: str | None) -> Actor | None:
        for actor in reversed(self.recent):
            if office and actor.office == office and (country is None or actor.country == country):
                return actor
        return None


def _code(country: str | None, sector: str | None) -> str | None:
    parts = [p for p in (country, sector) if p]
    return " ".join(parts) or None


def _split_code(code: str | None) -> tuple[str | None, str | None]:
    if not code:
        return None, None
    country, _, sector = code.partition(" ")
    if country in {"IGO", "NGO"}:  # international bodies have no country
        return None, country
    return country, sector or None


class Resolver:
    """Resolve one story's mentions (``resolve`` below is the stage function)."""

    def __init__(self, finder: ActorFinder, parsed: Parsed):
        self.finder = finder
        self.lex = finder.lexicon
        self.parsed = parsed
        self.reg = _Registry(self.lex, parsed.story.published)
        self.refs: dict[tuple[int, int], list[tuple[Actor, Mention]]] = {}
        self.previous_subjects: list[Actor] = []

    # -- recording ---------------------------------------------------------
    def _mention(self, b: int, span: SpacySpan, actor: Actor, sidx: int) -> Mention:
        start, end = self.parsed.span_offsets(b, span)
        mention = Mention(span.text, start, end, sidx)
        actor.mentions.append(mention)
        for tok in span:
            self.refs.setdefault((b, tok.i), []).append((actor, mention))
        self.reg.touch(actor)
        return mention

    # -- persons -----------------------------------------------------------
    def _title_left(self, span: SpacySpan, roles) -> tuple[SpacySpan | None, Entry | None]:
        for r, entry in roles:
            if entry.kind == "title" and r.end == span.start:
                return r, entry
        return None, None

    def _country_left(self, start: int, doc, proper) -> tuple[int, str | None]:
        """A country, demonym or capital ending at ``start`` (possibly possessive)."""
        for p, entry in proper:
            if entry.kind not in ("country", "demonym", "capital"):
                continue
            gap = doc[p.end:start]
            if p.end == start or (len(gap) == 1 and gap[0].tag_ == "POS") or all(
                    t.pos_ == "ADJ" for t in gap) and len(gap) <= 2 and p.end <= start:
                return p.start, entry.code
        return start, None

    def _place_country(self, sent, proper) -> str | None:
        for p, entry in proper:
            if entry.kind in ("country", "capital") and sent.start <= p.start < sent.end:
                root = p.root
                if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
                    return entry.code
        return None

    def _person_attrs(self, name, known, tentry, country, sent, proper) -> dict:
        """Code, country, sector and office of a newly named person: the title and country
        the text gives win; the dictionary role held on the story date fills the gaps."""
        role = known.role_on(self.reg.date) if known is not None else None
        rcountry, rsector = _split_code(role.code) if role else (None, None)
        office = tentry.office if tentry is not None else None
        if office == "counterpart":  # "his South Korean counterpart": the same post as the last person
            office = next((a.office for a in reversed(self.reg.recent)
                           if a.office and a.office != "counterpart"), office)
        if office is None or office in NON_OFFICES:
            office = role.office if role else office
        sector = tentry.sector if tentry is not None else rsector
        if country is None and tentry is not None:
            country = rcountry or self._place_country(sent, proper)
        country = country or rcountry
        if role is not None and role.code.startswith(("IGO", "NGO")) and tentry is None:
            code = role.code
        else:
            code = _code(country, sector)
        return dict(name=known.name if known is not None else name, code=code, country=country,
                    sector=sector, office=office, kind="person",
                    confidence=1.0 if (known or tentry) else 0.5)

    def _person(self, b, sidx, sent, span, proper, roles, used) -> Actor:
        doc = span.doc
        name = span.text.removesuffix("’s").removesuffix("'s").strip()
        entry = self.lex.proper.get(name)
        known = entry.person if entry is not None and entry.kind == "person" else None
        title, tentry = self._title_left(span, roles)
        start, country = self._country_left(title.start if title is not None else span.start, doc, proper)
        if known is not None:
            actor = self.reg.keys.get(("person", known.name))
        else:
            actor = self.reg.person_named(name)
        if actor is None:
            attrs = self._person_attrs(name, known, tentry, country, sent, proper)
            earlier = self.reg.named_before(attrs["name"])
            if earlier is not None:  # "Hrytsenko ..." then "Foreign Minister Petro Hrytsenko"
                del self.reg.keys[("person", earlier.name)]
                for key, value in attrs.items():
                    setattr(earlier, key, value)
                self.reg.keys[("person", earlier.name)] = actor = earlier
            else:
                actor = self.reg.get(("person", attrs["name"]), **attrs)
        full = doc[start:span.end] if (title is not None or country) else span
        used.update(range(full.start, full.end))
        self._mention(b, full, actor, sidx)
        return actor

    # -- groups, titles without a name, places -----------------------------
    def _countries_in(self, b, lo: int, hi: int, proper, used) -> list[tuple[int, str]]:
        """Countries named left of a role noun in its phrase: names, demonyms, persons."""
        found = [(p.start, e.code) for p, e in proper
                 if lo <= p.start and p.end <= hi and e.kind in ("country", "demonym", "capital")
                 and p.start not in used]
        for i in range(lo, hi):
            for actor, _ in self.refs.get((b, i), []):
                if actor.country and actor.kind == "person":
                    found.append((i, actor.country))
        return found

    def _of_country(self, head, b, proper) -> str | None:
        """The country in "the president of Peru" or "supporters of Yoon"."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    for p, entry in proper:
                        if p.start <= obj.i < p.end and entry.kind in ("country", "capital", "demonym"):
                            return entry.code
                    for actor, _ in self.refs.get((b, obj.i), []):
                        if actor.country:
                            return actor.country
        return None

    def _role(self, b, sidx, span, entry, proper, used) -> None:
        head = span[-1]
        if head.pos_ not in ("NOUN", "PROPN") or head.dep_ == "amod":
            return
        if head.dep_ in ("compound", "npadvmod") and head.head.i not in used and not head.head.ent_type_:
            return
        countries = self._countries_in(b, head.left_edge.i, span.start, proper, used)
        codes = [c for _, c in countries] or [self._of_country(head, b, proper)]
        lo = min([span.start, *[s for s, _ in countries if s not in used]])
        full = span.doc[lo:span.end]
        used.update(range(full.start, full.end))
        for country in dict.fromkeys(codes):
            actor = None
            if entry.kind == "title" and entry.office not in NON_OFFICES:
                actor = self.reg.holder_of(entry.office, country)
            if actor is None:
                code = _code(country, entry.sector)
                label = f"{self.lex.countries[country]} {entry.name}" if country else entry.name
                actor = self.reg.get(("group", code, entry.name), name=label, code=code, country=country,
                                     sector=entry.sector, kind="group",
                                     confidence=0.9 if country else 0.6)
            self._mention(b, full, actor, sidx)

    def _proper(self, b, sidx, span, entry, used) -> None:
        root = span.root
        used.update(range(span.start, span.end))
        if entry.kind in ("country", "capital") and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
            start, end = self.parsed.span_offsets(b, span)
            self.parsed.story.places.append(Place(span.text, start, end, entry.code, sidx))
            return
        if entry.kind == "demonym" and (root.pos_ == "ADJ" or root.dep_ in ("amod", "compound")):
            start, end = self.parsed.span_offsets(b, span)
            name = self.lex.countries[entry.code]
            ref = ActorRef(span.text, start, end, entry.code, entry.code, None, name, None)
            for tok in span:
                self.parsed.modifiers[(b, tok.i)] = ref
            return
        if entry.kind == "org":
            country, sector = _split_code(entry.code)
            actor = self.reg.get(("org", entry.code), name=entry.name, code=entry.code,
                                 country=country, sector=sector, kind="organisation")
        elif entry.kind == "capital":
            code = f"{entry.code} GOV"
            actor = self.reg.get(("group", code), name=f"{self.lex.countries[entry.code]} government",
                                 code=code, country=entry.code, sector="GOV", kind="group")
        else:
            actor = self.reg.get(("country", entry.code), name=self.lex.countries[entry.code],
                                 code=entry.code, country=entry.code, sector=None, kind="country")
        self._mention(b, span, actor, sidx)

    def _pronoun(self, b, sidx, tok, earlier: list[Actor]) -> Actor | None:
        """The person a he/she/him/her refers to: the last person named earlier in the
        sentence, else the subject of the previous sentence, else the last person named."""
        if earlier:
            actor = earlier[-1]
        elif self.previous_subjects:
            actor = self.previous_subjects[0]
        else:
            actor = self.reg.recent[-1] if self.reg.recent else None
        if actor is not None:
            self._mention(b, tok.doc[tok.i:tok.i + 1], actor, sidx)
        return actor

    # -- driver --------------------------------------------------------------
    def person_spans(self, b, sent, proper) -> list[SpacySpan]:
        """Persons named in ``sent``: PERSON entities, dictionary names, and single words
        of a name already met in the story (the recogniser misses many bare surnames)."""
        doc = sent.doc
        spans = [e for e in sent.ents if e.label_ == "PERSON"]
        spans += [p for p, e in proper if e.kind == "person" and sent.start <= p.start < sent.end]
        known = {w for a in self.reg.recent for w in a.name.replace("-", " ").split()}
        spans += [doc[i:i + 1] for i in self._words[b]["propn"] if sent.start <= i < sent.end and doc[i].text in known]
        places = {i for p, e in proper if e.kind != "person" for i in range(p.start, p.end)}
        spans = [s for s in filter_spans(spans) if not places.intersection(range(s.start, s.end))]
        out = []
        for s in spans:  # drop a trailing possessive the entity recogniser swallowed
            while len(s) > 1 and s[-1].tag_ == "POS":
                s = s.doc[s.start:s.end - 1]
            out.append(s)
        return out

    def run(self) -> None:
        self._words = [_word_index(block.doc) for block in self.parsed.blocks]
        for b, block in enumerate(self.parsed.blocks):
            doc = block.doc
            proper = self.finder.matches(self.finder.proper, doc, self.lex.proper)
            roles = self.finder.matches(self.finder.roles, doc, self.lex.roles)
            for sent, sidx in block.sentences:
                self._sentence(b, sidx, sent, proper, roles)

    def _sentence(self, b, sidx, sent, proper, roles) -> None:
        """Persons and pronouns in text order, then role nouns, then the remaining names."""
        inside = lambda pairs: [(s, e) for s, e in pairs if sent.start <= s.start < sent.end]
        sproper, sroles = inside(proper), inside(roles)
        persons = self.person_spans(b, sent, proper)
        used: set[int] = set()
        seen: list[Actor] = []
        items = [(s.start, s) for s in persons]
        items += [(i, sent.doc[i]) for i in self._words[b]["pronoun"] if sent.start <= i < sent.end]
        for _, item in sorted(items, key=lambda x: x[0]):
            if isinstance(item, SpacySpan):
                seen.append(self._person(b, sidx, sent, item, sproper, sroles, used))
            else:
                actor = self._pronoun(b, sidx, item, seen)
                if actor is not None:
                    seen.append(actor)
        for span, entry in sroles:
            if not used.intersection(range(span.start, span.end)):
                self._role(b, sidx, span, entry, sproper, used)
        for span, entry in sproper:
            if entry.kind != "person" and not used.intersection(range(span.start, span.end)):
                self._proper(b, sidx, span, entry, used)
        for ent in sent.ents:
            if ent.label_ in ("ORG", "NORP") and not used.intersection(range(ent.start, ent.end)):
                self._uncoded(b, sidx, ent, used)
        self._bind_group_pronouns(b, sidx, sent)
        self.previous_subjects = self._subjects(b, sent)

    def _bind_group_pronouns(self, b, sidx, sent) -> None:
        """A group pronoun refers to the subject of the nearest clause above it that has
        an actor other than a person for its subject ("Nigeria announced that it will
        withdraw its force", "the rebels said they would ..."); nothing across sentences."""
        doc = sent.doc
        for i in self._words[b]["group_pronoun"]:
            if not sent.start <= i < sent.end or (b, i) in self.refs:
                continue
            tok = node = doc[i]
            while node.dep_ in _BINDING_DEPS and node.head.i != node.i:
                node = node.head
                subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i
                                and not c.is_ancestor(tok)), None)
                if subject is None or node.pos_ not in ("VERB", "AUX"):
                    continue
                groups = [a for a, _ in self.refs.get((b, subject.i), []) if a.kind != "person"]
                for actor in groups[:2]:
                    self._mention(b, doc[i:i + 1], actor, sidx)
                if groups:
                    self.parsed.antecedents[(b, i)] = subject.i
                break

    def _uncoded(self, b, sidx, ent, used) -> None:
        """A named organisation or group the dictionary does not know: an actor without a code."""
        root = ent.root
        if root.dep_ in ("amod", "compound", "poss", "nmod") or root.pos_ == "ADJ":
            return
        while len(ent) > 1 and ent[0].lower_ == "the":
            ent = ent.doc[ent.start + 1:ent.end]
        used.update(range(ent.start, ent.end))
        kind = "organisation" if ent.label_ == "ORG" else "group"
        actor = self.reg.get(("uncoded", ent.text), name=ent.text, code=None, country=None, sector=None,
                             kind=kind, confidence=0.4)
        self._mention(b, ent, actor, sidx)

    def _subjects(self, b, sent) -> list[Actor]:
        out = []
        for i in self._words[b]["subject"]:
            if sent.start <= i < sent.end and sent.doc[i].head.dep_ == "ROOT":
                out += [a for a, _ in self.refs.get((b, i), []) if a.kind == "person"]
        return out

    def finish(self) -> None:
        story = self.parsed.story
        story.actors = [a for a in self.reg.actors if a.mentions]
        for key, pairs in self.refs.items():
            unique = {(a.id, m.start): (a, m) for a, m in pairs}.values()
            self.parsed.mentions[key] = [
                ActorRef(m.text, m.start, m.end, a.code or "", a.country, a.sector, a.name, a.id)
                for a, m in unique]


def _word_index(doc) -> dict[str, list[int]]:
    """Where the proper nouns, personal and group pronouns and subjects of a paragraph are, found in one pass."""
    out: dict[str, list[int]] = {"propn": [], "pronoun": [], "group_pronoun": [], "subject": []}
    for i, (lower, pos, dep) in enumerate(doc.to_array([LOWER, POS, DEP]).tolist()):
        if pos == PROPN:
            out["propn"].append(i)
        elif pos == PRON and lower in _PRONOUN_IDS:
            out["pronoun"].append(i)
        elif lower in _GROUP_PRONOUN_IDS:
            out["group_pronoun"].append(i)
        if dep in (nsubj, nsubjpass):
            out["subject"].append(i)
    return out


def resolve(parsed: Parsed, finder: ActorFinder) -> None:
    """The actor stage: fill ``story.actors``, ``story.places`` and ``parsed.mentions``."""
    resolver = Resolver(finder, parsed)
    resolver.run()
    resolver.finish()
