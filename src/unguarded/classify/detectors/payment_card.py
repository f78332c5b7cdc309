"""Payment cards: 13-19 digits, a known issuer range, Luhn, and not a published test number."""

from __future__ import annotations

from ..validators import luhn_ok
from .base import Concept, Detector, Shape, Strength, words

_SEPARATORS = str.maketrans("", "", " -")

# Published test numbers (Stripe, Braintree, Adyen, PayPal docs): real-looking, not real.
TEST_NUMBERS = frozenset(
    [
        "4111111111111111",
        "4242424242424242",
        "4012888888881881",
        "4222222222222",
        "4000056655665556",
        "4000000000000002",
        "4000000000009995",
        "4000000000000077",
        "5555555555554444",
        "5105105105105100",
        "5200828282828210",
        "2223003122003222",
        "2223000048400011",
        "378282246310005",
        "371449635398431",
        "378734493671000",
        "6011111111111117",
        "6011000990139424",
        "6011000400000000",
        "3530111333300000",
        "3566002020360505",
        "30569309025904",
        "38520000023237",
        "36227206271667",
        "6200000000000005",
        "6250941006528599",
        "4917610000000000",
        "5454545454545454",
        "4444333322221111",
        "4035501000000008",
        "4988438843884305",
        "6304000000000000",
        "5019717010103742",
    ]
)


def issuer(digits: str) -> str | None:
    """Card scheme from the IIN ranges, or None for numbers no issuer uses."""
    n = len(digits)
    two, four = int(digits[:2]), int(digits[:4])
    if digits[0] == "4" and n in (13, 16, 19):
        return "visa"
    if (51 <= two <= 55 or 2221 <= four <= 2720) and n == 16:
        return "mastercard"
    if two in (34, 37) and n == 15:
        return "amex"
    if (digits.startswith("6011") or two == 65 or 644 <= int(digits[:3]) <= 649) and n in (16, 19):
        return "discover"
    if 3528 <= four <= 3589 and 16 <= n <= 19:
        return "jcb"
    if (300 <= int(digits[:3]) <= 305 or two in (36, 38, 39)) and 14 <= n <= 19:
        return "diners"
    if two == 62 and 16 <= n <= 19:
        return "unionpay"
    if (two == 50 or 56 <= two <= 69) and 12 <= n <= 19:
        return "maestro"
    return None


CARD_HINT = Concept(
    "card",
    strong=words("cardnumber creditcard cc ccnumber pan cardno debitcard kreditkarte carte tarjeta yinhangka"),
    weak=words("card"),
    cjk_strong=("银行卡", "信用卡"),
    negatable=True,
)


class PaymentCard(Detector):
    id = "payment_card"
    category = "financial.payment_card"
    description = "card number: issuer range + Luhn, test numbers excluded"
    checksum = True
    strength = Strength.STRONG
    hint = CARD_HINT
    shapes = Shape.DIGITS | Shape.TOKEN | Shape.TEXT
    min_len = 12
    max_len = 23

    def match(self, value: str) -> str | None:
        digits = value.translate(_SEPARATORS)
        if not 12 <= len(digits) <= 19 or not digits.isdigit() or digits in TEST_NUMBERS:
            return None
        if issuer(digits) is None or not luhn_ok(digits):
            return None
        return self.category
