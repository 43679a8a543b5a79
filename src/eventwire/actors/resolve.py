"""Find the actors of a story and resolve every mention to one actor.

Input: a ``Parsed`` story. Output: ``story.actors`` (one entry per distinct actor,
holding all its mentions), ``story.places`` (place names used as locations), and
``parsed.mentions`` (token -> actor references) for the event stage.

A mention is composed from the dictionary and the parse: a country or demonym,
then a title, then a name ("US Secretary of State Antony Blinken" -> USA GOV);
a country and a role noun ("the South Korean military" -> KOR MIL); a capital
as its government ("Pyongyang" -> PRK GOV); an organisation the dictionary lacks
by the country in its name ("the Kenya Anti-Corruption Commission" -> KEN), a people
by the country it lives in; a post or body named without a country by the story's own
country, or the only one it names. Later mentions resolve within the
story: a surname to the full name, "he" to the salient person, "the president"
to the last person holding that office; "it", "its", "they" and "their" inside a
clause to the group or country that is the subject of the clause above ("the
rebels said they will release ...").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import DEP, IS_TITLE, LOWER, POS
from spacy.matcher import PhraseMatcher
from spacy.symbols import NOUN, PRON, PROPN, nsubj, nsubjpass
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from .. import arguments as args, resources
from ..model import Actor, ActorRef, Mention, Place
from ..parse import Parsed, word_ids
from .lexicon import Entry, Lexicon
from .names import Record, fold
from .people import INTERNATIONAL

#: Prepositions after which a place name is where something happened, not who acted.
LOCATIVE = frozenset("in at near inside within across throughout outside into around".split())


def place_preposition(pobj) -> str:
    """The preposition an object follows, reading a word of place before "of" as the
    preposition it makes (data/places.yaml ``locative_of``: "outside of Basra" is outside,
    "north of Kabul" near)."""
    prep = pobj.head
    if prep.lower_ == "of" and prep.head.i != prep.i:
        made = _locative_of().get(prep.head.lower_)
        if made is not None and prep.head.dep_ in ("prep", "advmod", "npadvmod"):
            return made
    return prep.lower_


def _locative_of() -> dict[str, str]:
    global _LOCATIVE_OF
    if _LOCATIVE_OF is None:
        table = resources.load_yaml("places.yaml")["locative_of"]
        _LOCATIVE_OF = {w: made for made, words in table.items() for w in words}
    return _LOCATIVE_OF


_LOCATIVE_OF: dict[str, str] | None = None
PRONOUNS = frozenset("he she him her".split())
_PRONOUN_IDS = word_ids(PRONOUNS)
#: Pronouns for a country, government or group ("Syria says it is willing to withdraw its troops").
GROUP_PRONOUNS = frozenset("it its they them their".split())
_GROUP_PRONOUN_IDS = word_ids(GROUP_PRONOUNS)
#: Clauses through which a group pronoun looks up to the subject that binds it.
_BINDING_DEPS = frozenset({"ccomp", "xcomp", "acomp", "conj", "advcl", "dobj", "poss", "nsubj", "nsubjpass"})
NON_OFFICES = frozenset({"counterpart", "official", "diplomat", "minister", "leader"})
#: Sectors of groups a story naming one country need not mean as its: forces, which are
#: sent abroad ("sent troops to Uganda"), and ordinary people, who are anywhere.
ABROAD_SECTORS = frozenset({"MIL", "PPL"})
#: Words before a demonym that make it a people's name rather than a state's.
ETHNIC = frozenset({"ethnic"})
#: Words before a title that say the post is no longer held ("former President Obama").
FORMER = frozenset({"former", "onetime", "one-time", "erstwhile", "ex", "ousted", "deposed", "late"})


class ActorFinder:
    """Phrase matchers over the dictionary, built once per vocabulary, and the name index."""

    def __init__(self, nlp, lexicon: Lexicon):
        self.lexicon = lexicon
        self.proper = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in lexicon.proper:
            self.proper.add(phrase, [nlp.make_doc(phrase)])
        for phrase in lexicon.roles:  # "Sen." is one token, "sen." two: match both spellings
            self.roles.add(phrase, [nlp.make_doc(phrase), nlp.make_doc(_capitalised(phrase))])

    def matches(self, matcher, doc, table: dict[str, Entry]) -> list[tuple[SpacySpan, Entry]]:
        vocab = doc.vocab.strings
        spans = filter_spans([SpacySpan(doc, s, e, label=m) for m, s, e in matcher(doc)])
        return [(s, table[vocab[s.label]]) for s in spans]

    def named(self, doc, date: str | None) -> list[tuple[SpacySpan, Entry]]:
        """People and organisations of the name index in ``doc``, each the record the
        story's date makes likeliest (see ``choose``)."""
        out = []
        for span, records in self.lexicon.names.find(doc):
            entry = choose(records, date, single=len(span) == 1)
            if entry is not None:
                out.append((span, entry))
        return out

    def by_surname(self, surname: str, title: Entry | None, country: str | None,
                   date: str | None) -> Entry | None:
        """The one person of that surname whom a title before it fits ("President Obama",
        "Mr. Lavrov"): a role of the title's sector and of the country the text gives,
        held on the story date, else held at another time ("President Reagan" in 2000);
        hand-written people first. With no title, only a hand-written person holding a
        role then, the ones a bare surname names ("Putin"). None if not exactly one."""
        held: list[Record] = []
        other: list[Record] = []
        for record in self.lexicon.names.surnames.get(fold(surname), []):
            if title is None and not record.layer:
                continue
            role, former = record.person.standing(date)
            fits = [r for r in record.person.roles if (r.start or r.until or record.layer) and _fits(r, title, country)]
            if role is not None and not former and role in fits:
                held.append(record)
            elif fits and title is not None:
                other.append(record)
        for tier in (held, other):
            top = [r for r in tier if r.layer == max(f.layer for f in tier)] if tier else []
            if top:
                return _person_entry(top[0]) if len({id(r) for r in top}) == 1 else None
        return None


