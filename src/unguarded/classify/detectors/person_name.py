"""Person names, in Latin, Cyrillic, Greek, Arabic and other alphabets and in hanzi.

Two routes. A field named like a person's name (``first_name``, ``nachname``, ``姓名``,
or a bare ``name`` in a ``customers`` table) needs only name-shaped values: one to five
words of letters. Without such a name, most values must start with a common given name
or contain a common surname, or be two to four hanzi starting with a common Chinese
surname (the lists are package data: ``data/given_names.txt``, ``data/surnames.txt``,
``data/chinese_surnames.txt``).

A vocabulary of nationalities or languages (``French``, ``Deutsch``, ``法语``) is name-shaped
but names no one: such values never count as names on either route (``data/languages.txt``
from CLDR, ``data/nationalities.txt``), so a ``nationality.name`` column or a ``name``
column of a ``languages`` list is not ``person.name``.
"""

from __future__ import annotations

import re

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
        if fold(value) in NOT_NAMES:
            return None
        if _NAME_SHAPE.match(value) or _HAN_NAME.match(value):
            return self.category
        if "," in value and _NAME_SHAPE.match(natural_order(value)):
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
        folded = fold(value)
        if folded in NOT_NAMES:
            return None
        if _HAN_NAME.match(value):
            return self.category if han_name(value) else None
        if "," in value:
            value = natural_order(value)
            folded = fold(value)
        if not _NAME_SHAPE.match(value):
            return None
        words = _WORD_SPLIT.split(folded)
        if len(words) > 4:
            return None
        if words[0] in GIVEN_NAMES or (len(words) > 1 and words[-1] in SURNAMES):
            return self.category
        if len(words) > 1 and words[0] in SURNAMES and words[-1] in GIVEN_NAMES:  # "LAST First", surname first
            return self.category
        return None
