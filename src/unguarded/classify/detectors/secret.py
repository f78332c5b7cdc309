"""Secrets: API keys, tokens, private keys and connection strings that carry a password.

Vendor key formats have fixed prefixes and lengths and stand on their own. Anything else
needs a field named like a secret (``api_key``, ``access_token``, ``client_secret``) and
a value that looks random: long, no spaces, mixed character classes, high entropy.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .base import Concept, Detector, Shape, Strength, words

_FORMATS = re.compile(
    r"^(?:"
    r"(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}"  # AWS access key id
    r"|gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,}"  # GitHub
    r"|glpat-[A-Za-z0-9_\-]{20}"  # GitLab
    r"|xox[abposr]-[A-Za-z0-9\-]{10,}"  # Slack
    r"|(?:sk|rk)_live_[A-Za-z0-9]{24,}"  # Stripe
    r"|AIza[0-9A-Za-z_\-]{35}"  # Google API key
    r"|ya29\.[0-9A-Za-z_\-]{20,}"  # Google OAuth access token
    r"|sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{32,}"  # OpenAI / Anthropic
    r"|SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}"  # SendGrid
    r"|SK[0-9a-f]{32}"  # Twilio
    r"|npm_[A-Za-z0-9]{36}"  # npm
    r"|pypi-[A-Za-z0-9_\-]{50,}"  # PyPI
    r"|hf_[A-Za-z0-9]{34,}"  # Hugging Face
    r"|eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}"  # JWT
    r"|-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----.*"  # private key
    r"|[a-z][a-z0-9+.\-]{1,20}://[^\s:/@]+:[^\s:/@]+@\S+"  # URI with user:password@
    r")$",
    re.DOTALL,
)
_PREFIXES = ("AKIA", "ASIA", "ABIA", "ACCA", "gh", "github_pat_", "glpat-", "xox", "sk", "rk_", "AIza", "ya29.",
             "SG.", "SK", "npm_", "pypi-", "hf_", "eyJ", "-----BEGIN")  # fmt: skip


def entropy(text: str) -> float:
    """Shannon entropy in bits per character."""
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in Counter(text).values())


def random_looking(value: str) -> bool:
    """Long, no spaces, at least two character classes and >= 3.5 bits/char."""
    if len(value) < 16 or " " in value:
        return False
    classes = any(c.isdigit() for c in value) + any(c.islower() for c in value) + any(c.isupper() for c in value)
    return classes >= 2 and entropy(value) >= 3.5


SECRET_HINT = Concept(
    "secret",
    strong=words(
        "secret apikey apisecret accesskey secretkey accesstoken refreshtoken authtoken token "
        "bearer clientsecret privatekey sessiontoken sessionkey credentials credential "
        "connectionstring dsn webhooksecret signingkey"
    ),
    cjk_strong=("密钥", "令牌"),
)


class SecretFormat(Detector):
    id = "secret.format"
    category = "credential.secret"
    description = "vendor key/token formats, JWTs, PEM private keys, URIs with user:password@"
    strength = Strength.STRONG
    hint = SECRET_HINT
    shapes = Shape.ALNUM | Shape.TOKEN | Shape.TEXT
    min_len = 16
    max_len = 16384

    def match(self, value: str) -> str | None:
        if not value.startswith(_PREFIXES) and "://" not in value[:24]:
            return None
        return self.category if _FORMATS.match(value) else None


class SecretByName(Detector):
    id = "secret.named"
    category = "credential.secret"
    description = "random-looking token in a field named like a key, token or secret"
    strength = Strength.MEDIUM
    hint = SECRET_HINT
    needs_hint = 2
    shapes = Shape.ALNUM | Shape.TOKEN
    min_len = 16
    max_len = 4096

    def match(self, value: str) -> str | None:
        return self.category if random_looking(value) else None
