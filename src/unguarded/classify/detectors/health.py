"""Health data (GDPR Art. 9): ICD-10 codes, diagnoses and common medications.

Dotted ICD-10 codes (``E11.9``) and condition/drug vocabulary stand on their own when most
of a column matches; bare three-character codes (``J45``) look like too many other codes
and count only in a field named like a diagnosis.
"""

from __future__ import annotations

import re

from .base import Concept, Shape, Strength, VocabularyDetector, word_list, words

_ICD10_DOTTED = re.compile(r"^[A-TV-Z]\d[0-9AB]\.[0-9A-TV-Z]{1,4}$")
_ICD10_BARE = re.compile(r"^[A-TV-Z]\d[0-9AB][0-9A-TV-Z]{0,4}$")

CONDITIONS = frozenset(
    [
        "diabetes",
        "type-1-diabetes",
        "type-2-diabetes",
        "hypertension",
        "asthma",
        "copd",
        "depression",
        "anxiety",
        "bipolar",
        "schizophrenia",
        "adhd",
        "autism",
        "epilepsy",
        "dementia",
        "alzheimer's",
        "alzheimers",
        "parkinson's",
        "parkinsons",
        "cancer",
        "leukemia",
        "lymphoma",
        "melanoma",
        "tumor",
        "tumour",
        "hiv",
        "aids",
        "hepatitis",
        "hepatitis-b",
        "hepatitis-c",
        "tuberculosis",
        "covid-19",
        "covid",
        "influenza",
        "pneumonia",
        "bronchitis",
        "arthritis",
        "osteoarthritis",
        "rheumatoid-arthritis",
        "osteoporosis",
        "obesity",
        "anorexia",
        "bulimia",
        "stroke",
        "migraine",
        "psoriasis",
        "eczema",
        "lupus",
        "celiac",
        "coeliac",
        "crohn's",
        "crohns",
        "ibs",
        "ulcer",
        "gout",
        "hypothyroidism",
        "hyperthyroidism",
        "anemia",
        "anaemia",
        "sickle-cell",
        "multiple-sclerosis",
        "heart-disease",
        "coronary-artery-disease",
        "heart-failure",
        "arrhythmia",
        "atrial-fibrillation",
        "kidney-disease",
        "chronic-kidney-disease",
        "cirrhosis",
        "infertility",
        "pregnancy",
        "pregnant",
        "miscarriage",
        "abortion",
        "std",
        "syphilis",
        "gonorrhea",
        "chlamydia",
        "herpes",
        "hpv",
        "substance-abuse",
        "alcoholism",
        "addiction",
        "ptsd",
        "ocd",
        "insomnia",
        "allergy",
        "peanut-allergy",
        "penicillin-allergy",
        "disability",
        "blind",
        "deaf",
        "wheelchair",
        "insulin",
        "metformin",
        "lisinopril",
        "atorvastatin",
        "simvastatin",
        "amlodipine",
        "metoprolol",
        "omeprazole",
        "levothyroxine",
        "albuterol",
        "salbutamol",
        "sertraline",
        "fluoxetine",
        "citalopram",
        "escitalopram",
        "paroxetine",
        "venlafaxine",
        "bupropion",
        "lithium",
        "quetiapine",
        "olanzapine",
        "risperidone",
        "aripiprazole",
        "methylphenidate",
        "adderall",
        "gabapentin",
        "pregabalin",
        "tramadol",
        "oxycodone",
        "morphine",
        "methadone",
        "buprenorphine",
        "warfarin",
        "clopidogrel",
        "prednisone",
        "ibuprofen",
        "paracetamol",
        "acetaminophen",
        "aspirin",
        "amoxicillin",
        "azithromycin",
        "truvada",
        "prep",
        "antiretroviral",
        "chemotherapy",
        "dialysis",
        "diabète",
        "hypertension",
        "asthme",
        "dépression",
        "depression",
        "cancer",
        "diabetes",
        "hipertensión",
        "hipertension",
        "asma",
        "depresión",
        "depresion",
        "zuckerkrankheit",
        "bluthochdruck",
        "krebs",
        "糖尿病",
        "高血压",
        "哮喘",
        "抑郁症",
        "癌症",
        "艾滋病",
        "乙肝",
        "肺结核",
        "心脏病",
        "精神分裂症",
    ]
) | frozenset(
    [
        "type 1 diabetes",
        "type 2 diabetes",
        "heart disease",
        "kidney disease",
        "multiple sclerosis",
        "rheumatoid arthritis",
        "sickle cell",
        "substance abuse",
        "peanut allergy",
        "penicillin allergy",
        "coronary artery disease",
        "heart failure",
        "atrial fibrillation",
        "chronic kidney disease",
        "major depressive disorder",
        "generalized anxiety disorder",
        "hiv positive",
        "high blood pressure",
    ]
)


HEALTH_HINT = Concept(
    "health",
    strong=words(
        "diagnosis diagnoses diagnose icd icd10 icdcode disease diseases illness "
        "medication medications medicine drug drugs prescription treatment allergy allergies "
        "disability symptom symptoms bloodtype hiv pregnancy krankheit medikament "
        "maladie medicament enfermedad medicamento diagnostico jibing zhenduan bingshi"
    ),
    weak=words("condition conditions health medical"),
    cjk_strong=("诊断", "疾病", "病史", "病情", "药品", "过敏", "残疾", "病历"),
    cjk_weak=("健康",),
)


# About 8,700 condition names from ICD-10-CM (public domain; see the file's header).
ICD10CM_CONDITIONS = word_list("icd10cm_conditions.txt")


class Health(VocabularyDetector):
    id = "health"
    category = "special.health"
    description = "dotted ICD-10 codes, diagnoses (ICD-10-CM titles) and medications (EN, DE, FR, ES, ZH)"
    strength = Strength.MEDIUM
    hint = HEALTH_HINT
    vocabulary = CONDITIONS | ICD10CM_CONDITIONS
    max_len = 120

    def match(self, value: str) -> str | None:
        if _ICD10_DOTTED.match(value):
            return self.category
        return super().match(value)


class IcdCodeByName(VocabularyDetector):
    id = "health.icd_named"
    category = "special.health"
    description = "ICD-10 code without a dot in a field named like a diagnosis"
    strength = Strength.MEDIUM
    hint = HEALTH_HINT
    needs_hint = 1
    vocabulary = frozenset()
    shapes = Shape.ALNUM | Shape.TOKEN
    max_len = 8

    def match(self, value: str) -> str | None:
        return self.category if _ICD10_BARE.match(value) or _ICD10_DOTTED.match(value) else None
