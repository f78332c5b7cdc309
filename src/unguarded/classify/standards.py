"""Records that follow a health data standard are judged by their structure first.

An HL7 FHIR resource says what each element holds (and an HL7 v2 message what each
field of its segments holds, :mod:`.hl7v2`): ``Patient.birthDate`` is a birth
date whatever it looks like, ``telecom[].value`` is a phone or an e-mail according to
its sibling ``system``, ``identifier[].value`` is a national ID when its
``type.coding[].code`` is ``SS`` (or its ``system`` is a national-ID namespace), and the
``code`` of a ``Condition`` is a diagnosis whether it is a SNOMED CT id, an ICD code or
free text. Guessing from values gets such data wrong both ways: ``12345`` medical record
numbers, three-digit CVX codes and ``Body weight`` look like nothing, while ``name[].use``
(``official``) sits next to a name hint and ``coding[].system`` URLs next to a diagnosis.

:func:`structure` recognises FHIR resources (a ``resourceType`` among the types below)
and returns, per field path, the categories the standard gives it: a non-empty tuple is
reported as such, an empty tuple means "standard metadata, report nothing", and a path
it does not list is left to the value detectors. Mixed fields are judged per value
kind: each value is assigned by its own sibling discriminator, so an identifier list with
a national ID among medical record numbers yields ``national_id`` with the national IDs'
share as prevalence. Nothing here keeps a value beyond the masked examples.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import FieldFinding
from . import hl7v2
from .flatten import leaf
from .mask import mask

PERSON_TYPES = frozenset({"Patient", "Practitioner", "RelatedPerson", "Person"})
CLINICAL_TYPES = frozenset(
    {
        "Condition", "Observation", "AllergyIntolerance", "Immunization", "MedicationRequest",
        "MedicationOrder", "MedicationStatement", "MedicationAdministration", "MedicationDispense",
        "Medication", "Procedure", "DiagnosticReport", "FamilyMemberHistory", "ClinicalImpression",
        "AdverseEvent", "ImmunizationRecommendation", "NutritionOrder", "Specimen", "Encounter",
        "EpisodeOfCare", "CarePlan", "Goal", "ServiceRequest", "ProcedureRequest", "DetectedIssue",
        "RiskAssessment", "QuestionnaireResponse", "Claim", "ExplanationOfBenefit", "Appointment",
    }
)  # fmt: skip
FHIR_TYPES = PERSON_TYPES | CLINICAL_TYPES | {"Organization", "Location", "PractitionerRole", "Bundle"}

# Elements (paths without ``[]``) of a person resource, and what they hold.
_PERSON: dict[str, str] = {
    "name.family": "person.name",
    "name.given": "person.name",
    "name.text": "person.name",
    "contact.name.family": "person.name",
    "contact.name.given": "person.name",
    "contact.name.text": "person.name",
    "gender": "person.gender",
    "contact.gender": "person.gender",
    "birthDate": "person.birth_date",
    "_birthDate.extension.valueDateTime": "person.birth_date",
    "address.line": "contact.postal_address",
    "address.text": "contact.postal_address",
    "address.postalCode": "contact.postal_address",
    "contact.address.line": "contact.postal_address",
    "contact.address.text": "contact.postal_address",
    "contact.address.postalCode": "contact.postal_address",
    "photo.data": "biometric.face_image",
}
# CodeableConcept (or text) elements of a clinical resource that hold health data: a
# diagnosis, a measured value, a substance, a vaccine, a drug, a reason for care.
_CLINICAL_ELEMENTS = (
    "code", "valueQuantity.value", "valueCodeableConcept", "valueString", "valueInteger",
    "valueBoolean", "component.code", "component.valueQuantity.value", "component.valueCodeableConcept",
    "component.valueString", "reaction.manifestation", "reaction.substance", "reaction.description",
    "substance", "vaccineCode", "reasonCode", "reasonCodeableConcept", "reasonReference.display",
    "explanation.reason", "medicationCodeableConcept", "medicationReference.display", "contained.code",
    "dosageInstruction.text", "conclusion", "conclusionCode", "diagnosis.condition.display",
    "diagnosis.diagnosisCodeableConcept", "condition.code", "indication",
)  # fmt: skip
_CODE_PARTS = ("coding.code", "coding.display", "text", "")
_HEALTH_CODES = frozenset(f"{e}.{p}".rstrip(".") for e in _CLINICAL_ELEMENTS for p in _CODE_PARTS)
# Last components that are the standard's own metadata, never a person's data.
_METADATA = frozenset(
    {
        "resourceType", "id", "system", "use", "url", "reference", "status", "rank", "version",
        "userSelected", "contentType", "intent", "priority", "language", "div", "type", "fullUrl",
        "versionId", "lastUpdated", "profile", "mode", "unit", "comparator", "sequence",
    }
)  # fmt: skip
_PEOPLE_REFERENCES = ("Patient/", "Practitioner/", "RelatedPerson/", "Person/")
TELECOM_KINDS = {"phone": "contact.phone", "fax": "contact.phone", "sms": "contact.phone", "email": "contact.email"}
# identifier.type.coding.code (HL7 v2 table 0203) and identifier.system namespaces.
IDENTIFIER_TYPES = {
    "SS": "national_id", "SB": "national_id", "NI": "national_id", "NNNLD": "national_id",
    "NH": "national_id", "PPN": "passport", "DL": "national_id", "CZ": "national_id",
}  # fmt: skip
IDENTIFIER_SYSTEMS = {
    "http://hl7.org/fhir/sid/us-ssn": "national_id",
    "urn:oid:2.16.840.1.113883.4.1": "national_id",  # US SSN
    "urn:oid:2.16.840.1.113883.2.4.6.3": "national_id",  # NL BSN
    "http://fhir.nl/fhir/NamingSystem/bsn": "national_id",
    "urn:oid:1.2.250.1.213.1.4.8": "national_id",  # FR NIR
    "https://fhir.kbv.de/NamingSystem/KBV_NS_Base_GKV_KVID-10": "national_id",
    "http://hl7.org/fhir/sid/passport-USA": "passport",
}
# US Core and FHIR core extensions that carry special categories, by URL.
EXTENSIONS = {
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race": "special.ethnicity",
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity": "special.ethnicity",
    "http://hl7.org/fhir/StructureDefinition/patient-religion": "special.religion",
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex": "person.gender",
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-genderIdentity": "person.gender",
    "http://hl7.org/fhir/StructureDefinition/patient-sexualOrientation": "special.sexual_orientation",
    "http://hl7.org/fhir/StructureDefinition/patient-disability": "special.health",
    "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName": "person.name",
}
MAX_EXAMPLES = 2


@dataclass
class _Field:
    """Values of one path assigned to categories by the structure (one value may get none)."""

    total: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    raw: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, category: str | None, value: Any) -> None:
        self.total += 1
        if category is None:
            return
        self.hits[category] += 1
        examples = self.raw.setdefault(category, [])
        if len(examples) < MAX_EXAMPLES and value not in examples:
            examples.append(value)


@dataclass
class Structure:
    """What a standard says about a dataset's paths (see the module docstring)."""

    standard: str
    known: dict[str, tuple[str, ...]]
    assigned: dict[str, _Field]

    def finding(self, path: str) -> FieldFinding | None:
        """The finding for a path the standard names, or None when it holds nothing personal."""
        got = self.assigned.get(path)
        if got is None or not got.hits:
            return None
        categories = tuple(c for c, _ in got.hits.most_common())
        # A measurement keeps nothing of its value (mask_number would show its whole part).
        examples = [
            "<number>" if isinstance(v, (int, float)) else mask(v, c) for c in categories for v in got.raw.get(c, ())
        ]
        prevalence = max(got.hits.values()) / got.total if got.total else None
        return FieldFinding(
            path=path,
            categories=categories,
            prevalence=round(min(prevalence, 1.0), 3) if prevalence is not None else None,
            examples=tuple(dict.fromkeys(examples))[: MAX_EXAMPLES * len(categories)],
        )


