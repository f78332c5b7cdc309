"""Generated labelled columns: Faker in several locales (fixed seed) plus hard negatives.

Each column is built the way a scanned database would hold it, with a realistic field
name (hinted or not) and a table name for context. Hard negatives are values that share
a shape with personal data: UUIDs, SKUs, EAN-13 barcodes, order numbers of ID length with
bad check digits, hex digests that are not passwords, fixed sensor coordinates,
timestamps, version strings, product colours.
"""

from __future__ import annotations

import base64
import hashlib
import math
import random
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

SEED = 20240531
ROWS = 200


@dataclass
class Column:
    source: str
    table: str
    name: str
    values: list[Any]
    expect: frozenset[str] = frozenset()
    allow: frozenset[str] = field(default_factory=frozenset)

    @property
    def key(self) -> str:
        return f"{self.source}.{self.table}.{self.name}"


def _fakers() -> dict[str, Faker]:
    out = {}
    for i, loc in enumerate(
        [
            "en_US",
            "de_DE",
            "fr_FR",
            "es_ES",
            "zh_CN",
            "pt_BR",
            "it_IT",
            "pl_PL",
            "ja_JP",
            "sv_SE",
            "tr_TR",
            "ko_KR",
            "en_IN",
            "nl_NL",
            "en_CA",
            "fi_FI",
            "no_NO",
            "ro_RO",
            "cs_CZ",
            "et_EE",
            "hr_HR",
            "th_TH",
            "he_IL",
            "es_MX",
            "es_CL",
            "en_GB",
        ]
    ):
        f = Faker(loc)
        f.seed_instance(SEED + i)
        out[loc] = f
    return out


def _luhn_fix(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


def _bad_check(rng: random.Random, n: int, valid: Callable[[str], bool]) -> str:
    while True:
        s = str(rng.randint(1, 9)) + "".join(rng.choice(string.digits) for _ in range(n - 1))
        if not valid(s):
            return s


def _unit(rng: random.Random, n: int) -> list[float]:
    v = [rng.gauss(0, 1) for _ in range(n)]
    norm = math.sqrt(sum(x * x for x in v))
    return [round(x / norm, 6) for x in v]


def _png(rng: random.Random) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(200))


def _jpeg(rng: random.Random) -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(rng.randrange(256) for _ in range(200))


