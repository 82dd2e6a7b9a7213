"""Errors the library raises; the CLI and the app translate them for people."""


class SummariseError(Exception):
    """Base class: every message says what went wrong and what to do next."""


class InputError(SummariseError):
    """A release could not be read (empty, binary, too large, bad front matter)."""


class ModelError(SummariseError):
    """A summarisation engine or model could not be loaded or used."""


class VoiceError(SummariseError):
    """A voice could not speak the script (service unreachable, program missing)."""


class ConflictError(SummariseError):
    """Someone else changed an item (or holds its lock) since it was opened; reopen it and try again."""
