"""``nlp.add_pipe("eventwire")``: eventwire inside a user's own spaCy pipeline.

The component needs a parser and entity recogniser before it. Results land on
``doc._.events``, ``doc._.quotes``, ``doc._.actors``, ``doc._.times`` and the
whole record on ``doc._.story``. Set ``doc._.published`` (or the ``date`` config)
to anchor relative dates.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .model import Story
from .pipeline import Pipeline
from .read import parse_date, story_id

for _name in ("events", "quotes", "actors", "times", "quantities", "story", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class EventwireComponent:
    def __init__(self, nlp: Language, date: str | None, actors: list[str]):
        self.date = parse_date(date)
        self.pipeline = Pipeline.create(nlp, tuple(actors))

    def __call__(self, doc: Doc) -> Doc:
        date = parse_date(doc._.published) if doc._.published else self.date
        story = Story(text=doc.text, id=story_id(doc.text) if doc.text.strip() else "", published=date)
        self.pipeline.run_doc(doc, story)
        doc._.story = story
        doc._.events, doc._.quotes, doc._.actors = story.events, story.quotes, story.actors
        doc._.times, doc._.quantities = story.times, story.quantities
        return doc


@Language.factory("eventwire", default_config={"date": None, "actors": []})
def make_eventwire(nlp: Language, name: str, date: str | None, actors: list[str]) -> EventwireComponent:
    return EventwireComponent(nlp, date, actors)
