"""Health data as clinical systems store it: code systems, clinical measures, coded answers.

Three routes to ``special.health`` beside the vocabulary of :mod:`.health`:

* **Code formats that validate themselves** (no field name needed, most of a column must
  validate): SNOMED CT concept ids (partition identifier and Verhoeff check digit), LOINC
  codes (``4548-4``, mod-10 check digit), ATC codes (``N02BE01``), and descriptions that
  end in a SNOMED semantic tag (``Essential hypertension (disorder)``).
* **Codes in a field named like a code of a clinical system** (``icd10``, ``dx_code``,
  ``snomed``, ``loinc``, ``ndc``, ``rxcui``, ``cvx``, OMOP ``condition_concept_id``):
  any of the formats above, ICD-10 and ICD-9-CM shapes, NDC product codes, or bare
  numbers (RxNorm, CVX and OMOP ids validate nothing of their own).
* **Clinical measures** (``cd4_count``, ``hba1c``, ``bmi``, ``blood_pressure``,
  ``karnofsky``, ``tumour_grade``, ``viral_load``, ``er_status``...): a number, a reading
  such as ``120/80`` or a short result (``positive``, ``O+``) in a field so named. Bare
  words that are measures only in a clinical dataset (``weight``, ``stage``, ``score``,
  ``outcome``) are weak: the dataset (its name, or a health field beside them) makes
  them strong, so a shop's ``weight`` or a league's ``score`` stays clean.
"""

from __future__ import annotations

import re
from typing import Any

from ..validators import loinc_ok, snomed_ok
from .base import Concept, Detector, Kind, Shape, Strength, phrase_key, words

_ATC = re.compile(r"^[ABCDGHJLMNPRSV]\d{2}[A-Z]{2}\d{2}$")
_LOINC = re.compile(r"^\d{1,5}-\d$")
_ICD10 = re.compile(r"^[A-TV-Z]\d[0-9AB](?:\.?[0-9A-TV-Z]{1,4})?$")
_ICD9 = re.compile(r"^(?:\d{3}(?:\.\d{1,2})?|V\d{2}(?:\.\d{1,2})?|E\d{3}(?:\.\d)?)$")
_NDC = re.compile(r"^(?:\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2}|\d{11})$")
_SEMANTIC_TAG = re.compile(
    r"\((?:disorder|finding|procedure|substance|product|medicinal product|clinical drug|situation|"
    r"morphologic abnormality|observable entity|regime/therapy|event|body structure|organism)\)$"
)

CLINICAL_CODE_HINT = Concept(
    "clinical_code",
    strong=words(
        "icd icd9 icd10 icd9cm icd10cm icdo icdcode icdcodes dx dxcode dxcodes diagcode diagnosiscode "
        "diagnosiscodes diagnosecode diagnosecodes snomed snomedct snomedcode sctid loinc loinccode ndc "
        "ndccode atc atccode rxnorm rxcui cvx cvxcode vaccinecode procedurecode procedurecodes proccode "
        "cpt cptcode hcpcs opcs drugcode medicationcode conditioncode conditionconceptid "
        "conditionsourceconceptid drugconceptid drugsourceconceptid procedureconceptid "
        "procedursourceconceptid measurementconceptid observationconceptid conditionsourcevalue "
        "drugsourcevalue proceduresourcevalue icdkode codeicd codecim cim10 codigoicd cie10"
    ),
    cjk_strong=("诊断编码", "疾病编码", "诊断代码", "疾病代码", "药品编码"),
)

