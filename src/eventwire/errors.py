"""Errors a user can act on: the CLI prints their message on one line."""


class EventwireError(Exception):
    """Bad input or a missing resource, said in one line."""


class InputError(EventwireError):
    """The story cannot be read: missing, binary, empty, not English, bad date."""


class ModelMissingError(EventwireError):
    """No English spaCy model is installed."""
