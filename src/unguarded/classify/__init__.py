"""Classify bounded samples: which fields hold which personal data, and what the dataset is.

The scan core calls exactly two functions, and nothing else here is public:

* :func:`classify_dataset` turns the in-process sample of one dataset into
  value-free :class:`~unguarded.models.FieldFinding` objects and dataset patterns;
* :func:`detect_compromise` looks across the datasets of one service for signs of an
  earlier intrusion (ransom notes, wiped data, planted keys).

Samples never leave this package: findings carry categories, prevalence and masked
examples (see :mod:`unguarded.classify.mask`).
"""

from __future__ import annotations

from ._api import Classification, SampledDataset, classify_dataset, detect_compromise
from .mask import mask

__all__ = ["Classification", "SampledDataset", "classify_dataset", "detect_compromise", "mask"]
