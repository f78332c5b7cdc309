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

from ._version import __version__
from .engines.base import ScanOptions
from .models import Access, Dataset, Exposure, FieldFinding, Report, Service, Severity
from .pipeline import ScanOutcome, ScanRequest, ScanRequestError, run_pipeline
from .scanner import Scanner, scan
from .targets import TargetError, build_target_set

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
