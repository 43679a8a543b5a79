"""The store stage: stories and their events in one DuckDB database.

    >>> import eventwire
    >>> db = eventwire.open("events.duckdb")
    >>> db.events(actor="PRK", since="2025-01-01")   # a pandas DataFrame
"""

from .db import Store
from .ingest import Summary, ingest
from .query import EventFilter


def open(path: str, read_only: bool = True) -> Store:  # noqa: A001 - the analyst's verb
    """Open an event database (read-only unless asked)."""
    return Store(path, read_only=read_only)


__all__ = ["EventFilter", "Store", "Summary", "ingest", "open"]
