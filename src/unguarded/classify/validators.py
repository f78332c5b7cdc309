"""Check digits and structural rules, written out so a match means more than a regex.

Every function takes an already *compacted* string (separators removed, upper case where
letters matter) and returns a bool; none raises. The python-stdnum schemes are called only
through :func:`stdnum_valid`, which turns any exception into a non-match: some stdnum
modules raise ``KeyError`` or other surprises on odd input, and a classifier that crashes
on a scanned value would lose the whole dataset.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from functools import cache
from types import ModuleType

# --------------------------------------------------------------------------- generic sums


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) as used by payment cards, IMEI and Canadian SIN."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i & 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def mod97_ok(text: str) -> bool:
    """ISO 7064 MOD 97-10 over letters-as-numbers (IBAN after moving the first four chars)."""
    try:
        return int("".join(str(int(c, 36)) for c in text)) % 97 == 1
    except ValueError:
        return False


def ean_ok(digits: str) -> bool:
    """GS1 check digit (EAN-8/13, GTIN-14): weights 3,1 from the right."""
    if not digits.isdigit() or len(digits) < 8:
        return False
    total = sum((ord(c) - 48) * (3 if i % 2 else 1) for i, c in enumerate(reversed(digits[:-1]), start=1))
    return (10 - total % 10) % 10 == ord(digits[-1]) - 48


_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5), (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7), (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3), (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)  # fmt: skip
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4), (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7), (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)  # fmt: skip


def verhoeff_ok(digits: str) -> bool:
    """Verhoeff dihedral check (Aadhaar)."""
    if not digits.isdigit():
        return False
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[i % 8][ord(ch) - 48]]
    return c == 0


# --------------------------------------------------------------------------- China RIC

_RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# First two digits: the province-level divisions of GB/T 2260 (plus 71/81/82 for
# Taiwan, Hong Kong and Macau residents' mainland IDs). Checking only the province and
# not the full six-digit county avoids rejecting codes created or retired over time,
# which is why stdnum.cn.ric (exact county list, birth-year dependent) is not used.
_RIC_PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    ]
)


def iso7064_mod11_2(body: str) -> str:
    """The ISO 7064 MOD 11-2 check character of 17 digits ('X' stands for 10)."""
    total = sum((ord(c) - 48) * w for c, w in zip(body, _RIC_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def valid_date(year: int, month: int, day: int, *, earliest: int = 1900) -> bool:
    """A real calendar date between ``earliest``-01-01 and today (birth dates)."""
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(earliest, 1, 1) <= born <= dt.date.today()


def cn_ric_ok(value: str) -> bool:
    """China resident ID (18 chars): province code, real birth date, MOD 11-2 check."""
    if len(value) != 18 or not value[:17].isdigit() or value[:2] not in _RIC_PROVINCES:
        return False
    if iso7064_mod11_2(value[:17]) != value[17].upper():
        return False
    return valid_date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


# --------------------------------------------------------------------------- US SSN

_SSN_INVALID = frozenset({"078051120", "219099999", "123456789", "111111111", "333333333"})


def us_ssn_ok(digits: str) -> bool:
    """US SSN structure: area not 000/666/9xx, group not 00, serial not 0000, no known fakes."""
    if len(digits) != 9 or not digits.isdigit() or digits in _SSN_INVALID:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


# --------------------------------------------------------------------------- IBAN

# Lengths per country (SWIFT IBAN registry); a length check before mod-97 rejects most noise.
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip


def iban_ok(value: str) -> bool:
    """IBAN: known country, its exact length, two check digits, MOD 97-10 over the rearranged string."""
    if _IBAN_LENGTHS.get(value[:2]) != len(value) or not value[2:4].isdigit() or not value.isalnum():
        return False
    return mod97_ok(value[4:] + value[:4])


# --------------------------------------------------------------------------- MRZ


def mrz_check(field: str) -> str:
    """ICAO 9303 check digit: weights 7,3,1 with '<' as 0 and letters as 10..35."""
    total = 0
    for i, c in enumerate(field):
        v = 0 if c == "<" else int(c, 36)
        total += v * (7, 3, 1)[i % 3]
    return str(total % 10)


def mrz_td3_line2_ok(line: str) -> bool:
    """Second line of a passport MRZ (44 chars): number, birth date and expiry check digits."""
    if len(line) != 44:
        return False
    try:
        return (
            mrz_check(line[0:9]) == line[9]
            and mrz_check(line[13:19]) == line[19]
            and mrz_check(line[21:27]) == line[27]
        )
    except ValueError:
        return False


# --------------------------------------------------------------------------- check-digit gates
# Necessary conditions of python-stdnum's ``is_valid`` for a few schemes, computed in
# process on the compacted value before stdnum is called (national_id.GATES): a value
# that fails one is never valid, so stdnum's cleaning and exceptions are skipped for it.
# Each mirrors that scheme's own check-digit formula; anything unusual (non-ASCII
# digits, a ``CL`` prefix) passes the gate and is left to stdnum.


def cpf_ok(digits: str) -> bool:
    """Brazilian CPF: two mod-11 check digits (stdnum.br.cpf)."""
    if not digits.isascii():
        return True
    if len(digits) != 11 or not digits.isdigit():
        return False
    d = [ord(c) - 48 for c in digits]
    d1 = (11 - sum((10 - i) * d[i] for i in range(9))) % 11 % 10
    d2 = (11 - (sum((11 - i) * d[i] for i in range(9)) + 2 * d1)) % 11 % 10
    return d[9] == d1 and d[10] == d2


def tckimlik_ok(digits: str) -> bool:
    """Turkish T.C. Kimlik No.: two check digits (stdnum.tr.tckimlik)."""
    if not digits.isascii():
        return True
    if len(digits) != 11 or not digits.isdigit():
        return False
    d = [ord(c) - 48 for c in digits]
    check1 = (10 - sum((3, 1)[i % 2] * d[i] for i in range(9))) % 10
    check2 = (check1 + sum(d[:9])) % 10
    return d[9] == check1 and d[10] == check2


def bsn_ok(digits: str) -> bool:
    """Dutch BSN: the eleven test, after stdnum's zero-fill to nine digits (stdnum.nl.bsn)."""
    if not digits.isascii():
        return True
    number = digits.zfill(9)
    if len(number) != 9 or not number.isdigit():
        return False
    d = [ord(c) - 48 for c in number]
    return (sum((9 - i) * d[i] for i in range(8)) - d[8]) % 11 == 0


