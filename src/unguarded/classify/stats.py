"""Column statistics: when does a share of validated values make a field a category?

A field is judged on its *non-null* sampled values (``None``, empty strings and the usual
null markers are set aside and reported as the null share). Let ``k`` of those ``n``
values validate for a detector. The evidence is the **Wilson score lower bound** of
``k/n`` at 95 % (z = 1.96), so three matches out of three count for less than 180 out of
200, and a tiny table cannot pass on luck. The bound must reach a threshold that depends
on how much one match says (the detector's strength) and on whether the field's name
supports it:

==========  =====================  ========================  ============================
strength    examples               with a name hint          without
==========  =====================  ========================  ============================
STRONG      card+Luhn, IBAN,       lb >= 0.15                lb >= 0.50
            CN RIC, bcrypt, e-mail (one match of one value)  (about 4/4, or 57 % of 200)
MEDIUM      stdnum IDs, +phones,   lb >= 0.30                lb >= 0.75
            IPs, coordinates,      (2 of 2, or 37 % of 200)  (about 12/12, or 81 % of 200)
            names by dictionary
WEAK        bare 9 digits, dates,  lb >= 0.30                never
            postcodes, gender
==========  =====================  ========================  ============================

The share is measured over all non-null values, except that a detector that has
validated ``VALIDATE_AT_MOST`` (32) distinct values and already clears the strictest
threshold stops there, its share measured over the values seen until then (sequential
sampling: the rest could not change the verdict), and so do the rivals it outranks. A
detector that validates under 20 % of its first 16 distinct values, or under 90 % of
its own threshold after 32, is dropped for the field: it can no longer pass.

Two cardinality rules follow the shares. Coordinates that take at most three distinct
values over ten or more rows are fixed sites (a weather station, a shop), not a person's
or device's position, and are dropped. Vocabulary fields such as gender must be
low-cardinality (at most 12 distinct values). "Presence" detectors (a visit to a place
of worship in a place-type field) need one hit and their hint, nothing more.
"""

from __future__ import annotations

import math

from .detectors.base import Strength

Z = 1.96
THRESHOLDS: dict[tuple[Strength, bool], float | None] = {
    (Strength.STRONG, True): 0.15,
    (Strength.STRONG, False): 0.50,
    (Strength.MEDIUM, True): 0.30,
    (Strength.MEDIUM, False): 0.75,
    (Strength.WEAK, True): 0.30,
    (Strength.WEAK, False): None,
}
FIXED_SITE_MAX_DISTINCT = 3
FIXED_SITE_MIN_ROWS = 10
VOCABULARY_MAX_DISTINCT = 12
# A detector is dropped for the rest of a field once it has been tried on this many
# distinct values and validated fewer than this share: it can no longer reach a threshold.
EARLY_DROP_AFTER = 16
EARLY_DROP_SHARE = 0.2
# ... and once tried on this many, below 90 % of its own threshold (drop_share).
LATE_DROP_AFTER = 32
# Once a detector has validated this many distinct values of one field and its lower
# bound already clears the strictest threshold (SURE), it stops: its share is measured
# over the values seen until then, since the rest could not change the verdict.
VALIDATE_AT_MOST = 32
SURE = 0.75


def wilson_lower(k: int, n: int, z: float = Z) -> float:
    """Lower bound of the Wilson score interval for ``k`` successes in ``n`` trials."""
    if n <= 0:
        return 0.0
    p = k / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, (centre - margin) / (1 + z2 / n))


def supported(strength: Strength, hinted: bool, k: int, n: int) -> bool:
    """True when ``k`` validated of ``n`` non-null values pass the table above."""
    threshold = THRESHOLDS[(strength, hinted)]
    return threshold is not None and k > 0 and wilson_lower(k, n) >= threshold


def drop_share(strength: Strength, hinted: bool) -> float:
    """Share of its first LATE_DROP_AFTER distinct values below which a detector stops."""
    threshold = THRESHOLDS[(strength, hinted)]
    return 1.0 if threshold is None else 0.9 * threshold


def fixed_site(distinct: int, n: int) -> bool:
    """Few distinct positions over many rows: a fixed place, not a trail or a home."""
    return n >= FIXED_SITE_MIN_ROWS and distinct <= FIXED_SITE_MAX_DISTINCT
