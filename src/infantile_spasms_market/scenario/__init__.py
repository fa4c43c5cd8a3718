"""The scenario: every assumption as one validated parameter model, read from ``params/`` with ``--set`` overrides."""

from .errors import ParameterError
from .loading import load_parameters
from .parameters import Parameters

__all__ = ["ParameterError", "Parameters", "load_parameters"]
