"""eventwire: English news stories to political event data, with evidence for every field.

    >>> import eventwire
    >>> story = eventwire.extract(text, date="2025-01-06")
    >>> story.to_dict()["events"]

The public names load on first use (PEP 562), so ``import eventwire`` (and every
submodule's import, which runs this file first) costs no spaCy or DuckDB import.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_HOMES = {"extract": "api", "extract_html": "api", "extract_story": "api",
          "EventwireError": "errors", "InputError": "errors", "ModelMissingError": "errors",
          "Actor": "model", "Event": "model", "Quantity": "model", "Quote": "model", "Sentence": "model",
          "Story": "model", "TimeExpression": "model", "open": "store"}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    """The public name ``name``, imported from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
