"""The story model: plain records shared by every pipeline stage.

Every extracted field carries ``start``/``end`` character offsets into
``Story.text`` (end exclusive), so any value can be traced back to its evidence.
``Story.to_dict()`` is exactly the JSON object that ``eventwire extract`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

ONTOLOGY = "PLOVER 2.0 / CAMEO 1.1b3"

STATUSES = ("asserted", "reported", "hypothetical", "negated", "attempted", "historical")


@dataclass(slots=True)
class Span:
    """A stretch of story text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    """A sentence or line of the story; ``kind`` says whether it is coded."""

    index: int
    text: str
    start: int
    end: int
    kind: str = "body"  # body | title | subheading | boilerplate | dateline


@dataclass(slots=True)
class Mention:
    """One place in the text that names an actor."""

    text: str
    start: int
    end: int
    sentence_index: int = -1


@dataclass(slots=True)
class Actor:
    """One distinct actor of a story, holding all its mentions."""

    id: int
    name: str
    code: str
    country: str | None
    sector: str | None
    office: str | None = None
    kind: str = "country"  # country | person | organisation | group
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 1.0


@dataclass(slots=True)
class ActorRef:
    """An actor as it fills one role of one event, at one mention."""

    text: str
    start: int
    end: int
    code: str
    country: str | None
    sector: str | None
    name: str
    actor_id: int | None = None


@dataclass(slots=True)
class TimeExpression:
    """A temporal expression with its TIMEX3-style normalised value."""

    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    mod: str | None = None  # START | MID | END | APPROX | BEFORE | AFTER ...
    resolved: bool = True  # False when no publication date was available to anchor it
    sentence_index: int = -1


@dataclass(slots=True)
class Quantity:
    """A number with its unit, as the text gives it."""

    text: str
    start: int
    end: int
    value: float
    unit: str | None
    approximate: bool = False
    op: str = "="  # = | >= | <= | ~
    sentence_index: int = -1


#: How precise a place is, finest first; "none" when the gazetteer does not know it.
PRECISIONS = ("city", "admin2", "admin1", "country", "region", "sea", "continent", "none")
#: Where an event's location came from (``Event.location_from``).
LOCATION_SOURCES = ("clause", "target", "sentence", "dateline", "actor")


@dataclass(slots=True)
class Place:
    """A place name in the text (a location, not an acting government), resolved to the
    gazetteer: coordinates of a city, or the point of a region, country, sea or continent
    at that ``precision`` (a country is never pinned on its capital)."""

    text: str
    start: int
    end: int
    country: str | None  # ISO 3166-1 alpha-3, as actor codes
    sentence_index: int = -1
    name: str | None = None  # the gazetteer's name ("Seoul", "Sea of Japan")
    admin1: str | None = None  # first-level region's name ("Illinois")
    lat: float | None = None
    lon: float | None = None
    precision: str = "none"  # one of PRECISIONS
    geonames_id: int | None = None
    confidence: float = 0.0  # that this reading of the name is the right one


@dataclass(slots=True)
class Speaker:
    name: str
    code: str | None
    start: int
    end: int
    actor_id: int | None = None


@dataclass(slots=True)
class Quote:
    """Attributed speech: direct, indirect (reported content) or a mere mention."""

    text: str
    start: int
    end: int
    kind: str  # direct | indirect | mention
    speaker: Speaker | None
    cue: Span | None = None
    addressee: Speaker | None = None
    sentence_index: int = -1


@dataclass(slots=True)
class Event:
    """Who did what to whom, when and where, with the evidence for each field."""

    event_type: str
    mode: str | None
    contexts: list[str]
    cameo: str
    quad_class: int
    goldstein: float
    source: ActorRef | None
    target: ActorRef | None
    trigger: Span
    date: str | None
    date_precision: str
    time: Span | None
    status: str
    attributed_to: ActorRef | None
    confidence: float
    sentence: str
    sentence_index: int
    location: Place | None = None
    location_from: str | None = None  # one of LOCATION_SOURCES, None without a location
    ontology: str = ONTOLOGY
    evidence: str = ""
    depth: int = 0  # clauses between the trigger and the sentence's main verb (0 = main clause)
    #: The whole noun phrases that fill the source and target roles in the parse, whether or
    #: not an actor was resolved from them ("a car bomb", "the Croatian government's request").
    source_phrase: Span | None = None
    target_phrase: Span | None = None


@dataclass(slots=True)
class Story:
    """A story and everything eventwire extracted from it."""

    text: str
    id: str = ""
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    language: str = "en"
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Events a gate of ``data/gates.yaml`` stopped (their evidence names it): shown by
    #: ``eventwire explain``, never stored or exported.
    rejected: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object ``eventwire extract --format json`` prints."""
        return {
            "story": {
                "id": self.id,
                "url": self.url,
                "title": self.title,
                "published": self.published,
                "language": self.language,
                "text": self.text,
                "warnings": list(self.warnings),
                "sentences": [to_plain(s) for s in self.sentences],
            },
            "events": [to_plain(e) for e in self.events],
            "quotes": [to_plain(q) for q in self.quotes],
            "times": [to_plain(t) for t in self.times],
            "quantities": [to_plain(q) for q in self.quantities],
            "places": [to_plain(p) for p in self.places],
            "actors": [to_plain(a) for a in self.actors],
        }


def to_plain(obj: Any) -> Any:
    """Convert records (recursively) to JSON-ready dicts and lists, quickly."""
    if is_dataclass(obj):
        return {f.name: to_plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, list):
        return [to_plain(x) for x in obj]
    return obj
