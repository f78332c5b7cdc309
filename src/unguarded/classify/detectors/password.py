"""Passwords, hashed or (worse) in clear.

Password-hash formats are distinctive on their own (modular crypt ``$2b$``, ``$argon2id$``,
``$6$``, phpass, Django, Werkzeug, LDAP ``{SSHA}``, MySQL ``*``+40 hex). A bare hex digest
is a password hash only in a field named like a password: elsewhere it is a checksum,
an ETag or a commit id. Anything in a ``password`` field that is not a hash is reported
as a clear-text password.
"""

from __future__ import annotations

import re

from .base import Concept, Detector, Shape, Strength, words

_HASH_FORMATS = re.compile(
    r"^(?:"
    r"\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}"  # bcrypt
    r"|\$(?:1|apr1)\$[^$]{0,8}\$[./A-Za-z0-9]{22}"  # md5-crypt
    r"|\$[56]\$(?:rounds=\d+\$)?[^$]{0,16}\$[./A-Za-z0-9]{43,86}"  # sha256/512-crypt
    r"|\$argon2(?:id|i|d)\$(?:v=\d+\$)?m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+"  # argon2
    r"|\$(?:scrypt|7|y|gy)\$[./A-Za-z0-9$=,+:]{20,}"  # scrypt, yescrypt
    r"|\$[PH]\$[./A-Za-z0-9]{31}"  # phpass
    r"|(?:pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt|scrypt|sha1|md5)\$[^\s]{16,}"  # Django
    r"|(?:pbkdf2|scrypt):[\w:]+\$[^$\s]+\$[0-9a-f]{32,}"  # Werkzeug
    r"|\{(?:SSHA|SHA|SSHA256|SSHA512|SHA256|SHA512|MD5|SMD5|CRYPT|PBKDF2[\w-]*)\}\S{8,}"  # LDAP
    r"|\*[0-9A-F]{40}"  # MySQL native password
    r")$"
)
_HEX_DIGEST_LENGTHS = frozenset({32, 40, 56, 64, 96, 128})
_HEX = frozenset("0123456789abcdefABCDEF")


PASSWORD_HINT = Concept(
    "password",
    strong=words(
        "password passwd pwd pass passhash passwordhash hashedpassword passwort motdepasse "
        "contrasena contrasenya senha mima encryptedpassword pw"
    ),
    cjk_strong=("密码",),
)


class PasswordHash(Detector):
    id = "password.hash_format"
    category = "credential.password.hash"
    description = "password-hash format: bcrypt, md5/sha-crypt, argon2, scrypt, phpass, Django, LDAP, MySQL"
    strength = Strength.STRONG
    hint = PASSWORD_HINT
    shapes = Shape.TOKEN | Shape.ALNUM
    min_len = 13
    max_len = 256

    def match(self, value: str) -> str | None:
        if value[0] not in "$*{" and "$" not in value[:24] and ":" not in value[:16]:
            return None
        return self.category if _HASH_FORMATS.match(value) else None


class HexDigestPassword(Detector):
    id = "password.hex_digest"
    category = "credential.password.hash"
    description = "MD5/SHA-1/SHA-2 hex digest in a field named like a password"
    strength = Strength.STRONG
    hint = PASSWORD_HINT
    needs_hint = 2
    shapes = Shape.DIGITS | Shape.ALNUM
    min_len = 32
    max_len = 128

    def match(self, value: str) -> str | None:
        if len(value) in _HEX_DIGEST_LENGTHS and _HEX.issuperset(value):
            return self.category
        return None


class PlainPassword(Detector):
    id = "password.plaintext"
    category = "credential.password.plaintext"
    description = "clear-text password: a non-hash value in a field named like a password"
    strength = Strength.MEDIUM
    hint = PASSWORD_HINT
    needs_hint = 2
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TOKEN | Shape.UNICODE
    min_len = 1
    max_len = 128

    def match(self, value: str) -> str | None:
        if _HASH_FORMATS.match(value) or (len(value) in _HEX_DIGEST_LENGTHS and _HEX.issuperset(value)):
            return None
        return self.category
