"""``python -m benchmarks.classify``: see :mod:`benchmarks.classify.run`."""

from benchmarks.classify.run import main

raise SystemExit(main())
