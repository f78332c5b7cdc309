"""Postal addresses and postcodes of people.

A street address is recognised without a hint when it holds a house number and a street
word in one of several languages (``47 MySakila Drive``, ``Theodor-Heuss-Straße 34``,
``Av. Brigadeiro Faria Lima, 2170``) or, in Chinese, several address characters
(省, 市, 区, 路, 号...). A field named like an address needs only address-like text.
Postcodes are short codes that many things share, so they need a postcode hint.
"""

from __future__ import annotations

import re

from .base import Concept, Detector, Shape, Strength, fold, words

STREET_WORDS = frozenset(
    [
        "street",
        "st",
        "str",
        "road",
        "rd",
        "avenue",
        "ave",
        "av",
        "avda",
        "avenida",
        "lane",
        "ln",
        "drive",
        "dr",
        "way",
        "blvd",
        "boulevard",
        "court",
        "ct",
        "place",
        "pl",
        "square",
        "sq",
        "terrace",
        "parkway",
        "pkwy",
        "highway",
        "hwy",
        "close",
        "crescent",
        "row",
        "alley",
        "manor",
        "circle",
        "cir",
        "trail",
        "loop",
        "rue",
        "chemin",
        "allee",
        "impasse",
        "quai",
        "via",
        "viale",
        "piazza",
        "corso",
        "calle",
        "carrera",
        "paseo",
        "plaza",
        "camino",
        "rua",
        "travessa",
        "estrada",
        "weg",
        "gasse",
        "platz",
        "ring",
        "damm",
        "ulica",
        "ul",
        "strasse",
        "straße",
        "apt",
        "apartment",
        "suite",
        "unit",
        "po",
        "box",
    ]
) | frozenset(
    # USPS Publication 28 street suffixes (the common ones), matched with or without a plural s.
    [
        "alley",
        "annex",
        "arcade",
        "bayou",
        "beach",
        "bend",
        "bluff",
        "bottom",
        "branch",
        "bridge",
        "brook",
        "burg",
        "bypass",
        "camp",
        "canyon",
        "cape",
        "causeway",
        "center",
        "centre",
        "cliff",
        "club",
        "common",
        "corner",
        "course",
        "cove",
        "creek",
        "crest",
        "crossing",
        "curve",
        "dale",
        "divide",
        "estate",
        "expressway",
        "extension",
        "falls",
        "ferry",
        "field",
        "flat",
        "ford",
        "forest",
        "forge",
        "fork",
        "fort",
        "freeway",
        "garden",
        "gateway",
        "glen",
        "green",
        "grove",
        "harbor",
        "harbour",
        "haven",
        "heights",
        "hill",
        "hollow",
        "inlet",
        "island",
        "isle",
        "junction",
        "key",
        "knoll",
        "lake",
        "landing",
        "light",
        "lock",
        "lodge",
        "mall",
        "meadow",
        "mews",
        "mill",
        "mission",
        "motorway",
        "mount",
        "mountain",
        "neck",
        "orchard",
        "oval",
        "overpass",
        "park",
        "pass",
        "passage",
        "path",
        "pike",
        "pine",
        "plain",
        "point",
        "port",
        "prairie",
        "ramp",
        "ranch",
        "rapid",
        "ridge",
        "river",
        "route",
        "run",
        "shoal",
        "shore",
        "skyway",
        "spring",
        "spur",
        "station",
        "stream",
        "summit",
        "throughway",
        "trace",
        "track",
        "tunnel",
        "turnpike",
        "union",
        "valley",
        "viaduct",
        "view",
        "village",
        "ville",
        "vista",
        "walk",
        "wall",
        "well",
    ]
)
_GERMAN_SUFFIX = ("strasse", "straße", "str", "weg", "gasse", "platz", "allee", "ring", "damm")
_WORD = re.compile(r"[^\W\d_]+")
_CJK_ADDRESS = frozenset("省市区县路街道号村镇巷弄楼室栋单元乡")
_POSTCODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]{2,9}$")


def street_address(value: str) -> bool:
    """House number plus street word, or enough Chinese address characters."""
    if not value.isascii() and sum(c in _CJK_ADDRESS for c in value) >= 2 and len(value) >= 6:
        return True
    if not any(c.isdigit() for c in value):
        return False
    for word in _WORD.findall(fold(value)):
        if word in STREET_WORDS or (word[-1] == "s" and word[:-1] in STREET_WORDS):
            return True
        if len(word) > 6 and word.endswith(_GERMAN_SUFFIX):
            return True
    return False


ADDRESS_HINT = Concept(
    "address",
    strong=words(
        "address addr street streetaddress homeaddress billingaddress shippingaddress "
        "mailingaddress deliveryaddress shipto shipaddress residence adresse anschrift strasse "
        "direccion domicilio endereco "
        "indirizzo dizhi zhuzhi addressline"
    ),
    cjk_strong=("地址", "住址", "住所"),
)

POSTCODE_HINT = Concept(
    "postcode",
    strong=words("postcode postalcode zip zipcode postal plz postleitzahl codepostal codigopostal cep youbian"),
    cjk_strong=("邮编", "邮政编码"),
)


class StreetAddress(Detector):
    id = "postal_address.street"
    category = "contact.postal_address"
    description = "house number and street word (several languages) or Chinese address"
    strength = Strength.MEDIUM
    hint = ADDRESS_HINT
    shapes = Shape.TEXT | Shape.UNICODE | Shape.TOKEN
    min_len = 5
    max_len = 160

    def match(self, value: str) -> str | None:
        return self.category if street_address(value) else None


class AddressByName(Detector):
    id = "postal_address.named"
    category = "contact.postal_address"
    description = "text with letters and a number or several words, in a field named like an address"
    strength = Strength.MEDIUM
    hint = ADDRESS_HINT
    needs_hint = 2
    shapes = Shape.TEXT | Shape.UNICODE | Shape.TOKEN | Shape.ALNUM
    min_len = 4
    max_len = 200

    def match(self, value: str) -> str | None:
        if "@" in value or not any(c.isalpha() for c in value):
            return None
        if any(c.isdigit() for c in value) or " " in value or not value.isascii():
            return self.category
        return None


class Postcode(Detector):
    id = "postal_address.postcode"
    category = "contact.postal_address.postcode"
    description = "3-10 character code with digits, in a field named like a postcode"
    strength = Strength.WEAK
    hint = POSTCODE_HINT
    needs_hint = 2
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TEXT | Shape.TOKEN
    min_len = 3
    max_len = 10

    def match(self, value: str) -> str | None:
        if not _POSTCODE.match(value) or sum(c.isdigit() for c in value) < 2:
            return None
        return self.category
