"""eventwire: English news stories to political event data, with evidence for every field.

    >>> import eventwire
    >>> story = eventwire.extract(text, date="2025-01-06")
    >>> story.to_dict()["events"]
"""

from .api import extract, extract_html, extract_story
from .errors import EventwireError, InputError, ModelMissingError
from .model import Actor, Event, Quantity, Quote, Sentence, Story, TimeExpression
from .store import open

__version__ = "0.1.0"

__all__ = ["Actor", "Event", "EventwireError", "InputError", "ModelMissingError", "Quantity",
           "Quote", "Sentence", "Story", "TimeExpression", "extract", "extract_html", "extract_story", "open"]
