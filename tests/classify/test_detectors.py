"""Positive and negative tables for every value detector."""

from __future__ import annotations

import datetime as dt

import pytest

from unguarded.classify.detectors import (
    DETECTORS,
    Detector,
    Kind,
    Shape,
    biometric_other,
    birth_date,
    clinical,
    cn_ric,
    coordinates,
    device_id,
    email,
    employer,
    ethnicity,
    face_embedding,
    face_image,
    gender,
    health,
    ip_address,
    medication,
    national_id,
    passport,
    password,
    payment_card,
    person_name,
    phone,
    political,
    postal_address,
    religion,
    secret,
    sexual_orientation,
    us_ssn,
)
from unguarded.classify.detectors import bank_account as bank
from unguarded.classify.detectors.damaged import DAMAGED
from unguarded.classify.detectors.named import CODED
from unguarded.classify.flatten import GeoPoint, Vector

UNIT128 = Vector([1 / 128**0.5] * 128)
WKB_MYSQL = bytes.fromhex("0000000001010000003E0A325D63345CC0761FDB8D99D94840")  # Sakila address 1

CASES: list[tuple[Detector, object, str | None]] = [
    (email.Email(), "john.doe@example.com", "contact.email"),
    (email.Email(), "用户@例子.中国", "contact.email"),
    (email.Email(), "john.doe@localhost", None),
    (email.Email(), "not an email", None),
    (email.Email(), "a@b@c.com", None),
    (phone.InternationalPhone(), "+1 (780) 428-9482", "contact.phone"),
    (phone.InternationalPhone(), "+49 30 901820", "contact.phone"),
    (phone.InternationalPhone(), "0049 30 901820", "contact.phone"),
    (phone.InternationalPhone(), "+1 000 000 0000", None),
    (phone.InternationalPhone(), "2024-05-01", None),
    (phone.NationalPhone(), "(415) 555-0132", "contact.phone"),
    (phone.NationalPhone(), "14033335568", "contact.phone"),
    (phone.NationalPhone(), "12345", None),
    (phone.ChinaMobile(), "13812345678", "contact.phone"),
    (phone.ChinaMobile(), "+86 138 1234 5678", "contact.phone"),
    (phone.ChinaMobile(), "12812345678", None),
    (payment_card.PaymentCard(), "4539 5787 6362 1486", "financial.payment_card"),
    (payment_card.PaymentCard(), "5425233430109903", "financial.payment_card"),
    (payment_card.PaymentCard(), "4111111111111111", None),  # published test number
    (payment_card.PaymentCard(), "4539578763621487", None),  # Luhn fails
    (payment_card.PaymentCard(), "9539578763621483", None),  # no issuer uses 9
    (bank.Iban(), "DE89 3704 0044 0532 0130 00", "financial.bank_account.iban"),
    (bank.Iban(), "DE89 3704 0044 0532 0130 01", None),
    (bank.AccountNumberByName(), "0532013000", "financial.bank_account"),
    (bank.AccountNumberByName(), "abc", None),
    (cn_ric.ChinaResidentId(), "11010519491231002X", "national_id.cn_ric"),
    (cn_ric.ChinaResidentId(), "110105194912310021", None),
    (us_ssn.UsSsnDashed(), "536-90-1234", "national_id.us_ssn"),
    (us_ssn.UsSsnDashed(), "666-90-1234", None),
    (us_ssn.UsSsnDashed(), "2024-05-01", None),
    (us_ssn.UsSsnBare(), "536901234", "national_id.us_ssn"),
    (us_ssn.UsSsnBare(), "000901234", None),
    (national_id.StdnumNationalId(), "390.533.447-05", "national_id.br_cpf"),
    (national_id.StdnumNationalId(), "44051401359", "national_id.pl_pesel"),
    (national_id.StdnumNationalId(), "RSSMRA85T10A562S", "national_id.it_codice_fiscale"),
    (national_id.StdnumNationalId(), "54362315K", "national_id.es_dni"),
    (national_id.StdnumNationalId(), "X2482300W", "national_id.es_nie"),
    (national_id.StdnumNationalId(), "811228-9874", "national_id.se_personnummer"),
    (national_id.StdnumNationalId(), "131052-308T", "national_id.fi_hetu"),
    (national_id.StdnumNationalId(), "234123412346", "national_id.in_aadhaar"),
    (national_id.StdnumNationalId(), "971013-9019902", "national_id.kr_rrn"),
    (national_id.StdnumNationalId(), "ABCDEFGHIJK", None),
    (national_id.StdnumNationalId(), "390.533.447-06", None),
    (national_id.NationalIdByName(), "AB 123456", "national_id"),
    (national_id.NationalIdByName(), "unknown", None),
    (passport.PassportByName(), "E12345678", "passport"),
    (passport.PassportByName(), "C01X00T47", "passport"),
    (passport.PassportByName(), "ABCDEFG", None),
    (passport.PassportMrz(), "L898902C36UTO7408122F1204159ZE184226B<<<<<10", "passport.mrz"),
    (ip_address.IpAddress(), "81.2.69.160", "network.ip_address"),
    (ip_address.IpAddress(), "203.0.113.45", "network.ip_address.private"),  # documentation range
    (ip_address.IpAddress(), "8.8.8.8", "network.ip_address"),
    (ip_address.IpAddress(), "192.168.1.20", "network.ip_address.private"),
    (ip_address.IpAddress(), "2001:4860:4860::8888", "network.ip_address"),
    (ip_address.IpAddress(), "256.1.1.1", None),
    (ip_address.IpAddress(), "1.2.3", None),
    (ip_address.IpAddress(), "12:30:45", None),
    (device_id.MacAddress(), "a4:5e:60:c2:11:0f", "network.device_id.mac"),
    (device_id.MacAddress(), "00:00:00:00:00:00", None),
    (device_id.Imei(), "490154203237518", "network.device_id.imei"),
    (device_id.Imei(), "490154203237519", None),
    (device_id.DeviceIdByName(), "6D92078A-8246-4BA4-AE5B-76104861E7DC", "network.device_id"),
    (coordinates.GeoJsonPoint(), GeoPoint((116.391, 39.907)), "location.coordinates"),
    (coordinates.GeoJsonPoint(), GeoPoint((0.0, 0.0)), None),
    (coordinates.GeoJsonPoint(), GeoPoint((200.0, 39.9)), None),
    (coordinates.CoordinatePair(), Vector((116.391234, 39.907123)), "location.coordinates"),
    (coordinates.CoordinatePair(), Vector((3.0, 4.0)), None),  # no precision: not a position
    (coordinates.CoordinateText(), "39.9042, 116.4074", "location.coordinates"),
    (coordinates.CoordinateText(), "POINT(116.4074 39.9042)", "location.coordinates"),
    (coordinates.CoordinateText(), "0101000020E6100000E17A14AE47195D4085EB51B81EF54340", "location.coordinates"),
    (coordinates.CoordinateText(), "1.5, 2.25", "location.coordinates"),
    (coordinates.CoordinateText(), "10, 20", None),
    (coordinates.WkbPoint(), WKB_MYSQL, "location.coordinates"),
    (coordinates.WkbPoint(), b"\x00" * 25, None),
    (coordinates.Latitude(), 39.904211, "location.coordinates"),
    (coordinates.Latitude(), "39.904211", "location.coordinates"),
    (coordinates.Latitude(), 95.5, None),
    (coordinates.Latitude(), 40.0, None),
    (coordinates.Longitude(), -122.419416, "location.coordinates"),
    (birth_date.BirthDate(), dt.date(1985, 3, 2), "person.birth_date"),
    (birth_date.BirthDate(), "1985-03-02", "person.birth_date"),
    (birth_date.BirthDate(), "02.03.1985", "person.birth_date"),
    (birth_date.BirthDate(), "19850302", "person.birth_date"),
    (birth_date.BirthDate(), "1985年3月2日", "person.birth_date"),
    (birth_date.BirthDate(), "2999-01-01", None),
    (birth_date.BirthDate(), "1850-01-01", None),
    (birth_date.BirthDate(), "1985-02-30", None),
    (postal_address.StreetAddress(), "47 MySakila Drive", "contact.postal_address"),
    (postal_address.StreetAddress(), "Theodor-Heuss-Straße 34", "contact.postal_address"),
    (postal_address.StreetAddress(), "Av. Brigadeiro Faria Lima, 2170", "contact.postal_address"),
    (postal_address.StreetAddress(), "北京市朝阳区建国路88号", "contact.postal_address"),
    (postal_address.StreetAddress(), "Behind the Scenes", None),
    (postal_address.AddressByName(), "Flat 3, Old Mill", "contact.postal_address"),
    (postal_address.Postcode(), "T5K 2N1", "contact.postal_address.postcode"),
    (postal_address.Postcode(), "70174", "contact.postal_address.postcode"),
    (postal_address.Postcode(), "n/a!", None),
    (person_name.PersonNameByHint(), "Luís", "person.name"),
    (person_name.PersonNameByHint(), "Mary-Jane O'Neil", "person.name"),
    (person_name.PersonNameByHint(), "张伟", "person.name"),
    (person_name.PersonNameByHint(), "R2-D2 unit 7", None),
    (person_name.PersonNameByDictionary(), "Mary Smith", "person.name"),
    (person_name.PersonNameByDictionary(), "李娜", "person.name"),
    (person_name.PersonNameByDictionary(), "Rock And Roll", None),
    (person_name.PersonNameByDictionary(), "北京", None),
    (gender.Gender(), "F", "person.gender"),
    (gender.Gender(), "男", "person.gender"),
    (gender.Gender(), "weiblich", "person.gender"),
    (gender.Gender(), "purple", None),
    (employer.Employer(), "Embraer - Empresa Brasileira de Aeronáutica S.A.", "person.employer"),
    (employer.Employer(), "12345", None),
    (password.PasswordHash(), "$2b$12$" + "a" * 53, "credential.password.hash"),
    (password.PasswordHash(), "$1$saltsalt$" + "b" * 22, "credential.password.hash"),
    (
        password.PasswordHash(),
        "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
        "credential.password.hash",
    ),
    (password.PasswordHash(), "pbkdf2_sha256$600000$salt$" + "c" * 44, "credential.password.hash"),
    (password.PasswordHash(), "{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", "credential.password.hash"),
    (password.PasswordHash(), "*" + "A" * 40, "credential.password.hash"),
    (password.PasswordHash(), "$5 off today", None),
    (password.HexDigestPassword(), "8cb2237d0679ca88db6464eac60da96345513964", "credential.password.hash"),
    (password.HexDigestPassword(), "8cb2237d0679", None),
    (password.PlainPassword(), "hunter2", "credential.password.plaintext"),
    (password.PlainPassword(), "$2b$12$" + "a" * 53, None),
    (secret.SecretFormat(), "AKIAIOSFODNN7EXAMPLE", "credential.secret"),
    (secret.SecretFormat(), "ghp_" + "a1B2" * 9, "credential.secret"),
    (
        secret.SecretFormat(),
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "credential.secret",
    ),
    (secret.SecretFormat(), "postgres://app:s3cret@db.internal:5432/app", "credential.secret"),
    (
        secret.SecretFormat(),
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
        "credential.secret",
    ),
    (secret.SecretFormat(), "postgres://db.internal:5432/app", None),
    (secret.SecretFormat(), "skiing holidays", None),
    (secret.SecretByName(), "q8Zr2LmX9vTn4PwK7sYb", "credential.secret"),
    (secret.SecretByName(), "aaaaaaaaaaaaaaaaaaaa", None),
    (face_embedding.UnitFaceEmbedding(), UNIT128, "biometric.face_embedding"),
    (face_embedding.UnitFaceEmbedding(), Vector([0.5] * 128), None),
    (face_embedding.UnitFaceEmbedding(), Vector([1 / 10] * 100), None),
    (face_embedding.FaceEmbeddingByName(), Vector([0.5] * 128), "biometric.face_embedding"),
    (face_embedding.FaceEmbeddingByName(), b"\x00" * 512, "biometric.face_embedding"),
    (face_image.FaceImage(), b"\xff\xd8\xff\xe0" + b"\x00" * 50, "biometric.face_image"),
    (face_image.FaceImage(), b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "biometric.face_image"),
    (face_image.FaceImage(), "data:image/png;base64,iVBORw0KGgo=", "biometric.face_image"),
    (face_image.FaceImage(), "/9j/" + "A" * 100, "biometric.face_image"),
    (face_image.FaceImage(), b"%PDF-1.7" + b"\x00" * 50, None),
    (biometric_other.BiometricTemplate(), b"\x01" * 300, "biometric.other"),
    (biometric_other.BiometricTemplate(), "short", None),
    (ethnicity.Ethnicity(), "汉族", "special.ethnicity"),
    (ethnicity.Ethnicity(), "Hispanic", "special.ethnicity"),
    (ethnicity.Ethnicity(), "African-American", "special.ethnicity"),
    (ethnicity.Ethnicity(), "white", None),  # a colour; counts only by field name
    (religion.Religion(), "Muslim", "special.religion"),
    (religion.Religion(), "Católico", "special.religion"),
    (religion.Religion(), "佛教", "special.religion"),
    (religion.Religion(), "cafe", None),
    (religion.PlaceOfWorship(), "mosque", "special.religion.place_of_worship"),
    (religion.PlaceOfWorship(), "Place of Worship", "special.religion.place_of_worship"),
    (religion.PlaceOfWorship(), "restaurant", None),
    (health.Health(), "E11.9", "special.health"),
    (health.Health(), "Type 2 Diabetes", "special.health"),
    (health.Health(), "metformin", "special.health"),
    (health.Health(), "糖尿病", "special.health"),
    (health.Health(), "I10", None),  # bare codes only by field name
    (medication.Medication(), "Atorvastatin 20 mg", "special.health"),
    (medication.Medication(), "Lipitor", "special.health"),
    (medication.Medication(), "today", None),
    (health.Health(), "Garden", None),
    (health.IcdCodeByName(), "I10", "special.health"),
    (health.Health(), "Essential (primary) hypertension", "special.health"),  # ICD-10-CM title
    (health.Health(), "Essential hypertension", "special.health"),  # ... without its qualifier
    (health.Health(), "Chronic obstructive pulmonary disease, unspecified", "special.health"),
    (health.Health(), "Pleural effusion in other conditions classified elsewhere", "special.health"),
    (health.Health(), "Flood", None),  # external causes are left out
    (health.Health(), "Activity", None),
    (health.Health(), "Lagos, Nigeria", None),
    (political.Political(), "Republican", "special.political"),
    (political.Political(), "中共党员", "special.political"),
    (political.Political(), "left", None),
    (sexual_orientation.SexualOrientation(), "Bisexual", "special.sexual_orientation"),
    (sexual_orientation.SexualOrientation(), "同性恋", "special.sexual_orientation"),
    (sexual_orientation.SexualOrientation(), "blue", None),
    (person_name.PersonNameByDictionary(), "Abbott, John Joseph", "person.name"),
    (person_name.PersonNameByDictionary(), "GARCIA Maria", "person.name"),
    (person_name.PersonNameByDictionary(), "Paris, France", None),
    (person_name.PersonNameByDictionary(), "Widgets, large, blue", None),
    (person_name.PersonNameByHint(), "van der Berg, Anneke", "person.name"),
    (person_name.PersonNameByHint(), "12, Main Street", None),
    # clinical code formats that validate themselves
    (clinical.ClinicalCodeFormat(), "44054006", "special.health"),  # SNOMED CT, Verhoeff ok
    (clinical.ClinicalCodeFormat(), "44054007", None),  # bad check digit
    (clinical.ClinicalCodeFormat(), "123456789", None),
    (clinical.ClinicalCodeFormat(), "4548-4", "special.health"),  # LOINC HbA1c, mod 10 ok
    (clinical.ClinicalCodeFormat(), "4548-5", None),
    (clinical.ClinicalCodeFormat(), "2026-12", None),  # a month, not a LOINC code
    (clinical.ClinicalCodeFormat(), "N02BE01", "special.health"),  # ATC paracetamol
    (clinical.ClinicalCodeFormat(), "X02BE01", None),  # no such anatomical group
    (clinical.ClinicalCodeFormat(), "Essential hypertension (disorder)", "special.health"),
    (clinical.ClinicalCodeFormat(), "Appendectomy (procedure)", "special.health"),
    (clinical.ClinicalCodeFormat(), "Blue shirt (large)", None),
    (clinical.ClinicalCodeByName(), "250.00", "special.health"),  # ICD-9-CM
    (clinical.ClinicalCodeByName(), "V58.61", "special.health"),
    (clinical.ClinicalCodeByName(), "E11.9", "special.health"),
    (clinical.ClinicalCodeByName(), "E119", "special.health"),
    (clinical.ClinicalCodeByName(), "0777-3105-02", "special.health"),  # NDC 4-4-2
    (clinical.ClinicalCodeByName(), "197361", "special.health"),  # RxNorm CUI
    (clinical.ClinicalCodeByName(), "hello", None),
    (clinical.ClinicalCodeByName(), "U-235", None),
    (clinical.ClinicalMeasure(), 412, "special.health"),
    (clinical.ClinicalMeasure(), 7.2, "special.health"),
    (clinical.ClinicalMeasure(), "120/80", "special.health"),
    (clinical.ClinicalMeasure(), "7.2 %", "special.health"),
    (clinical.ClinicalMeasure(), "<50 copies/ml", "special.health"),
    (clinical.ClinicalMeasure(), "positive", "special.health"),
    (clinical.ClinicalMeasure(), "AB+", "special.health"),
    (clinical.ClinicalMeasure(), "Grade 3", "special.health"),
    (clinical.ClinicalMeasure(), "IIIb", "special.health"),
    (clinical.ClinicalMeasure(), "see attached letter", None),
    (clinical.ClinicalMeasure(), "pending review", None),
    (DAMAGED[0], "4.53E+15", "national_id.damaged"),
    (DAMAGED[0], 4.53e15, "national_id.damaged"),
    (DAMAGED[0], "1,2E+11", "national_id.damaged"),
    (DAMAGED[0], 4.53, None),
    (DAMAGED[0], 120.0, None),
    (DAMAGED[0], "E+15", None),
    (DAMAGED[0], "2026-12-01", None),
    (CODED[0], 1, "special.ethnicity"),
    (CODED[0], "2", "special.ethnicity"),
    (CODED[0], "Y", "special.ethnicity"),
    (CODED[0], -1, None),
    (CODED[0], 1.5, None),
    (CODED[0], "A12", None),
]


