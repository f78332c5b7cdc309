"""Person names, in Latin, Cyrillic, Greek, Arabic and other alphabets and in hanzi.

Two routes. A field named like a person's name (``first_name``, ``nachname``, ``姓名``,
or a bare ``name`` in a ``customers`` table) needs only name-shaped values: one to five
words of letters. Without such a name, most values must start with a common given name
or contain a common surname, or be two to four hanzi starting with a common Chinese
surname (the lists are package data: ``data/given_names.txt``, ``data/surnames.txt``,
``data/chinese_surnames.txt``), or pair a given name and a surname of the 1990 US Census
lists at its two ends (``data/census_given_names.txt``, ``data/census_surnames.txt``: about
5,200 given names and 18,800 surnames, public domain), in either order (``Tran Minh``,
``GARCIA Maria``; ``Garcia, Maria`` is read surname first) unless an end is a place
(``data/places.txt``: CLDR country names and the US states, for ``Paris, France``).

A vocabulary of nationalities or languages (``French``, ``Deutsch``, ``法语``) is name-shaped
but names no one: such values never count as names on either route (``data/languages.txt``
from CLDR, ``data/nationalities.txt``), so a ``nationality.name`` column or a ``name``
column of a ``languages`` list is not ``person.name``.
"""

from __future__ import annotations

import re
import unicodedata

from .base import Concept, Detector, Shape, Strength, fold, word_list, words

_NAME_SHAPE = re.compile(r"^[^\W\d_]+\.?(?:(?:[ '\u2019\-]|\. ?)[^\W\d_]+\.?){0,4}$")
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}$")
_WORD_SPLIT = re.compile(r"[\s\-.,]+")

GIVEN_NAMES = word_list("given_names.txt")
SURNAMES = word_list("surnames.txt")
_CHINESE_SURNAMES = word_list("chinese_surnames.txt")
CN_SURNAMES = frozenset(s for s in _CHINESE_SURNAMES if len(s) == 1)
CN_COMPOUND_SURNAMES = frozenset(s for s in _CHINESE_SURNAMES if len(s) == 2)
NOT_NAMES = word_list("languages.txt") | word_list("nationalities.txt")
# The 1990 US Census lists (public domain): broader, so read only in pairs (see the match).
ALL_GIVEN_NAMES = GIVEN_NAMES | word_list("census_given_names.txt")
ALL_SURNAMES = SURNAMES | word_list("census_surnames.txt")
PLACES = word_list("places.txt")  # countries (CLDR) and US states: "Paris, France", "Austin Texas"
# Words that end or start the names of places far more often than people's (``Jordan
# River``, ``Victoria Station``): a value of several words holding one at an end is no name.
# Words that are common surnames too (Park, Hall, Hill, Wood, Lane, Church) are not listed.
_PLACE_WORDS: frozenset[str] = words(
    "garden gardens center centre river station street road square valley lake mount mountain bay beach "
    "island city county falls springs heights village forest bridge harbor harbour plaza tower towers "
    "avenue boulevard drive creek airport college school university hospital hotel mall"
)


def name_shaped(value: str) -> bool:
    """One to five words of letters. Vowel signs and tone marks (Thai ``สมชาย``, Devanagari
    ``प्रिया``) are combining marks, not letters, so they are set aside before the test."""
    if _NAME_SHAPE.match(value):
        return True
    if value.isascii():
        return False
    bare = "".join(c for c in value if not unicodedata.category(c).startswith("M"))
    return bool(bare) and bool(_NAME_SHAPE.match(bare))


def natural_order(value: str) -> str:
    """``Abbott, John Joseph`` -> ``John Joseph Abbott``: directories and registers list people
    surname first with a comma; one comma between two name-shaped parts is read so."""
    if value.count(",") != 1:
        return value
    last, _, first = value.partition(",")
    last, first = last.strip(), first.strip()
    return f"{first} {last}" if last and first else value


def han_name(value: str) -> bool:
    """Two to four hanzi led by a common surname (or a minority name with a middle dot)."""
    if not _HAN_NAME.match(value):
        return False
    return value[0] in CN_SURNAMES or value[:2] in CN_COMPOUND_SURNAMES or "·" in value or "•" in value