def _bare(path: str) -> str:
    return path.replace("[]", "")


def _walk(value: Any, path: str, depth: int = 0) -> Iterator[tuple[str, Any, Any]]:
    """``(path, leaf, parent object)`` for every scalar leaf; the parent gives sibling discriminators."""
    if depth > 10:
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            if isinstance(item, (Mapping, list)):
                yield from _walk(item, sub, depth + 1)
            else:
                yield sub, item, value
    elif isinstance(value, list):
        for item in value[:50]:
            if isinstance(item, (Mapping, list)):
                yield from _walk(item, f"{path}[]", depth + 1)
            else:
                yield f"{path}[]", item, None


def _identifier_kind(entry: Mapping[str, Any]) -> str | None:
    coding = entry.get("type", {}).get("coding", []) if isinstance(entry.get("type"), Mapping) else []
    for c in coding if isinstance(coding, list) else []:
        if isinstance(c, Mapping) and c.get("code") in IDENTIFIER_TYPES:
            return IDENTIFIER_TYPES[c["code"]]
    system = entry.get("system")
    return IDENTIFIER_SYSTEMS.get(system) if isinstance(system, str) else None


def _fhir_category(rtype: str, path: str, parent: Any, ext_url: str | None) -> str | None | bool:
    """Category of one FHIR leaf: a category, None (metadata: nothing), or False (not known)."""
    bare = _bare(path)
    last = bare.rsplit(".", 1)[-1]
    if ext_url is not None:  # inside an extension that EXTENSIONS names
        if last.startswith("value") or last in ("display", "text", "code"):
            return EXTENSIONS[ext_url]
        return None
    if bare.endswith("telecom.value"):
        if isinstance(parent, Mapping):
            return TELECOM_KINDS.get(str(parent.get("system", "")))
        return None
    if bare == "identifier.value" or bare.endswith(".identifier.value"):
        return _identifier_kind(parent) if isinstance(parent, Mapping) else None
    reference = parent.get("reference") if isinstance(parent, Mapping) else None
    if last == "display" and isinstance(reference, str) and reference.startswith(_PEOPLE_REFERENCES):
        return "person.name"
    if rtype in PERSON_TYPES and bare in _PERSON:
        return _PERSON[bare]
    if rtype in CLINICAL_TYPES and bare in _HEALTH_CODES:
        return "special.health"
    if last == "display" and isinstance(reference, str):
        return None  # the display of a reference to an organisation, an encounter, a location
    if last in _METADATA or bare.endswith(("coding.code", "coding.display", "coding.system")):
        return None
    return False


