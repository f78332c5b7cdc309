"""Employer or workplace: company-like text in a field named like an employer or company.

Values cannot be validated (any word can be a company), so the field name carries the
evidence; a weak hint (``company``) is enough because the column is then read alongside
the rest of the record by the dataset patterns.
"""

from __future__ import annotations

from .base import Concept, Detector, Shape, Strength, words

EMPLOYER_HINT = Concept(
    "employer",
    strong=words("employer workplace arbeitgeber employeur empleador empregador gongzuodanwei danwei"),
    weak=words("company companyname organisation organization organisationname firm firma empresa entreprise"),
    cjk_strong=("工作单位", "单位"),
    cjk_weak=("公司",),
)


class Employer(Detector):
    id = "employer"
    category = "person.employer"
    description = "text in a field named employer, workplace, company, 工作单位"
    strength = Strength.WEAK
    hint = EMPLOYER_HINT
    needs_hint = 1
    shapes = Shape.ALNUM | Shape.TEXT | Shape.TOKEN | Shape.UNICODE
    min_len = 2
    max_len = 120

    def match(self, value: str) -> str | None:
        if "@" in value or not any(c.isalpha() for c in value[:24]):
            return None
        return self.category
