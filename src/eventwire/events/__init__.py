"""The event stage: PLOVER/CAMEO events with source, target, trigger and claim status."""

from .code import code_events
from .lexicon import Lexicon, load

__all__ = ["Lexicon", "code_events", "load"]
