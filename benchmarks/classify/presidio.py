"""Microsoft Presidio on the same columns, as a baseline (optional ``bench`` extra).

Presidio runs with a blank spaCy English pipeline (no model download, so its NER-based
entities PERSON, LOCATION, NRP and DATE_TIME stay silent: only its pattern recognizers
work), every predefined pattern recognizer for national IDs, passports and postcodes
enabled for English, and the column's name passed as context words. A column gets a
category when at least half of its sampled values yield that entity with a score of at
least 0.4. The entity names are mapped onto our categories below.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from unguarded.classify.fieldnames import tokens

SCORE_THRESHOLD = 0.4
COLUMN_SHARE = 0.5
_MAP = (
    (re.compile(r"EMAIL"), "contact.email"),
    (re.compile(r"PHONE|TELEPHONE|MOBILE"), "contact.phone"),
    (re.compile(r"CREDIT_CARD"), "financial.payment_card"),
    (re.compile(r"IBAN|BANK_NUMBER"), "financial.bank_account"),
    (re.compile(r"IP_ADDRESS"), "network.ip_address"),
    (re.compile(r"MAC_ADDRESS"), "network.device_id"),
    (re.compile(r"PASSPORT"), "passport"),
    (
        re.compile(
            r"SSN|ITIN|NIF|NIE|FISCAL_CODE|AADHAAR|RRN|PERSONNUMMER|NATIONAL_ID|PERSONAL_IDENTITY|TNIN|"
            r"_SIN$|NINO|_FIN$|ID_NUMBER|ID_CARD|TAX_ID|PESEL|UMID|_NIN$|_ID$"
        ),
        "national_id",
    ),
    (re.compile(r"POSTCODE|POSTAL_CODE|_PLZ"), "contact.postal_address"),
    (re.compile(r"^PERSON$"), "person.name"),
    (re.compile(r"^LOCATION$"), "contact.postal_address"),
    (re.compile(r"^DATE_TIME$"), "person.birth_date"),
)
_COUNTRY_RECOGNIZERS = [
    "PlPeselRecognizer",
    "EsNifRecognizer",
    "EsNieRecognizer",
    "ItFiscalCodeRecognizer",
    "InAadhaarRecognizer",
    "KrRrnRecognizer",
    "SePersonnummerRecognizer",
    "TrNationalIdRecognizer",
    "FiPersonalIdentityCodeRecognizer",
    "ThTninRecognizer",
    "CaSinRecognizer",
    "UkNinoRecognizer",
    "SgFinRecognizer",
    "ZaIdNumberRecognizer",
    "DeIdCardRecognizer",
    "DeTaxIdRecognizer",
    "UkPassportRecognizer",
    "ItPassportRecognizer",
    "InPassportRecognizer",
    "KrPassportRecognizer",
    "DePassportRecognizer",
    "EsPassportRecognizer",
    "PhUmidRecognizer",
    "NgNinRecognizer",
    "UkPostcodeRecognizer",
    "DePlzRecognizer",
    "CaPostalCodeRecognizer",
]


def category(entity: str) -> str | None:
    for pattern, cat in _MAP:
        if pattern.search(entity):
            return cat
    return None


class PresidioBaseline:
    """Presidio's AnalyzerEngine wrapped to classify a column like ours does."""

    def __init__(self, model: str | None = None) -> None:
        import spacy
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer import predefined_recognizers as pr
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        _offline_tldextract()

        class BlankSpacyNlpEngine(SpacyNlpEngine):
            def load(self) -> None:
                # ``model``: an installed spaCy English pipeline package (then PERSON,
                # LOCATION, NRP and DATE_TIME come from its NER); blank by default.
                self.nlp = {"en": spacy.load(model) if model else spacy.blank("en")}

        engine = BlankSpacyNlpEngine()
        engine.load()
        registry = RecognizerRegistry()
        registry.load_predefined_recognizers(languages=["en"], nlp_engine=engine)
        loaded = {type(r).__name__ for r in registry.recognizers}
        for name in _COUNTRY_RECOGNIZERS:
            cls = getattr(pr, name, None)
            if cls is not None and name not in loaded:
                try:
                    registry.add_recognizer(cls(supported_language="en"))
                except Exception:  # noqa: BLE001 - a recognizer we cannot build is left out
                    continue
        self.analyzer = AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])

    def classify(self, name: str, values: Sequence[Any]) -> set[str]:
        texts = [_text(v) for v in values]
        texts = [t for t in texts if t]
        if not texts:
            return set()
        context = list(tokens(name))
        counts: dict[str, int] = {}
        for text in texts:
            found = set()
            for result in self.analyzer.analyze(text=text, language="en", context=context):
                cat = category(result.entity_type)
                if cat and result.score >= SCORE_THRESHOLD:
                    found.add(cat)
            for cat in found:
                counts[cat] = counts.get(cat, 0) + 1
        return {cat for cat, n in counts.items() if n >= COLUMN_SHARE * len(texts)}


def _offline_tldextract() -> None:
    """Presidio's e-mail and URL recognizers call tldextract, which would try to download the
    public suffix list: point it at its bundled snapshot instead (no network here)."""
    try:
        import tldextract
        import tldextract.tldextract as module
    except ImportError:
        return
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _text(value: Any) -> str:
    if value is None or isinstance(value, (bytes, bytearray)):
        return ""
    return str(value).strip()[:2000]


def load(model: str | None = None) -> PresidioBaseline | None:
    """The baseline, or None when presidio-analyzer/spaCy are not installed."""
    try:
        return PresidioBaseline(model)
    except ImportError:
        return None
