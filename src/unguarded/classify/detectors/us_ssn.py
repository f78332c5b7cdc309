"""US Social Security numbers: structure rules (no check digit exists).

``123-45-6789`` with dashes is distinctive enough on its own; nine bare digits are not
(order numbers, Dutch BSNs, Canadian SINs), so that form needs a national-ID hint.
"""

from __future__ import annotations

import re

from ..validators import us_ssn_ok
from .base import Detector, Shape, Strength
from .national_id import NATIONAL_ID_HINT

_DASHED = re.compile(r"^\d{3}-\d{2}-\d{4}$")


class UsSsnDashed(Detector):
    id = "national_id.us_ssn.dashed"
    category = "national_id.us_ssn"
    description = "US SSN written AAA-GG-SSSS with valid area, group and serial"
    strength = Strength.MEDIUM
    hint = NATIONAL_ID_HINT
    shapes = Shape.TOKEN
    min_len = 11
    max_len = 11

    def match(self, value: str) -> str | None:
        if not _DASHED.match(value):
            return None
        return self.category if us_ssn_ok(value.replace("-", "")) else None


class UsSsnBare(Detector):
    id = "national_id.us_ssn.bare"
    category = "national_id.us_ssn"
    description = "nine digits with valid SSN structure in a field named like a national ID"
    strength = Strength.MEDIUM
    hint = NATIONAL_ID_HINT
    needs_hint = 1
    shapes = Shape.DIGITS
    min_len = 9
    max_len = 9

    def match(self, value: str) -> str | None:
        return self.category if us_ssn_ok(value) else None
