import json

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


def ingest_records(folder, records) -> str:
    """A database in ``folder`` holding the JSON Lines ``records`` (tests' own stories)."""
    from eventwire.store import ingest

    path = folder / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    db = str(folder / "e.duckdb")
    ingest([str(path)], db, workers=1)
    return db
