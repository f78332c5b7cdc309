"""Check digits and structural validators, positive and negative."""

from __future__ import annotations

import types

import pytest

from unguarded.classify import validators as v


@pytest.mark.parametrize(
    ("digits", "ok"),
    [("4539578763621486", True), ("79927398713", True), ("4539578763621487", False), ("12a4", False), ("0", True)],
)
def test_luhn(digits: str, ok: bool) -> None:
    assert v.luhn_ok(digits) is ok


@pytest.mark.parametrize(
    ("iban", "ok"),
    [
        ("DE89370400440532013000", True),
        ("GB82WEST12345698765432", True),
        ("FR1420041010050500013M02606", True),
        ("DE89370400440532013001", False),  # bad check
        ("DE8937040044053201300", False),  # wrong length for DE
        ("XX89370400440532013000", False),  # unknown country
        ("DE89-3704-0044", False),
    ],
)
def test_iban(iban: str, ok: bool) -> None:
    assert v.iban_ok(iban) is ok


@pytest.mark.parametrize(
    ("ric", "ok"),
    [
        ("11010519491231002X", True),
        ("110105194912310021", False),  # bad MOD 11-2 check digit
        ("11010519491331002X", False),  # month 13
        ("990105194912310025", False),  # no such province
        ("1101051949123100", False),  # too short
        ("11010520991231002X", False),  # born in the future
    ],
)
def test_cn_ric(ric: str, ok: bool) -> None:
    assert v.cn_ric_ok(ric) is ok


def test_cn_ric_accepts_codes_stdnum_rejects() -> None:
    """A county code not in stdnum's table (or not in force in the birth year) still validates."""
    body = "44030019900101123"  # 440300: Shenzhen city-level code
    assert v.cn_ric_ok(body + v.iso7064_mod11_2(body))


@pytest.mark.parametrize(
    ("ssn", "ok"),
    [
        ("536901234", True),
        ("000123456", False),
        ("666123456", False),
        ("900123456", False),
        ("536001234", False),
        ("536900000", False),
        ("078051120", False),  # the Woolworth wallet number
        ("12345678", False),
    ],
)
def test_us_ssn(ssn: str, ok: bool) -> None:
    assert v.us_ssn_ok(ssn) is ok


def test_mrz_line2() -> None:
    # ICAO 9303 specimen (Utopia, Eriksson Anna Maria)
    assert v.mrz_td3_line2_ok("L898902C36UTO7408122F1204159ZE184226B<<<<<10")
    assert not v.mrz_td3_line2_ok("L898902C37UTO7408122F1204159ZE184226B<<<<<10")


@pytest.mark.parametrize(
    ("module", "value", "ok"),
    [
        ("br.cpf", "390.533.447-05", True),
        ("br.cpf", "390.533.447-06", False),
        ("pl.pesel", "44051401359", True),
        ("pl.pesel", "44051401358", False),
        ("in_.aadhaar", "234123412346", True),
        ("es.dni", "54362315K", True),
        ("es.dni", "54362315Z", False),
        ("no.such_module", "123", False),
    ],
)
def test_stdnum_valid(module: str, value: str, ok: bool) -> None:
    assert v.stdnum_valid(module, value) is ok


def test_stdnum_exceptions_are_non_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    boom = types.SimpleNamespace(is_valid=lambda value: (_ for _ in ()).throw(KeyError("area")))
    monkeypatch.setattr(v, "_stdnum", lambda module: boom)
    assert v.stdnum_valid("cn.ric", "110105194912310025") is False


def test_check_digit_gates_never_reject_what_stdnum_accepts() -> None:
    """The in-process gates before stdnum (national_id.GATES) may only skip values stdnum rejects."""
    import random

    import stdnum.br.cpf
    import stdnum.cl.rut
    import stdnum.nl.bsn
    import stdnum.tr.tckimlik

    rng = random.Random(16)
    schemes = [
        (stdnum.br.cpf, v.cpf_ok, 11),
        (stdnum.tr.tckimlik, v.tckimlik_ok, 11),
        (stdnum.nl.bsn, v.bsn_ok, 9),
        (stdnum.nl.bsn, v.bsn_ok, 8),
        (stdnum.cl.rut, v.rut_ok, 9),
        (stdnum.cl.rut, v.rut_ok, 8),
    ]
    for module, gate, n in schemes:
        accepted = rejected = 0
        for _ in range(20_000):
            number = "".join(rng.choice("0123456789") for _ in range(n))
            if module is stdnum.cl.rut and rng.random() < 0.1:
                number = number[:-1] + "K"
            valid = module.is_valid(number)
            assert gate(number) or not valid, (module.__name__, number)
            accepted += valid
            rejected += not gate(number)
        assert accepted and rejected, module.__name__  # both sides were exercised


def test_check_digit_gates_on_known_numbers() -> None:
    assert v.cpf_ok("39053344705") and not v.cpf_ok("39053344704")
    assert v.tckimlik_ok("17291716060") and not v.tckimlik_ok("17291716050")
    assert v.bsn_ok("111222333") and not v.bsn_ok("111222334")
    assert v.rut_ok("125319092") and not v.rut_ok("125319093")
    assert v.rut_ok("CL125319092")  # anything unusual is left to stdnum