def _fits(role, title: Entry | None, country: str | None) -> bool:
    rcountry, rsector = _split_code(role.code)
    return not (title is not None and title.sector and rsector != title.sector) and not (
        country and rcountry != country)


def _capitalised(phrase: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in phrase.split(" "))


def _person_entry(record: Record) -> Entry:
    return Entry("person", name=record.name, person=record.person, key=record)


def choose(records: list[Record], date: str | None, single: bool = False) -> Entry | None:
    """What a name denotes on ``date``. Among homonyms, the one holding a role then; else
    one whose roles have ended; else one whose roles all lie after the date, all of one
    country (the dictionary's dates are when it saw the post, not when the person
    appeared). A one-word name of the converted dictionary ("Obama") only for someone in
    office then. None if the best candidates are of more than one country."""
    tiers: tuple[list, list, list] = ([], [], [])
    for record in records:
        role, former = record.person.standing(date)
        if role is not None and not former and (
                not single or record.kind == "org" or record.layer or role.start or role.until):
            tiers[0].append((record, role.code))
        elif not single and role is not None:
            tiers[1].append((record, role.code))
        elif not single and record.kind == "person" and record.person.country():
            tiers[2].append((record, record.person.country()))
    best = next((tier for tier in tiers if tier), [])
    if not best or len({_split_code(code)[0] or code for _, code in best}) > 1:
        return None
    record, code = best[0]
    if record.kind == "org":
        return Entry("org", code=code, name=record.name, key=record)
    return _person_entry(record)


def merged(*lists: list[tuple[SpacySpan, Entry]]) -> list[tuple[SpacySpan, Entry]]:
    """Matches of several sources without overlaps: the longest wins, then the earlier list."""
    ranked = sorted((pair for pairs in lists for pair in pairs), key=lambda p: len(p[0]), reverse=True)
    taken: set[int] = set()
    out = []
    for span, entry in ranked:
        if not taken.intersection(range(span.start, span.end)):
            taken.update(range(span.start, span.end))
            out.append((span, entry))
    return sorted(out, key=lambda p: p[0].start)


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


def _named_country(entry: Entry, date: str | None) -> str | None:
    """The country a dictionary match names: a place, or a person's country on ``date``."""
    if entry.kind in ("country", "demonym", "capital", "city"):
        return entry.code
    if entry.kind == "person" and entry.person is not None:
        role, _ = entry.person.standing(date)
        return _split_code(role.code)[0] if role else None
    return None


def _appositive(name, proper, roles) -> tuple[str | None, Entry | None]:
    """The country and the role noun of a description set beside a name ("Salaheddine
    Sidhoum, Algeria's leading human rights activist", "Luis Arce, a Bolivian activist")."""
    for appos in (c for c in name.children if c.dep_ == "appos"):
        lo, hi = appos.left_edge.i, appos.right_edge.i
        country = next((e.code for p, e in proper if lo <= p.start and p.end <= hi + 1
                        and e.kind in ("country", "demonym", "capital")), None)
        role = next((e for r, e in roles if r.start <= appos.i < r.end and (
            e.kind == "title" or country and e.kind in ("agent", "group"))), None)  # "a shopkeeper": no actor
        if country or role:
            return country, role
    return None, None


def _ethnic(span: SpacySpan, entry: Entry) -> bool:
    """A demonym after "ethnic" names a people, not a state ("ethnic Albanians in Macedonia")."""
    return entry.kind == "demonym" and span.start > 0 and span.doc[span.start - 1].lower_ in ETHNIC


