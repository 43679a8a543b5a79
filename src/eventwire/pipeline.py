"""The pipeline: read -> clean -> parse -> actors -> events -> time -> place -> quotes.

Every stage is a function over the shared ``Parsed`` story; ``Pipeline`` holds
what they need once per process (the spaCy model and the dictionaries).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache

from . import actors, clean, events, place, quotes
from . import time as timex
from .model import Story
from .nlp import load_model, pipe
from .parse import Parsed, parse, parse_doc
from .quantities import find_quantities


@dataclass
class Pipeline:
    nlp: object
    finder: actors.ActorFinder
    lexicon: events.Lexicon
    gazetteer: place.Gazetteer = field(default_factory=place.load)  # loaded with the rest, not by a story

    @classmethod
    def create(cls, nlp=None, actor_files: tuple[str, ...] = ()) -> "Pipeline":
        nlp = nlp if nlp is not None else load_model()
        return cls(nlp, actors.ActorFinder(nlp, actors.build(actor_files)), events.load())

    def run(self, story: Story) -> Story:
        """Extract everything from a story read by ``eventwire.read``."""
        paragraphs = clean.paragraphs(story.text, story.title)
        clean.check_english(" ".join(p.text for p in paragraphs if p.kind == "body"), story.id or "story")
        self.stages(parse(self.nlp, story, paragraphs))
        return story

    def run_many(self, stories: list[Story], timings: dict[str, float] | None = None) -> list[Story | Exception]:
        """Extract from many stories, parsing all their paragraphs in one batched spaCy run.
        A story that fails gives its exception in its place; the others go on. ``timings``
        (if given) collects CPU seconds per step: clean, each spaCy component, then each stage."""
        clock = _Clock(timings)
        prepared: list[tuple[Story, list] | Exception] = []
        for story in stories:
            try:
                paragraphs = clean.paragraphs(story.text, story.title)
                clean.check_english(" ".join(p.text for p in paragraphs if p.kind == "body"), story.id or "story")
                prepared.append((story, paragraphs))
            except Exception as exc:  # recorded by the caller, never fatal for the batch
                prepared.append(exc)
        clock("clean")
        texts = [p.text for item in prepared if not isinstance(item, Exception)
                 for p in item[1] if p.kind == "body"]
        docs = iter(list(pipe(self.nlp, texts, 256, timings)))
        out: list[Story | Exception] = []
        for item in prepared:
            if isinstance(item, Exception):
                out.append(item)
                continue
            story, paragraphs = item
            mine = [next(docs) for p in paragraphs if p.kind == "body"]
            try:
                clock.reset()
                parsed = parse(self.nlp, story, paragraphs, docs=mine)
                clock("parse")
                self.stages(parsed, timings)
                out.append(story)
            except Exception as exc:
                out.append(exc)
        return out

    def run_doc(self, doc, story: Story) -> Parsed:
        """Extract from a document a user's own pipeline has parsed (the spaCy component)."""
        parsed = parse_doc(doc, story)
        self.stages(parsed)
        return parsed

    def stages(self, parsed: Parsed, timings: dict[str, float] | None = None) -> None:
        """Run every stage after parsing; ``timings`` (if given) collects seconds per stage."""
        clock = _Clock(timings)
        actors.resolve(parsed, self.finder)
        clock("actors")
        events.code_events(parsed, self.lexicon)
        clock("events")
        found = timex.find_times(parsed)
        timex.date_events(parsed, found, self.lexicon.status["historical"]["min_days_before"])
        clock("time")
        in_times = {(b, i) for (b, root) in found for i in _span_tokens(parsed, b, found[(b, root)])}
        find_quantities(parsed, in_times)
        clock("quantities")
        place.find_places(parsed, self.gazetteer)
        clock("place")
        quotes.find_quotes(parsed)
        clock("quotes")


class _Clock:
    """Adds the CPU seconds since the last call (or ``reset``) to ``timings[stage]``."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings
        self.last = time.process_time()

    def reset(self) -> None:
        self.last = time.process_time()

    def __call__(self, stage: str) -> None:
        if self.timings is not None:
            now = time.process_time()
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
            self.last = now


def _span_tokens(parsed: Parsed, b: int, te) -> range:
    block = parsed.blocks[b]
    span = block.doc.char_span(te.start - block.offset, te.end - block.offset, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def get_pipeline(actor_files: tuple[str, ...] = ()) -> Pipeline:
    """The process-wide pipeline (one model load per process)."""
    return _pipeline(tuple(actor_files))


@lru_cache(maxsize=8)
def _pipeline(actor_files: tuple[str, ...]) -> Pipeline:
    # one key however the caller spells "no actor files": get_pipeline() and get_pipeline(())
    return Pipeline.create(actor_files=actor_files)
