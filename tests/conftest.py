import pytest

import eventwire


@pytest.fixture(scope="session")
def extract():
    """eventwire.extract, with the model loaded once for the whole run."""
    return eventwire.extract


def events_of(story, event_type=None):
    return [e for e in story.events if event_type is None or e.event_type == event_type]


def actor_named(story, name):
    return next(a for a in story.actors if a.name == name)