@pytest.mark.parametrize(("detector", "value", "expected"), CASES, ids=lambda x: repr(x)[:40])
def test_detector(detector: Detector, value: object, expected: str | None) -> None:
    assert detector.match(value) == expected  # type: ignore[arg-type]


def test_every_detector_has_a_table_entry() -> None:
    tested = {type(d) for d, _, _ in CASES}
    untested = [d for d in DETECTORS if type(d) not in tested and not d.id.startswith("named.")]
    assert not untested


@pytest.mark.parametrize("det", DETECTORS, ids=lambda d: d.id)
def test_metadata(det: Detector) -> None:
    assert det.id and det.category and det.description
    assert det.needs_hint in (0, 1, 2)
    assert det.hint is not None or not det.needs_hint
    assert det.kinds & Kind(63) and det.shapes & Shape.ANY
    assert det.min_len <= det.max_len


def test_ids_are_unique() -> None:
    ids = [d.id for d in DETECTORS]
    assert len(ids) == len(set(ids))


def test_name_lists_load_from_package_data() -> None:
    assert {"james", "maria"} <= person_name.GIVEN_NAMES and "smith" in person_name.SURNAMES
    assert "王" in person_name.CN_SURNAMES and "欧阳" in person_name.CN_COMPOUND_SURNAMES
    every = person_name.GIVEN_NAMES | person_name.SURNAMES | person_name.CN_SURNAMES | person_name.CN_COMPOUND_SURNAMES
    assert all(entry and not entry.startswith("#") and entry == entry.strip() for entry in every)
    assert len(person_name.CN_SURNAMES) == 100 and len(person_name.GIVEN_NAMES) > 400
