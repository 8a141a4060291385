"""Ecogram: map a young child's context and find care figures around it."""

__version__ = "0.1.0"
