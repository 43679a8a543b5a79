"""The Python API the CLI, the HTTP API and the spaCy component are shells over."""

from __future__ import annotations

from collections.abc import Sequence

from . import read
from .model import Story
from .pipeline import get_pipeline


def extract(text: str, *, date: str | None = None, url: str | None = None,
            title: str | None = None, actors: Sequence[str] = ()) -> Story:
    """Extract events, actors, quotes, times and quantities from one story's text.

    ``date`` is the publication date (``YYYY-MM-DD``) relative expressions are
    anchored on; ``actors`` names extra YAML actor dictionaries.
    """
    story = read.from_text(text, date=date, url=url, title=title)
    return extract_story(story, actors=actors)


def extract_html(html: str, *, url: str | None = None, date: str | None = None,
                 actors: Sequence[str] = ()) -> Story:
    """Extract from a news page: main text and publication date come from the HTML."""
    return extract_story(read.from_html(html, url=url, date=date), actors=actors)


def extract_story(story: Story, *, actors: Sequence[str] = ()) -> Story:
    """Run the pipeline on a story made by one of the readers in ``eventwire.read``."""
    return get_pipeline(tuple(actors)).run(story)