def columns(rows: int = ROWS) -> list[Column]:
    """The generated corpus, identical on every run (``rows`` values per column)."""
    from stdnum.br import cpf as br_cpf

    from unguarded.classify.validators import cn_ric_ok, luhn_ok

    fk = _fakers()
    us, de, fr, es, zh = fk["en_US"], fk["de_DE"], fk["fr_FR"], fk["es_ES"], fk["zh_CN"]
    rng = random.Random(SEED)
    cols: list[Column] = []

    def add(table: str, name: str, make: Callable[[], Any], expect: str = "", allow: str = "", nulls: float = 0.0):
        values = [None if nulls and rng.random() < nulls else make() for _ in range(rows)]
        cols.append(Column("generated", table, name, values, frozenset(expect.split()), frozenset(allow.split())))

    # ---- people and contact
    add("customers", "first_name", us.first_name, "person.name")
    add("customers", "last_name", us.last_name, "person.name")
    add("customers", "name", us.name, "person.name")
    add("kunden", "nachname", de.last_name, "person.name")
    add("clients", "nom_complet", fr.name, "person.name")
    add("users", "姓名", zh.name, "person.name")
    add("members", "xingming", zh.name, "person.name")
    add("users", "shimei", fk["ja_JP"].name, "person.name")  # no hint the classifier knows
    add("accounts", "holder", us.name, "person.name")
    add("clientes", "nombre", es.name, "person.name")
    add("customers", "email", us.email, "contact.email")
    add("users", "contact", fr.free_email, "contact.email")
    add("users", "youxiang", zh.email, "contact.email")
    add("customers", "phone", us.phone_number, "contact.phone")
    add("kunden", "telefon", de.phone_number, "contact.phone")
    add("users", "手机号", zh.phone_number, "contact.phone")
    add("users", "mobile", lambda: fr.phone_number(), "contact.phone")
    add("leads", "msisdn", lambda: "+" + us.msisdn()[:1] + us.numerify("##########"), "contact.phone")
    add("subscribers", "number", zh.phone_number, "contact.phone")
    add("customers", "street_address", us.street_address, "contact.postal_address")
    add("kunden", "adresse", de.street_address, "contact.postal_address")
    add("clients", "adresse_postale", fr.address, "contact.postal_address")
    add("users", "地址", zh.address, "contact.postal_address")
    add("orders", "ship_to", lambda: us.address().replace("\n", ", "), "contact.postal_address")
    add("customers", "zip", us.postcode, "contact.postal_address")
    add("kunden", "plz", de.postcode, "contact.postal_address")
    add("customers", "date_of_birth", lambda: us.date_of_birth(minimum_age=18, maximum_age=90), "person.birth_date")
    add("users", "dob", lambda: us.date_of_birth().isoformat(), "person.birth_date")
    add("users", "出生日期", lambda: zh.date_of_birth().strftime("%Y%m%d"), "person.birth_date")
    add("patients", "geburtsdatum", lambda: de.date_of_birth().strftime("%d.%m.%Y"), "person.birth_date")
    add("customers", "gender", lambda: rng.choice(["M", "F"]), "person.gender")
    add("users", "sex", lambda: rng.choice(["male", "female", "other"]), "person.gender")
    add("users", "性别", lambda: rng.choice(["男", "女"]), "person.gender")
    add("employees", "employer", us.company, "person.employer")
    add("users", "工作单位", zh.company, "person.employer")

    # ---- national IDs and passports
    add("citizens", "身份证号", zh.ssn, "national_id")
    add("users", "identifier", zh.ssn, "national_id")
    add("employees", "ssn", us.ssn, "national_id")
    add("employees", "social_security_number", lambda: us.ssn().replace("-", ""), "national_id")
    add("clientes", "cpf", fk["pt_BR"].cpf, "national_id")
    add("clientes", "doc", lambda: fk["pt_BR"].cpf().replace(".", "").replace("-", ""), "national_id")
    add("klienci", "pesel", fk["pl_PL"].pesel, "national_id")
    add("clienti", "codice_fiscale", fk["it_IT"].ssn, "national_id")
    add("clientes", "dni", es.nif, "national_id")
    add("clientes", "nie", es.nie, "national_id")
    add("patients", "nir", fr.ssn, "national_id")
    add("kunder", "personnummer", fk["sv_SE"].ssn, "national_id")
    add("musteriler", "tc_kimlik", fk["tr_TR"].ssn, "national_id")
    add("users", "aadhaar", fk["en_IN"].aadhaar_id, "national_id")
    add("klanten", "bsn", fk["nl_NL"].ssn, "national_id")
    add("customers", "sin", fk["en_CA"].ssn, "national_id")
    add("asiakkaat", "henkilotunnus", fk["fi_FI"].ssn, "national_id")
    add("kunder", "fodselsnummer", fk["no_NO"].ssn, "national_id")
    add("clienti", "cnp", fk["ro_RO"].ssn, "national_id")
    add("zakaznici", "rodne_cislo", fk["cs_CZ"].birth_number, "national_id")
    add("kliendid", "isikukood", fk["et_EE"].ssn, "national_id")
    add("korisnici", "oib", fk["hr_HR"].ssn, "national_id")
    add("clientes", "curp", fk["es_MX"].curp, "national_id")
    add("clientes", "rut", fk["es_CL"].rut, "national_id")
    add("customers", "national_id", fk["th_TH"].ssn, "national_id")
    add("travellers", "passport_no", us.passport_number, "passport")
    add("travellers", "护照号码", lambda: "E" + zh.numerify("########"), "passport")

    # ---- financial, network, device
    add("payments", "card_number", us.credit_card_number, "financial.payment_card")
    add("payments", "pan", lambda: us.credit_card_number(card_type="mastercard"), "financial.payment_card")
    add("orders", "payment_ref", lambda: us.credit_card_number(card_type="visa16"), "financial.payment_card")
    add("payouts", "iban", de.iban, "financial.bank_account")
    add("payouts", "beneficiary_account", lambda: fr.iban(), "financial.bank_account")
    add("payouts", "account_number", lambda: us.bban(), "financial.bank_account")
    add("sessions", "ip", us.ipv4_public, "network.ip_address")
    add("logins", "client_ip", lambda: us.ipv6(), "network.ip_address")
    add("logins", "remote_addr", lambda: rng.choice([us.ipv4_public(), us.ipv4_private()]), "network.ip_address")
    add("devices", "mac", us.mac_address, "network.device_id")
    add("devices", "idfa", lambda: str(uuid.UUID(int=rng.getrandbits(128))).upper(), "network.device_id")
    add("devices", "imei", lambda: _luhn_fix("35" + us.numerify("############")), "network.device_id")

    # ---- location
    add("checkins", "lat", lambda: float(us.latitude()), "location.coordinates")
    add("checkins", "lng", lambda: float(us.longitude()), "location.coordinates")
    add(
        "positions",
        "location",
        lambda: {"type": "Point", "coordinates": [float(us.longitude()), float(us.latitude())]},
        "location.coordinates",
    )
    add(
        "positions",
        "coords",
        lambda: [round(rng.uniform(73, 135), 6), round(rng.uniform(18, 53), 6)],
        "location.coordinates",
    )
    add("rides", "pickup", lambda: f"{rng.uniform(-60, 60):.5f},{rng.uniform(-150, 150):.5f}", "location.coordinates")

    # ---- credentials
    b64 = string.ascii_letters + string.digits + "./"
    add("users", "password", lambda: "$2b$12$" + "".join(rng.choice(b64) for _ in range(53)), "credential.password")
    add("users", "password_hash", lambda: hashlib.sha256(us.password().encode()).hexdigest(), "credential.password")
    add("accounts", "pwd", lambda: hashlib.md5(us.password().encode()).hexdigest(), "credential.password")
    add("accounts", "passwd", lambda: us.password(length=10), "credential.password")
    add(
        "users",
        "hash",
        lambda: (
            "$argon2id$v=19$m=65536,t=3,p=4$"
            + base64.b64encode(rng.randbytes(16)).decode().rstrip("=")
            + "$"
            + base64.b64encode(rng.randbytes(32)).decode().rstrip("=")
        ),
        "credential.password",
    )
    add(
        "integrations",
        "api_key",
        lambda: "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(32)),
        "credential.secret",
    )
    add(
        "integrations",
        "aws_key",
        lambda: "AKIA" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(16)),
        "credential.secret",
    )
    add(
        "integrations",
        "gh",
        lambda: "ghp_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(36)),
        "credential.secret",
    )
    add(
        "services",
        "dsn",
        lambda: f"postgres://{us.user_name()}:{us.password(special_chars=False)}@{us.domain_name()}:5432/app",
        "credential.secret",
    )

    # ---- biometrics
    add("faces", "face_embedding", lambda: _unit(rng, 128), "biometric.face_embedding")
    add("faces", "vec", lambda: _unit(rng, 512), "biometric.face_embedding")
    add("staff", "photo", lambda: _png(rng), "biometric.face_image")
    add(
        "users",
        "avatar",
        lambda: "data:image/jpeg;base64," + base64.b64encode(_jpeg(rng)).decode(),
        "biometric.face_image",
    )
    add("enrolment", "fingerprint", lambda: rng.randbytes(400), "biometric.other")

    # ---- Article 9
    add(
        "census",
        "ethnicity",
        lambda: rng.choice(["White", "Black", "Asian", "Hispanic", "Mixed", "Other"]),
        "special.ethnicity",
    )
    add(
        "users",
        "minzu",
        lambda: rng.choice(["汉族"] * 8 + ["回族", "壮族", "维吾尔族", "藏族", "蒙古族", "满族"]),
        "special.ethnicity",
    )
    add(
        "members",
        "religion",
        lambda: rng.choice(["Christian", "Muslim", "Hindu", "Buddhist", "Jewish", "None", "Sikh"]),
        "special.religion",
    )
    add(
        "survey",
        "answer_3",
        lambda: rng.choice(["Catholic", "Protestant", "Muslim", "Atheist", "Orthodox", "Agnostic"]),
        "special.religion",
    )
    add(
        "checkins",
        "place_type",
        lambda: rng.choice(["cafe"] * 20 + ["restaurant"] * 20 + ["gym"] * 10 + ["mosque", "church"]),
        "special.religion",
    )
    add(
        "patients",
        "diagnosis",
        lambda: rng.choice(["E11.9", "I10", "J45.909", "F32.9", "C50.911", "B20", "M54.5"]),
        "special.health",
    )
    add(
        "patients",
        "condition",
        lambda: rng.choice(["Diabetes", "Hypertension", "Asthma", "Depression", "HIV", "Migraine"]),
        "special.health",
    )
    add(
        "prescriptions",
        "drug",
        lambda: rng.choice(["Metformin", "Lisinopril", "Sertraline", "Insulin glargine", "Truvada"]),
        "special.health",
    )
    add(
        "voters",
        "party",
        lambda: rng.choice(["Democrat", "Republican", "Libertarian", "Green Party", "Independent"]),
        "special.political",
    )
    add("members", "zzmm", lambda: rng.choice(["中共党员", "共青团员", "群众", "群众", "群众"]), "special.political")
    add(
        "profiles",
        "orientation",
        lambda: rng.choice(["Straight", "Gay", "Lesbian", "Bisexual", "Queer"]),
        "special.sexual_orientation",
    )

    # ---- hard negatives (expect nothing)
    add("products", "id", lambda: str(uuid.UUID(int=rng.getrandbits(128))))
    add(
        "products",
        "sku",
        lambda: f"{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}-{rng.randint(10000, 99999)}",
    )
    add("products", "ean13", us.ean13)
    add("products", "barcode", lambda: int(us.ean13()))
    add("orders", "order_number", lambda: _bad_check(rng, 18, cn_ric_ok))
    add("orders", "order_no", lambda: _bad_check(rng, 11, br_cpf.is_valid))
    add("orders", "reference", lambda: _bad_check(rng, 16, luhn_ok))
    add("orders", "tracking", lambda: "1Z" + us.bothify("??#############").upper())
    add("files", "sha256", lambda: hashlib.sha256(rng.randbytes(32)).hexdigest())
    add("files", "etag", lambda: hashlib.md5(rng.randbytes(32)).hexdigest())
    add("commits", "commit_id", lambda: hashlib.sha1(rng.randbytes(32)).hexdigest())
    stations = [(52.520008, 13.404954), (48.856613, 2.352222), (40.416775, -3.703790)]
    add("readings", "station_lat", lambda: rng.choice(stations)[0])
    add("readings", "station_lon", lambda: rng.choice(stations)[1])
    add("readings", "temperature", lambda: round(rng.uniform(-10, 35), 2))
    add("events", "created_at", lambda: us.date_time_between("-2y"))
    add("events", "ts", lambda: int(us.date_time_between("-2y").timestamp()))
    add("events", "date", lambda: us.date_between("-2y").isoformat())
    add("orders", "price", lambda: round(rng.uniform(1, 500), 2))
    add("orders", "quantity", lambda: rng.randint(1, 20))
    add("orders", "status", lambda: rng.choice(["pending", "shipped", "delivered", "cancelled"]))
    add("products", "color", lambda: rng.choice(["black", "white", "red", "blue", "silver"]))
    add("products", "category", lambda: rng.choice(["Books", "Garden", "Toys", "Electronics", "Health & Beauty"]))
    add("products", "description", lambda: us.sentence(nb_words=10))
    add("products", "product_name", lambda: us.catch_phrase())
    add("hosts", "build_version", lambda: f"10.0.{rng.randint(10000, 22000)}.{rng.randint(1, 999)}")
    add("pages", "url", us.url)
    add("logs", "user_agent", us.user_agent)
    add("countries", "country_code", us.country_code)
    add("cities", "city", us.city, allow="contact.postal_address")
    add("files", "file_name", us.file_name)
    add("theme", "hex_color", us.hex_color)
    add("invoices", "invoice_id", lambda: rng.randint(100000, 999999))
    add("books", "isbn", us.isbn13)
    add("metrics", "cpu", lambda: round(rng.random(), 4))
    add("jobs", "cron", lambda: rng.choice(["*/5 * * * *", "0 3 * * *", "15 2 * * 1"]))
    add("stores", "store_name", de.company)
    add("log", "message", lambda: us.sentence(nb_words=12))
    add("ml", "features", lambda: [round(rng.random() * 100, 2) for _ in range(16)])
    add("images", "thumbnail", lambda: _png(rng))
    add("tokens", "token_type", lambda: "Bearer")
    add("sessions", "session_id", lambda: uuid.UUID(int=rng.getrandbits(128)).hex)
    return cols