def _extension_urls(record: Mapping[str, Any]) -> dict[int, str]:
    """``id(extension object) -> URL`` for the extensions EXTENSIONS names, nested ones included."""
    found: dict[int, str] = {}

    def visit(obj: Any, url: str | None, depth: int) -> None:
        if depth > 10:
            return
        if isinstance(obj, Mapping):
            own = obj.get("url")
            here = own if isinstance(own, str) and own in EXTENSIONS else url
            if here is not None:
                found[id(obj)] = here
            for item in obj.values():
                if isinstance(item, (Mapping, list)):
                    visit(item, here, depth + 1)
        elif isinstance(obj, list):
            for item in obj[:50]:
                visit(item, url, depth + 1)

    visit(record, None, 0)
    return found


# HL7 v2: (segment, field number) -> category. Person fields of PID and NK1, the people
# named in PV1, OBR and ORC (XCN: id, family, given), and the clinical fields of DG1, OBX,
# OBR, AL1, PR1 and the pharmacy segments.
_V2_FIELDS: dict[tuple[str, int], str] = {
    **{("PID", n): "person.name" for n in (5, 6, 9)},
    ("PID", 7): "person.birth_date",
    ("PID", 8): "person.gender",
    ("PID", 10): "special.ethnicity",
    ("PID", 22): "special.ethnicity",
    ("PID", 11): "contact.postal_address",
    ("PID", 17): "special.religion",
    ("PID", 19): "national_id",
    ("PID", 20): "national_id",
    ("NK1", 2): "person.name",
    ("NK1", 4): "contact.postal_address",
    ("NK1", 15): "person.gender",
    ("NK1", 16): "person.birth_date",
    **{("PV1", n): "person.name" for n in (7, 8, 9, 17)},
    **{("OBR", n): "person.name" for n in (16, 28, 32, 34)},
    **{("ORC", n): "person.name" for n in (10, 11, 12)},
    **{(seg, n): "special.health" for seg, n in (("DG1", 3), ("DG1", 4), ("OBX", 3), ("OBX", 5), ("OBR", 4),
                                                  ("AL1", 3), ("AL1", 5), ("PR1", 3), ("PR1", 4), ("RXE", 2),
                                                  ("RXO", 1), ("RXA", 5))},
}  # fmt: skip
_V2_TELECOM = {("PID", 13), ("PID", 14), ("NK1", 5), ("NK1", 6)}
_V2_IDENTIFIERS = {("PID", 2), ("PID", 3), ("PID", 4)}
# Segments whose other fields are message metadata (control ids, codes, timestamps).
_V2_KNOWN_SEGMENTS = frozenset(
    {"MSH", "BHS", "BTS", "FHS", "FTS", "EVN", "PID", "PD1", "NK1", "PV1", "PV2", "OBR", "OBX", "DG1", "AL1",
     "PR1", "ORC", "RXE", "RXO", "RXA", "MSA", "ERR"}
)  # fmt: skip


