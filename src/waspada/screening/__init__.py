"""Job-offer screening engine ("Cek Lowongan") — plain Python, no Django.

Quick use::

    from waspada.screening import screen
    a = screen("Dibutuhkan CS di Kamboja, gaji USD 1.000, tiket ditanggung")
    a.verdict, a.risk, [i.code for i in a.indicators]

``Screener`` loads the model once: this installation's own model (:func:`default_model_dir`)
if fresh, else the one shipped in the package (:func:`shipped_model_dir`); ``screen`` uses a
lazily created process-wide Screener. Input errors raise :class:`ScreeningInputError` subclasses.
"""

from .assessment import Assessment, Evidence, Indicator
from .engine import Screener, get_default_screener, reset_default_screener, screen
from .errors import (
    MAX_TEXT_CHARS,
    EmptyTextError,
    ModelFormatError,
    ModelNotFoundError,
    RulesFormatError,
    ScreeningError,
    ScreeningInputError,
    TextTooLongError,
    TrainingUnavailableError,
)
from .loading import default_model_dir, shipped_model_dir
from .registry import AgencyRegistry, load_registry
from .training import TrainResult, train

__all__ = [
    "MAX_TEXT_CHARS",
    "AgencyRegistry",
    "Assessment",
    "EmptyTextError",
    "Evidence",
    "Indicator",
    "ModelFormatError",
    "ModelNotFoundError",
    "RulesFormatError",
    "Screener",
    "ScreeningError",
    "ScreeningInputError",
    "TextTooLongError",
    "TrainResult",
    "TrainingUnavailableError",
    "default_model_dir",
    "get_default_screener",
    "load_registry",
    "reset_default_screener",
    "screen",
    "shipped_model_dir",
    "train",
]