def _home_forces(span) -> bool:
    """Forces of the state where the story is (grammar.yaml ``home_forces``): "government
    troops", "the army"; not "troops", who may be sent anywhere."""
    words = resources.load_yaml("grammar.yaml")["home_forces"]
    head = span[-1]
    if any(c.lower_ in words["modifiers"] and c.dep_ in ("compound", "amod", "nmod") for c in head.children):
        return True
    return " ".join(t.lower_ for t in span if t.dep_ != "det") in words["services"] and any(
        c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _home(named: Counter) -> str | None:
    """The story's own country: named at least three times, and in most of the names of
    countries (and their people) the story gives. A group or title the story names
    without a country is of it ("voters", "the governor" in a story about Iowa)."""
    if not named:
        return None
    code, n = named.most_common(1)[0]
    return code if n >= 3 and n >= 0.6 * sum(named.values()) else None


def _names_a_post(head) -> bool:
    """A title or kind of person with no determiner after "as", "for" or "to" ("serve as
    President", "ran for governor", "from operative to commentator") names the post."""
    return (head.dep_ == "pobj" and head.head.lower_ in ("as", "for", "to")
            and not any(c.dep_ in ("det", "poss", "nummod") for c in head.children))


def _international(entry: Entry) -> bool:
    return entry.kind == "org" and bool(entry.code) and entry.code.startswith(INTERNATIONAL)


def _last_national(person, date: str | None):
    """The last role of a country (not an international body) ended before ``date``."""
    ended = [r for r in person.roles if r.until and date and r.until <= date
             and not r.code.startswith(INTERNATIONAL)]
    return max(ended, key=lambda r: r.until) if ended else None


def _code(country: str | None, sector: str | None) -> str | None:
    parts = [p for p in (country, sector) if p]
    return " ".join(parts) or None


def _split_code(code: str | None) -> tuple[str | None, str | None]:
    if not code:
        return None, None
    country, _, sector = code.partition(" ")
    if country in {*INTERNATIONAL, "MNC"}:  # international bodies have no country
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
        self.story_countries: set[str] = set()
        self.home: str | None = None  # the country the story is about, if one dominates
        #: The only country the story names: a post or group named without a country is of
        #: it ("the Federal Minister for Interior ..., according to the Pakistani Federal
        #: Secretary"), but for forces and ordinary people (``ABROAD_SECTORS``).
        self.sole: str | None = None
        #: Role nouns of the sentence whose possessive pronoun is bound at its end ("its troops").
        self._pending: list[tuple] = []

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
    def _title_left(self, span: SpacySpan, roles) -> tuple[SpacySpan | None, Entry | None, bool]:
        """The title or honorific just before a name, and whether "former" or "ex-" qualifies it."""
        for r, entry in roles:
            if entry.kind in ("title", "honorific") and r.end == span.start:
                doc, lo = r.doc, r.start
                if lo >= 1 and doc[lo - 1].lower_ in FORMER:
                    lo -= 1
                elif lo >= 2 and doc[lo - 1].text == "-" and doc[lo - 2].lower_ == "ex":
                    lo -= 2
                return doc[lo:r.end], entry, lo < r.start
        return None, None, False

    def _country_left(self, start: int, doc, proper) -> tuple[int, str | None]:
        """A country, demonym or capital ending at ``start`` (possibly possessive), or an
        international organisation ("UN Secretary-General", "NATO's chief"): its code."""
        for p, entry in proper:
            if entry.kind not in ("country", "demonym", "capital") and not _international(entry):
                continue
            gap = doc[p.end:start]
            if p.end == start or (len(gap) == 1 and gap[0].tag_ == "POS") or all(
                    t.pos_ == "ADJ" for t in gap) and len(gap) <= 2 and p.end <= start:
                return p.start, entry.code
        return start, None

    def _place_country(self, sent, proper) -> str | None:
        for p, entry in proper:
            if entry.kind in ("country", "capital", "city") and sent.start <= p.start < sent.end:
                root = p.root
                if root.dep_ == "pobj" and place_preposition(root) in LOCATIVE:
                    return entry.code
        return None

    def _implied(self, tentry: Entry | None) -> str | None:
        """The country a title names by itself ("Secretary of State"), if the story allows it."""
        code = tentry.country if tentry is not None else None
        if code and code.endswith("?"):
            return code[:-1] if code[:-1] in self.story_countries else None
        return code

    def _office(self, tentry: Entry | None, role) -> str | None:
        office = tentry.office if tentry is not None else None
        if office == "counterpart":  # "his South Korean counterpart": the same post as the last person
            office = next((a.office for a in reversed(self.reg.recent)
                           if a.office and a.office != "counterpart"), office)
        if office is None or office in NON_OFFICES:
            office = role.office if role is not None and role.office else office
        return office

    def _person_attrs(self, name, entry, tentry, former_title, named, sent, proper) -> dict:
        """Code, country, sector and office of a newly named person. The role the story's
        date gives wins for the country; the title the text gives, for the sector. Someone
        whose roles have all ended (or a "former" title with no role held) is an elite
        (ELI) of the last role's country, with a "former" office; an international
        organisation named before the title ("UN Secretary-General") is the code."""
        known = entry.person if entry is not None else None
        role, former = known.standing(self.reg.date) if known is not None else (None, False)
        if former and role.code.startswith(INTERNATIONAL):  # a former UN official: their own country
            role = _last_national(known, self.reg.date) or role
        rcountry, rsector = _split_code(role.code) if role else (None, None)
        if known is not None and role is None:  # only roles after the story: their country
            rcountry = known.country()
        office = self._office(tentry, role)
        international = named if named and named.startswith(INTERNATIONAL) else None
        country = None if international else named
        if former or (former_title and role is None):
            country = country or rcountry or self._implied(tentry)
            sector, code = "ELI", _code(country, "ELI") if country else None
            office = f"former {office}" if office and not office.startswith("former") else office
        elif international or (role is not None and role.code.startswith(INTERNATIONAL) and country is None):
            code = international or role.code
            country, sector = _split_code(code)
        elif former_title:  # "former Secretary of State Hillary Clinton", now a candidate
            country, sector = country or rcountry, rsector
            code, office = _code(country, sector), role.office or office
        else:
            sector = (tentry.sector if tentry is not None and tentry.sector else None) or rsector
            if country is None and tentry is not None:
                country = rcountry or self._implied(tentry) or self._place_country(sent, proper) or (
                    self.home or self.sole if tentry.kind == "title" else None)
            country = country or rcountry
            code = _code(country, sector)
        if known is not None and (entry.key.layer or " " not in name):
            name = known.name
        return dict(name=name, code=code,
                    country=country, sector=sector, office=office, kind="person",
                    confidence=1.0 if (known or tentry) else 0.5)

    def _person(self, b, sidx, sent, span, proper, roles, used) -> Actor:
        doc = span.doc
        name = span.text.removesuffix("’s").removesuffix("'s").strip()
        entry = next((e for p, e in proper if e.kind == "person" and p.start == span.start and p.end == span.end),
                     None)
        title, tentry, former_title = self._title_left(span, roles)
        start, named = self._country_left(title.start if title is not None else span.start, doc, proper)
        if title is not None and not former_title:  # "former US President", "Former Maryland Gov."
            k = start - 1
            while k > start - 3 and k >= 0 and doc[k].pos_ == "PROPN":
                k -= 1
            if k >= 0 and doc[k].lower_ in FORMER:
                start, former_title = k, True
        named = named or self._of_country(span.root, b, proper)  # "King Hassan of Morocco"
        if named is None and tentry is None:  # "Salaheddine Sidhoum, Algeria's leading activist"
            named, tentry = _appositive(span.root, proper, roles)
        actor = None
        if len(span) == 1 or entry is None:  # "Obama" after "Michelle Obama" is she
            actor = self.reg.person_named(name)
        if actor is None and entry is None and len(span) == 1:  # "President Obama", "Putin"
            entry = self.finder.by_surname(name, tentry, None if named and named[:3] in INTERNATIONAL
                                           else named, self.reg.date)
        if actor is None and entry is not None:
            actor = self.reg.keys.get(("person", id(entry.key)))
        if actor is None:
            attrs = self._person_attrs(name, entry, tentry, former_title, named, sent, proper)
            earlier = self.reg.named_before(attrs["name"])
            key = ("person", id(entry.key)) if entry is not None else ("person", attrs["name"])
            if earlier is not None:  # "Hrytsenko ..." then "Foreign Minister Petro Hrytsenko"
                for k in [k for k, a in self.reg.keys.items() if a is earlier]:
                    del self.reg.keys[k]
                for k, value in attrs.items():
                    setattr(earlier, k, value)
                self.reg.keys[key] = actor = earlier
            else:
                actor = self.reg.get(key, **attrs)
        full = doc[start:span.end] if (title is not None or named) else span
        used.update(range(full.start, full.end))
        self._mention(b, full, actor, sidx)
        return actor

    # -- groups, titles without a name, places -----------------------------
    def _countries_in(self, b, lo: int, hi: int, proper, used) -> list[tuple[int, str, str]]:
        """Countries named left of a role noun in its phrase: names, demonyms, persons, and
        international organisations ("UN peacekeepers"); (start, code, name) each."""
        found = [(p.start, e.code, self.lex.countries[e.code]) for p, e in proper
                 if lo <= p.start and p.end <= hi and e.kind in ("country", "demonym", "capital")
                 and p.start not in used]
        found += [(p.start, e.code, e.name) for p, e in proper
                  if lo <= p.start and p.end <= hi and _international(e) and p.start not in used]
        for i in range(lo, hi):
            for actor, _ in self.refs.get((b, i), []):
                if actor.country and actor.kind == "person":
                    found.append((i, actor.country, self.lex.countries.get(actor.country, actor.country)))
        return found

    def _of_country(self, head, b, proper) -> str | None:
        """The country in "the president of Peru", "supporters of Yoon", "a spokeswoman for
        the Israeli Defence Ministry", or the international body in "inspectors of the
        International Atomic Energy Agency" (its code)."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                for obj in child.children:
                    for p, entry in proper:
                        if obj.left_edge.i <= p.start <= obj.i and (
                                entry.kind in ("country", "capital", "demonym") or _international(entry)):
                            return entry.code
                    for actor, _ in self.refs.get((b, obj.i), []):
                        if actor.country:
                            return actor.country
                    if child.lower_ == "of" and (country := _region_country(obj)):
                        return country
        return None

    def _name_of(self, code: str | None, proper) -> str:
        """The name of a country code, or of the international body a code in ``proper`` is."""
        if not code:
            return ""
        return self.lex.countries.get(code) or next((e.name for _, e in proper if e.code == code), code)

    def _located(self, head, proper) -> str | None:
        """The country of a group that is "in" or "throughout" a country or its capital
        ("demonstrators in Baghdad", "security forces in Guinea"): they are its people."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "throughout", "across", "inside"):
                for obj in child.children:
                    for p, entry in proper:
                        if p.start <= obj.i < p.end and entry.kind in ("country", "capital", "city"):
                            return entry.code
        return None

    def _role(self, b, sidx, span, entry, proper, used, owner=None) -> None:
        """A role noun's actor: of the country or body its phrase names, else of the
        owner its possessive pronoun refers to (``owner``, once the pronoun is bound: "Nigeria
        said it would withdraw its troops"), else of the country the story implies."""
        head = span[-1]
        if entry.kind == "thing" or head.pos_ not in ("NOUN", "PROPN") or head.dep_ == "amod":
            return
        if entry.kind == "member":
            self._member(b, sidx, span, head, proper, used)
            return
        if head.dep_ in ("compound", "npadvmod") and head.head.i not in used and not head.head.ent_type_:
            return
        if entry.kind != "group" and _names_a_post(head):
            return  # "running for governor", "his time as secretary of state": a post, not who holds it
        if entry.kind == "group" and self._of_organisation(b, sidx, span, head, proper, used):
            return  # "Hamas militants", "Hezbollah guerrillas": the organisation's
        countries = self._countries_in(b, head.left_edge.i, span.start, proper, used)
        if not countries and head.dep_ == "conj":  # "Ukrainian politicians and officials"
            countries = [(span.start, c, name) for _, c, name in
                         self._countries_in(b, head.head.left_edge.i, head.head.i, proper, set())]
        possessor = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in GROUP_PRONOUNS), None)
        if not countries and possessor is not None and owner is None:  # wait for the pronoun's binding
            self._pending.append((b, sidx, span, entry, proper, used, possessor))
            used.update(range(span.start, span.end))
            return
        if not countries and owner:
            countries = [(span.start, owner, self._name_of(owner, proper))]
        if not countries:  # "the president of Peru"; "rebels in Ivory Coast"; "the Secretary of State"
            country = self._of_country(head, b, proper) or (
                self._located(head, proper) if entry.kind != "title" else None) or self._implied(entry) or self.home or (
                self.sole if entry.kind == "title" or entry.sector not in ABROAD_SECTORS or _home_forces(span) else None)
            countries = [(span.start, country, self._name_of(country, proper))]
        if entry.kind == "agent" and not any(c for _, c, _ in countries):
            return  # "the doctors": no actor; "Swiss doctors": CHE HLH
        lo = min([span.start, *[s for s, _, _ in countries if s not in used]])
        full = span.doc[lo:span.end]
        used.update(range(full.start, full.end))
        for country, label in {c: (c, name) for _, c, name in countries}.values():
            actor = None
            if entry.kind == "title" and entry.office not in NON_OFFICES:
                actor = self.reg.holder_of(entry.office, country)
            if actor is None:
                international = country and country.startswith(INTERNATIONAL)
                code = country if international else _code(country, entry.sector)
                label = f"{label} {entry.name}" if country else entry.name
                actor = self.reg.get(("group", code, entry.name), name=label, code=code,
                                     country=None if international else country,
                                     sector=_split_code(code)[1] if international else entry.sector,
                                     kind="group", confidence=0.9 if country else 0.6)
            self._mention(b, full, actor, sidx)

    def _of_organisation(self, b, sidx, span, head, proper, used) -> bool:
        """A group noun right after the name of a dictionary organisation of one country
        (an armed group, a party) compounded on it is that organisation's people, with its
        code: "Hamas militants" are PSE REB, wherever they strike."""
        for p, e in proper:
            if e.kind == "org" and e.code and not _international(e) and p.end == span.start \
                    and p.start not in used and p.root.head.i == head.i and p.root.dep_ in ("compound", "nmod"):
                full = span.doc[p.start:span.end]
                used.update(range(full.start, full.end))
                self._mention(b, full, self._organisation(e), sidx)
                return True
        return False

    def _member(self, b, sidx, span, head, proper, used) -> None:
        """Members or the body of a dictionary organisation are that organisation: one named
        before the noun in its phrase ("its European Community partners", "the Hizbollah
        group") or after it by "of" ("members of the Security Council"); else no actor."""
        lo = head.left_edge.i
        before = [(p, e) for p, e in proper if e.kind == "org" and lo <= p.start and p.end <= span.start
                  and p.start not in used]
        after = [(p, e) for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                 for obj in c.children if obj.dep_ == "pobj"
                 for p, e in proper if e.kind == "org" and p.start <= obj.i < p.end]
        if not (before or after):
            return
        org, entry = (before or after)[0]
        actor = self._organisation(entry)
        full = span.doc[org.start if before else span.start:span.end]
        used.update(range(full.start, full.end))
        self._mention(b, full, actor, sidx)

    def _organisation(self, entry: Entry) -> Actor:
        country, sector = _split_code(entry.code)
        return self.reg.get(("org", entry.name), name=entry.name, code=entry.code,
                            country=country, sector=sector, kind="organisation")

    def _proper(self, b, sidx, span, entry, used) -> None:
        root = span.root
        used.update(range(span.start, span.end))
        if entry.kind in ("country", "capital", "city") and root.dep_ == "pobj" and place_preposition(root) in LOCATIVE:
            start, end = self.parsed.span_offsets(b, span)
            self.parsed.story.places.append(Place(span.text, start, end, entry.code, sidx))
            if entry.kind == "capital" and self._hosts(b, root, entry.code):  # where, and with whom
                self._mention(b, span, self._government(entry.code), sidx)
            return
        if entry.kind == "city":  # a city is no actor: the place stage finds it elsewhere
            return
        if entry.kind == "demonym" and (root.pos_ == "ADJ" or root.dep_ in ("amod", "compound")):
            start, end = self.parsed.span_offsets(b, span)
            name = self.lex.countries[entry.code]
            ref = ActorRef(span.text, start, end, entry.code, entry.code, None, name, None)
            for tok in span:
                self.parsed.modifiers[(b, tok.i)] = ref
            return
        if entry.kind == "org":
            actor = self._organisation(entry)
        elif entry.kind == "capital":
            actor = self._government(entry.code)
        else:
            actor = self.reg.get(("country", entry.code), name=self.lex.countries[entry.code],
                                 code=entry.code, country=entry.code, sector=None, kind="country")
        self._mention(b, span, actor, sidx)

    def _government(self, country: str) -> Actor:
        code = f"{country} GOV"
        return self.reg.get(("group", code), name=f"{self.lex.countries[country]} government",
                            code=code, country=country, sector="GOV", kind="group")

    def _hosts(self, b, place, country: str) -> bool:
        """A capital where talks are held is also their host government when someone of
        another country named in the sentence holds them ("Blinken was in talks in Seoul";
        places.yaml ``host_nouns``)."""
        holder = place.head.head
        nouns = frozenset(resources.load_yaml("places.yaml")["host_nouns"])
        if holder.lemma_.lower() not in nouns and not any(
                c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in holder.children):
            return False
        sent = place.sent
        return any(a.country and a.country != country
                   for i in range(sent.start, sent.end) for a, _ in self.refs.get((b, i), []))

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
        """Persons named in ``sent``: PERSON entities, dictionary names, single words of a
        name already met in the story, and the bare surnames of hand-written people in
        office (the recogniser misses many bare surnames)."""
        doc = sent.doc
        spans = [e for e in self.parsed.blocks[b].ents_in(sent) if e.label_ == "PERSON"]
        spans += [p for p, e in proper if e.kind == "person" and sent.start <= p.start < sent.end]
        known = {w for a in self.reg.recent for w in a.name.replace("-", " ").split()}
        surnames = self.lex.names.surnames
        for i in self._words[b]["capital"]:  # the tagger reads "Sanders has 70" as a noun
            if sent.start <= i < sent.end and (doc[i].text in known or (
                    doc[i].ent_type_ in ("PERSON", "ORG") and fold(doc[i].text) in surnames
                    and self.finder.by_surname(doc[i].text, None, None, self.reg.date))):
                spans.append(doc[i:i + 1])
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
        found = []
        for block in self.parsed.blocks:
            doc = block.doc
            proper = merged(self.finder.matches(self.finder.proper, doc, self.lex.proper),
                            self.finder.named(doc, self.reg.date))
            proper = [(p, e) for p, e in proper if not _ethnic(p, e)]
            found.append((proper, self.finder.matches(self.finder.roles, doc, self.lex.roles)))
        found = self._homonyms(found)
        named = Counter(_named_country(e, self.reg.date) for proper, _ in found for _, e in proper)
        named.pop(None, None)
        self.story_countries = set(named)
        self.home = _home(named)
        self.sole = next(iter(named)) if len(named) == 1 else None
        for b, block in enumerate(self.parsed.blocks):
            proper, roles = found[b]
            for sent, sidx in block.sentences:
                self._sentence(b, sidx, sent, proper, roles)

    def _homonyms(self, found: list) -> list:
        """A capital's name is a city of another country (places.yaml ``homonym_capitals``)
        when the story names exactly one of those countries and never the capital's own
        ("Tripoli" in a story about Lebanon): an ``Entry`` of kind "city" of that country."""
        homonyms = resources.load_yaml("places.yaml")["homonym_capitals"]
        named = Counter(_named_country(e, self.reg.date) for proper, _ in found for p, e in proper
                        if not (e.kind == "capital" and p.text in homonyms))
        out = []
        for proper, roles in found:
            mine = []
            for p, e in proper:
                if e.kind == "capital" and p.text in homonyms and not named[e.code]:
                    others = [c for c in homonyms[p.text] if named[c]]
                    if len(others) == 1:
                        e = Entry("city", code=others[0], name=self.lex.countries[others[0]])
                mine.append((p, e))
            out.append((mine, roles))
        return out

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
        names = [e for e in self.parsed.blocks[b].ents_in(sent) if e.label_ == "ORG"] + _proper_runs(sent)
        for ent in names:  # (the recogniser misses many: "the Kenya Anti-Corruption Commission")
            if not used.intersection(range(ent.start, ent.end)):
                self._national_org(b, sidx, ent, sproper, sroles, used)
        named = {i for p, e in sproper if e.kind == "org" for i in range(p.start, p.end)}
        for span, entry in sroles:  # a role noun inside a dictionary name is the name's ("US Congress")
            if not used.intersection(range(span.start, span.end)) and not named.issuperset(range(span.start, span.end)):
                self._role(b, sidx, span, entry, sproper, used)
        for span, entry in sproper:
            if entry.kind != "person" and not used.intersection(range(span.start, span.end)):
                self._proper(b, sidx, span, entry, used)
        for ent in self.parsed.blocks[b].ents_in(sent):
            if ent.label_ in ("ORG", "NORP") and not used.intersection(range(ent.start, ent.end)):
                self._uncoded(b, sidx, ent, sproper, used)
        self._country_anaphors(b, sidx, sent, sproper, used)
        self._bind_group_pronouns(b, sidx, sent)
        self._bind_speaker_pronouns(b, sidx, sent)
        pending, self._pending = self._pending, []
        for pb, psidx, span, entry, pproper, pused, possessor in pending:
            owners = [a.code if a.code.startswith(INTERNATIONAL) else a.country
                      for a, _ in self.refs.get((pb, possessor.i), []) if a.kind != "person" and a.code
                      and not self._doers(pb, span[-1], a)]
            pused.difference_update(range(span.start, span.end))
            self._role(pb, psidx, span, entry, pproper, pused, owner=next((o for o in owners if o), ""))
        self.previous_subjects = self._subjects(b, sent)

    def _country_anaphors(self, b, sidx, sent, proper, used) -> None:
        """"the country" alone (grammar.yaml ``country_anaphors``) is the country the sentence
        named last before it, else the story's own or only country."""
        words = resources.load_yaml("grammar.yaml")["country_anaphors"]
        for tok in sent:
            if tok.lower_ not in words or tok.i in used or [c.lower_ for c in tok.children
                                                             if c.dep_ not in ("prep", "case", "punct")] != ["the"]:
                continue
            if any(c.dep_ == "prep" for c in tok.children) or tok.dep_ in ("compound", "attr"):
                continue  # "the country of origin"; "is the country that ..."
            before = [e.code for p, e in proper if p.end <= tok.i and e.kind in ("country", "demonym")]
            code = before[-1] if before else self.home or self.sole
            if code is None or code not in self.lex.countries:
                continue
            actor = self.reg.get(("country", code), name=self.lex.countries[code], code=code, country=code,
                                 sector=None, kind="country")
            used.add(tok.i)
            self._mention(b, sent.doc[tok.i - 1:tok.i + 1], actor, sidx)

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
                if groups or subject.pos_ == "NOUN":  # "Iraqi militia groups said they ...": the phrase, named or not
                    self.parsed.antecedents[(b, i)] = subject.i
                break

    def _bind_speaker_pronouns(self, b, sidx, sent) -> None:
        """A "we" inside a quotation is the state or body its speaker, an official of it, speaks
        for: the speaker is the subject of the speech verb outside the quotation that the
        quoted clause hangs on ("“We condemn the attack,” the minister said")."""
        g = args.grammar()
        marks = set(g.words["quote_marks"])
        quoted = [t for t in sent if t.text in marks]
        if not quoted:
            return
        for tok in sent:
            if tok.lower_ not in g.words["speaker_pronouns"] or (b, tok.i) in self.refs:
                continue
            if sum(q.i < tok.i for q in quoted) % 2 == 0:
                continue  # not inside a quotation
            node = tok
            while node.head.i != node.i:
                dep, node = node.dep_, node.head
                if dep not in ("ccomp", "parataxis") or g.speech.get(node.lemma_.lower()) != "speech":
                    continue
                if sum(q.i < node.i for q in quoted) % 2:
                    break  # a speech verb inside the quotation: "I said we would"
                speaker = next((c for c in node.children if c.dep_ == "nsubj"), None)
                for actor, _ in (self.refs.get((b, speaker.i), []) if speaker is not None else [])[:1]:
                    if actor.sector in g.words["speaker_sectors"] or (actor.code or "").startswith(INTERNATIONAL):
                        self._mention(b, sent.doc[tok.i:tok.i + 1], actor, sidx)
                break

    def _doers(self, b, head, actor: Actor) -> bool:
        """``actor`` is the subject of the clause ``head`` is in: what a subject does with its
        own forces ("Syria offered its troops to Lebanon") leaves them the subject's means,
        not a party of their own."""
        verb = next((t for t in head.ancestors if t.pos_ in ("VERB", "AUX")), None)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb is not None else []
        return any(a is actor for s in subjects for a, _ in self.refs.get((b, s.i), []))

    def _national_org(self, b, sidx, ent, proper, roles, used) -> None:
        """A named organisation the dictionary lacks whose name holds a country or its
        demonym is of that country ("the Kenya Anti-Corruption Commission", "the Serbian
        Workers' Union"). Not when the name is the country's or a dictionary name overlaps
        it, nor when a role noun heads it ("US Congress": the role nouns compose that)."""
        inside = [(p, e) for p, e in proper if ent.start <= p.start and p.end <= ent.end]
        countries = {e.code for p, e in inside if e.kind in ("country", "demonym")}
        if len(countries) != 1 or any(e.kind not in ("country", "demonym") for _, e in inside) or any(
                p.end == ent.end for p, _ in inside) or any(r.start <= ent.root.i < r.end for r, _ in roles):
            return
        if any(p.start < ent.start < p.end or p.start < ent.end < p.end for p, _ in proper):
            return
        while len(ent) > 1 and ent[0].lower_ == "the":
            ent = ent.doc[ent.start + 1:ent.end]
        country = countries.pop()
        used.update(range(ent.start, ent.end))
        actor = self.reg.get(("org", ent.text), name=ent.text, code=country, country=country,
                             sector=None, kind="organisation", confidence=0.7)
        self._mention(b, ent, actor, sidx)

    def _uncoded(self, b, sidx, ent, proper, used) -> None:
        """A named organisation or group the dictionary does not know: an actor without a code."""
        root = ent.root
        if root.dep_ in ("amod", "compound", "poss", "nmod") or root.pos_ == "ADJ":
            return
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in set(
                resources.load_yaml("places.yaml")["place_nouns"]):
            return  # "the town of Samarra" names a place (whatever the tagger says), for the place stage
        while len(ent) > 1 and ent[0].lower_ == "the":
            ent = ent.doc[ent.start + 1:ent.end]
        used.update(range(ent.start, ent.end))
        if ent.label_ == "NORP":
            country = self._people_of(b, ent, proper)
            if country is not None:
                code = f"{country} CVL"
                actor = self.reg.get(("group", code, ent.text), name=ent.text, code=code, country=country,
                                     sector="CVL", kind="group", confidence=0.6)
                self._mention(b, ent, actor, sidx)
                return
        kind = "organisation" if ent.label_ == "ORG" else "group"
        actor = self.reg.get(("uncoded", ent.text), name=ent.text, code=None, country=None, sector=None,
                             kind=kind, confidence=0.4)
        self._mention(b, ent, actor, sidx)

    def _people_of(self, b, ent, proper) -> str | None:
        """The country of an ethnic or religious group the dictionary does not code: the one
        its phrase names ("Iraqi Kurds"), the one it is in ("Kurds in Syria"), else the
        story's own or only country ("ethnic Albanians" in a story naming only Serbia)."""
        root = ent.root
        named = [self.parsed.modifiers[(b, c.i)].country for c in root.children if (b, c.i) in self.parsed.modifiers]
        return (named[0] if named else None) or self._located(root, proper) or self.home or self.sole

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