MEASURE_HINT = Concept(
    "clinical_measure",
    strong=words(
        "cd4 cd4count cd4cells cd8 hba1c a1c glycatedhemoglobin bmi bodymassindex bloodpressure bp "
        "systolic diastolic sbp dbp systolicbp diastolicbp karnofsky kps ecog tumourgrade tumorgrade "
        "histologicalgrade gleason gleasonscore tnm tumourstage tumorstage cancerstage viralload "
        "hivviralload vl erstatus prstatus her2 her2status hormonereceptor hormonereceptorstatus "
        "estrogenreceptor progesteronereceptor ldl hdl cholesterol triglycerides glucose bloodglucose "
        "bloodsugar fastingglucose creatinine egfr hemoglobin haemoglobin hgb psa tsh inr alt ast "
        "heartrate spo2 oxygensaturation respiratoryrate bloodgroup bloodtype abo rhesus apgar "
        "gcs glasgowcomascale nihss mmse phq9 gad7 fev1 cd4percent "
        "blutdruck blutzucker blutgruppe hba1cwert tensionarterielle glycemie groupesanguin "
        "chargevirale presionarterial glucemia gruposanguineo cargaviral pressaoarterial "
        "tipoganguineo xueya xuetang xuexing"
    ),
    weak=words(
        "weight height temperature temp pulse stage grade score outcome response arm dose dosage "
        "relapse recurrence survival smoker smoking alcohol result results value status "
        "gewicht poids peso"
    ),
    cjk_strong=("血压", "血糖", "血型", "病毒载量", "糖化血红蛋白", "体重指数"),
    weak_promoted_by=words(
        "clinical patient patients diagnosis diagnoses encounter encounters visit visits admission "
        "admissions hospital ward lab labs vitals vital observation observations cohort trial trials "
        "subjects participants enrolment enrollment ehr emr clinic medical"
    ),
)

_RESULTS = frozenset(
    phrase_key(w)
    for w in (
        "positive negative pos neg + - ++ +++ high low normal abnormal detected undetected "
        "not detected undetectable reactive nonreactive non-reactive indeterminate equivocal "
        "a+ a- b+ b- ab+ ab- o+ o- 0+ 0- a b ab o rh+ rh- yes no y n"
    ).split()
)


class ClinicalCodeFormat(Detector):
    id = "clinical.code_format"
    category = "special.health"
    description = "SNOMED CT ids (Verhoeff), LOINC codes (mod 10), ATC codes, SNOMED semantic tags"
    checksum = True
    strength = Strength.MEDIUM
    hint = CLINICAL_CODE_HINT
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TOKEN | Shape.TEXT | Shape.UNICODE
    min_len = 3
    max_len = 200

    def match(self, value: str) -> str | None:
        c = value[0]
        if c.isdigit():
            if value.isdigit():
                return self.category if snomed_ok(value) else None
            return self.category if _LOINC.match(value) and loinc_ok(value) else None
        if len(value) == 7 and _ATC.match(value):
            return self.category
        if value[-1] == ")" and _SEMANTIC_TAG.search(value):
            return self.category
        return None


class ClinicalCodeByName(Detector):
    id = "clinical.code_named"
    category = "special.health"
    description = "ICD-10/ICD-9-CM, SNOMED, LOINC, NDC, ATC codes or bare code numbers in a clinical-code field"
    strength = Strength.WEAK
    hint = CLINICAL_CODE_HINT
    needs_hint = 2
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TOKEN
    max_len = 18

    def match(self, value: str) -> str | None:
        if value.isdigit():
            return self.category if len(value) <= 11 or snomed_ok(value) else None
        if _ICD10.match(value) or _ICD9.match(value) or _NDC.match(value) or _ATC.match(value):
            return self.category
        return self.category if _LOINC.match(value) and loinc_ok(value) else None


_READING = re.compile(
    r"^[<>]?=?\s?\d{1,5}(?:[.,]\d{1,3})?(?:\s?/\s?\d{1,3})?\s?(?:%|[a-zA-Zµ/]{1,8}(?:/[a-zA-Z]{1,4})?)?$"
)
_GRADE = re.compile(r"^(?:grade|stage|g|t|n|m|gx|tx|nx|mx)?\s?[0-4ivx]{1,4}[a-c]?\+?$", re.IGNORECASE)


class ClinicalMeasure(Detector):
    id = "clinical.measure"
    category = "special.health"
    description = "numbers, readings (120/80, 7.2 %) and short results in a field named like a clinical measure"
    strength = Strength.WEAK
    hint = MEASURE_HINT
    needs_hint = 2
    kinds = Kind.TEXT | Kind.NUMBER
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TOKEN | Shape.TEXT | Shape.UNICODE
    max_len = 24

    def match(self, value: Any) -> str | None:
        if isinstance(value, (int, float)):
            return self.category
        if _READING.match(value) or _GRADE.match(value) or phrase_key(value) in _RESULTS:
            return self.category
        return None
