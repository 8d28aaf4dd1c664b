"""Exceptions raised by the screening engine.

The web and API layers map these to HTTP answers: ``EmptyTextError`` → 400,
``TextTooLongError`` → 413, ``ModelFormatError``/``ModelNotFoundError`` → 500/503.
"""

from __future__ import annotations

MAX_TEXT_CHARS = 20_000


class ScreeningError(Exception):
    """Base class of every error the screening engine raises on purpose."""


class ScreeningInputError(ScreeningError, ValueError):
    """The text given to screen cannot be screened (empty, too long, not text)."""


class EmptyTextError(ScreeningInputError):
    """The text is empty or only whitespace."""


class TextTooLongError(ScreeningInputError):
    """The text is longer than :data:`MAX_TEXT_CHARS` characters."""

    def __init__(self, length: int, limit: int = MAX_TEXT_CHARS) -> None:
        super().__init__(f"text has {length} characters; the limit is {limit}")
        self.length = length
        self.limit = limit


class ModelNotFoundError(ScreeningError, FileNotFoundError):
    """No usable model: none in the model directory, the shipped one is out of date for these
    rules or corpus, and training one is not possible (see ``docs/screening.md``)."""


class TrainingUnavailableError(ScreeningError, ImportError):
    """Training needs scikit-learn, which only the ``train`` extra installs."""


class ModelFormatError(ScreeningError, ValueError):
    """A model file is malformed, unsafe (pickled objects) or inconsistent."""


class RulesFormatError(ScreeningError, ValueError):
    """A rules, gazetteer or registry data file is malformed."""


def check_text(text: object) -> str:
    """Return ``text`` if it can be screened, else raise a ScreeningInputError subclass."""
    if not isinstance(text, str):
        raise ScreeningInputError(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLongError(len(text))
    if not text.strip():
        raise EmptyTextError("text is empty")
    return text