def _region_country(obj) -> str | None:
    """The country of a region, province or town the gazetteer places in one country
    ("the governor of the Tyumen region", "police of Sindh province"): its first-level
    regions of that name if any, else all its places of that name."""
    nouns = set(resources.load_yaml("places.yaml")["place_nouns"])
    words = [t for t in obj.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] if obj.lemma_.lower() in nouns else []
    if not words and not (obj.pos_ == "PROPN" and obj.ent_type_ in ("GPE", "LOC")):
        return None
    if not words:
        words = [t for t in obj.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [obj]
    from ..place.gazetteer import load  # the place stage's table, read once per process
    gaz = load()
    entries = gaz.lookup(obj.doc[words[0].i:words[-1].i + 1].text)
    regions = {e.cc for e in entries if e.kind == "admin1"}
    ccs = regions or {e.cc for e in entries if e.kind in ("city", "admin2")}
    return gaz.iso3_of(ccs.pop()) if len(ccs) == 1 and "" not in ccs else None


def _proper_runs(sent) -> list[SpacySpan]:
    """Names of several proper nouns, each a proper noun with the proper nouns compounded
    onto it just before it ("Kenya Anti-Corruption Commission")."""
    out = []
    for tok in sent:
        if tok.pos_ != "PROPN" or tok.dep_ == "compound":
            continue
        start = tok.i
        while start > sent.start and tok.doc[start - 1].pos_ == "PROPN" and tok.doc[start - 1].head.i == tok.i:
            start -= 1
        if start < tok.i:
            out.append(tok.doc[start:tok.i + 1])
    return out


def _word_index(doc) -> dict[str, list[int]]:
    """Where the capitalised nouns, personal and group pronouns and subjects of a paragraph are, found in one pass."""
    out: dict[str, list[int]] = {"capital": [], "pronoun": [], "group_pronoun": [], "subject": []}
    for i, (lower, pos, dep, title) in enumerate(doc.to_array([LOWER, POS, DEP, IS_TITLE]).tolist()):
        if title and pos in (PROPN, NOUN):
            out["capital"].append(i)
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