def _v2_category(segment: str, number: int, components: list[str]) -> str | None | bool:
    """Category of one repetition of an HL7 v2 field, None for metadata, False if unknown."""
    key = (segment, number)
    if key in _V2_FIELDS:
        return _V2_FIELDS[key]
    if key in _V2_TELECOM:  # XTN: number, use, equipment type, e-mail address
        email = len(components) > 3 and "@" in components[3]
        return "contact.email" if email or (len(components) > 2 and components[2] == "Internet") else "contact.phone"
    if key in _V2_IDENTIFIERS:  # CX: id, check digit, scheme, authority, identifier type code
        return IDENTIFIER_TYPES.get(components[4]) if len(components) > 4 else None
    return None if segment in _V2_KNOWN_SEGMENTS else False


def _v2_assign(path: str, text: str, known: dict[str, tuple[str, ...]], assigned: dict[str, _Field]) -> None:
    for segment, fields in hl7v2.parse(text):
        for number, reps in fields.items():
            field_path = f"{path}.{segment}[].{number}[]"
            for components in reps:
                category = _v2_category(segment, number, components)
                value = leaf(hl7v2.text_of(components))
                if category is False or value is None:
                    continue
                known.setdefault(field_path, ())
                assigned.setdefault(field_path, _Field()).add(category if isinstance(category, str) else None, value)


def is_fhir(records: Sequence[Any]) -> bool:
    """Most records are FHIR resources of a type listed here."""
    hits = sum(1 for r in records[:50] if isinstance(r, Mapping) and r.get("resourceType") in FHIR_TYPES)
    return bool(records) and hits >= 0.8 * min(len(records), 50)


def structure(records: Sequence[Any], *, v2: bool = True) -> Structure | None:
    """The standard's verdict on each path of a dataset, or None when no standard is recognised.

    ``v2=False`` skips looking for HL7 v2 messages (the caller saw no ``MSH[]`` path).
    """
    known: dict[str, tuple[str, ...]] = {}
    assigned: dict[str, _Field] = {}
    if not is_fhir(records):
        if not v2:
            return None
        for record in records:
            if isinstance(record, Mapping):
                for path, raw, _parent in _walk(record, ""):
                    if isinstance(raw, str) and hl7v2.is_message(raw.strip()):
                        _v2_assign(path, raw.strip(), known, assigned)
        if not known:
            return None
        for path, got in assigned.items():
            known[path] = tuple(got.hits)
        return Structure("hl7v2", known, assigned)
    for record in records:
        if not isinstance(record, Mapping):
            continue
        rtype = str(record.get("resourceType", ""))
        urls = _extension_urls(record)
        for path, raw, parent in _walk(record, ""):
            value = leaf(raw)
            if value is None:
                continue
            category = _fhir_category(rtype, path, parent, urls.get(id(parent)) if parent is not None else None)
            if category is False:
                continue
            known.setdefault(path, ())
            assigned.setdefault(path, _Field()).add(category if isinstance(category, str) else None, value)
    for path, got in assigned.items():
        known[path] = tuple(got.hits)
    return Structure("fhir", known, assigned)
