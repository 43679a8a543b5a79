"""The place stage: every place name of the story on the map, and where each event happened.

Input: a ``Parsed`` story after the actor and event stages. Output: ``story.places``
(every toponym, resolved to the gazetteer with a precision and a confidence), each
event's ``location`` with ``location_from``, and the target of an event that names no
party but a place it is done in or on. A name the actor stage took for an actor
("Pyongyang said", "North Korea fired") is an actor, not a place.
"""

from __future__ import annotations

from collections import Counter

from .. import resources
from ..model import ActorRef, Place, Story
from ..parse import Parsed
from .gazetteer import Gazetteer, km, load
from .locate import locate
from .recognise import dateline_toponym, phrase_head, toponyms
from .resolve import SINGLE_CONFIDENCE, Toponym, resolve, to_place

#: A country a conflict is aimed at is where it happened more often than not.
TARGET_COUNTRY = 0.6

__all__ = ["Gazetteer", "find_places", "km", "load", "locate_events", "story_countries"]


def story_countries(story: Story) -> Counter:
    """ISO-3 -> how often the story's actors name the country (evidence for its places)."""
    out: Counter = Counter()
    for actor in story.actors:
        if actor.country:
            out[actor.country] += len(actor.mentions)
    return out


def find_places(parsed: Parsed, gaz: Gazetteer | None = None) -> None:
    gaz = gaz or load()
    story = parsed.story
    names = toponyms(parsed, gaz)
    dateline = dateline_toponym(story, gaz)
    countries = story_countries(story)
    if dateline is not None:
        names.insert(0, dateline)
    places = resolve(gaz, story.text, names, countries)
    story.places = sorted(places, key=lambda p: p.start)
    locate_events(parsed, gaz, places[0] if dateline is not None else None)


def _heads(parsed: Parsed) -> dict[tuple[int, int], Place]:
    """(block, token index of the place's head) -> place, for places in parsed paragraphs."""
    out = {}
    for place in parsed.story.places:
        for b, block in enumerate(parsed.blocks):
            if block.offset <= place.start < block.offset + block.length:
                span = parsed.span_at(b, place.start, place.end)
                if span is not None:
                    out[(b, span.root.i)] = place
                break
    return out


def _actor_place(parsed: Parsed, gaz: Gazetteer, event) -> Place | None:
    """The country of the event's source when the source is the state itself ("North Korea
    fired"; not its envoys or troops, who travel)."""
    ref = event.source
    if ref is None or not ref.country or ref.actor_id is None:
        return None
    actor = next((a for a in parsed.story.actors if a.id == ref.actor_id), None)
    if actor is None or actor.kind != "country" or (country := gaz.country(ref.country)) is None:
        return None
    return to_place(gaz, Toponym(ref.text, ref.start, ref.end, event.sentence_index), country, SINGLE_CONFIDENCE)


def _target_place(gaz: Gazetteer, event, countries: Counter) -> Place | None:
    """The place an act is done to: a target the actor dictionary does not code that the
    gazetteer knows ("struck Kharkiv", "visited Bakhmut"), or the country a material
    conflict is aimed at ("Russia attacked Ukraine")."""
    ref = event.target
    if ref is None or ref.actor_id is None:  # no actor: a demonym ("the Ukrainian city")
        return None
    if not ref.code:
        place = resolve(gaz, "", [Toponym(ref.text, ref.start, ref.end, event.sentence_index)], countries)[0]
        return place if place.lat is not None and place.confidence >= 0.5 else None
    if event.quad_class == 4 and ref.code == ref.country and (country := gaz.country(ref.country)):
        return to_place(gaz, Toponym(ref.text, ref.start, ref.end, event.sentence_index), country, TARGET_COUNTRY)
    return None


def locate_events(parsed: Parsed, gaz: Gazetteer, dateline: Place | None) -> None:
    heads = _heads(parsed)
    countries = story_countries(parsed.story)
    by_block: dict[int, dict[int, Place]] = {}
    for (b, i), place in heads.items():
        by_block.setdefault(b, {})[i] = place
    for event, (b, i) in zip(parsed.story.events, parsed.triggers):
        trigger = parsed.blocks[b].doc[i]
        done_to = _target_place(gaz, event, countries)
        place, source = locate(trigger, by_block.get(b, {}), dateline, _actor_place(parsed, gaz, event),
                               done_to, material=event.quad_class in (2, 4))
        event.location, event.location_from = place, source
        _aim(parsed, b, event, by_block.get(b, {}), done_to)


def _aim(parsed: Parsed, b: int, event, places: dict[int, Place], done_to: Place | None) -> None:
    """The source of an act of protest or violence whose doers no actor names, and the
    target of an event that names no party, from where it happened: the host of talks in
    a foreign capital, the country of a place an act is done in or on."""
    if (event.source is None or not event.source.code) and event.location_from == "clause" \
            and event.cameo.startswith(tuple(resources.load_yaml("places.yaml")["place_source_codes"])):
        event.source = _place_target(event.location) or event.source  # "a bomb exploded outside Basra"
    if event.target is None and event.cameo.startswith("04") and event.location_from == "clause":
        event.target = _host(parsed, b, event.location, event)  # "was in talks in Seoul"
    if event.target is None and event.location_from == "clause" and _done_abroad(event):
        event.target = _place_target(event.location)  # "drones hit a fuel depot in Russia's Bryansk region"
    if not _done_to_places(event.cameo) or event.target_phrase is None:
        return
    if event.target is None:  # "demonstrated in Serbia"
        event.target = _place_target(_phrase_place(parsed, b, places, event.target_phrase))
    elif not event.target.code and done_to is not None:  # "struck Kharkiv"
        event.target = _place_target(done_to) or event.target


def _host(parsed: Parsed, b: int, place: Place, event) -> ActorRef | None:
    """The government that hosts talks in its capital, as the actor stage resolved it."""
    span = parsed.span_at(b, place.start, place.end)
    refs = [r for t in span or () for r in parsed.actors_at(b, t) if r.code]
    home = event.source.country if event.source is not None else None
    return next((r for r in refs if r.country != home), None)


def _done_to_places(cameo: str) -> bool:
    """The act is one done in or on a place (data/places.yaml ``place_target_codes``)."""
    return cameo.startswith(tuple(resources.load_yaml("places.yaml")["place_target_codes"]))


def _phrase_place(parsed: Parsed, b: int, places: dict[int, Place], phrase) -> Place | None:
    """The place a phrase is, itself ("Abidjan", "northern Israel", "the town of Cizre"):
    the phrase's head is the place's head or the place noun it names."""
    span = parsed.span_at(b, phrase.start, phrase.end)
    if span is None:
        return None
    return next((p for i, p in places.items() if phrase_head(span.doc[i]).i == span.root.i), None)


def _done_abroad(event) -> bool:
    """Violence a coded actor does in another country's ground (places.yaml
    ``foreign_ground_codes``): its target is that country, whatever thing it hit there."""
    place, source = event.location, event.source
    return place is not None and bool(place.country) and source is not None and bool(source.country) \
        and source.country != place.country \
        and event.cameo.startswith(tuple(resources.load_yaml("places.yaml")["foreign_ground_codes"]))


def _place_target(place: Place | None) -> ActorRef | None:
    """A place as the target of an act done to it: its country alone as code (no sector:
    the place is not its government)."""
    if place is None or not place.country:
        return None
    return ActorRef(place.text, place.start, place.end, place.country, place.country, None,
                    place.name or place.text)
