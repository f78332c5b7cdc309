"""``python -m unguarded.cli``: the same as the ``unguarded`` command."""

from . import main

main()
