"""China resident identity card number (居民身份证号码), validated in full here.

Province code, a real birth date (1900..today) and the ISO 7064 MOD 11-2 check digit.
``stdnum.cn.ric`` is deliberately not used: it raises ``KeyError`` on some area codes and
rejects county codes that were not yet in force in the holder's birth year.
"""

from __future__ import annotations

from ..validators import cn_ric_ok
from .base import Detector, Shape, Strength
from .national_id import NATIONAL_ID_HINT


class ChinaResidentId(Detector):
    id = "national_id.cn_ric"
    category = "national_id.cn_ric"
    description = "China resident ID: 18 chars, province, birth date, MOD 11-2"
    checksum = True
    strength = Strength.STRONG
    hint = NATIONAL_ID_HINT
    shapes = Shape.DIGITS | Shape.ALNUM
    min_len = 18
    max_len = 18

    def match(self, value: str) -> str | None:
        return self.category if cn_ric_ok(value) else None
