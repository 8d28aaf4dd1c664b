"""Waspada: a platform against human trafficking through online scams."""

__version__ = "0.1.0"
