"""The actor stage: who is named in the story, and which mentions are the same actor."""

from .lexicon import Lexicon, build
from .resolve import ActorFinder, resolve

__all__ = ["ActorFinder", "Lexicon", "build", "resolve"]
