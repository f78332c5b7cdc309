"""Classify bounded samples: which fields hold which personal data, and what the dataset is.

The scan core calls these, and nothing else here is public:

* :func:`classify_dataset` turns the in-process sample of one dataset into
  value-free :class:`~unguarded.models.FieldFinding` objects and dataset patterns;
* :func:`detect_compromise` looks across the datasets of one service for the signs of
  an earlier intrusion every engine shares (ransom notes, wiped data); engines add their
  own signs with :func:`sample_texts` and :func:`dataset_label`;
* :func:`estimate_people` turns the classifications of a service's datasets into the
  number of distinct people exposed, where that can be estimated, and
  :func:`people_from_statistics` prefers the server's own distinct-value statistics to
  the sample's estimate where the engine read them;
* :func:`mask` is the one way a sampled value may be shown;
* :func:`follow_up` is what engines run while their session is open: it follows a few
  subjects of a possible location trail and checks links between identity datasets and
  trails through the engine's :class:`Follower` (bounded, read-only filtered reads);
  :func:`sample_links` and :func:`service_patterns` judge links without lookups and give
  a service its ``tracking_system`` pattern (:mod:`.trails`, :mod:`.links`).

Samples never leave this package: findings carry categories, prevalence and masked
examples (see :mod:`unguarded.classify.mask`). How each category is recognised and the
thresholds used are in ``docs/classification.md`` and :mod:`unguarded.classify.stats`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_names

# eager, and light: the function shares its name with its module, which would shadow a lazy name
from .mask import mask

if TYPE_CHECKING:
    from ._api import Classification, SampledDataset, classify_dataset, detect_compromise, people_from_statistics
    from .compromise import dataset_label, sample_texts
    from .links import ForeignKey, service_patterns
    from .patterns import estimate_people
    from .trails import Follower, FollowUp, follow_up, sample_links

#: public name -> its module, imported on first use (PEP 562): the detectors take a tenth of
#: a second to load, and a scan that samples nothing, or a module that needs only
#: :mod:`.categories`, should not pay for them
_LAZY = {
    **dict.fromkeys(
        ("Classification", "SampledDataset", "classify_dataset", "detect_compromise", "people_from_statistics"), "._api"
    ),
    **dict.fromkeys(("dataset_label", "sample_texts"), ".compromise"),
    **dict.fromkeys(("ForeignKey", "service_patterns"), ".links"),
    "estimate_people": ".patterns",
    **dict.fromkeys(("Follower", "FollowUp", "follow_up", "sample_links"), ".trails"),
}

__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = [
    "Classification",
    "Follower",
    "FollowUp",
    "ForeignKey",
    "SampledDataset",
    "classify_dataset",
    "dataset_label",
    "detect_compromise",
    "estimate_people",
    "follow_up",
    "mask",
    "people_from_statistics",
    "sample_links",
    "sample_texts",
    "service_patterns",
]
