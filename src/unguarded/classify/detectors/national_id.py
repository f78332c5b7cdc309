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
from collections.abc import Callable

from ..validators import bsn_ok, cpf_ok, luhn_ok, rut_ok, stdnum_valid, tckimlik_ok, verhoeff_ok
from .base import Concept, Detector, Shape, Strength, words

_COMPACT = str.maketrans("", "", " .-/")

# (stdnum module, subcategory, compact lengths, shape of the compact upper-case form).
# The shape regex is a cheap gate (birth dates included where the scheme has one):
# stdnum's own validation costs 10-40 us a call, a regex well under one.
_D = r"^\d{%d}$"
SCHEMES: tuple[tuple[str, str, tuple[int, ...], str], ...] = (
    ("in_.aadhaar", "in_aadhaar", (12,), r"^[2-9]\d{11}$"),
    ("kr.rrn", "kr_rrn", (13,), r"^\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{7}$"),
    ("br.cpf", "br_cpf", (11,), _D % 11),
    ("pl.pesel", "pl_pesel", (11,), r"^\d{2}(?:[02468][1-9]|[13579][0-2])(?:0[1-9]|[12]\d|3[01])\d{5}$"),
    (
        "it.codicefiscale",
        "it_codice_fiscale",
        (16,),
        r"^[A-Z]{6}[0-9LMNP-V]{2}[A-EHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]$",
    ),
    ("es.dni", "es_dni", (9,), r"^\d{8}[A-Z]$"),
    ("es.nie", "es_nie", (9,), r"^[XYZ]\d{7}[A-Z]$"),
    ("fr.nir", "fr_nir", (13, 15), r"^[1-478]\d{4}(?:\d\d|2[AB])\d{6}(?:\d\d)?$"),
    ("se.personnummer", "se_personnummer", (10, 11, 12), r"^(?:\d{6}|\d{8})[+]?\d{4}$"),
    ("tr.tckimlik", "tr_tckn", (11,), r"^[1-9]\d{10}$"),
    ("fi.hetu", "fi_hetu", (10, 11), r"^(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[+A-FU-Y]?\d{3}[0-9A-Y]$"),
    ("dk.cpr", "dk_cpr", (10,), r"^(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{6}$"),
    ("no.fodselsnummer", "no_fodselsnummer", (11,), r"^[0-7]\d(?:0[1-9]|1[0-2]|[45]\d)\d{7}$"),
    ("be.nn", "be_nn", (11,), _D % 11),
    ("nl.bsn", "nl_bsn", (9,), _D % 9),
    ("ca.sin", "ca_sin", (9,), _D % 9),
    ("mx.curp", "mx_curp", (18,), r"^[A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d$"),
    ("cl.rut", "cl_rut", (8, 9), r"^\d{7,8}[0-9K]$"),
    ("za.idnr", "za_idnr", (13,), r"^\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{7}$"),
    ("il.idnr", "il_idnr", (9,), _D % 9),
    ("ro.cnp", "ro_cnp", (13,), r"^[1-9]\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{6}$"),
    ("bg.egn", "bg_egn", (10,), r"^\d{2}(?:[0246][1-9]|[1357][0-2])(?:0[1-9]|[12]\d|3[01])\d{4}$"),
    ("ee.ik", "ee_ik", (11,), r"^[1-6]\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{4}$"),
    ("lt.asmens", "lt_asmens", (11,), r"^[1-6]\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{4}$"),
    ("hr.oib", "hr_oib", (11,), _D % 11),
    ("si.emso", "si_emso", (13,), r"^(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{9}$"),
    ("ch.ssn", "ch_ahv", (13,), r"^756\d{10}$"),
    ("cz.rc", "cz_rc", (9, 10), r"^\d{2}(?:[0257][1-9]|[1368][0-2])(?:0[1-9]|[12]\d|3[01])\d{3,4}$"),
    ("th.pin", "th_pin", (13,), r"^[1-8]\d{12}$"),
    ("my.nric", "my_nric", (12,), r"^\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{6}$"),
    ("is_.kennitala", "is_kennitala", (10,), r"^[0-7]\d(?:0[1-9]|1[0-2])\d{6}$"),
    ("pt.cc", "pt_cc", (12,), r"^\d{9}[A-Z]{2}\d$"),
    ("gr.amka", "gr_amka", (11,), r"^(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{7}$"),
    ("id.nik", "id_nik", (16,), r"^\d{6}[0-7]\d(?:0[1-9]|1[0-2])\d{6}$"),
    ("jp.in_", "jp_my_number", (12,), _D % 12),
    ("ec.ci", "ec_ci", (10,), r"^(?:0[1-9]|1\d|2[0-4]|30)[0-5]\d{7}$"),
    ("ie.pps", "ie_pps", (8, 9), r"^\d{7}[A-W][ABHW]?$"),
    ("ua.rntrc", "ua_rntrc", (10,), _D % 10),
)

