"""The place stage: where events happened.

Place names used as locations ("in Seoul", "In Tokyo, ...") were recorded by the
actor stage (with their country when the dictionary knows them); named places
the dictionary lacks (GPE, LOC, FAC entities in a locative phrase) are added here.
Each event takes the place whose phrase modifies its trigger or the trigger's direct
object ("held talks in Cairo"), else the place that opens its sentence ("In Tokyo, ... Ishiba voiced alarm").
"""

from __future__ import annotations

from .actors.resolve import LOCATIVE
from .model import Place
from .parse import Parsed


def _root_of(parsed: Parsed, place: Place):
    for b, block in enumerate(parsed.blocks):
        if block.offset <= place.start < block.offset + block.length:
            span = block.doc.char_span(place.start - block.offset, place.end - block.offset,
                                       alignment_mode="expand")
            if span is not None:
                return b, span.root
    return None, None


def find_places(parsed: Parsed) -> None:
    story = parsed.story
    known = {(p.start, p.end) for p in story.places}
    for b, block, sent, sidx in parsed.sentences():
        for ent in sent.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and ent.root.dep_ == "pobj" \
                    and ent.root.head.lower_ in LOCATIVE:
                start, end = parsed.span_offsets(b, ent)
                if (start, end) not in known and not parsed.actors_at(b, ent.root):
                    story.places.append(Place(ent.text, start, end, None, sidx))
    story.places.sort(key=lambda p: p.start)
    _locate_events(parsed)


def _locate_events(parsed: Parsed) -> None:
    story = parsed.story
    by_sentence: dict[int, list[tuple[Place, object]]] = {}
    for place in story.places:
        b, root = _root_of(parsed, place)
        if root is not None:
            by_sentence.setdefault(place.sentence_index, []).append((place, root))
    for event, (b, i) in zip(story.events, parsed.triggers):
        trigger = parsed.blocks[b].doc[i]
        for place, root in by_sentence.get(event.sentence_index, []):
            prep = root.head
            governor = prep.head
            opens_sentence = prep.i == prep.sent.start
            on_object = governor.dep_ == "dobj" and governor.head.i == trigger.i  # "held talks in Cairo"
            if governor.i == trigger.i or trigger.is_ancestor(prep) and governor.pos_ != "NOUN" \
                    or on_object or opens_sentence:
                event.location = place
                break
