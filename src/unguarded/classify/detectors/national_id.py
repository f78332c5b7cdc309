"""National identity numbers of 30+ countries through python-stdnum, plus name-only evidence.

Each scheme is listed with the lengths its compact form can have and whether letters
occur, so a value reaches only the two or three stdnum validators that could accept it.
Every stdnum call goes through :func:`..validators.stdnum_valid` (any exception is a
non-match). Random digit strings pass a mod-11 check about one time in ten, so these are
MEDIUM: without a hint most of the column must validate; the column classifier then
reports the scheme that matched most values.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..validators import stdnum_valid
from .base import Detector, Shape, Strength

_COMPACT = str.maketrans("", "", " .-/")

# (stdnum module, subcategory, compact lengths, letters allowed)
SCHEMES: tuple[tuple[str, str, tuple[int, ...], bool], ...] = (
    ("in_.aadhaar", "in_aadhaar", (12,), False),
    ("kr.rrn", "kr_rrn", (13,), False),
    ("br.cpf", "br_cpf", (11,), False),
    ("pl.pesel", "pl_pesel", (11,), False),
    ("it.codicefiscale", "it_codice_fiscale", (16,), True),
    ("es.dni", "es_dni", (9,), True),
    ("es.nie", "es_nie", (9,), True),
    ("fr.nir", "fr_nir", (15,), True),
    ("se.personnummer", "se_personnummer", (10, 11, 12), True),
    ("tr.tckimlik", "tr_tckn", (11,), False),
    ("dk.cpr", "dk_cpr", (10,), False),
    ("no.fodselsnummer", "no_fodselsnummer", (11,), False),
    ("fi.hetu", "fi_hetu", (10, 11), True),
    ("be.nn", "be_nn", (11,), False),
    ("nl.bsn", "nl_bsn", (9,), False),
    ("ca.sin", "ca_sin", (9,), False),
    ("mx.curp", "mx_curp", (18,), True),
    ("cl.rut", "cl_rut", (8, 9), True),
    ("za.idnr", "za_idnr", (13,), False),
    ("il.idnr", "il_idnr", (9,), False),
    ("ro.cnp", "ro_cnp", (13,), False),
    ("bg.egn", "bg_egn", (10,), False),
    ("ee.ik", "ee_ik", (11,), False),
    ("lt.asmens", "lt_asmens", (11,), False),
    ("hr.oib", "hr_oib", (11,), False),
    ("si.emso", "si_emso", (13,), False),
    ("ch.ssn", "ch_ahv", (13,), False),
    ("cz.rc", "cz_rc", (9, 10), False),
    ("th.pin", "th_pin", (13,), False),
    ("my.nric", "my_nric", (12,), False),
    ("is_.kennitala", "is_kennitala", (10,), False),
    ("pt.cc", "pt_cc", (12,), True),
    ("gr.amka", "gr_amka", (11,), False),
    ("id.nik", "id_nik", (16,), False),
    ("jp.in_", "jp_my_number", (12,), False),
    ("ec.ci", "ec_ci", (10,), False),
    ("ie.pps", "ie_pps", (8, 9), True),
    ("ua.rntrc", "ua_rntrc", (10,), False),
)

_BY_LENGTH: dict[tuple[int, bool], tuple[tuple[str, str], ...]] = {}


def _index() -> None:
    table: dict[tuple[int, bool], list[tuple[str, str]]] = defaultdict(list)
    for module, sub, lengths, letters in SCHEMES:
        for n in lengths:
            table[(n, False)].append((module, sub))  # digits-only values
            if letters:
                table[(n, True)].append((module, sub))
    _BY_LENGTH.update({k: tuple(v) for k, v in table.items()})


_index()


class StdnumNationalId(Detector):
    id = "national_id.stdnum"
    category = "national_id"
    description = "national ID of one of 38 countries, validated by python-stdnum"
    checksum = True
    strength = Strength.MEDIUM
    hint = "national_id"
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TOKEN | Shape.TEXT
    min_len = 8
    max_len = 22

    def match(self, value: str) -> str | None:
        compact = value.translate(_COMPACT)
        has_letters = not compact.isdigit()
        if has_letters and not compact.isalnum():
            return None
        for module, sub in _BY_LENGTH.get((len(compact), has_letters), ()):
            if stdnum_valid(module, value):
                return f"national_id.{sub}"
        return None


_ID_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .\-/]{4,24}$")


class NationalIdByName(Detector):
    id = "national_id.named"
    category = "national_id"
    description = "ID-shaped value (mostly digits) in a field named like a national ID"
    strength = Strength.WEAK
    hint = "national_id"
    needs_hint = 2
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TOKEN | Shape.TEXT
    min_len = 5
    max_len = 26

    def match(self, value: str) -> str | None:
        if not _ID_SHAPE.match(value):
            return None
        digits = sum(c.isdigit() for c in value)
        return self.category if digits >= 5 and digits * 2 >= len(value) else None
