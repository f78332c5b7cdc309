"""unguarded: find the databases anyone can open, measure what they would give away.

(Branch ``config`` carries this minimal package marker so that ``PYTHONPATH=src`` finds
this tree first; on merge, main's ``__init__`` replaces it.)
"""

__version__ = "0.1.0"
