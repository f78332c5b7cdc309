"""unguarded: find the databases anyone can open, measure what they would give away.

Read-only by design: nothing is ever written to a target. The public API is small:

    from unguarded import build_target_set, scan, ScanOptions
    report = asyncio.run(scan(build_target_set(["10.0.0.0/24"])))

and, for everything ``unguarded scan`` does after scanning (baseline, history, outputs,
webhook), the same options as the command line:

    from unguarded import ScanRequest, run_pipeline
    outcome = asyncio.run(run_pipeline(ScanRequest(targets=["10.0.0.0/24"], outputs={"sarif": "scan.sarif"})))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_names
from ._version import __version__

if TYPE_CHECKING:
    from .engines.base import ScanOptions
    from .models import Access, Dataset, Exposure, FieldFinding, Report, Service, Severity
    from .pipeline import ScanOutcome, ScanRequest, ScanRequestError, run_pipeline
    from .scanner import Scanner, scan
    from .targets import TargetError, build_target_set

#: public name -> the module that defines it. Resolved on first use (PEP 562), so that
#: ``import unguarded.cli`` or ``import unguarded.config_audit`` does not pay for the
#: scanner, every engine and the pipeline's history store before anything runs.
_LAZY = {
    "ScanOptions": ".engines.base",
    **dict.fromkeys(("Access", "Dataset", "Exposure", "FieldFinding", "Report", "Service", "Severity"), ".models"),
    **dict.fromkeys(("ScanOutcome", "ScanRequest", "ScanRequestError", "run_pipeline"), ".pipeline"),
    **dict.fromkeys(("Scanner", "scan"), ".scanner"),
    **dict.fromkeys(("TargetError", "build_target_set"), ".targets"),
}

__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = [
    "Access",
    "Dataset",
    "Exposure",
    "FieldFinding",
    "Report",
    "ScanOptions",
    "ScanOutcome",
    "ScanRequest",
    "ScanRequestError",
    "Scanner",
    "Service",
    "Severity",
    "TargetError",
    "__version__",
    "build_target_set",
    "run_pipeline",
    "scan",
]