def rut_ok(compact: str) -> bool:
    """Chilean RUT: a mod-11 check character, ``K`` for ten (stdnum.cl.rut)."""
    if not compact.isascii() or compact.startswith("CL"):
        return True
    if len(compact) not in (8, 9) or not compact[:-1].isdigit():
        return False
    total = sum((ord(c) - 48) * (4 + (5 - i) % 6) for i, c in enumerate(compact[-2::-1]))
    return compact[-1] == "0123456789K"[total % 11]


# --------------------------------------------------------------------------- python-stdnum


@cache
def _stdnum(module: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"stdnum.{module}")
    except Exception:  # noqa: BLE001 - a missing scheme is a non-match, not a crash
        return None


def stdnum_valid(module: str, value: str) -> bool:
    """``stdnum.<module>.is_valid(value)``, where any exception at all means 'no'."""
    mod = _stdnum(module)
    if mod is None:
        return False
    try:
        return bool(mod.is_valid(value))
    except Exception:  # noqa: BLE001 - see module docstring
        return False


def stdnum_validator(module: str) -> Callable[[str], bool]:
    """A one-argument validator bound to one stdnum scheme (for detector tables)."""
    return lambda value: stdnum_valid(module, value)


# --------------------------------------------------------------------------- clinical codes

_SNOMED_PARTITIONS = frozenset({"00", "01", "02", "03", "04", "05", "10", "11", "12", "13", "14", "15"})


def snomed_ok(digits: str) -> bool:
    """SNOMED CT identifier: 6-18 digits, a partition identifier (the two digits before the
    check digit: concept, description, relationship; short or namespaced), Verhoeff check digit."""
    return 6 <= len(digits) <= 18 and digits[-3:-1] in _SNOMED_PARTITIONS and verhoeff_ok(digits)


def loinc_ok(code: str) -> bool:
    """LOINC code ``NNNNN-C``: 1-5 digits, a dash, the LOINC mod-10 check digit (Luhn's sum)."""
    number, dash, check = code.partition("-")
    return bool(dash) and 1 <= len(number) <= 5 and len(check) == 1 and luhn_ok(number + check)
