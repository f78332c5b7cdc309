"""The version of unguarded, written once: packaging reads it from here (pyproject ``dynamic``)."""

__version__ = "0.1.0"