# Tokens that say a "name" is the name of a thing (file, product, city...), not a person.
NOT_PERSON_WORDS: frozenset[str] = words(
    "file filename host hostname table db database index product item brand album artist track "
    "song genre media playlist category type key app application device server service domain "
    "bucket column field project street city country state region district store shop team group "
    "role plan tag label event course film movie title user username screen login account bank "
    "branch dept department org organisation organization business merchant vendor supplier hotel "
    "venue place location school university language font template queue topic channel job task "
    "module class method package image icon color colour currency unit company firm host node "
    "cluster collection schema view function sheet layer network ssid"
)
# Tokens that make a bare "name" a person's name (``customer.name``, table ``patients``).
PERSON_CONTEXT: frozenset[str] = words(
    "customer customers client clients patient patients person persons people user users employee "
    "employees staff member members contact contacts student students passenger passengers guest "
    "guests owner owners driver drivers citizen citizens applicant applicants holder recipient "
    "sender beneficiary actor actors author authors teacher teachers doctor doctors nurse "
    "volunteer volunteers voter voters subscriber subscribers buyer seller "
    "kunde kunden benutzer mitarbeiter patienten mitglieder clients utilisateurs employes salaries "
    "adherents cliente clientes usuario usuarios empleado empleados paciente pacientes socios "
    "utenti dipendenti pazienti klienci pracownicy yonghu kehu huiyuan yuangong"
)

NAME_HINT = Concept(
    "name",
    strong=words(
        "firstname lastname fullname surname givenname familyname middlename maidenname forename "
        "customername contactname patientname employeename holdername cardholder cardholdername "
        "accountholder accountname fathername mothername spousename realname legalname personname "
        "birthname geburtsname nomdejeunefille nomdenaissance "
        "vorname nachname familienname prenom nomdefamille nomcomplet apellido apellidos "
        "nombrecompleto primernombre sobrenome nomecompleto xingming xm truename"
    ),
    weak=words("name names nombre nom nome displayname"),
    cjk_strong=("姓名", "真实姓名", "名字", "姓氏"),
    weak_cancelled_by=NOT_PERSON_WORDS,
    weak_promoted_by=PERSON_CONTEXT,
)


class PersonNameByHint(Detector):
    id = "person_name.named"
    category = "person.name"
    description = "one to five words of letters (or 2-4 hanzi) in a field named like a person's name"
    strength = Strength.MEDIUM
    hint = NAME_HINT
    needs_hint = 2
    shapes = Shape.ALNUM | Shape.TEXT | Shape.TOKEN | Shape.UNICODE
    max_len = 64

    def match(self, value: str) -> str | None:
        if name_shaped(value) or _HAN_NAME.match(value):
            return None if fold(value) in NOT_NAMES else self.category
        if "," in value and name_shaped(natural_order(value)):
            return self.category
        return None


class PersonNameByDictionary(Detector):
    id = "person_name.dictionary"
    category = "person.name"
    description = "name-shaped text led by a common given name or holding a common surname"
    strength = Strength.MEDIUM
    hint = NAME_HINT
    shapes = Shape.ALNUM | Shape.TEXT | Shape.UNICODE
    min_len = 2
    max_len = 48

    def match(self, value: str) -> str | None:
        if _HAN_NAME.match(value):
            return self.category if han_name(value) and value not in NOT_NAMES else None
        parts = fold(value).split(",") if "," in value else []
        if parts:
            value = natural_order(value)
        if not name_shaped(value):
            return None
        folded = fold(value)
        if folded in NOT_NAMES:
            return None
        words = _WORD_SPLIT.split(folded)
        if len(words) > 4:
            return None
        if len(words) == 1:
            return self.category if words[0] in GIVEN_NAMES else None
        first, last = words[0], words[-1]
        if first in _PLACE_WORDS or last in _PLACE_WORDS:  # "Jordan River", "Victoria Station"
            return None
        # A country or a state where the surname would be: "Paris, France", "Austin Texas".
        if last in PLACES or " ".join(words[-2:]) in PLACES or any(p.strip() in PLACES for p in parts[1:]):
            return None
        if first in GIVEN_NAMES or last in SURNAMES:
            return self.category
        if first in SURNAMES and last in GIVEN_NAMES:  # "LAST First", surname first
            return self.category
        # The census lists hold many words that are also places and things (Rose, Austin,
        # Lincoln), so from them a value needs both ends: a given name and a surname.
        if first in PLACES:
            return None
        if (first in ALL_GIVEN_NAMES and last in ALL_SURNAMES) or (first in ALL_SURNAMES and last in ALL_GIVEN_NAMES):
            return self.category
        return None