# Exact check-digit gates we can compute in-process for some schemes, so a value that fails
# them never reaches stdnum (they reject nothing stdnum would accept).
GATES: dict[str, Callable[[str], bool]] = {
    "in_.aadhaar": verhoeff_ok,
    "ca.sin": luhn_ok,
    "za.idnr": luhn_ok,
    "il.idnr": luhn_ok,
    "br.cpf": cpf_ok,
    "tr.tckimlik": tckimlik_ok,
    "nl.bsn": bsn_ok,
    "cl.rut": rut_ok,
}

_Entry = tuple[str, str, re.Pattern[str], Callable[[str], bool] | None]
_BY_LENGTH: dict[int, tuple[_Entry, ...]] = {}


def _index() -> None:
    table: dict[int, list[_Entry]] = defaultdict(list)
    for module, sub, lengths, shape in SCHEMES:
        for n in lengths:
            table[n].append((module, sub, re.compile(shape), GATES.get(module)))
    _BY_LENGTH.update({k: tuple(v) for k, v in table.items()})


_index()


NATIONAL_ID_HINT = Concept(
    "national_id",
    strong=words(
        "ssn socialsecurity socialsecuritynumber nationalid nationalidnumber idcard idcardno "
        "identitycard identitynumber citizenid citizennumber personalnumber personnummer pesel "
        "cpf curp aadhaar aadhar nir dni nie tckn tckimlik kimlik rrn jumin juminbeonho "
        "codicefiscale fiscalcode personalausweis ausweis ausweisnummer numerosecu insee cedula "
        "rut run sin nino bsn hetu cnp egn amka nik ktp mykad nric hkid steuerid "
        "shenfenzheng shenfenzhenghao sfz sfzh sfzhm zjhm"
    ),
    weak=words("idnumber idno taxid identification documentnumber docnumber documento identity"),
    cjk_strong=("身份证", "证件号", "公民身份"),
    negatable=True,
)


class StdnumNationalId(Detector):
    id = "national_id.stdnum"
    category = "national_id"
    description = "national ID of one of 38 countries, validated by python-stdnum"
    checksum = True
    refines = True
    strength = Strength.MEDIUM
    hint = NATIONAL_ID_HINT
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TOKEN | Shape.TEXT
    min_len = 8
    max_len = 22

    def match(self, value: str) -> str | None:
        compact = value.translate(_COMPACT).upper()
        for module, sub, shape, gate in _BY_LENGTH.get(len(compact), ()):
            if shape.match(compact) and (gate is None or gate(compact)) and stdnum_valid(module, value):
                return f"national_id.{sub}"
        return None


_ID_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .\-/]{4,24}$")


class NationalIdByName(Detector):
    id = "national_id.named"
    category = "national_id"
    description = "ID-shaped value (mostly digits) in a field named like a national ID"
    strength = Strength.WEAK
    hint = NATIONAL_ID_HINT
    needs_hint = 2
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TOKEN | Shape.TEXT
    min_len = 5
    max_len = 26

    def match(self, value: str) -> str | None:
        if not _ID_SHAPE.match(value):
            return None
        digits = sum(c.isdigit() for c in value)
        return self.category if digits >= 5 and digits * 2 >= len(value) else None
