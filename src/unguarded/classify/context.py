"""Judge the dataset, then its columns: a clinical table makes its coded measures health data.

A trial's or a registry's table is mostly bare numbers and 0/1 codes under terse names
(``karnof``, ``cd420``, ``tgrade``, ``horTh``, ``z30``): no column alone says "health",
and a value detector has nothing to validate. The table as a whole does: its name names
a disease or an organ (``lung``, ``actg175``, ``breast_cancer``), or several of its column
names are the vocabulary of clinical studies (censoring, survival, treatment arm,
Karnofsky score, tumour grade), or one of its fields already holds health data.

In such a dataset, every remaining column that is a number or a small code set is a
clinical measure (``special.health``) unless its name says it is something else: a key
(``id``, ``inst``), a demographic (``age``, ``year``), a date or a follow-up time. A coded
column named after a race (``black_male``) is ethnicity and one named after sexual
behaviour (``homo``) sexual orientation. Outside a clinical dataset none of this applies,
so a shop's ``weight``, a league's ``score`` and a sensor's ``reading`` stay clean.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..models import FieldFinding
from .detectors.base import words
from .detectors.health import CONDITIONS
from .fieldnames import tokens
from .mask import mask

# Dataset-name words: organs, diseases, clinical settings (the condition vocabulary too).
CLINICAL_DATASET_WORDS = words(
    "clinical clinic patient patients trial trials cohort ehr emr encounter encounters diagnoses "
    "diagnosis admissions admission hospital icu ward lab labs vitals oncology cardiology "
    "lung larynx heart kidney liver breast prostate colon rectal ovarian cervical pancreatic "
    "cancer tumour tumor lymph lymphoma leukemia leukaemia myeloma hiv aids diabetes "
    "transplant stroke dialysis sepsis covid tb tuberculosis hepatitis melanoma glioma"
)
# Column-name words of clinical studies; two of them make a dataset clinical. Words that
# shops and leagues use too (grade, stage, dose, arm, score) are not among them.
CLINICAL_COLUMN_WORDS = words(
    "cens censor censored censoring death died survival surv survtime karno karnof karnofsky "
    "ecog treat treatment therapy chemo chemotherapy radiotherapy tumour tumor tgrade tsize "
    "transplant surgery menopause menostat hormone receptor diagnosis dx symptom symptoms relapse "
    "remission cd4 cd8 metastasis recurrence"
)
# Names that say a column is not a clinical measure even in a clinical dataset.
NOT_MEASURE_WORDS = words(
    "id ids pid pidnum uid key no inst institution site centre center hospital study row index record "
    "age ageyears year years yr sample date time days day weeks week months month futime start stop "
    "name country region city zip postcode observed sequence seq"
)
RACE_WORDS = words("black white asian hispanic latino latina caucasian nonwhite")
ORIENTATION_WORDS = words("homo homosexual msm gay lesbian bisexual")
MAX_CODES = 12
MIN_COLUMN_SIGNALS = 2


def _condition_words() -> frozenset[str]:
    return frozenset(w for phrase in CONDITIONS for w in phrase.split() if len(w) > 3)


_CONDITION_WORDS = _condition_words()


def clinical_dataset(dataset: str, paths: Iterable[str], findings: Sequence[FieldFinding]) -> bool:
    """The dataset as a whole holds clinical records (see the module docstring)."""
    if any(c.startswith("special.health") for f in findings for c in f.categories):
        return True
    name = set(tokens(dataset))
    if name & CLINICAL_DATASET_WORDS or name & _CONDITION_WORDS:
        return True
    signals = sum(1 for p in paths if set(tokens(p)) & CLINICAL_COLUMN_WORDS)
    return signals >= MIN_COLUMN_SIGNALS


def _coded_or_numeric(values: Sequence[Any]) -> bool:
    present = [v for v in values if v is not None]
    if not present:
        return False
    if all(isinstance(v, (int, float)) for v in present):
        return True
    distinct = set(present)
    return len(distinct) <= MAX_CODES and all(isinstance(v, (str, int, float)) and len(str(v)) <= 24 for v in distinct)


def coded_measure(path: str, values: Sequence[Any]) -> FieldFinding | None:
    """In a clinical dataset: the finding for a number or code-set column, or None."""
    toks = set(tokens(path))
    if not toks or toks & NOT_MEASURE_WORDS or not _coded_or_numeric(values):
        return None
    if toks & RACE_WORDS:
        category = "special.ethnicity"
    elif toks & ORIENTATION_WORDS:
        category = "special.sexual_orientation"
    else:
        category = "special.health"
    present = [v for v in values if v is not None]
    examples = tuple(dict.fromkeys("<number>" if isinstance(v, (int, float)) else mask(v, category) for v in present))
    return FieldFinding(path=path, categories=(category,), prevalence=1.0, examples=examples[:2])
